//! The province tile map: the prefectures as equal squares placed on a grid by their
//! coordinates, each coloured by one indicator's figure for one period. A tile map needs
//! no boundary data (a published boundary map of China needs approval). This module
//! computes the layout, picks the figures and their colours; `partials/tile_map.html`
//! draws the SVG inline, so that each tile can be a link.

use super::indicators::compare::{widest_period, Comparison};
use super::indicators::{
    better_key, citation_link, indicator_href, newer_words, period_label, period_words, scope_label,
};
use super::numbers::{figure, Figure};
use super::views::city_href;
use crate::model::{Better, City, Indicator, Lang, Level, Observation, Scale, Scope, Site};
use serde::Serialize;
use std::collections::BTreeMap;

/// Side of a tile and the gap between two, in SVG units.
const TILE: u32 = 100;
const GAP: u32 = 6;

/// Fills of the colour steps, from the best values to the worst (on every map, whichever
/// way the indicator runs, the pale end is better and the dark end worse): ColorBrewer's
/// YlGnBu, whose lightest step is yellow, so that no step looks like the grey of a tile
/// without a figure. The fourth is darkened from #2c7fb8, on which no label colour
/// reaches a contrast of 4.5:1.
const STEPS: [&str; 5] = ["#ffffcc", "#a1dab4", "#41b6c4", "#2674ac", "#253494"];
/// Fills where neither end is better (fines imposed, complaints handled), from the lowest
/// values to the highest: ColorBrewer's Purples, a hue no other map uses, so that no colour
/// reads as better or worse.
const NEUTRAL_STEPS: [&str; 5] = ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"];
const NO_DATA: &str = "#d9d9d9";
/// Label colours; each tile takes the one that contrasts more with its fill.
const DARK_INK: &str = "#1c2421";
const LIGHT_INK: &str = "#ffffff";

/// An indicator page shows the map when at least this many prefectures have a figure
/// for one period: a single coloured tile compares nothing.
pub const MIN_PREFECTURES: usize = 2;

/// Grid cells (column, row counted from the top) for points given as (latitude,
/// longitude): one cell each, no two alike, each as near its point as the others allow.
///
/// A cell is one tile's share of the points' bounding box (longitude shrunk by the
/// cosine of the mean latitude, so that a cell is square on the ground): the grid then
/// has about as many cells as points, and a long province stays long. Points snap to
/// cells by a greedy matching, nearest pair first, so that where two points share a
/// nearest cell the nearer one keeps it and the other moves to its next best.
pub fn layout(points: &[(f64, f64)]) -> Vec<(usize, usize)> {
    let n = points.len();
    if n == 0 {
        return Vec::new();
    }
    let mean_lat = points.iter().map(|p| p.0).sum::<f64>() / n as f64;
    let shrink = mean_lat.to_radians().cos().abs().max(0.1);
    let xs: Vec<f64> = points.iter().map(|p| p.1 * shrink).collect();
    let ys: Vec<f64> = points.iter().map(|p| p.0).collect();
    let (min_x, max_x) = min_max(&xs);
    let (min_y, max_y) = min_max(&ys);
    let (w, h) = (max_x - min_x, max_y - min_y);
    let mut cell = (w * h / n as f64).sqrt();
    if !(cell.is_finite() && cell > 1e-9) {
        // All points on a line: a cell apart along it; all on one spot: a degree apart.
        let span = w.max(h);
        cell = if span > 1e-9 {
            span / (n - 1).max(1) as f64
        } else {
            1.0
        };
    }
    // Positions in cells, rows counted from the north.
    let at: Vec<(f64, f64)> = xs
        .iter()
        .zip(&ys)
        .map(|(x, y)| ((x - min_x) / cell, (max_y - y) / cell))
        .collect();
    let cols = (w / cell).round() as i64 + 1;
    let rows = (h / cell).round() as i64 + 1;
    // A margin of cells around the box, wide enough to hold every point.
    let mut margin = 1;
    while (cols + 2 * margin) * (rows + 2 * margin) < n as i64 {
        margin += 1;
    }
    let cells: Vec<(i64, i64)> = (-margin..cols + margin)
        .flat_map(|c| (-margin..rows + margin).map(move |r| (c, r)))
        .collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::with_capacity(n * cells.len());
    for (i, &(x, y)) in at.iter().enumerate() {
        for (j, &(c, r)) in cells.iter().enumerate() {
            let (dx, dy) = (x - c as f64, y - r as f64);
            pairs.push((dx * dx + dy * dy, i, j));
        }
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut placed: Vec<Option<(i64, i64)>> = vec![None; n];
    let mut taken = vec![false; cells.len()];
    for (_, i, j) in pairs {
        if placed[i].is_none() && !taken[j] {
            placed[i] = Some(cells[j]);
            taken[j] = true;
        }
    }
    let placed: Vec<(i64, i64)> = placed.into_iter().flatten().collect();
    let min_c = placed.iter().map(|p| p.0).min().unwrap_or(0);
    let min_r = placed.iter().map(|p| p.1).min().unwrap_or(0);
    placed
        .into_iter()
        .map(|(c, r)| ((c - min_c) as usize, (r - min_r) as usize))
        .collect()
}

fn min_max(values: &[f64]) -> (f64, f64) {
    values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        })
}

