//! The registries: cities.yaml (the place tree) and topics.yaml.

use super::*;
use crate::diag::Diagnostics;
use crate::load::raw::*;
use crate::load::Located;
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
        let err = |msg: String| located.error_at(located.item_line(i), msg);
        if !is_valid_id(&raw.id) {
            diags.push(err(format!("invalid city id `{}`", raw.id)).hint(id_hint(&raw.id, "ids are lowercase pinyin such as jinzhong or pm25-change: a-z, 0-9 and single hyphens")));
            continue;
        }
        if !seen.insert(raw.id.clone()) {
            diags.push(
                err(format!("duplicate city id `{}`", raw.id)).hint("each place is listed once"),
            );
            continue;
        }
        let level = match raw.level.as_str() {
            "province" => Level::Province,
            "prefecture" => Level::Prefecture,
            "county" => Level::County,
            other => {
                diags.push(
                    err(format!("unknown level `{other}` for `{}`", raw.id))
                        .hint("level is province, prefecture or county"),
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
                        err(format!("{name} {v} of `{}` is out of range", raw.id))
                            .hint("decimal degrees, e.g. lat: 37.69, lon: 112.75"),
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
            (Some(p), None) => diags.push(located.error_at(line(), format!("province `{}` cannot have a parent (`{p}`)", city.id)).hint("remove `parent`")),
            (None, Some(_)) => diags.push(located.error_at(line(), format!("`{}` needs a parent", city.id)).hint(format!("known places: {}", list(&known)))),
            (Some(p), Some(want)) => match levels.get(p) {
                None => diags.push(located.error_at(line(), format!("unknown parent `{p}` of `{}`", city.id)).hint(format!("known places: {}", list(&known)))),
                Some(&got) if got != want => diags.push(located.error_at(line(), format!("parent `{p}` of `{}` is a {got:?}, expected a {want:?}", city.id).to_lowercase()).hint("a county's parent is a prefecture; a prefecture's parent is the province")),
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
                    .error_at(line(), format!("invalid topic id `{}`", raw.id))
                    .hint(id_hint(&raw.id, "ids use a-z, 0-9 and single hyphens")),
            );
        } else if !seen.insert(raw.id.clone()) {
            diags.push(located.error_at(line(), format!("duplicate topic id `{}`", raw.id)));
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
