//! The key message of an indicator, computed at build time: a place's latest figure, its
//! change on the year before and on the first year shown (same place, basis and period),
//! where it stands against the standard, and its rank among the prefectures.

use super::compare::{comparison, comparison_like, rank, scope_class, Comparison};
use super::specs::{one_period, place_name};
use super::{fill, period_words, t};
use crate::model::{Better, Indicator, Lang, Observation, Scale, Site};
use crate::render::views::format_value;

/// Where a figure stands against the indicator's standard or target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Against {
    /// By how much it is above (positive) or below (negative).
    Whole(f64),
    /// A figure for part of a year, which an annual standard does not apply to.
    PartYear,
}

/// The figures a key message is made of, for one place.
#[derive(Debug, Clone)]
pub struct KeyFacts<'a> {
    pub latest: &'a Observation,
    pub previous: Option<&'a Observation>,
    /// The earliest figure on the same basis, when earlier than `previous`.
    pub first: Option<&'a Observation>,
    pub against: Option<Against>,
    /// `(rank, total)` among the prefectures, 1 the best, when all are known.
    pub rank: Option<(usize, usize)>,
}

/// The facts for one place's figures (`observations` are that place's).
pub fn facts<'a>(
    site: &Site,
    ind: &'a Indicator,
    observations: &[&'a Observation],
) -> Option<KeyFacts<'a>> {
    let shown = one_period(observations);
    let latest = *shown.iter().max_by_key(|o| o.year)?;
    let same = same_basis(&shown, latest);
    let previous = same.iter().copied().find(|o| o.year == latest.year - 1);
    let first = same
        .iter()
        .copied()
        .filter(|o| o.year < previous.map_or(latest.year, |p| p.year))
        .min_by_key(|o| o.year);
    let against = ind.standard.as_ref().map(|s| match latest.months {
        None => Against::Whole(latest.value - s.value),
        Some(_) => Against::PartYear,
    });
    Some(KeyFacts {
        latest,
        previous,
        first,
        against,
        rank: rank(site, ind, latest),
    })
}

/// The figures of `shown` (one kind of period) on the same basis as `latest`: the same
/// place, scope and basis.
pub(super) fn same_basis<'a>(
    shown: &[&'a Observation],
    latest: &Observation,
) -> Vec<&'a Observation> {
    shown
        .iter()
        .copied()
        .filter(|o| o.city == latest.city && scope_class(o) == scope_class(latest))
        .collect()
}

/// The place an indicator page speaks of first: the province when it has figures of the
/// period shown, else the place with the most of them (the first in registry order).
pub(super) fn headline_place<'a>(site: &Site, ind: &'a Indicator) -> Vec<&'a Observation> {
    let all: Vec<&Observation> = ind.observations.iter().collect();
    let shown = one_period(&all);
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for o in &shown {
        match counts.iter_mut().find(|(c, _)| *c == o.city) {
            Some(entry) => entry.1 += 1,
            None => counts.push((&o.city, 1)),
        }
    }
    let province = counts.iter().find(|(c, _)| {
        site.city(c)
            .is_some_and(|c| c.level == crate::model::Level::Province)
    });
    let chosen = province
        .or_else(|| counts.iter().rev().max_by_key(|(_, n)| *n))
        .map(|(c, _)| *c);
    all.into_iter()
        .filter(|o| Some(o.city.as_str()) == chosen)
        .collect()
}

/// A figure with its unit, in words, through the one number formatter.
fn figure(site: &Site, lang: Lang, ind: &Indicator, v: f64) -> String {
    super::figure(site, lang, ind, v).to_string()
}

pub(super) fn change(
    site: &Site,
    lang: Lang,
    ind: &Indicator,
    from: &Observation,
    to: &Observation,
) -> String {
    let period = period_words(lang, from.year, from.months);
    let diff = to.value - from.value;
    if diff == 0.0 {
        return fill(t(site, lang, "key_unchanged"), &[("period", &period)]);
    }
    // Where neither end is better a move has no verdict, and a class is higher or lower.
    let (verdict, change_key) = match ind.better.judge(diff) {
        Some(true) => (t(site, lang, "chart_better"), "key_change"),
        Some(false) => (t(site, lang, "chart_worse"), "key_change"),
        None => (
            t(
                site,
                lang,
                if diff > 0.0 {
                    "map_higher"
                } else {
                    "map_lower"
                },
            ),
            "key_change_neutral",
        ),
    };
    if ind.scale.classes().is_some() {
        return fill(
            t(site, lang, "key_change_class"),
            &[
                ("period", &period),
                ("from", &figure(site, lang, ind, from.value)),
                ("verdict", verdict),
            ],
        );
    }
    // A ranking moves up when its number falls; the amount is counted in places.
    if ind.scale == Scale::Rank {
        let places = diff.abs();
        return fill(
            t(site, lang, change_key),
            &[
                ("period", &period),
                (
                    "direction",
                    t(
                        site,
                        lang,
                        if diff < 0.0 {
                            "key_rank_up"
                        } else {
                            "key_rank_down"
                        },
                    ),
                ),
                (
                    "amount",
                    &fill(
                        t(
                            site,
                            lang,
                            if places == 1.0 {
                                "key_place"
                            } else {
                                "key_places"
                            },
                        ),
                        &[("n", &format_value(places))],
                    ),
                ),
                ("verdict", verdict),
            ],
        );
    }
    // A change of a percentage is in percentage points.
    let amount = if ind.unit.get(lang) == "%" {
        format!(
            "{}{}",
            format_value(diff.abs()),
            t(site, lang, "key_points")
        )
    } else {
        figure(site, lang, ind, diff.abs())
    };
    let direction = t(site, lang, if diff > 0.0 { "key_up" } else { "key_down" });
    fill(
        t(site, lang, change_key),
        &[
            ("period", &period),
            ("direction", direction),
            ("amount", &amount),
            ("verdict", verdict),
        ],
    )
}