/// The figures the map colours: at most one per prefecture, all of one period and basis,
/// the period the indicator page's comparison takes.
struct Comparable<'a> {
    comparison: Comparison<'a>,
    /// `None` for the whole place.
    scope: Option<&'a Scope>,
    by_city: BTreeMap<&'a str, &'a Observation>,
}

/// A scope that is the whole place is no scope.
fn scope_of(obs: &Observation) -> Option<&Scope> {
    obs.scope.as_ref().filter(|s| !matches!(s, Scope::Whole(_)))
}

fn comparable<'a>(site: &Site, ind: &'a Indicator) -> Option<Comparable<'a>> {
    let comparison = widest_period(site, ind)?;
    // Every figure of a comparison has the same scope: take the first's.
    let scope = comparison.rows.first().and_then(|o| scope_of(o));
    let by_city = comparison
        .rows
        .iter()
        .map(|o| (o.city.as_str(), *o))
        .collect();
    Some(Comparable {
        comparison,
        scope,
        by_city,
    })
}

/// How many prefectures the map of an indicator would colour.
pub fn prefecture_count(site: &Site, ind: &Indicator) -> usize {
    comparable(site, ind).map_or(0, |c| c.by_city.len())
}

/// The indicator of the province map on the home page and the places list: the one
/// `map_indicator` in site.yaml names, or else the one with the most prefectures.
pub fn site_map_indicator(site: &Site) -> Option<&Indicator> {
    match &site.config.map_indicator {
        Some(id) => site.indicators.iter().find(|i| &i.id == id),
        None => site
            .indicators
            .iter()
            .map(|ind| (prefecture_count(site, ind), ind))
            .filter(|(n, _)| *n > 0)
            // The first on a tie (indicators are sorted by id).
            .fold(
                None,
                |best: Option<(usize, &Indicator)>, (n, ind)| match best {
                    Some((b, _)) if b >= n => best,
                    _ => Some((n, ind)),
                },
            )
            .map(|(_, ind)| ind),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Tile {
    pub href: String,
    pub name: String,
    pub x: u32,
    pub y: u32,
    /// Centre of the tile, and the baselines of its two lines of text.
    pub cx: u32,
    pub name_y: u32,
    pub value_y: u32,
    /// The figure, `None` when the prefecture has none for the period.
    pub value: Option<String>,
    pub fill: &'static str,
    pub ink: &'static str,
    /// What a screen reader says of the link: the place, the figure and its unit.
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LegendStep {
    pub fill: &'static str,
    /// `35–38` or `41`, in the indicator's unit.
    pub range: String,
    /// `better` or `worse` at the two ends of the scale, else empty.
    pub end: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub title: String,
    pub href: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TileMapView {
    pub heading: String,
    pub indicator_name: String,
    pub indicator_href: String,
    pub unit: String,
    /// `2024` or `2025年1—8月`, with the scope if it is not the whole place.
    pub period: String,
    /// The newer periods fewer prefectures report (`2025: 2 of 11`), or empty.
    pub newer: String,
    pub better: String,
    /// The SVG's viewBox size.
    pub width: u32,
    pub height: u32,
    pub tile: u32,
    /// In the registry's order, which is the order of the values' table.
    pub tiles: Vec<Tile>,
    /// From the lowest values to the highest.
    pub legend: Vec<LegendStep>,
    pub no_data_fill: &'static str,
    /// Whether a tile is grey, so that the legend names grey.
    pub has_missing: bool,
    pub sources: Vec<Source>,
}

fn t<'a>(site: &'a Site, lang: Lang, key: &str) -> &'a str {
    site.strings
        .get(&lang)
        .and_then(|s| s.get(key))
        .map_or("", String::as_str)
}

/// The map of an indicator's figures for its most widely reported period, or `None` if
/// no prefecture (with coordinates) has a figure.
pub fn tile_map(site: &Site, lang: Lang, ind: &Indicator) -> Option<TileMapView> {
    let data = comparable(site, ind)?;
    let places: Vec<&City> = site
        .cities
        .iter()
        .filter(|c| c.level == Level::Prefecture && c.lat.is_some() && c.lon.is_some())
        .collect();
    if !places
        .iter()
        .any(|c| data.by_city.contains_key(c.id.as_str()))
    {
        return None;
    }
    let points: Vec<(f64, f64)> = places
        .iter()
        .map(|c| (c.lat.unwrap_or_default(), c.lon.unwrap_or_default()))
        .collect();
    let cells = layout(&points);
    let values: Vec<f64> = places
        .iter()
        .filter_map(|c| data.by_city.get(c.id.as_str()).map(|o| o.value))
        .collect();
    let classes = Classes::new(&values, ind.better);
    let unit = ind.unit.get(lang);
    let rank = ind.scale == Scale::Rank;
    let pitch = TILE + GAP;
    let no_data = t(site, lang, "map_no_data");
    let tiles: Vec<Tile> = places
        .iter()
        .zip(&cells)
        .map(|(city, &(col, row))| {
            let value = data.by_city.get(city.id.as_str()).map(|o| o.value);
            let fill = value.map_or(NO_DATA, |v| classes.fill(v));
            let name = city.name.get(lang).to_owned();
            let figure = value.map(|v| figure(lang, v, unit, rank));
            let said = figure
                .as_ref()
                .map_or_else(|| no_data.to_owned(), ToString::to_string);
            let text = figure.map(|f| f.value);
            let (x, y) = (col as u32 * pitch, row as u32 * pitch);
            Tile {
                href: city_href(site, lang, &city.id),
                label: format!("{name}{}{said}", t(site, lang, "chart_colon")),
                name,
                x,
                y,
                cx: x + TILE / 2,
                name_y: y + 42,
                value_y: y + 72,
                value: text,
                fill,
                ink: ink_on(fill),
            }
        })
        .collect();
    let cols = cells.iter().map(|c| c.0 + 1).max().unwrap_or(0) as u32;
    let rows = cells.iter().map(|c| c.1 + 1).max().unwrap_or(0) as u32;
    let (low_end, high_end) = match ind.better {
        Better::Lower => ("map_better", "map_worse"),
        Better::Higher => ("map_worse", "map_better"),
        Better::Neither => ("map_lower", "map_higher"),
    };
    let last = classes.bounds.len().saturating_sub(1);
    let legend = classes
        .bounds
        .iter()
        .enumerate()
        .map(|(i, &(lo, hi))| LegendStep {
            fill: classes.step_fill(i),
            range: range(lang, lo, hi, unit, rank),
            end: match i {
                _ if last == 0 => String::new(),
                0 => t(site, lang, low_end).to_owned(),
                i if i == last => t(site, lang, high_end).to_owned(),
                _ => String::new(),
            },
        })
        .collect();
    let mut sources: Vec<Source> = Vec::new();
    for obs in data.by_city.values() {
        let (title, href) = citation_link(site, lang, &obs.source);
        if !sources.iter().any(|s| s.title == title) {
            sources.push(Source { title, href });
        }
    }
    let c = &data.comparison;
    let mut period = period_label(lang, c.year, c.months);
    if let Some(scope) = scope_label(site, lang, data.scope) {
        period.push_str(&t(site, lang, "scope_suffix").replace("{scope}", &scope));
    }
    Some(TileMapView {
        heading: t(site, lang, "map_heading")
            .replace("{indicator}", ind.name.get(lang))
            .replace("{period}", &period_words(lang, c.year, c.months)),
        newer: newer_words(site, lang, c).unwrap_or_default(),
        indicator_name: ind.name.get(lang).to_owned(),
        indicator_href: indicator_href(site, lang, &ind.id),
        unit: super::numbers::unit_words(lang, unit),
        period,
        better: t(site, lang, better_key(ind.better)).to_owned(),
        width: (cols * pitch).saturating_sub(GAP),
        height: (rows * pitch).saturating_sub(GAP),
        tile: TILE,
        has_missing: tiles.iter().any(|t| t.value.is_none()),
        tiles,
        legend,
        no_data_fill: NO_DATA,
        sources,
    })
}

/// A step's range with its unit: `35–38 µg/m³`, `41微克/立方米`, `240,400–300,000 mu`
/// (both ends in one unit, or each with its own where they differ: `800,000 mu–1.2
/// million mu`).
fn range(lang: Lang, lo: f64, hi: f64, unit: &str, rank: bool) -> String {
    let (a, b) = (figure(lang, lo, unit, rank), figure(lang, hi, unit, rank));
    if lo == hi {
        a.to_string()
    } else if a.unit == b.unit {
        Figure {
            value: format!("{}–{}", a.value, b.value),
            unit: b.unit,
        }
        .to_string()
    } else {
        format!("{a}–{b}")
    }
}

/// Colour steps: the distinct values, sorted, cut into up to five runs of about equal
/// size. A step's range is the lowest and highest value in it, so the legend shows only
/// values that occur, never a rounded boundary.
struct Classes {
    /// (lowest, highest) of each step, from the lowest values up.
    bounds: Vec<(f64, f64)>,
    /// Which end is better: the palette runs from it (and which palette).
    better: Better,
}

impl Classes {
    fn new(values: &[f64], better: Better) -> Self {
        let mut distinct: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        distinct.sort_by(f64::total_cmp);
        distinct.dedup();
        let k = distinct.len().min(STEPS.len());
        let bounds = (0..k)
            .map(|i| {
                let first = i * distinct.len() / k;
                let last = (i + 1) * distinct.len() / k - 1;
                (distinct[first], distinct[last])
            })
            .collect();
        Classes { bounds, better }
    }

    /// The fill of step `i` (counted from the lowest values): the steps spread over the
    /// whole palette, from its pale end at the better values (at the lowest where neither
    /// end is better).
    fn step_fill(&self, i: usize) -> &'static str {
        let (palette, from_pale) = match self.better {
            Better::Lower => (&STEPS, false),
            Better::Higher => (&STEPS, true),
            Better::Neither => (&NEUTRAL_STEPS, false),
        };
        let k = self.bounds.len();
        if k < 2 {
            return palette[palette.len() / 2];
        }
        let i = if from_pale { k - 1 - i.min(k - 1) } else { i };
        palette[(i * (palette.len() - 1) + (k - 1) / 2) / (k - 1)]
    }

    /// The fill of a value's step.
    fn fill(&self, v: f64) -> &'static str {
        let i = self
            .bounds
            .iter()
            .position(|&(_, hi)| v <= hi)
            .unwrap_or(self.bounds.len().saturating_sub(1));
        self.step_fill(i)
    }
}

