//! Indicators: their definition, and each observation against the places and articles.

use super::*;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::raw::*;
use crate::load::Located;
use std::collections::BTreeMap;

pub(super) fn validate_indicator(
    located: &Located<RawIndicator>,
    known: &Known,
    refs: &ArticleRefs,
    city_order: &BTreeMap<&str, usize>,
    diags: &mut Diagnostics,
) -> Option<Indicator> {
    let raw = &located.value;
    let before = diags.error_count();
    check_id(located, diags);
    let better = parse_better(located, diags);
    if let Some(topics) = known.topics {
        for t in raw.topics.iter().filter(|t| !topics.contains(t.as_str())) {
            diags.push(
                located
                    .error_at(
                        located.line_of_key("topics"),
                        crate::messages::UNKNOWN_TOPIC_ID.both(&[("id", t)]),
                    )
                    .hint(unknown_id_hint(t, known.topic_names, topics, "topics.yaml")),
            );
        }
    }
    if let Some(s) = &raw.standard {
        if let Some(problem) = crate::model::limits::value_problem(s.value) {
            diags.push(
                located
                    .error_at(
                        located.line_of_key("standard"),
                        format!("the standard's {problem}"),
                    )
                    .hint("write a number, e.g. value: 35"),
            );
        }
    }
    let scale = parse_scale(located, diags);
    let unit = match &raw.unit {
        RawUnit::Same(unit) => Bilingual {
            zh: unit.clone(),
            en: unit.clone(),
        },
        RawUnit::PerLanguage(unit) => bilingual(unit),
    };
    let mut observations = Vec::new();
    let rules = ObservationRules {
        scale,
        is_change: raw.id.ends_with("-change"),
        unit: &unit,
        this_year: crate::date::current_year(),
    };
    for (i, obs) in raw.observations.iter().enumerate() {
        if let Some(o) = validate_observation(located, i, obs, &rules, known, refs, diags) {
            observations.push(o);
        }
    }
    check_repeated_figures(located, &raw.id, &observations, diags);
    observations.sort_by(|a, b| {
        let pos = |c: &str| city_order.get(c).copied().unwrap_or(usize::MAX);
        pos(&a.city)
            .cmp(&pos(&b.city))
            .then(a.year.cmp(&b.year))
            .then(a.months.cmp(&b.months))
            .then(
                a.scope
                    .as_ref()
                    .map(Scope::code)
                    .cmp(&b.scope.as_ref().map(Scope::code)),
            )
    });
    (diags.error_count() == before).then(|| Indicator {
        id: raw.id.clone(),
        name: bilingual(&raw.name),
        unit,
        better,
        topics: raw.topics.clone(),
        definition: bilingual(&raw.definition),
        standard: raw.standard.as_ref().map(|s| Standard {
            value: s.value,
            label: bilingual(&s.label),
        }),
        scale,
        observations,
        path: located.path.clone(),
    })
}

/// The id is valid and names the file it is in.
fn check_id(located: &Located<RawIndicator>, diags: &mut Diagnostics) {
    let raw = &located.value;
    let stem = located
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if !is_valid_id(&raw.id) {
        diags.push(
            located
                .error_at(
                    located.line_of_key("id"),
                    format!("invalid indicator id `{}`", raw.id),
                )
                .hint(crate::model::id_hint(
                    &raw.id,
                    "ids use a-z, 0-9 and single hyphens",
                )),
        );
    } else if raw.id != stem {
        diags.push(
            located
                .error_at(
                    located.line_of_key("id"),
                    format!(
                        "indicator id `{}` differs from its file name `{stem}.yaml`",
                        raw.id
                    ),
                )
                .hint(format!(
                    "rename the file to {}.yaml or change the id",
                    raw.id
                )),
        );
    }
}

/// `better:` as written (`higher` where it is neither, after saying so).
fn parse_better(located: &Located<RawIndicator>, diags: &mut Diagnostics) -> Better {
    match located.value.better.as_str() {
        "higher" => Better::Higher,
        "lower" => Better::Lower,
        other => {
            diags.push(
                located
                    .error_at(
                        located.line_of_key("better"),
                        format!("`better: {other}` is neither higher nor lower"),
                    )
                    .hint("write better: higher or better: lower"),
            );
            Better::Higher
        }
    }
}

/// `scale:` as written (a quantity where it is left out, or unknown after saying so).
fn parse_scale(located: &Located<RawIndicator>, diags: &mut Diagnostics) -> Scale {
    match located.value.scale.as_deref().map(|s| (s, Scale::parse(s))) {
        None => Scale::Quantity,
        Some((_, Some(scale))) => scale,
        Some((other, None)) => {
            diags.push(
                located
                    .error_at(
                        located.line_of_key("scale"),
                        format!("unknown scale `{other}`"),
                    )
                    .hint("write scale: water-class for water quality classes coded 1–6, scale: rank for places in a ranking, or leave scale out"),
            );
            Scale::Quantity
        }
    }
}

