//! A figure as a table row (and a card) shows it, and whether a table of them fits a phone.

use super::words::{citation_link, figure, period_label, qualifier, reprint_link};
use crate::model::{Indicator, Lang, Observation, Site};
use crate::render::tables::{fits_phone, Column};
use crate::render::views::{city_href, Link};
use serde::Serialize;

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
    pub reprint: Option<Link>,
}

pub(super) fn row(site: &Site, lang: Lang, ind: &Indicator, obs: &Observation) -> ObservationRow {
    let (source_title, source_href) = citation_link(site, lang, &obs.source);
    let figure = figure(site, lang, ind, obs.value);
    ObservationRow {
        place: site
            .city(&obs.city)
            .map_or_else(|| obs.city.clone(), |c| c.name.get(lang).to_owned()),
        place_href: city_href(site, lang, &obs.city),
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

/// Whether a table of figures fits a phone as a table: its columns as
/// `partials/observation_row.html` writes them (place and scope, period, figure with its
/// note and how it was derived, source and reprint).
pub(super) fn rows_fit_phone(rows: &[ObservationRow]) -> bool {
    let column = |cell: &dyn Fn(&ObservationRow) -> Vec<String>| Column {
        cells: rows.iter().map(cell).collect(),
        wraps: true,
        at_least: 0.0,
    };
    // A figure stays on one line; its note and how it was derived wrap beside it, in a
    // block at least 7 em wide.
    let noted = rows.iter().any(|r| r.note.is_some() || r.derived.is_some());
    fits_phone(&[
        column(&|r| {
            [Some(r.place.clone()), r.scope.clone()]
                .into_iter()
                .flatten()
                .collect()
        }),
        column(&|r| vec![r.period.clone()]),
        Column {
            wraps: false,
            at_least: if noted { 7.0 } else { 0.0 },
            ..column(&|r| vec![r.figure.clone()])
        },
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
