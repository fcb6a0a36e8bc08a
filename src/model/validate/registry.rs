//! The registries: cities.yaml (the place tree) and topics.yaml.

use super::*;
use crate::diag::Diagnostics;
use crate::load::raw::*;
use crate::load::Located;
use crate::messages::{self as M, Said};
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn validate_cities(
    located: &Located<Vec<RawCity>>,
    diags: &mut Diagnostics,
) -> Vec<City> {
    let mut cities: Vec<City> = Vec::new();
    let mut seen = BTreeSet::new();
    // Lines are looked up only for the entries with a problem (each look-up reads the file).
    let mut positions: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, raw) in located.value.iter().enumerate() {
        positions.entry(raw.id.as_str()).or_insert(i);
        let err = |msg: Said| located.error_at(located.item_line(i), msg);
        if !is_valid_id(&raw.id) {
            diags.push(
                err(M::INVALID_CITY_ID.both(&[("id", &raw.id)]))
                    .hint(id_hint(&raw.id, M::CITY_ID_RULE.both(&[]))),
            );
            continue;
        }
        if !seen.insert(raw.id.clone()) {
            diags.push(
                err(M::DUPLICATE_CITY_ID.both(&[("id", &raw.id)]))
                    .hint(M::DUPLICATE_CITY_ID_HINT.both(&[])),
            );
            continue;
        }
        let level = match raw.level.as_str() {
            "province" => Level::Province,
            "prefecture" => Level::Prefecture,
            "county" => Level::County,
            other => {
                diags.push(
                    err(M::UNKNOWN_LEVEL.both(&[("level", &other), ("id", &raw.id)]))
                        .hint(M::LEVEL_HINT.both(&[])),
                );
                continue;
            }
        };
        for (name, value, range) in [
            ("lat", raw.lat, -90.0..=90.0),
            ("lon", raw.lon, -180.0..=180.0),
        ] {
            if let Some(v) = value {
                if !range.contains(&v) {
                    diags.push(
                        err(M::OUT_OF_RANGE.both(&[
                            ("key", &name),
                            ("value", &v),
                            ("id", &raw.id),
                        ]))
                        .hint(M::DEGREES_HINT.both(&[])),
                    );
                }
            }
        }
        cities.push(City {
            id: raw.id.clone(),
            name: Bilingual {
                zh: raw.zh.clone(),
                en: raw.en.clone(),
            },
            level,
            parent: raw.parent.clone(),
            children: Vec::new(),
            aliases: raw.aliases.clone(),
            lat: raw.lat,
            lon: raw.lon,
        });
    }
    // Parents must exist and sit one level up.
    let levels: BTreeMap<String, Level> = cities.iter().map(|c| (c.id.clone(), c.level)).collect();
    let known: BTreeSet<&str> = levels.keys().map(String::as_str).collect();
    for city in &cities {
        let line = || {
            positions
                .get(city.id.as_str())
                .map_or(located.first_line, |&i| located.item_line(i))
        };
        let expected = match city.level {
            Level::Province => None,
            Level::Prefecture => Some(Level::Province),
            Level::County => Some(Level::Prefecture),
        };
        match (&city.parent, expected) {
            (None, None) => {}
            (Some(p), None) => diags.push(
                located
                    .error_at(
                        line(),
                        M::PROVINCE_PARENT.both(&[("id", &city.id), ("parent", p)]),
                    )
                    .hint(M::PROVINCE_PARENT_HINT.both(&[])),
            ),
            (None, Some(_)) => diags.push(
                located
                    .error_at(line(), M::NEEDS_PARENT.both(&[("id", &city.id)]))
                    .hint(M::KNOWN_PLACES.both(&[("ids", &list(&known))])),
            ),
            (Some(p), Some(want)) => match levels.get(p) {
                None => diags.push(
                    located
                        .error_at(
                            line(),
                            M::UNKNOWN_PARENT.both(&[("parent", p), ("id", &city.id)]),
                        )
                        .hint(M::KNOWN_PLACES.both(&[("ids", &list(&known))])),
                ),
                Some(&got) if got != want => diags.push(
                    located
                        .error_at(line(), level_message(p, &city.id, got, want))
                        .hint(M::PARENT_LEVEL_HINT.both(&[])),
                ),
                Some(_) => {}
            },
        }
    }
    // Looked up by id, not searched for: a registry of 10,000 counties links in linear time.
    let position: BTreeMap<String, usize> = cities
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    let children: Vec<(usize, String)> = cities
        .iter()
        .filter_map(|c| Some((*position.get(c.parent.as_ref()?)?, c.id.clone())))
        .collect();
    for (parent, child) in children {
        cities[parent].children.push(child);
    }
    cities
}

/// "parent `x` of `y` is a county, expected a prefecture", in both languages.
fn level_message(parent: &str, id: &str, got: Level, want: Level) -> Said {
    let name = |level: Level| match level {
        Level::Province => M::LEVEL_PROVINCE,
        Level::Prefecture => M::LEVEL_PREFECTURE,
        Level::County => M::LEVEL_COUNTY,
    };
    let said = |lang| {
        M::PARENT_LEVEL.say_in(
            lang,
            &[
                ("parent", &parent),
                ("id", &id),
                ("got", &name(got).text(lang)),
                ("want", &name(want).text(lang)),
            ],
        )
    };
    Said {
        en: said(Lang::En),
        zh: Some(said(Lang::Zh)),
    }
}

pub(super) fn validate_topics(
    located: &Located<Vec<RawTopic>>,
    diags: &mut Diagnostics,
) -> Vec<Topic> {
    let mut seen = BTreeSet::new();
    let mut topics = Vec::new();
    for (i, raw) in located.value.iter().enumerate() {
        let line = || located.item_line(i);
        if !is_valid_id(&raw.id) {
            diags.push(
                located
                    .error_at(line(), M::INVALID_TOPIC_ID.both(&[("id", &raw.id)]))
                    .hint(id_hint(&raw.id, M::ID_RULE.both(&[]))),
            );
        } else if !seen.insert(raw.id.clone()) {
            diags.push(located.error_at(line(), M::DUPLICATE_TOPIC_ID.both(&[("id", &raw.id)])));
        } else {
            topics.push(Topic {
                id: raw.id.clone(),
                name: Bilingual {
                    zh: raw.zh.clone(),
                    en: raw.en.clone(),
                },
                description: bilingual(&raw.description),
            });
        }
    }
    topics
}
