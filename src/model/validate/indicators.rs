//! Indicators: their definition, and each observation against the places and articles.

use super::*;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::raw::*;
use crate::load::Located;
use crate::messages::{self as M, Said};
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
                        M::STANDARD_PROBLEM.around("problem", &problem),
                    )
                    .hint(M::STANDARD_HINT.both(&[])),
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
        aliases: Aliases {
            zh: raw.aliases.zh.clone(),
            en: raw.aliases.en.clone(),
        },
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
                    M::INVALID_INDICATOR_ID.both(&[("id", &raw.id)]),
                )
                .hint(crate::model::id_hint(&raw.id, M::ID_RULE.both(&[]))),
        );
    } else if raw.id != stem {
        diags.push(
            located
                .error_at(
                    located.line_of_key("id"),
                    M::ID_NOT_FILE_NAME.both(&[("id", &raw.id), ("stem", &stem)]),
                )
                .hint(M::ID_NOT_FILE_NAME_HINT.both(&[("id", &raw.id)])),
        );
    }
}

/// `better:` as written (`neither` where it is unknown, after saying so).
fn parse_better(located: &Located<RawIndicator>, diags: &mut Diagnostics) -> Better {
    let written = located.value.better.as_str();
    let known = [Better::Higher, Better::Lower, Better::Neither];
    if let Some(better) = known.into_iter().find(|b| b.as_str() == written) {
        return better;
    }
    diags.push(
        located
            .error_at(
                located.line_of_key("better"),
                M::UNKNOWN_BETTER.both(&[("better", &written)]),
            )
            .hint(M::BETTER_HINT.both(&[])),
    );
    Better::Neither
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
                        M::UNKNOWN_SCALE.both(&[("scale", &other)]),
                    )
                    .hint(M::SCALE_HINT.both(&[])),
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
    let err = |msg: Said| located.error_at(line(), msg);
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
        diags.push(err(problem).hint(M::VALUE_HINT.both(&[])));
    } else if obs.value < 0.0 && !rules.is_change {
        diags.push(
            err(M::NEGATIVE_LEVEL.both(&[("value", &obs.value)]))
                .hint(M::NEGATIVE_LEVEL_HINT.both(&[])),
        );
    } else if let Some(n) = rules.scale.classes() {
        if obs.value.fract() != 0.0 || obs.value < 1.0 || obs.value > f64::from(n) {
            diags.push(
                err(M::NOT_A_CLASS.both(&[("value", &obs.value), ("classes", &n)]))
                    .hint(M::WATER_CLASS_HINT.both(&[])),
            );
        }
    }
    if obs.year < 1949 || obs.year > i64::from(rules.this_year) {
        diags.push(
            err(M::IMPOSSIBLE_YEAR.both(&[("year", &obs.year)]))
                .hint(M::YEAR_HINT.both(&[("this_year", &rules.this_year)])),
        );
    }
    let months = match obs.months.as_ref().map(|m| Months::parse(&m.to_string())) {
        Some(Err(e)) => {
            diags.push(err(M::BAD_MONTHS.both(&[("why", &e)])).hint(M::MONTHS_HINT.both(&[])));
            None
        }
        Some(Ok(m)) => Some(m),
        None => None,
    };
    if refs.publications.contains(obs.source.as_str()) {
        // An outside publication: checked in sources.yaml.
    } else if !refs.all.contains(&obs.source) {
        diags.push(
            err(M::UNKNOWN_SOURCE.both(&[("source", &obs.source)]))
                .hint(M::UNKNOWN_SOURCE_HINT.both(&[])),
        );
    } else if refs.drafts.contains(&obs.source) && !refs.published.contains(obs.source.as_str()) {
        diags.push(
            Diagnostic::warning(
                &located.path,
                line(),
                M::CITES_DRAFT.both(&[("source", &obs.source)]),
            )
            .hint(M::CITES_DRAFT_HINT.both(&[])),
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
            diags.push(
                err(M::UNKNOWN_BASIS.both(&[("basis", &b)]))
                    .hint(M::BASIS_HINT.both(&[("known", &known.join(", "))])),
            );
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
        let (months, year) = (obs.months.map(|m| m.code()), obs.year);
        let period = |lang| match &months {
            Some(m) => M::PERIOD_MONTHS.say_in(lang, &[("year", &year), ("months", m)]),
            None => year.to_string(),
        };
        let figure = |message: M::Message, lang| {
            let what = M::FIGURE_OF.say_in(
                lang,
                &[
                    ("indicator", &indicator),
                    ("city", &obs.city),
                    ("period", &period(lang)),
                ],
            );
            message.say_in(
                lang,
                &[
                    ("what", &what),
                    ("value", &obs.value),
                    ("source", &obs.source),
                    ("there", &there),
                    ("earlier_value", &earlier.value),
                    ("earlier_source", &earlier.source),
                ],
            )
        };
        let both = |message| Said {
            en: figure(message, Lang::En),
            zh: Some(figure(message, Lang::Zh)),
        };
        if obs.value == earlier.value {
            diags.push(
                Diagnostic {
                    source_line: located.error_at(line, "").source_line,
                    ..Diagnostic::warning(&located.path, line, both(M::RECORDED_TWICE))
                }
                .col(col)
                .hint(M::RECORDED_TWICE_HINT.both(&[])),
            );
        } else if !gives_value(obs, earlier.value) && !gives_value(earlier, obs.value) {
            diags.push(
                located
                    .error_at(line, both(M::TWO_VALUES))
                    .col(col)
                    .hint(M::TWO_VALUES_HINT.both(&[])),
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

type Problem = (Said, Said);

/// A scope key, or a part named in both languages.
fn scope(raw: &RawScope) -> Result<Scope, Problem> {
    let hint = || {
        M::SCOPE_HINT.both(&[
            ("whole", &Scope::WHOLE.join(", ")),
            ("parts", &Scope::PARTS.join(", ")),
        ])
    };
    match raw {
        RawScope::Key(key) if Scope::WHOLE.contains(&key.as_str()) => Ok(Scope::Whole(key.clone())),
        RawScope::Key(key) if Scope::PARTS.contains(&key.as_str()) => Ok(Scope::Part(key.clone())),
        RawScope::Key(key) => Err((M::UNKNOWN_SCOPE.both(&[("scope", key)]), hint())),
        RawScope::Named(name) if name.zh.trim().is_empty() || name.en.trim().is_empty() => {
            Err((M::NAMED_SCOPE_BOTH.both(&[]), hint()))
        }
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
                    M::NOT_A_SUM.both(&[("text", text), ("why", &e)]),
                    M::SUM_HINT.both(&[("unit", &unit.en)]),
                )
            })?;
            if crate::model::derived::matches(result, value) {
                Ok(shown)
            } else {
                Err((
                    M::SUM_DIFFERS.both(&[
                        ("text", text),
                        // Without the noise of binary fractions: 60.2, not 60.20000000000001.
                        ("result", &((result * 1e6).round() / 1e6)),
                        ("value", &value),
                    ]),
                    M::SUM_DIFFERS_HINT.both(&[]),
                ))
            }
        }
        RawDerived::Text(text) if text.zh.trim().is_empty() || text.en.trim().is_empty() => {
            Err((M::DERIVED_BOTH.both(&[]), M::DERIVED_BOTH_HINT.both(&[])))
        }
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
