//! What each chart of an indicator draws, in the page's language: the figures over the
//! years, the prefectures compared for one year, and a place's own figures against its
//! parent's. Each builder returns `None` where a chart would not help (one figure is a card).

use super::compare::{comparison, scope_class, Comparison};
use super::{fill, period_words, place_label, t};
use crate::model::{Better, Indicator, Lang, Months, Observation, Scale, Site};
use crate::render::charts::{self, ChartKind, ChartSpec, ChartWords, ClassScale, Series};
use crate::render::numbers;
use std::collections::BTreeMap;

/// The drawings of an indicator's page, and of a place's own figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ChartSize {
    /// The indicator page on a wide screen.
    Wide,
    /// The indicator page on a phone: fewer pixels, the same text size.
    Narrow,
    /// A place's own figures on its page.
    Small,
}

impl ChartSize {
    /// The width a chart is drawn at: the narrowest the pages show it (style.css), so that
    /// its text is never shrunk on screen. Wide: the content column at a 641 px window, the
    /// narrowest that gets it (`.chart img` also keeps it from growing past 1.25 times).
    /// Narrow: a 360 px phone's column. Small: one column of the place pages' grid
    /// (`.small-charts`, at least 18rem with its padding).
    pub(super) fn width(self) -> u32 {
        match self {
            ChartSize::Wide => 580,
            ChartSize::Narrow => 300,
            ChartSize::Small => 260,
        }
    }
}

pub(super) fn is_change(ind: &Indicator) -> bool {
    ind.id.ends_with("-change")
}

/// The observations one chart draws: figures of one kind of period only, so a month is
/// never drawn beside a year. Whole-year figures when there are any, otherwise those of the
/// period most often given (the later one on a tie).
pub(super) fn one_period<'a>(observations: &[&'a Observation]) -> Vec<&'a Observation> {
    if observations.iter().any(|o| o.months.is_none()) {
        return observations
            .iter()
            .copied()
            .filter(|o| o.months.is_none())
            .collect();
    }
    let mut counts: BTreeMap<Option<Months>, usize> = BTreeMap::new();
    for o in observations {
        *counts.entry(o.months).or_default() += 1;
    }
    let chosen = counts
        .iter()
        .max_by_key(|(months, n)| (**n, **months))
        .map(|(months, _)| *months);
    observations
        .iter()
        .copied()
        .filter(|o| Some(o.months) == chosen)
        .collect()
}

/// One series per place and scope (never blurring an urban figure with a city one), named
/// by both.
fn series(site: &Site, lang: Lang, observations: &[&Observation]) -> Vec<Series> {
    let mut out: Vec<Series> = Vec::new();
    // Series by label, so that many observations take linear time however many series.
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for obs in observations {
        let label = place_label(site, lang, obs);
        match index.get(&label) {
            Some(&i) => out[i].points.push((obs.year, obs.value)),
            None => {
                index.insert(label.clone(), out.len());
                out.push(Series {
                    label,
                    points: vec![(obs.year, obs.value)],
                });
            }
        }
    }
    for s in &mut out {
        s.points.sort_by_key(|p| p.0);
        s.points.dedup_by_key(|p| p.0);
    }
    out
}

pub(super) fn place_name(site: &Site, lang: Lang, city: &str) -> String {
    site.city(city)
        .map_or_else(|| city.to_owned(), |c| c.name.get(lang).to_owned())
}

/// A figure with its unit: `36微克/立方米`, `Ⅳ类`, `-13.7%`, `3.982 million tonnes`.
pub(super) fn with_unit(site: &Site, lang: Lang, ind: &Indicator, v: f64) -> String {
    super::figure(site, lang, ind, v).to_string()
}

/// Puts a chart's figures in the unit its axis is drawn in (English multiplies out 万 and
/// 亿, see `numbers::axis_unit`); returns the factor applied.
fn in_axis_unit(spec: &mut ChartSpec, lang: Lang, ind: &Indicator) -> f64 {
    let largest = spec
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1.abs()))
        .chain(
            spec.standard
                .iter()
                .chain(&spec.reference)
                .map(|l| l.0.abs()),
        )
        .fold(0.0, f64::max);
    let (factor, unit) = numbers::axis_unit(lang, super::figure_unit(lang, ind), largest);
    if factor != 1.0 {
        spec.unit = unit;
        for s in &mut spec.series {
            for p in &mut s.points {
                p.1 *= factor;
            }
        }
        for line in spec.standard.iter_mut().chain(&mut spec.reference) {
            line.0 *= factor;
        }
    }
    factor
}

