//! The layering the README's code map writes down holds: reads the table of layers from
//! `README.md` and every `crate::…` path in `src/` (test code left out), and fails on a
//! module that uses one of its own layer or above, or that the table does not place.

mod common;

use common::*;
use std::collections::BTreeMap;

/// Module → layer, from the README's table (`| 2 | `load` |`).
fn layers() -> BTreeMap<String, usize> {
    let readme = read(&repo().join("README.md"));
    let section = readme
        .split("**Layers**")
        .nth(1)
        .expect("README has a **Layers** table");
    let mut layers = BTreeMap::new();
    for line in section.lines().skip_while(|l| !l.starts_with('|')) {
        let Some(row) = line.strip_prefix('|') else {
            break;
        };
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let Ok(layer) = cells[0].parse::<usize>() else {
            continue;
        };
        for module in cells[1].split(',') {
            layers.insert(module.trim().trim_matches('`').to_owned(), layer);
        }
    }
    assert!(
        layers.len() >= 10,
        "too few modules in the table: {layers:?}"
    );
    layers
}

/// The top-level modules a piece of code names through `crate::`.
fn used_modules(code: &str) -> Vec<String> {
    let mut used = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{load, write::guard}`: the first name of each item.
            let end = group.find('}').unwrap_or(group.len());
            used.extend(group[..end].split(',').map(|item| name(item.trim())));
        } else {
            used.push(name(rest));
        }
    }
    used.retain(|m| !m.is_empty());
    used
}

fn name(path: &str) -> String {
    path.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// The module that defines each exported macro (`crate::println_escaped!` is used like a
/// module's item, but lives at the crate's root).
fn macro_homes(src: &std::path::Path) -> BTreeMap<String, String> {
    let mut homes = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src).into_iter().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(src).expect("prefix").to_string_lossy();
        let code = read(path);
        for (i, _) in code.match_indices("macro_rules! ") {
            homes.insert(name(&code[i + "macro_rules! ".len()..]), name(&rel));
        }
    }
    homes
}

#[test]
fn no_module_uses_one_of_its_own_layer_or_above() {
    let layers = layers();
    let src = repo().join("src");
    let macros = macro_homes(&src);
    let mut wrong = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.expect("walk src");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("tests.rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).expect("prefix");
        let rel_text = rel.to_string_lossy();
        let module = name(&rel_text);
        let code = read(path);
        // Unit tests may use anything to set up what they test.
        let code = code.split("#[cfg(test)]").next().unwrap_or(&code);
        let Some(&own) = layers.get(&module) else {
            wrong.push(format!(
                "{rel_text}: module `{module}` is in no layer of the README"
            ));
            continue;
        };
        for used in used_modules(code) {
            let used = macros.get(&used).cloned().unwrap_or(used);
            if used == module {
                continue;
            }
            match layers.get(&used) {
                Some(&layer) if layer < own => {}
                Some(&layer) => wrong.push(format!(
                    "{rel_text}: `{module}` (layer {own}) uses `{used}` (layer {layer})"
                )),
                None => wrong.push(format!(
                    "{rel_text}: uses `{used}`, in no layer of the README"
                )),
            }
        }
    }
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "the layering is broken:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn paths_and_groups_name_their_modules() {
    let code =
        "use crate::{load, write::guard};\nlet x = crate::model::date(); use crate::cjk::is_han;";
    assert_eq!(used_modules(code), ["load", "write", "model", "cjk"]);
}

/// The site's paths are spelt in `src/route.rs` only: no string in other code (unit tests
/// aside) starts with a section of the site, and no template writes one after a base
/// (`{{ root }}cities/`) or in a string (`root ~ "cities/"`): templates get the URLs.
#[test]
fn the_url_layout_is_spelt_in_the_route_table_only() {
    const SECTIONS: &[&str] = &[
        "articles/",
        "cities/",
        "topics/",
        "indicators/",
        "archive/",
        "search/",
        "about/",
        "en/",
        "page/",
    ];
    let src = repo().join("src");
    let mut spelt = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.expect("walk src");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs")
            || path.ends_with("tests.rs")
            || path.ends_with("route.rs")
        {
            continue;
        }
        let code = read(path);
        let code = code.split("#[cfg(test)]").next().unwrap_or(&code);
        for (n, line) in code.lines().enumerate() {
            let in_string =
                |s: &&&str| line.contains(&format!("\"{s}")) || line.contains(&format!("\"/{s}"));
            if let Some(section) = SECTIONS.iter().find(in_string) {
                let rel = path.strip_prefix(&src).expect("prefix").display();
                spelt.push(format!("src/{rel}:{}: spells `{section}`", n + 1));
            }
        }
    }
    let templates = repo().join("templates");
    for entry in walkdir::WalkDir::new(&templates).sort_by_file_name() {
        let entry = entry.expect("walk templates");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        for (n, line) in read(path).lines().enumerate() {
            let spells = |s: &&&str| {
                ["\"", "\"/", "}}"]
                    .iter()
                    .any(|before| line.contains(&format!("{before}{s}")))
            };
            if let Some(section) = SECTIONS.iter().chain(&["data/"]).find(spells) {
                let rel = path.strip_prefix(&templates).expect("prefix").display();
                spelt.push(format!("templates/{rel}:{}: spells `{section}`", n + 1));
            }
        }
    }
    assert!(
        spelt.is_empty(),
        "paths of the site outside src/route.rs:\n{}",
        spelt.join("\n")
    );
}