/// What an observation is checked against: the indicator's scale and unit, whether it is
/// a change (which may be negative), and the latest year a figure may describe.
struct ObservationRules<'a> {
    scale: Scale,
    is_change: bool,
    unit: &'a Bilingual,
    this_year: i32,
}

/// The `i`-th item of `observations:`, or `None` with every problem of it reported.
fn validate_observation(
    located: &Located<RawIndicator>,
    i: usize,
    obs: &RawObservation,
    rules: &ObservationRules,
    known: &Known,
    refs: &ArticleRefs,
    diags: &mut Diagnostics,
) -> Option<Observation> {
    // The line of the i-th item under `observations:`, looked up only for a message:
    // each lookup parses the file, so doing it for every item would be quadratic.
    let line = || nth_item_line(located, i);
    let err = |msg: String| located.error_at(line(), msg);
    let count = diags.error_count();
    if let Some(cities) = known.cities.filter(|c| !c.contains(obs.city.as_str())) {
        diags.push(
            located
                .error_at(
                    line(),
                    crate::messages::UNKNOWN_CITY_ID.both(&[("id", &obs.city)]),
                )
                .hint(unknown_id_hint(
                    &obs.city,
                    known.city_names,
                    cities,
                    "cities.yaml",
                )),
        );
    }
    if let Some(problem) = crate::model::limits::value_problem(obs.value) {
        diags.push(err(problem).hint("write the figure as printed, e.g. value: 66.9"));
    } else if obs.value < 0.0 && !rules.is_change {
        diags.push(
            err(format!("negative value {} for a level", obs.value)).hint(
                "only change indicators (ids ending in -change) may be negative; check the sign",
            ),
        );
    } else if let Some(n) = rules.scale.classes() {
        if obs.value.fract() != 0.0 || obs.value < 1.0 || obs.value > f64::from(n) {
            diags.push(
                err(format!("{} is not a class from 1 to {n}", obs.value)).hint(
                    "water classes are recorded as 1–5 for Class I–V and 6 for worse than Class V",
                ),
            );
        }
    }
    if obs.year < 1949 || obs.year > i64::from(rules.this_year) {
        diags.push(
            err(format!("year {} is impossible", obs.year)).hint(format!(
                "the year the figure describes, between 1949 and {}",
                rules.this_year
            )),
        );
    }
    let months = match obs.months.as_ref().map(|m| Months::parse(&m.to_string())) {
        Some(Err(e)) => {
            diags.push(err(format!("months: {e}")).hint(
                "the months of the year the figure covers: \"5\" for May, \"1-11\" for January to November; leave months out for the whole year",
            ));
            None
        }
        Some(Ok(m)) => Some(m),
        None => None,
    };
    if refs.publications.contains(obs.source.as_str()) {
        // An outside publication: checked in sources.yaml.
    } else if !refs.all.contains(&obs.source) {
        diags.push(err(format!("observation cites `{}`, which is neither an article nor a source", obs.source)).hint("source is the slug of the article that printed the figure (its file name without .zh.md), or the id of a publication in content/sources.yaml"));
    } else if refs.drafts.contains(&obs.source) && !refs.published.contains(obs.source.as_str()) {
        diags.push(
            Diagnostic::warning(
                &located.path,
                line(),
                format!(
                    "observation cites the draft `{}`; it is shown without a link",
                    obs.source
                ),
            )
            .hint("publish the article (draft: false) or cite another"),
        );
    }
    let scope = obs.scope.as_ref().and_then(|s| match scope(s) {
        Ok(scope) => Some(scope),
        Err((msg, hint)) => {
            diags.push(err(msg).hint(hint));
            None
        }
    });
    let basis = obs.basis.as_deref().and_then(|b| {
        let basis = Basis::parse(b);
        if basis.is_none() {
            let known: Vec<&str> = Basis::ALL.iter().map(|b| b.code()).collect();
            diags.push(err(format!("unknown basis `{b}`")).hint(format!(
                "write one of {} (dust-excluded: sand-and-dust days removed; city-average: the average of the prefectures; national-inventory: the national forest inventory), or leave basis out for a whole figure as published",
                known.join(", ")
            )));
        }
        basis
    });
    let derived = obs
        .derived
        .as_ref()
        .and_then(|d| match derived(d, rules.unit, obs.value) {
            Ok(text) => Some(text),
            Err((msg, hint)) => {
                diags.push(err(msg).hint(hint));
                None
            }
        });
    (diags.error_count() == count).then(|| Observation {
        city: obs.city.clone(),
        year: obs.year as i32,
        months,
        value: obs.value,
        scope,
        basis,
        source: obs.source.clone(),
        derived,
        note: obs.note.as_ref().map(bilingual),
        item: i,
    })
}