/// The main finding in words, for `<desc>`, alt text and the caption.
fn finding(site: &Site, lang: Lang, ind: &Indicator, kind: ChartKind, series: &[Series]) -> String {
    let sep = t(site, lang, "chart_list_separator");
    let value = |v: f64| with_unit(site, lang, ind, v);
    let parts: Vec<String> = series
        .iter()
        .flat_map(|s| match (kind, s.points.first(), s.points.last()) {
            (ChartKind::Line, Some(first), Some(last)) if s.points.len() > 1 => vec![fill(
                t(site, lang, "chart_from_to"),
                &[
                    ("place", &s.label),
                    ("from_year", &first.0.to_string()),
                    ("from", &value(first.1)),
                    ("to_year", &last.0.to_string()),
                    ("to", &value(last.1)),
                ],
            )],
            (ChartKind::Change | ChartKind::Classes, _, _) => s
                .points
                .iter()
                .map(|&(year, v)| {
                    let text = if kind == ChartKind::Change {
                        let sign = if v > 0.0 { "+" } else { "" };
                        let word = match ind.better.judge(v) {
                            Some(true) => "chart_better",
                            Some(false) => "chart_worse",
                            None if ind.better == Better::Neither => "",
                            None => "chart_same",
                        };
                        let verdict = if word.is_empty() {
                            String::new()
                        } else {
                            fill(t(site, lang, "bracketed"), &[("text", t(site, lang, word))])
                        };
                        format!("{sign}{}{verdict}", value(v))
                    } else {
                        value(v)
                    };
                    fill(
                        t(site, lang, "chart_single"),
                        &[
                            ("place", &s.label),
                            ("year", &year.to_string()),
                            ("value", &text),
                        ],
                    )
                })
                .collect(),
            (_, _, Some(&(year, v))) => vec![fill(
                t(site, lang, "chart_single"),
                &[
                    ("place", &s.label),
                    ("year", &year.to_string()),
                    ("value", &value(v)),
                ],
            )],
            _ => vec![],
        })
        .collect();
    format!(
        "{}{}{}",
        ind.name.get(lang),
        t(site, lang, "chart_colon"),
        parts.join(sep)
    )
}

fn words(site: &Site, lang: Lang) -> ChartWords {
    ChartWords {
        better: t(site, lang, "chart_better").to_owned(),
        worse: t(site, lang, "chart_worse").to_owned(),
        same: t(site, lang, "chart_same").to_owned(),
    }
}

/// The names of an ordinal scale's classes in the page's language.
pub(super) fn class_scale(site: &Site, lang: Lang, scale: Scale) -> Option<ClassScale> {
    let list =
        |key: &str| -> Vec<String> { t(site, lang, key).split('|').map(str::to_owned).collect() };
    match scale {
        Scale::Quantity | Scale::Rank => None,
        Scale::WaterClass => Some(ClassScale {
            names: list("water_class_names"),
            ticks: list("water_class_ticks"),
            good_up_to: 3,
            good_label: t(site, lang, "water_class_good").to_owned(),
            axis: t(site, lang, "water_class_axis").to_owned(),
        }),
    }
}

/// The standard, drawn only beside whole-year figures: a monthly or year-to-date figure
/// cannot be compared with an annual limit or target.
fn standard_for(lang: Lang, ind: &Indicator, months: Option<Months>) -> Option<(f64, String)> {
    let s = ind.standard.as_ref()?;
    months
        .is_none()
        .then(|| (s.value, s.label.get(lang).to_owned()))
}

fn base(site: &Site, lang: Lang, ind: &Indicator, size: ChartSize, kind: ChartKind) -> ChartSpec {
    ChartSpec {
        title: ind.name.get(lang).to_owned(),
        description: String::new(),
        unit: super::figure_unit(lang, ind).to_owned(),
        kind,
        series: Vec::new(),
        standard: None,
        reference: None,
        classes: class_scale(site, lang, ind.scale),
        better: ind.better,
        words: words(site, lang),
        width: size.width(),
        height: match size {
            ChartSize::Wide => 380,
            ChartSize::Narrow => 320,
            ChartSize::Small => 200,
        },
        small: size == ChartSize::Small,
        inverted: ind.scale == Scale::Rank,
    }
}

/// Whether figures make a chart rather than cards: changes and classes need two figures,
/// a line needs a place with two years.
fn worth_a_chart(kind: ChartKind, series: &[Series]) -> bool {
    match kind {
        ChartKind::Line => series.iter().any(|s| s.points.len() > 1),
        _ => series.iter().map(|s| s.points.len()).sum::<usize>() > 1,
    }
}

/// The indicator's figures over the years, every place, of one kind of period.
pub(super) fn trend(
    site: &Site,
    lang: Lang,
    ind: &Indicator,
    size: ChartSize,
) -> Option<ChartSpec> {
    let all: Vec<&Observation> = ind.observations.iter().collect();
    let observations = one_period(&all);
    let kind = charts::kind_for(is_change(ind), ind.scale.classes().is_some());
    let series = series(site, lang, &observations);
    if !worth_a_chart(kind, &series) {
        return None;
    }
    let mut spec = base(site, lang, ind, size, kind);
    spec.description = finding(site, lang, ind, kind, &series);
    spec.standard = standard_for(lang, ind, observations.first()?.months);
    if let Some((_, label)) = &spec.standard {
        spec.description = format!(
            "{}{}{label}",
            spec.description,
            t(site, lang, "chart_list_separator")
        );
    }
    spec.series = series;
    in_axis_unit(&mut spec, lang, ind);
    Some(spec)
}

