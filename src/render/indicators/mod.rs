//! Indicators: views for their pages and for places' pages. What the charts draw is in
//! `specs`, their files in `drawings`, the key messages in `key_message`, the open data in
//! `data`.

pub(crate) mod compare;
mod data;
mod drawings;
mod glance;
mod key_message;
mod seasonal;
mod specs;

pub use data::data_files;
pub use drawings::{chart_files, ChartView};
pub use glance::{glance, Glance};
pub use seasonal::{seasonal_views, SeasonalView};

use super::numbers::{self, Figure};
use super::views::article_href;
use crate::model::{
    Basis, Better, Citation, Indicator, Lang, Months, Observation, Scale, Scope, Site,
};
use crate::route::{indicator_file, Route, Urls};
use serde::Serialize;
use std::collections::BTreeMap;

pub fn indicator_href(site: &Site, lang: Lang, id: &str) -> String {
    Urls::new(&site.config).href(lang, Route::Indicator(id))
}

fn t<'a>(site: &'a Site, lang: Lang, key: &str) -> &'a str {
    site.strings
        .get(&lang)
        .and_then(|s| s.get(key))
        .map_or("", String::as_str)
}

/// Fills `{name}` placeholders of a UI string.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_owned(), |s, (k, v)| {
        s.replace(&format!("{{{k}}}"), v)
    })
}

/// A scope in the page's language: `urban` → 市城区, a monitoring section by its name; a
/// scope that is the whole place adds nothing.
pub(crate) fn scope_label(site: &Site, lang: Lang, scope: Option<&Scope>) -> Option<String> {
    match scope? {
        Scope::Whole(_) => None,
        Scope::Part(key) => Some(
            site.strings[&lang]
                .get(&format!("scope_{key}"))
                .cloned()
                .unwrap_or_else(|| key.clone()),
        ),
        Scope::Named(name) => Some(name.get(lang).to_owned()),
    }
}

/// A basis in the page's language (UI string `basis_dust_excluded`).
pub(crate) fn basis_label(site: &Site, lang: Lang, basis: Basis) -> &str {
    t(
        site,
        lang,
        &format!("basis_{}", basis.code().replace('-', "_")),
    )
}

/// What sets a figure apart from the whole published figures of its place, in the page's
/// language: its scope and its basis (`市城区、扣除沙尘天气影响`); `None` for a whole figure.
pub(crate) fn qualifier(site: &Site, lang: Lang, obs: &Observation) -> Option<String> {
    let parts: Vec<String> = scope_label(site, lang, obs.scope.as_ref())
        .into_iter()
        .chain(obs.basis.map(|b| basis_label(site, lang, b).to_owned()))
        .collect();
    (!parts.is_empty()).then(|| parts.join(t(site, lang, "list_separator")))
}

fn place_label(site: &Site, lang: Lang, obs: &Observation) -> String {
    let city = site
        .city(&obs.city)
        .map_or(obs.city.as_str(), |c| c.name.get(lang));
    match qualifier(site, lang, obs) {
        Some(scope) => format!(
            "{city}{}",
            fill(t(site, lang, "scope_suffix"), &[("scope", &scope)])
        ),
        None => city.to_owned(),
    }
}

/// The period as a sentence names it: `2024年` / `2024`, `2023年1—11月` / `Jan–Nov 2023`.
pub(crate) fn period_words(lang: Lang, year: i32, months: Option<Months>) -> String {
    match (lang, months) {
        (Lang::Zh, None) => format!("{year}年"),
        _ => period_label(lang, year, months),
    }
}

/// A month's short name in the page's language: `1月`, `Jan`.
pub(crate) fn month_name(lang: Lang, month: u8) -> String {
    const EN_MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let m = month.clamp(1, 12);
    match lang {
        Lang::Zh => format!("{m}月"),
        Lang::En => EN_MONTHS[usize::from(m - 1)].to_owned(),
    }
}

