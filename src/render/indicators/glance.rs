//! An indicator at a glance, for the home page: the headline place's latest figure, its
//! change on the previous comparable period, and a small trend line of its figures on the
//! same basis, each figure also said in words.

use super::key_message::{change, change_verdict, headline_place, same_basis};
use super::specs::one_period;
use super::{fill, indicator_href, period_words, row, t, ObservationRow};
use crate::model::{Indicator, Lang, Observation, Scale, Site};
use crate::render::charts::{sparkline, Sparkline};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Glance {
    pub name: String,
    pub href: String,
    /// The latest figure, with its place, period and source.
    pub latest: ObservationRow,
    /// Its change on the period before (same place, scope, basis and kind of period), or for
    /// a change indicator whether its figure is for the better.
    pub change: Option<String>,
    /// The trend of the figures on the latest one's basis, when there are two or more.
    pub trend: Option<Sparkline>,
    /// Every figure of the trend in words: the drawing's accessible name.
    pub trend_words: String,
    /// The years the trend spans: `2016—2024年` / `2016–2024`.
    pub trend_span: String,
}

/// The indicator at a glance, or `None` when it has no figures.
pub fn glance(site: &Site, lang: Lang, ind: &Indicator) -> Option<Glance> {
    let place = headline_place(site, ind);
    let shown = one_period(&place);
    let latest = *shown.iter().max_by_key(|o| o.year)?;
    let mut series = same_basis(&shown, latest);
    series.sort_by_key(|o| o.year);
    // Two sources printing one year: the line takes the first in the registry.
    series.dedup_by_key(|o| o.year);
    let previous = series.iter().find(|o| o.year == latest.year - 1);
    let change = change_verdict(site, lang, ind, latest)
        .or_else(|| previous.map(|p| change(site, lang, ind, p, latest)));
    let points: Vec<(f64, f64)> = series
        .iter()
        .map(|o| (f64::from(o.year), o.value))
        .collect();
    Some(Glance {
        name: ind.name.get(lang).to_owned(),
        href: indicator_href(site, lang, &ind.id),
        latest: row(site, lang, ind, latest),
        change,
        trend: sparkline(&points, ind.scale == Scale::Rank),
        trend_words: trend_words(site, lang, ind, &series),
        trend_span: fill(
            t(site, lang, "glance_span"),
            &[
                (
                    "from",
                    &series.first().map_or(latest.year, |o| o.year).to_string(),
                ),
                ("to", &latest.year.to_string()),
            ],
        ),
    })
}

/// `优良天数比例历年数值：2023年60.2%、2024年66.9%` / `… by year: 2023: 60.2%, 2024: 66.9%`.
fn trend_words(site: &Site, lang: Lang, ind: &Indicator, series: &[&Observation]) -> String {
    let figures: Vec<String> = series
        .iter()
        .map(|o| {
            fill(
                t(site, lang, "glance_point"),
                &[
                    ("period", &period_words(lang, o.year, o.months)),
                    (
                        "value",
                        &super::figure(site, lang, ind, o.value).to_string(),
                    ),
                ],
            )
        })
        .collect();
    fill(
        t(site, lang, "glance_trend"),
        &[
            ("name", ind.name.get(lang)),
            ("figures", &figures.join(t(site, lang, "list_separator"))),
        ],
    )
}
