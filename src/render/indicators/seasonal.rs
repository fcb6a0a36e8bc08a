//! A place's monthly figures of one indicator as a seasonal view (the chart of
//! `charts::seasonal`, and the same figures as a table): the months across, one line per
//! year. A place has one where it has single-month figures of an amount for most months of
//! two years or more.

use super::chart_view::{provenance, ChartView};
use super::compare::{scope_class, Class};
use super::specs::{is_change, with_unit, ChartSize};
use super::{fill, month_name, place_label, t};
use crate::model::{Indicator, Lang, Observation, Scale, Site};
use crate::render::charts::{self, SeasonalSpec, Series};
use crate::render::numbers;
use crate::route::{indicator_file, Urls};
use serde::Serialize;
use std::collections::BTreeMap;

/// A seasonal view sets years side by side: at least two years with this many months each.
const MONTHS_OF_A_YEAR: usize = 9;

/// A year is drawn as a line when it has half a year of months: fewer show no season (a
/// single month would be a lone dot). Its months stay in the table, and the chart says
/// which years it leaves out.
const MONTHS_OF_A_LINE: usize = 6;

/// A place's single-month figures on one scope class and basis (the one with the most of them), the first
/// of each month of each year, by year and month.
fn monthly<'a>(ind: &'a Indicator, city: &str) -> BTreeMap<(i32, u8), &'a Observation> {
    let single_months = || {
        ind.observations
            .iter()
            .filter(move |o| o.city == city && o.months.is_some_and(|m| m.from == m.to))
    };
    let mut by_basis: BTreeMap<Class, usize> = BTreeMap::new();
    for o in single_months() {
        *by_basis.entry(scope_class(o)).or_default() += 1;
    }
    let Some(basis) = by_basis
        .iter()
        .max_by_key(|(_, n)| **n)
        .map(|(basis, _)| *basis)
    else {
        return BTreeMap::new();
    };
    let mut out = BTreeMap::new();
    for o in single_months().filter(|o| scope_class(o) == basis) {
        if let Some(m) = o.months {
            out.entry((o.year, m.from)).or_insert(o);
        }
    }
    out
}

/// Whether the figures make a seasonal view: amounts (not rankings, classes or changes)
/// with two years or more of most of their months.
fn enough(ind: &Indicator, figures: &BTreeMap<(i32, u8), &Observation>) -> bool {
    if ind.scale != Scale::Quantity || is_change(ind) {
        return false;
    }
    let mut months_by_year: BTreeMap<i32, usize> = BTreeMap::new();
    for &(year, _) in figures.keys() {
        *months_by_year.entry(year).or_default() += 1;
    }
    months_by_year
        .values()
        .filter(|&&n| n >= MONTHS_OF_A_YEAR)
        .count()
        >= 2
}

/// One series per year: (month, value), every year with months.
fn years(figures: &BTreeMap<(i32, u8), &Observation>) -> Vec<Series> {
    let mut out: Vec<Series> = Vec::new();
    for (&(year, month), o) in figures {
        let point = (i32::from(month), o.value);
        match out.last_mut() {
            Some(s) if s.label == year.to_string() => s.points.push(point),
            _ => out.push(Series {
                label: year.to_string(),
                points: vec![point],
            }),
        }
    }
    out
}