/// The period a figure covers, in the page's language: `2023`, `2023年1—11月` / `Jan–Nov 2023`.
pub(crate) fn period_label(lang: Lang, year: i32, months: Option<Months>) -> String {
    let en = |m: u8| month_name(Lang::En, m);
    match (lang, months) {
        (_, None) => year.to_string(),
        (Lang::Zh, Some(m)) if m.from == m.to => format!("{year}年{}月", m.from),
        (Lang::Zh, Some(m)) => format!("{year}年{}—{}月", m.from, m.to),
        (Lang::En, Some(m)) if m.from == m.to => format!("{} {year}", en(m.from)),
        (Lang::En, Some(m)) => format!("{}–{} {year}", en(m.from), en(m.to)),
    }
}

/// What a comparison or map leaves out by being older: `更新的数据：2025年：11个中的2个` /
/// `Newer figures: 2025: 2 of 11`; `None` when nothing newer is known.
pub(crate) fn newer_words(site: &Site, lang: Lang, c: &compare::Comparison) -> Option<String> {
    if c.newer.is_empty() {
        return None;
    }
    let items: Vec<String> = c
        .newer
        .iter()
        .map(|n| {
            fill(
                t(site, lang, "compare_newer_item"),
                &[
                    ("period", &period_words(lang, n.year, n.months)),
                    ("n", &n.places.to_string()),
                    ("total", &c.total.to_string()),
                ],
            )
        })
        .collect();
    Some(fill(
        t(site, lang, "compare_newer"),
        &[("list", &items.join(t(site, lang, "chart_list_separator")))],
    ))
}

#[derive(Debug, Clone, Serialize)]
pub struct ObservationRow {
    pub place: String,
    pub place_href: String,
    pub scope: Option<String>,
    pub year: i32,
    /// The year, or the months of it, that the figure covers.
    pub period: String,
    /// The number as the page's language writes it (`22.897`, `2289.7`, `2nd`, `Ⅳ类`).
    pub value: String,
    /// The unit that goes with that number (`million yuan`, `万元`; empty for a class).
    pub unit: String,
    /// Number and unit together: `22.897 million yuan`, `2289.7万元`.
    pub figure: String,
    pub note: Option<String>,
    pub derived: Option<String>,
    pub source_title: String,
    pub source_href: Option<String>,
    /// A copy of the source on another site, named by that site.
    pub reprint: Option<super::views::Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    pub id: String,
    pub href: String,
    pub name: String,
    /// The unit figures are counted in (`万吨`, `tonnes`: English figures say their own size);
    /// empty for classes, whose names say it (`Ⅳ类`).
    pub unit: String,
    pub better: String,
    pub definition: String,
    pub standard: Option<String>,
    pub topics: Vec<super::views::Link>,
    /// The key message: sentences computed from the figures.
    pub key_message: Vec<String>,
    /// The prefectures compared for one year, when two or more have a figure for it.
    pub comparison: Option<ChartView>,
    /// The figures over the years, when some place has more than one.
    pub trend: Option<ChartView>,
    /// Without a chart: each place's latest figure as a card.
    pub cards: Vec<ObservationRow>,
    pub rows: Vec<ObservationRow>,
    /// Whether the table of `rows` fits a phone as a table; else it is stacked, a card a row.
    pub compact: bool,
    pub csv_href: String,
    pub json_href: String,
    /// The most recent observation, for lists.
    pub latest: Option<ObservationRow>,
}

/// Title and link of what an observation cites, in the page's language.
pub(crate) fn citation_link(site: &Site, lang: Lang, source: &str) -> (String, Option<String>) {
    match site.citation(source) {
        Some(Citation::Article(a)) => (
            a.text(lang).unwrap_or(&a.zh).title.clone(),
            Some(article_href(site, lang, &a.slug)),
        ),
        // The kind says whether the figures were printed or computed from a data set.
        Some(Citation::Publication(p)) => (
            format!(
                "{}{}{}{}",
                p.publisher.get(lang),
                t(site, lang, "chart_colon"),
                p.title.get(lang),
                t(site, lang, "bracketed").replace("{text}", t(site, lang, p.kind.ui_key()))
            ),
            Some(p.url.clone()),
        ),
        // A draft article, left out of this build.
        None => (source.to_owned(), None),
    }
}

