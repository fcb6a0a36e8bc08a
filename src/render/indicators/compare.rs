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
    /// The province's figure for the same year and period, if printed.
    pub province: Option<&'a Observation>,
    /// How many prefectures the province has.
    pub total: usize,
}

/// What a figure is comparable with: a whole place (`city`, or no scope) or a named part
/// of it, and its basis (figures without sand-and-dust days are never set beside whole ones).
pub(super) fn scope_class(obs: &Observation) -> (&str, Option<Basis>) {
    let scope = match &obs.scope {
        None | Some(Scope::Whole(_)) => "whole",
        Some(scope) => scope.code(),
    };
    (scope, obs.basis)
}

fn is_prefecture(site: &Site, id: &str) -> bool {
    site.city(id).is_some_and(|c| c.level == Level::Prefecture)
}

type Key<'a> = (i32, Option<Months>, (&'a str, Option<Basis>));

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

/// Best first: the lowest first where lower is better. Ties keep registry order.
fn sort_best_first(ind: &Indicator, rows: &mut [&Observation]) {
    rows.sort_by(|a, b| match ind.better {
        Better::Lower => a.value.total_cmp(&b.value),
        Better::Higher => b.value.total_cmp(&a.value),
    });
}

fn prefecture_count(site: &Site) -> usize {
    site.cities
        .iter()
        .filter(|c| c.level == Level::Prefecture)
        .count()
}

/// The comparison an indicator page shows: of the groups with two prefectures or more,
/// the one with the most, the latest year on a tie.
pub fn comparison<'a>(site: &Site, ind: &'a Indicator) -> Option<Comparison<'a>> {
    let ((year, months, (_, basis)), mut rows) = groups(site, ind)
        .into_iter()
        .filter(|(_, rows)| rows.len() >= 2)
        .max_by_key(|((year, months, _), rows)| (rows.len(), *year, months.is_none()))?;
    sort_best_first(ind, &mut rows);
    Some(Comparison {
        year,
        months,
        rows,
        province: province_figure(site, ind, year, months, basis),
        total: prefecture_count(site),
    })
}

/// The province's figure for a year and period on one basis, the reference line of a
/// comparison.
fn province_figure<'a>(
    site: &Site,
    ind: &'a Indicator,
    year: i32,
    months: Option<Months>,
    basis: Option<Basis>,
) -> Option<&'a Observation> {
    ind.observations.iter().find(|o| {
        o.year == year
            && o.months == months
            && o.basis == basis
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
    let mut rows = groups(site, ind)
        .remove(&(obs.year, obs.months, scope_class(obs)))
        .filter(|rows| rows.len() >= 2)?;
    sort_best_first(ind, &mut rows);
    Some(Comparison {
        year: obs.year,
        months: obs.months,
        rows,
        province: province_figure(site, ind, obs.year, obs.months, obs.basis),
        total: prefecture_count(site),
    })
}

/// A prefecture's place among all the prefectures for the year and period of `obs`:
/// `(rank, total)`, 1 the best, ties sharing a rank. Only when every prefecture is known.
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
    let better = |o: &&&Observation| match ind.better {
        Better::Lower => o.value < obs.value,
        Better::Higher => o.value > obs.value,
    };
    Some((1 + rows.iter().filter(better).count(), total))
}