/// A change indicator's figure is itself a change: whether it is for the better (`None`
/// for another indicator, no change, or where neither end is better).
pub(super) fn change_verdict(
    site: &Site,
    lang: Lang,
    ind: &Indicator,
    latest: &Observation,
) -> Option<String> {
    if !super::specs::is_change(ind) {
        return None;
    }
    let good = ind.better.judge(latest.value)?;
    let direction = if latest.value > 0.0 {
        "key_up"
    } else {
        "key_down"
    };
    let verdict = if good { "chart_better" } else { "chart_worse" };
    Some(fill(
        t(site, lang, "key_change_verdict"),
        &[
            ("direction", t(site, lang, direction)),
            ("verdict", t(site, lang, verdict)),
        ],
    ))
}

/// The sentences of a key message: with `headline` the first names the place and its latest
/// figure (the indicator page); without, they follow a figure already shown (a place's card).
pub fn sentences(
    site: &Site,
    lang: Lang,
    ind: &Indicator,
    f: &KeyFacts,
    headline: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    let latest = f.latest;
    if headline {
        out.push(fill(
            t(site, lang, "key_latest"),
            &[
                ("place", &super::place_label(site, lang, latest)),
                ("period", &period_words(lang, latest.year, latest.months)),
                ("value", &figure(site, lang, ind, latest.value)),
            ],
        ));
    }
    out.extend(change_verdict(site, lang, ind, latest));
    for from in f.previous.iter().chain(&f.first) {
        out.push(change(site, lang, ind, from, latest));
    }
    if let (Some(against), Some(s)) = (f.against, &ind.standard) {
        let standard = s.label.get(lang);
        let limit = figure(site, lang, ind, s.value);
        out.push(match against {
            Against::PartYear => fill(
                t(site, lang, "key_part_year"),
                &[("period", &period_words(lang, latest.year, latest.months))],
            ),
            Against::Whole(d) => {
                let key = match d.partial_cmp(&0.0) {
                    Some(std::cmp::Ordering::Greater) => "key_above",
                    Some(std::cmp::Ordering::Less) => "key_below",
                    _ => "key_level",
                };
                fill(
                    t(site, lang, key),
                    &[
                        ("standard", standard),
                        ("limit", &limit),
                        ("amount", &figure(site, lang, ind, d.abs())),
                    ],
                )
            }
        });
    }
    if let Some((rank, total)) = f.rank {
        let key = match ind.better {
            Better::Neither => "key_rank_neutral",
            Better::Higher | Better::Lower => "key_rank",
        };
        out.push(fill(
            t(site, lang, key),
            &[
                ("period", &period_words(lang, latest.year, latest.months)),
                ("rank", &rank.to_string()),
                ("total", &total.to_string()),
            ],
        ));
    }
    out
}

/// The indicator page's key message: the headline place's facts, then the best and worst
/// of the prefectures for the same year, period, scope and basis as the headline figure
/// (never a comparison of another year beside it).
pub fn indicator_message(site: &Site, lang: Lang, ind: &Indicator) -> Vec<String> {
    let place = headline_place(site, ind);
    let facts = facts(site, ind, &place);
    let mut out = facts
        .as_ref()
        .map(|f| sentences(site, lang, ind, f, true))
        .unwrap_or_default();
    let compared = match &facts {
        Some(f) => comparison_like(site, ind, f.latest),
        None => comparison(site, ind),
    };
    out.extend(compared.and_then(|c| best_and_worst(site, lang, ind, &c)));
    out
}

/// "Best A (x), worst B (y)" ("highest", "lowest" where neither end is better), naming
/// together the places tied at either end; when all are level, says so instead.
fn best_and_worst(site: &Site, lang: Lang, ind: &Indicator, c: &Comparison) -> Option<String> {
    let (best, worst) = (c.rows.first()?, c.rows.last()?);
    let period = period_words(lang, c.year, c.months);
    let n = c.rows.len().to_string();
    if best.value == worst.value {
        return Some(fill(
            t(site, lang, "key_tie"),
            &[
                ("period", &period),
                ("n", &n),
                ("value", &figure(site, lang, ind, best.value)),
            ],
        ));
    }
    let names = |value: f64| {
        c.rows
            .iter()
            .filter(|o| o.value == value)
            .map(|o| place_name(site, lang, &o.city))
            .collect::<Vec<_>>()
            .join(t(site, lang, "list_separator"))
    };
    let key = match ind.better {
        Better::Neither => "key_highest_lowest",
        Better::Higher | Better::Lower => "key_best_worst",
    };
    Some(fill(
        t(site, lang, key),
        &[
            ("period", &period),
            ("n", &n),
            ("best", &names(best.value)),
            ("best_value", &figure(site, lang, ind, best.value)),
            ("worst", &names(worst.value)),
            ("worst_value", &figure(site, lang, ind, worst.value)),
        ],
    ))
}