/// The copy of a cited publication on another site, as "reprinted by …" in the page's
/// language.
pub(crate) fn reprint_link(site: &Site, lang: Lang, source: &str) -> Option<super::views::Link> {
    let r = site.publication(source)?.reprint.as_ref()?;
    Some(super::views::Link {
        href: r.url.clone(),
        text: fill(
            t(site, lang, "reprinted_by"),
            &[("publisher", r.publisher.get(lang))],
        ),
    })
}

fn row(site: &Site, lang: Lang, ind: &Indicator, obs: &Observation) -> ObservationRow {
    let (source_title, source_href) = citation_link(site, lang, &obs.source);
    let figure = figure(site, lang, ind, obs.value);
    ObservationRow {
        place: site
            .city(&obs.city)
            .map_or_else(|| obs.city.clone(), |c| c.name.get(lang).to_owned()),
        place_href: super::views::city_href(site, lang, &obs.city),
        scope: qualifier(site, lang, obs),
        year: obs.year,
        period: period_label(lang, obs.year, obs.months),
        value: figure.value.clone(),
        unit: figure.unit.clone(),
        figure: figure.to_string(),
        note: obs.note.as_ref().map(|n| n.get(lang).to_owned()),
        derived: obs.derived.as_ref().map(|d| d.get(lang).to_owned()),
        source_title,
        source_href,
        reprint: reprint_link(site, lang, &obs.source),
    }
}

pub fn indicator_view(site: &Site, lang: Lang, ind: &Indicator) -> IndicatorView {
    let urls = Urls::new(&site.config);
    let all: Vec<&Observation> = ind.observations.iter().collect();
    let better_key = match ind.better {
        Better::Higher => "better_higher",
        Better::Lower => "better_lower",
    };
    let comparison = drawings::comparison_view(site, lang, ind);
    let trend = drawings::trend_view(site, lang, ind);
    let rows: Vec<ObservationRow> = ind
        .observations
        .iter()
        .map(|o| row(site, lang, ind, o))
        .collect();
    // Without a chart, each place's latest figure stands alone.
    let cards = if comparison.is_none() && trend.is_none() {
        let mut places: Vec<&str> = all.iter().map(|o| o.city.as_str()).collect();
        places.dedup();
        places
            .into_iter()
            .filter_map(|c| {
                let own: Vec<&Observation> = all.iter().copied().filter(|o| o.city == c).collect();
                latest(&own)
            })
            .map(|o| row(site, lang, ind, o))
            .collect()
    } else {
        Vec::new()
    };
    IndicatorView {
        id: ind.id.clone(),
        href: indicator_href(site, lang, &ind.id),
        name: ind.name.get(lang).to_owned(),
        unit: numbers::unit_words(lang, figure_unit(lang, ind)),
        better: t(site, lang, better_key).to_owned(),
        definition: ind.definition.get(lang).to_owned(),
        standard: ind.standard.as_ref().map(|s| s.label.get(lang).to_owned()),
        topics: super::views::topic_links(site, lang, &ind.topics),
        key_message: key_message::indicator_message(site, lang, ind),
        comparison,
        trend,
        cards,
        compact: rows_fit_phone(site, lang, &rows),
        rows,
        csv_href: urls.href_of(&indicator_file(&ind.id, "data.csv")),
        json_href: urls.href_of(&indicator_file(&ind.id, "data.json")),
        latest: latest(&all).map(|o| row(site, lang, ind, o)),
    }
}

/// Whether a table of figures fits a phone as a table: its columns as
/// `partials/observation_row.html` writes them (place and scope, period, figure with its
/// note and how it was derived, source and reprint).
fn rows_fit_phone(site: &Site, lang: Lang, rows: &[ObservationRow]) -> bool {
    let column = |cell: &dyn Fn(&ObservationRow) -> Vec<String>| -> Vec<Vec<String>> {
        rows.iter().map(cell).collect()
    };
    let derived = |d: &String| {
        format!(
            "{}{}{d}",
            t(site, lang, "derived"),
            t(site, lang, "chart_colon")
        )
    };
    crate::render::tables::fits_phone(&[
        column(&|r| {
            [Some(r.place.clone()), r.scope.clone()]
                .into_iter()
                .flatten()
                .collect()
        }),
        column(&|r| vec![r.period.clone()]),
        column(&|r| {
            [
                Some(r.figure.clone()),
                r.note.clone(),
                r.derived.as_ref().map(derived),
            ]
            .into_iter()
            .flatten()
            .collect()
        }),
        column(&|r| {
            let reprint = r
                .reprint
                .as_ref()
                .map(|l| l.text.as_str())
                .unwrap_or_default();
            vec![format!("{}{reprint}", r.source_title)]
        }),
    ])
}