/// The label colour that contrasts more with `fill` (a `#rrggbb` colour).
fn ink_on(fill: &str) -> &'static str {
    if contrast(fill, DARK_INK) >= contrast(fill, LIGHT_INK) {
        DARK_INK
    } else {
        LIGHT_INK
    }
}

/// WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21).
fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0))
            / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 11 prefectures' seats, as in content/cities.yaml.
    const SHANXI: [(f64, f64); 11] = [
        (37.87, 112.54),
        (40.08, 113.29),
        (39.33, 112.43),
        (38.42, 112.73),
        (37.86, 113.57),
        (37.69, 112.75),
        (37.52, 111.14),
        (36.20, 113.11),
        (35.49, 112.85),
        (36.09, 111.51),
        (35.03, 111.00),
    ];

    #[test]
    fn every_point_gets_its_own_cell_and_the_province_stays_long() {
        let cells = layout(&SHANXI);
        assert_eq!(cells.len(), 11);
        let mut distinct = cells.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 11, "two tiles share a cell: {cells:?}");
        let cols = cells.iter().map(|c| c.0).max().unwrap() + 1;
        let rows = cells.iter().map(|c| c.1).max().unwrap() + 1;
        assert!(rows > cols, "{cols} columns, {rows} rows");
        // North stays north: Datong (the northernmost) in the top row, Yuncheng (the
        // southernmost) in the bottom one; Lüliang west of Yangquan.
        assert_eq!(cells[1].1, 0);
        assert_eq!(cells[10].1, rows - 1);
        assert!(cells[6].0 < cells[4].0);
        // Taiyuan and Jinzhong, 25 km apart, both placed, Jinzhong not north of Taiyuan.
        assert!(cells[5].1 >= cells[0].1);
    }

    #[test]
    fn points_on_one_spot_or_a_line_are_spread_out() {
        let cells = layout(&[(37.0, 112.0); 4]);
        let mut distinct = cells.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 4);
        let line = layout(&[(35.0, 112.0), (36.0, 112.0), (37.0, 112.0)]);
        assert_eq!(line.iter().map(|c| c.1).collect::<Vec<_>>(), [2, 1, 0]);
        assert!(layout(&[]).is_empty());
    }

    #[test]
    fn steps_hold_the_values_that_occur_and_spread_over_the_palette() {
        let c = Classes::new(&[41.0, 35.0, 38.0, 38.0, 50.0, 44.0, 47.0], Better::Lower);
        assert_eq!(c.bounds.first(), Some(&(35.0, 35.0)));
        assert_eq!(c.bounds.last(), Some(&(47.0, 50.0)));
        assert_eq!(c.bounds.len(), 5);
        assert_eq!(c.fill(35.0), STEPS[0]);
        assert_eq!(c.fill(50.0), STEPS[STEPS.len() - 1]);
        let two = Classes::new(&[1.0, 2.0], Better::Lower);
        assert_eq!((two.step_fill(0), two.step_fill(1)), (STEPS[0], STEPS[4]));
        let one = Classes::new(&[3.0], Better::Higher);
        assert_eq!(one.bounds, [(3.0, 3.0)]);
        assert_eq!(one.fill(3.0), STEPS[2]);
    }

    #[test]
    fn the_better_end_is_the_pale_end_whichever_way_the_indicator_runs() {
        let values = [10.0, 20.0, 30.0, 40.0, 50.0];
        let lower = Classes::new(&values, Better::Lower);
        let higher = Classes::new(&values, Better::Higher);
        assert_eq!(lower.fill(10.0), STEPS[0], "lowest is best: pale");
        assert_eq!(higher.fill(50.0), STEPS[0], "highest is best: pale");
        assert_eq!(higher.fill(10.0), STEPS[STEPS.len() - 1]);
        assert_eq!(lower.fill(50.0), STEPS[STEPS.len() - 1]);
    }

    #[test]
    fn where_neither_end_is_better_the_map_runs_pale_to_dark_in_a_hue_of_its_own() {
        let values = [10.0, 20.0, 30.0, 40.0, 50.0];
        let c = Classes::new(&values, Better::Neither);
        assert_eq!(c.fill(10.0), NEUTRAL_STEPS[0], "lowest: pale");
        assert_eq!(c.fill(50.0), NEUTRAL_STEPS[NEUTRAL_STEPS.len() - 1]);
        assert!(
            NEUTRAL_STEPS.iter().all(|f| !STEPS.contains(f)),
            "no colour that means better or worse elsewhere"
        );
    }

    #[test]
    fn labels_have_enough_contrast_on_every_fill() {
        for fill in STEPS.iter().chain(&NEUTRAL_STEPS).chain([&NO_DATA]) {
            let ratio = contrast(fill, ink_on(fill));
            assert!(ratio >= 4.5, "{fill}: {ratio:.2}");
        }
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    }

    #[test]
    fn ranges_share_their_unit_in_both_languages() {
        assert_eq!(range(Lang::En, 35.0, 38.0, "µg/m³", false), "35–38 µg/m³");
        assert_eq!(range(Lang::En, 60.2, 66.9, "%", false), "60.2–66.9%");
        assert_eq!(
            range(Lang::Zh, 41.0, 41.0, "微克/立方米", false),
            "41微克/立方米"
        );
        assert_eq!(
            range(Lang::En, 24.04, 30.0, "10,000 mu", false),
            "240,400–300,000 mu"
        );
        assert_eq!(
            range(Lang::En, 80.0, 120.0, "10,000 mu", false),
            "800,000 mu–1.2 million mu"
        );
        assert_eq!(range(Lang::En, 1.0, 3.0, "rank", true), "1st–3rd");
        assert_eq!(range(Lang::Zh, 35.0, 38.5, "", false), "35–38.5");
        assert_eq!(range(Lang::En, 2.0, 2.0, "", false), "2");
    }
}