/// The finding: for each year with all twelve months, its highest and lowest months (every
/// month sharing the highest or lowest figure).
fn finding(site: &Site, lang: Lang, ind: &Indicator, years: &[Series]) -> String {
    let months_at = |y: &Series, v: f64| {
        y.points
            .iter()
            .filter(|p| p.1 == v)
            .map(|p| month_name(lang, u8::try_from(p.0).unwrap_or(1)))
            .collect::<Vec<_>>()
            .join(t(site, lang, "list_separator"))
    };
    years
        .iter()
        .filter(|y| y.points.len() == 12)
        .map(|y| {
            let values = y.points.iter().map(|p| p.1);
            let high = values.clone().fold(f64::NEG_INFINITY, f64::max);
            let low = values.fold(f64::INFINITY, f64::min);
            fill(
                t(site, lang, "seasonal_year"),
                &[
                    ("year", &y.label),
                    ("high_month", &months_at(y, high)),
                    ("high", &with_unit(site, lang, ind, high)),
                    ("low_month", &months_at(y, low)),
                    ("low", &with_unit(site, lang, ind, low)),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(t(site, lang, "chart_list_separator"))
}

/// The chart's title: the place (and its scope) and the indicator.
fn title(site: &Site, lang: Lang, ind: &Indicator, first: &Observation) -> String {
    fill(
        t(site, lang, "seasonal_title"),
        &[
            ("place", &place_label(site, lang, first)),
            ("name", ind.name.get(lang)),
        ],
    )
}

/// What the seasonal chart of a place draws at one width, or `None` without enough months.
pub(super) fn spec(
    site: &Site,
    lang: Lang,
    ind: &Indicator,
    city: &str,
    size: ChartSize,
) -> Option<SeasonalSpec> {
    let figures = monthly(ind, city);
    if !enough(ind, &figures) {
        return None;
    }
    let mut years: Vec<Series> = years(&figures)
        .into_iter()
        .filter(|y| y.points.len() >= MONTHS_OF_A_LINE)
        .collect();
    let narrow = size == ChartSize::Narrow;
    // English multiplies out 万 and 亿 on the axis, as on the other charts.
    let largest = years
        .iter()
        .flat_map(|y| y.points.iter().map(|p| p.1.abs()))
        .fold(0.0, f64::max);
    let (factor, unit) = numbers::axis_unit(lang, super::figure_unit(lang, ind), largest);
    let title = title(site, lang, ind, figures.values().next()?);
    // Without a whole year to describe, the title says what the chart shows.
    let description = Some(finding(site, lang, ind, &years))
        .filter(|f| !f.is_empty())
        .unwrap_or_else(|| title.clone());
    for p in years.iter_mut().flat_map(|y| y.points.iter_mut()) {
        p.1 *= factor;
    }
    Some(SeasonalSpec {
        title,
        description,
        unit,
        years,
        // On a phone the months are numbered, the axis saying what the numbers are.
        month_ticks: (1..=12)
            .map(|m| {
                if narrow {
                    m.to_string()
                } else {
                    month_name(lang, m)
                }
            })
            .collect(),
        axis: t(site, lang, "seasonal_axis").to_owned(),
        width: size.width(),
        height: if narrow { 340 } else { 400 },
    })
}

/// The file of a place's seasonal chart: `<place>.seasonal.<lang>.svg`, and `.narrow.svg`.
pub(super) fn file_name(city: &str, lang: Lang, size: ChartSize) -> String {
    match size {
        ChartSize::Narrow => format!("{city}.seasonal.{}.narrow.svg", lang.code()),
        _ => format!("{city}.seasonal.{}.svg", lang.code()),
    }
}

/// A row of the table: a year and its twelve months (empty where there is no figure).
#[derive(Debug, Clone, Serialize)]
pub struct SeasonRow {
    pub year: i32,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeasonalView {
    pub title: String,
    pub indicator_href: String,
    pub unit: String,
    pub chart: ChartView,
    /// The months' names, for the table's head.
    pub months: Vec<String>,
    pub rows: Vec<SeasonRow>,
    /// The years with too few months to draw, said under the chart.
    pub left_out: Option<String>,
}

/// The seasonal views of a place: one per indicator with enough monthly figures.
pub fn seasonal_views(site: &Site, lang: Lang, city: &str) -> Vec<SeasonalView> {
    let urls = Urls::new(&site.config);
    site.indicators
        .iter()
        .filter_map(|ind| {
            let wide = spec(site, lang, ind, city, ChartSize::Wide)?;
            let narrow = spec(site, lang, ind, city, ChartSize::Narrow)?;
            let src = |size| urls.href_of(&indicator_file(&ind.id, &file_name(city, lang, size)));
            let figures = monthly(ind, city);
            let mut rows: Vec<SeasonRow> = Vec::new();
            for (&(year, month), o) in &figures {
                if rows.last().is_none_or(|r| r.year != year) {
                    rows.push(SeasonRow {
                        year,
                        values: vec![String::new(); 12],
                    });
                }
                if let Some(cell) = rows
                    .last_mut()
                    .and_then(|r| r.values.get_mut(usize::from(month) - 1))
                {
                    *cell = super::figure(site, lang, ind, o.value).value;
                }
            }
            let short: Vec<String> = years(&figures)
                .iter()
                .filter(|y| y.points.len() < MONTHS_OF_A_LINE)
                .filter_map(|y| y.label.parse().ok())
                .map(|year| super::period_words(lang, year, None))
                .collect();
            let left_out = (!short.is_empty()).then(|| {
                fill(
                    t(site, lang, "seasonal_left_out"),
                    &[
                        ("n", &MONTHS_OF_A_LINE.to_string()),
                        ("years", &short.join(t(site, lang, "list_separator"))),
                    ],
                )
            });
            let drawn: Vec<&Observation> = figures.values().copied().collect();
            let (sources, period) = provenance(site, lang, &drawn);
            Some(SeasonalView {
                title: wide.title.clone(),
                indicator_href: super::indicator_href(site, lang, &ind.id),
                unit: numbers::unit_words(lang, super::figure_unit(lang, ind)),
                chart: ChartView {
                    src: src(ChartSize::Wide),
                    size: (wide.width, wide.height),
                    narrow_src: src(ChartSize::Narrow),
                    narrow_size: (narrow.width, narrow.height),
                    alt: wide.description.clone(),
                    caption: wide.description,
                    sources,
                    period,
                },
                months: (1..=12).map(|m| month_name(lang, m)).collect(),
                rows,
                left_out,
            })
        })
        .collect()
}

/// Draws a place's seasonal chart, if it has one.
pub(super) fn draw(
    site: &Site,
    lang: Lang,
    ind: &Indicator,
    city: &str,
    size: ChartSize,
) -> Option<Result<String, String>> {
    spec(site, lang, ind, city, size).map(|s| charts::draw_seasonal(&s))
}