/// A place's view of one indicator: its latest figure with a short key message, and a
/// small chart of its figures against its parent's when it has more than one.
#[derive(Debug, Clone, Serialize)]
pub struct CityIndicator {
    pub name: String,
    pub href: String,
    pub unit: String,
    pub chart: Option<ChartView>,
    pub latest: ObservationRow,
    /// Change, standard and rank in a few words.
    pub key_message: String,
}

/// A place's figures, its own series first (charts, in the order of their topics: air
/// before low carbon; the longer series first within one), then its single figures as cards.
pub fn city_indicators(site: &Site, lang: Lang, city: &str) -> Vec<CityIndicator> {
    let topic_position = |ind: &Indicator| {
        ind.topics
            .iter()
            .filter_map(|t| site.topics.iter().position(|topic| &topic.id == t))
            .min()
            .unwrap_or(usize::MAX)
    };
    let mut figures: Vec<((usize, usize), CityIndicator)> = site
        .indicators
        .iter()
        .filter_map(|ind| {
            let observations: Vec<&Observation> =
                ind.observations.iter().filter(|o| o.city == city).collect();
            let facts = key_message::facts(site, ind, &observations)?;
            let drawn = specs::place_figures(site, lang, ind, city)
                .map_or_else(|| vec![facts.latest], |(_, _, figures)| figures);
            let own = drawn.iter().filter(|o| o.city == city).count();
            Some(CityIndicator {
                name: ind.name.get(lang).to_owned(),
                href: indicator_href(site, lang, &ind.id),
                unit: numbers::unit_words(lang, figure_unit(lang, ind)),
                chart: drawings::place_view(site, lang, ind, city),
                latest: row(site, lang, ind, facts.latest),
                key_message: key_message::sentences(site, lang, ind, &facts, false).join(t(
                    site,
                    lang,
                    "chart_list_separator",
                )),
            })
            .map(|figure| ((topic_position(ind), own), figure))
        })
        .collect();
    // Within a topic the longer series first; on a tie, the registry's order.
    figures.sort_by_key(|((topic, own), f)| (f.chart.is_none(), *topic, std::cmp::Reverse(*own)));
    figures.into_iter().map(|(_, f)| f).collect()
}

/// The most recent figure of the period a chart shows.
fn latest<'a>(observations: &[&'a Observation]) -> Option<&'a Observation> {
    specs::one_period(observations)
        .into_iter()
        .max_by_key(|o| o.year)
}

/// A figure with its unit as the page writes it: a class by its name, other figures by
/// `numbers::figure` (English pages multiply out 万 and 亿, rankings are ordinals).
pub(crate) fn figure(site: &Site, lang: Lang, ind: &Indicator, v: f64) -> Figure {
    match specs::class_scale(site, lang, ind.scale).and_then(|s| s.name(v).map(str::to_owned)) {
        Some(name) => Figure {
            value: name,
            unit: String::new(),
        },
        None => numbers::figure(lang, v, figure_unit(lang, ind), ind.scale == Scale::Rank),
    }
}

/// The unit written after a figure; none after a class's name, which includes it.
pub(crate) fn figure_unit(lang: Lang, ind: &Indicator) -> &str {
    if ind.scale.classes().is_some() {
        ""
    } else {
        ind.unit.get(lang)
    }
}

/// Indicator positions grouped by topic position, in topic order; an indicator may
/// appear under several.
pub fn by_topic(site: &Site) -> Vec<(usize, Vec<usize>)> {
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, ind) in site.indicators.iter().enumerate() {
        for topic in &ind.topics {
            if let Some(pos) = site.topics.iter().position(|t| &t.id == topic) {
                groups.entry(pos).or_default().push(i);
            }
        }
    }
    groups.into_iter().collect()
}

#[cfg(test)]
mod tests;
