//! Figures that can stand side by side: the prefectures' for one year and period, on the
//! same basis (a city-wide figure is never ranked with an urban one).

use crate::model::{Basis, Better, Indicator, Level, Months, Observation, Scope, Site};
use std::collections::BTreeMap;

/// The prefectures' figures for one year and period.
#[derive(Debug, Clone)]
pub struct Comparison<'a> {
    pub year: i32,
    pub months: Option<Months>,
    /// One figure per prefecture, the best first.
    pub rows: Vec<&'a Observation>,
    /// The province's figure for the same year, period and basis, if printed.
    pub province: Option<&'a Observation>,
    /// How many prefectures the province has.
    pub total: usize,
    /// Later periods of the same kind for which fewer prefectures have a figure, the
    /// newest first, at most `NEWER_SHOWN`: what the comparison leaves out by being older.
    pub newer: Vec<Newer>,
}

/// A later period than the one compared, and how many prefectures have a figure for it
/// (on any basis).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Newer {
    pub year: i32,
    pub months: Option<Months>,
    pub places: usize,
}

/// How many later periods a comparison names.
const NEWER_SHOWN: usize = 3;

/// The scope class of a figure that covers the whole of its place.
const WHOLE: &str = "whole";

/// What a figure is comparable with: a whole place (`city`, or no scope) or a named part
/// of it, and its basis (figures without sand-and-dust days are never set beside whole ones).
pub(crate) fn scope_class(obs: &Observation) -> Class<'_> {
    let scope = match &obs.scope {
        None | Some(Scope::Whole(_)) => WHOLE,
        Some(scope) => scope.code(),
    };
    (scope, obs.basis)
}

fn is_prefecture(site: &Site, id: &str) -> bool {
    site.city(id).is_some_and(|c| c.level == Level::Prefecture)
}

/// A figure's scope class and basis (`scope_class`).
pub(crate) type Class<'a> = (&'a str, Option<Basis>);

type Key<'a> = (i32, Option<Months>, Class<'a>);

/// Prefectures' figures grouped by year, period and basis; within a group the first figure
/// of each prefecture (observations are sorted by place).
fn groups<'a>(site: &Site, ind: &'a Indicator) -> BTreeMap<Key<'a>, Vec<&'a Observation>> {
    let mut groups: BTreeMap<Key, Vec<&Observation>> = BTreeMap::new();
    for o in ind
        .observations
        .iter()
        .filter(|o| is_prefecture(site, &o.city))
    {
        let rows = groups
            .entry((o.year, o.months, scope_class(o)))
            .or_default();
        if !rows.iter().any(|r| r.city == o.city) {
            rows.push(o);
        }
    }
    groups
}

/// Best first: the lowest first where lower is better, the highest first where higher is
/// better or neither is. Ties keep registry order.
fn sort_best_first(ind: &Indicator, rows: &mut [&Observation]) {
    rows.sort_by(|a, b| match ind.better {
        Better::Lower => a.value.total_cmp(&b.value),
        Better::Higher | Better::Neither => b.value.total_cmp(&a.value),
    });
}

fn prefecture_count(site: &Site) -> usize {
    site.cities
        .iter()
        .filter(|c| c.level == Level::Prefecture)
        .count()
}

/// The figures a comparison or map of an indicator shows, chosen so that a reader compares
/// like with like and as recent as most prefectures allow:
///
/// 1. the latest whole year for which more than half of the prefectures have a figure on
///    one scope and basis (on that year, the class with the most, whole published figures
///    on a tie);
/// 2. else the whole year with the most prefectures (two or more), the latest on a tie;
/// 3. else the period of any length with the most prefectures, the latest on a tie;
///
/// with `newer` naming the later periods of the same kind that fewer prefectures report.
/// A map colours even one prefecture; a comparison (`comparison`) needs two.
pub fn widest_period<'a>(site: &Site, ind: &'a Indicator) -> Option<Comparison<'a>> {
    let total = prefecture_count(site);
    let groups = groups(site, ind);
    let whole_years = || groups.iter().filter(|((_, months, _), _)| months.is_none());
    let widest = |(&(year, months, class), rows): (&Key<'a>, &Vec<&'a Observation>)| {
        (
            rows.len(),
            year,
            months.is_none(),
            months.map(|m| (m.to, m.from)),
            is_whole(class),
        )
    };
    let ((year, months, class), rows) = whole_years()
        .filter(|(_, rows)| rows.len() * 2 > total)
        .max_by_key(|&((year, _, class), rows)| (*year, rows.len(), is_whole(*class)))
        .or_else(|| {
            whole_years()
                .filter(|(_, rows)| rows.len() >= 2)
                .max_by_key(|&g| widest(g))
        })
        .or_else(|| groups.iter().max_by_key(|&g| widest(g)))?;
    let mut rows = rows.clone();
    sort_best_first(ind, &mut rows);
    Some(Comparison {
        year: *year,
        months: *months,
        rows,
        province: province_figure(site, ind, *year, *months, *class),
        total,
        newer: newer(&groups, *year, *months),
    })
}