/// The prefectures side by side for one year and period, best first, with the province's
/// figure and the standard drawn across.
pub(super) fn compare<'a>(
    site: &Site,
    lang: Lang,
    ind: &'a Indicator,
    size: ChartSize,
) -> Option<(ChartSpec, Comparison<'a>)> {
    if ind.scale.classes().is_some() {
        return None;
    }
    let c = comparison(site, ind)?;
    // Changes keep their better/worse colours.
    let kind = if is_change(ind) {
        ChartKind::Change
    } else {
        ChartKind::Bar
    };
    let mut spec = base(site, lang, ind, size, kind);
    let period = period_words(lang, c.year, c.months);
    spec.title = fill(
        t(site, lang, "compare_title"),
        &[("name", ind.name.get(lang)), ("period", &period)],
    );
    spec.series = c
        .rows
        .iter()
        .map(|o| Series {
            label: place_label(site, lang, o),
            points: vec![(o.year, o.value)],
        })
        .collect();
    spec.reference = c.province.map(|p| {
        (
            p.value,
            format!(
                "{} {}",
                place_name(site, lang, &p.city),
                with_unit(site, lang, ind, p.value)
            ),
        )
    });
    spec.standard = standard_for(lang, ind, c.months);
    spec.description = format!(
        "{}{}{}",
        spec.title,
        t(site, lang, "chart_colon"),
        c.rows
            .iter()
            .map(|o| format!(
                "{} {}",
                place_name(site, lang, &o.city),
                with_unit(site, lang, ind, o.value)
            ))
            .collect::<Vec<_>>()
            .join(t(site, lang, "list_separator"))
    );
    for (_, label) in spec.reference.iter().chain(&spec.standard) {
        spec.description = format!(
            "{}{}{label}",
            spec.description,
            t(site, lang, "chart_list_separator")
        );
    }
    in_axis_unit(&mut spec, lang, ind);
    Some((spec, c))
}

/// A place's own figures against its parent's (a prefecture's against the province's) for
/// the same period and years; `None` when the place has a single figure.
///
/// The parent's figures drawn are those on the basis of one of the place's own: the same
/// scope kind, or printed by the same publication (a data set's province figure is the
/// average of its prefectures' figures, on their basis). Every series is named by its
/// place and scope, so the place's figures and its parent's never share a line.
pub(super) fn place(site: &Site, lang: Lang, ind: &Indicator, city: &str) -> Option<ChartSpec> {
    let (kind, months, figures) = place_figures(site, lang, ind, city)?;
    let all = series(site, lang, &figures);
    let mut spec = base(site, lang, ind, ChartSize::Small, kind);
    spec.description = finding(site, lang, ind, kind, &all);
    spec.standard = standard_for(lang, ind, months);
    spec.series = all;
    in_axis_unit(&mut spec, lang, ind);
    Some(spec)
}

/// The figures a place's small chart draws (its own, then its parent's), with the chart's
/// kind and period; `None` when the place has a single figure.
pub(super) fn place_figures<'a>(
    site: &Site,
    lang: Lang,
    ind: &'a Indicator,
    city: &str,
) -> Option<(ChartKind, Option<Months>, Vec<&'a Observation>)> {
    let own: Vec<&Observation> = ind.observations.iter().filter(|o| o.city == city).collect();
    let own = one_period(&own);
    let kind = charts::kind_for(is_change(ind), ind.scale.classes().is_some());
    if !worth_a_chart(kind, &series(site, lang, &own)) {
        return None;
    }
    let months = own.first()?.months;
    let (first, last) = own.iter().fold((i32::MAX, i32::MIN), |(a, b), o| {
        (a.min(o.year), b.max(o.year))
    });
    let parent = site.city(city).and_then(|c| c.parent.as_deref());
    let theirs: Vec<&Observation> = match (parent, kind) {
        (Some(p), ChartKind::Line | ChartKind::Change) => ind
            .observations
            .iter()
            .filter(|o| o.city == p && o.months == months && (first..=last).contains(&o.year))
            .filter(|o| own.iter().any(|m| same_basis(m, o)))
            .collect(),
        _ => Vec::new(),
    };
    let mut figures = own;
    figures.extend(theirs);
    Some((kind, months, figures))
}

/// Whether a parent's figure can be drawn beside a place's: of the same scope kind and
/// basis, or from the same publication, which printed both on its own basis.
fn same_basis(own: &Observation, parent: &Observation) -> bool {
    scope_class(own) == scope_class(parent) || own.source == parent.source
}