/// Two observations of one figure (place, period, scope and basis): the same value twice
/// is a warning, two values an error unless a note of one gives the other's value (the
/// editor has kept both on purpose and says so to the reader).
fn check_repeated_figures(
    located: &Located<RawIndicator>,
    indicator: &str,
    observations: &[Observation],
    diags: &mut Diagnostics,
) {
    let mut first: BTreeMap<FigureKey, &Observation> = BTreeMap::new();
    for obs in observations {
        let Some(&earlier) = first.get(&obs.figure_key()) else {
            first.insert(obs.figure_key(), obs);
            continue;
        };
        let (line, col) = located.item_position("observations", obs.item);
        let (first_line, first_col) = located.item_position("observations", earlier.item);
        let there = format!("{}:{first_line}:{first_col}", located.path.display());
        let period = match obs.months {
            Some(m) => format!("{} months {}", obs.year, m.code()),
            None => obs.year.to_string(),
        };
        let what = format!("{indicator} of `{}` for {period}", obs.city);
        if obs.value == earlier.value {
            diags.push(
                Diagnostic {
                    source_line: located.error_at(line, "").source_line,
                    ..Diagnostic::warning(
                        &located.path,
                        line,
                        format!(
                            "{what} recorded twice: {} from `{}`, and at {there} from `{}`",
                            obs.value, obs.source, earlier.source
                        ),
                    )
                }
                .col(col)
                .hint("keep one observation, citing the original publication; the other source can be named in its note"),
            );
        } else if !gives_value(obs, earlier.value) && !gives_value(earlier, obs.value) {
            diags.push(
                located
                    .error_at(
                        line,
                        format!(
                            "{what} has two values: {} from `{}`, and {} at {there} from `{}`",
                            obs.value, obs.source, earlier.value, earlier.source
                        ),
                    )
                    .col(col)
                    .hint("keep the figure of the original or final publication; to keep both, say why in the note of one of them and give the other value there (e.g. note: {zh: 另一来源作92%, en: another source prints 92%})"),
            );
        }
    }
}

/// Whether an observation's note names `value` (as a number of its own, sign aside).
fn gives_value(obs: &Observation, value: f64) -> bool {
    let Some(note) = &obs.note else {
        return false;
    };
    [&note.zh, &note.en].into_iter().any(|text| {
        text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter_map(|n| n.trim_matches('.').parse::<f64>().ok())
            .any(|n| (n - value.abs()).abs() < 1e-9)
    })
}

type Problem = (String, String);

/// A scope key, or a part named in both languages.
fn scope(raw: &RawScope) -> Result<Scope, Problem> {
    let hint = || {
        format!(
            "write one of {} for the whole place, {} for a part of it, or name the part in both languages: scope: {{zh: 汾河王庄桥南断面, en: \"Fen River, Wangzhuangqiao South section\"}}",
            Scope::WHOLE.join(", "),
            Scope::PARTS.join(", ")
        )
    };
    match raw {
        RawScope::Key(key) if Scope::WHOLE.contains(&key.as_str()) => Ok(Scope::Whole(key.clone())),
        RawScope::Key(key) if Scope::PARTS.contains(&key.as_str()) => Ok(Scope::Part(key.clone())),
        RawScope::Key(key) => Err((format!("unknown scope `{key}`"), hint())),
        RawScope::Named(name) if name.zh.trim().is_empty() || name.en.trim().is_empty() => Err((
            "a named scope needs both its Chinese and its English name".into(),
            hint(),
        )),
        RawScope::Named(name) => Ok(Scope::Named(bilingual(name))),
    }
}

/// How a figure was derived, in both languages: a sum written out with the unit in each
/// language (and checked against the value), or an explanation given in both.
fn derived(raw: &RawDerived, unit: &Bilingual, value: f64) -> Result<Bilingual, Problem> {
    match raw {
        RawDerived::Sum(text) => {
            let (shown, result) = crate::model::derived::parse(text, unit).map_err(|e| {
                (
                    format!("`derived: {text}` is not a sum of numbers: {e}"),
                    format!("write the arithmetic with the indicator's unit ({}) or `percentage points`: derived: \"66.9 - 6.7 percentage points\"; explain anything else in both languages: derived: {{zh: …, en: …}}", unit.en),
                )
            })?;
            if crate::model::derived::matches(result, value) {
                Ok(shown)
            } else {
                Err((
                    format!(
                        "`derived: {text}` makes {}, not the value {value}",
                        // Without the noise of binary fractions: 60.2, not 60.20000000000001.
                        (result * 1e6).round() / 1e6
                    ),
                    "check the figures of the sum and the value".into(),
                ))
            }
        }
        RawDerived::Text(text) if text.zh.trim().is_empty() || text.en.trim().is_empty() => Err((
            "`derived` needs both its Chinese and its English text".into(),
            "derived: {zh: 原文…, en: the page…}".into(),
        )),
        RawDerived::Text(text) => Ok(bilingual(text)),
    }
}

/// Line of the `index`-th item under `observations:` in an indicator file, as the YAML
/// parser reads it.
fn nth_item_line(located: &Located<RawIndicator>, index: usize) -> usize {
    crate::load::position::item_line_under(&located.yaml, "observations", index).map_or_else(
        || located.line_of_key("observations"),
        |l| l + located.first_line - 1,
    )
}