/// Whether a class is the whole place as published: preferred on a tie.
fn is_whole(class: Class<'_>) -> (bool, bool) {
    (class.0 == WHOLE, class.1.is_none())
}

/// The province's figure for a year and period of one scope class and basis, the reference
/// line of a comparison.
fn province_figure<'a>(
    site: &Site,
    ind: &'a Indicator,
    year: i32,
    months: Option<Months>,
    class: Class<'_>,
) -> Option<&'a Observation> {
    ind.observations.iter().find(|o| {
        o.year == year
            && o.months == months
            && scope_class(o) == class
            && site
                .city(&o.city)
                .is_some_and(|c| c.level == Level::Province)
    })
}

/// The prefectures' figures for the same year, period, scope and basis as `obs`, when two
/// or more have one: what a key message may set beside `obs`.
pub fn comparison_like<'a>(
    site: &Site,
    ind: &'a Indicator,
    obs: &Observation,
) -> Option<Comparison<'a>> {
    let groups = groups(site, ind);
    let mut rows = groups
        .get(&(obs.year, obs.months, scope_class(obs)))
        .filter(|rows| rows.len() >= 2)?
        .clone();
    sort_best_first(ind, &mut rows);
    Some(Comparison {
        year: obs.year,
        months: obs.months,
        rows,
        province: province_figure(site, ind, obs.year, obs.months, scope_class(obs)),
        total: prefecture_count(site),
        newer: Vec::new(),
    })
}

/// The prefectures compared, when two or more share the period `widest_period` takes.
pub fn comparison<'a>(site: &Site, ind: &'a Indicator) -> Option<Comparison<'a>> {
    widest_period(site, ind).filter(|c| c.rows.len() >= 2)
}

/// Periods after `(year, months)` and of its kind (whole years after a whole year, parts of
/// a year after a part), with fewer prefectures than were compared, the newest first.
fn newer(
    groups: &BTreeMap<Key<'_>, Vec<&Observation>>,
    year: i32,
    months: Option<Months>,
) -> Vec<Newer> {
    let end = |y: i32, m: Option<Months>| (y, m.map_or(12, |m| m.to));
    let mut by_period: BTreeMap<(i32, Option<Months>), Vec<&str>> = BTreeMap::new();
    for ((y, m, _), rows) in groups {
        if m.is_none() == months.is_none() && end(*y, *m) > end(year, months) {
            let places = by_period.entry((*y, *m)).or_default();
            places.extend(rows.iter().map(|o| o.city.as_str()));
        }
    }
    let mut out: Vec<Newer> = by_period
        .into_iter()
        .map(|((year, months), mut places)| {
            places.sort_unstable();
            places.dedup();
            Newer {
                year,
                months,
                places: places.len(),
            }
        })
        .collect();
    out.sort_by_key(|n| std::cmp::Reverse(end(n.year, n.months)));
    out.truncate(NEWER_SHOWN);
    out
}

/// A prefecture's place among all the prefectures for the year and period of `obs`:
/// `(rank, total)`, 1 the best (the highest where neither end is better), ties sharing a
/// rank. Only when every prefecture is known.
pub fn rank(site: &Site, ind: &Indicator, obs: &Observation) -> Option<(usize, usize)> {
    if !is_prefecture(site, &obs.city) {
        return None;
    }
    let groups = groups(site, ind);
    let rows = groups.get(&(obs.year, obs.months, scope_class(obs)))?;
    let total = prefecture_count(site);
    if rows.len() < total {
        return None;
    }
    let ahead = |o: &&&Observation| match ind.better {
        Better::Lower => o.value < obs.value,
        Better::Higher | Better::Neither => o.value > obs.value,
    };
    Some((1 + rows.iter().filter(ahead).count(), total))
}
