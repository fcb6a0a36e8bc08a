//! Indicators: views for their pages, places' pages and the home page. What the charts
//! draw is in `specs`, their files in `drawings`, the key messages in `key_message`, the
//! home page's cards in `glance`, the open data in `data`, a figure as a row in `rows`, and
//! the words all of them write (periods, places, sources, figures) in `words`.

mod chart_view;
pub(crate) mod compare;
mod data;
mod drawings;
mod glance;
mod key_message;
mod rows;
mod seasonal;
mod specs;
mod words;

pub use chart_view::ChartView;
pub use data::data_files;
pub use drawings::chart_files;
pub use glance::{glance, Glance};
pub use rows::ObservationRow;
pub use seasonal::{seasonal_views, SeasonalView};
pub(crate) use words::{
    basis_label, citation_link, figure, figure_unit, month_name, newer_words, period_label,
    period_words, qualifier, reprint_link, scope_label,
};

use super::numbers;
use super::tables::{is_long, Rows};
use rows::{row, rows_fit_phone};
use words::{fill, place_label, t};

use crate::model::{Better, Indicator, Lang, Observation, Site};
use crate::route::{indicator_file, Route, Urls};
use serde::Serialize;
use std::collections::BTreeMap;

pub fn indicator_href(site: &Site, lang: Lang, id: &str) -> String {
    Urls::new(&site.config).href(lang, Route::Indicator(id))
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
    /// How many figures the indicator has.
    pub observations: usize,
    /// The table of every figure: a long one leads with the newest.
    pub rows: Rows<ObservationRow>,
    /// Whether the table of `rows` fits a phone as a table; else it is stacked, a card a row.
    pub compact: bool,
    pub csv_href: String,
    pub json_href: String,
    /// The most recent observation, for lists.
    pub latest: Option<ObservationRow>,
}

/// The UI string saying which way an indicator's figures are better.
pub(crate) fn better_key(better: Better) -> &'static str {
    match better {
        Better::Higher => "better_higher",
        Better::Lower => "better_lower",
        Better::Neither => "better_neither",
    }
}

pub fn indicator_view(site: &Site, lang: Lang, ind: &Indicator) -> IndicatorView {
    let urls = Urls::new(&site.config);
    let all: Vec<&Observation> = ind.observations.iter().collect();
    let comparison = drawings::comparison_view(site, lang, ind);
    let trend = drawings::trend_view(site, lang, ind);
    let mut rows: Vec<ObservationRow> = ind
        .observations
        .iter()
        .map(|o| row(site, lang, ind, o))
        .collect();
    let compact = rows_fit_phone(&rows);
    if is_long(rows.len()) {
        // A long table leads with the newest figures (the registry's order within a year).
        rows.sort_by_key(|r| std::cmp::Reverse(r.year));
    }
    let rows = Rows::split(rows);
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
        better: t(site, lang, better_key(ind.better)).to_owned(),
        definition: ind.definition.get(lang).to_owned(),
        standard: ind.standard.as_ref().map(|s| s.label.get(lang).to_owned()),
        topics: super::views::topic_links(site, lang, &ind.topics),
        key_message: key_message::indicator_message(site, lang, ind),
        comparison,
        trend,
        cards,
        compact,
        observations: ind.observations.len(),
        rows,
        csv_href: urls.href_of(&indicator_file(&ind.id, "data.csv")),
        json_href: urls.href_of(&indicator_file(&ind.id, "data.json")),
        latest: latest(&all).map(|o| row(site, lang, ind, o)),
    }
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
