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
            if let Some(section) = SECTIONS
                .iter()
                .chain(&["data/", "static/", "search-index/"])
                .find(spells)
            {
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

/// A source file as a module path: `src/import/text.rs` is `import::text`,
/// `src/import/mod.rs` is `import`.
fn module_path(rel: &std::path::Path) -> Vec<String> {
    let mut path: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if path.last().is_some_and(|last| last == "mod") {
        path.pop();
    }
    path
}

/// Every path a file names from `crate::`, `super::` or `self::`, made absolute (a group
/// `super::{a, b::c}` gives one path per item, its first name enough here).
fn named_paths(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    for line in code.lines() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        for (i, _) in line.match_indices("::") {
            let before = &line[..i];
            let start = before
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .map_or(0, |p| p + 1);
            // Only the first `::` of a path: the text before it is one word.
            let head = &line[start..i];
            if head.contains(':') {
                continue;
            }
            let mut base: Vec<String> = match head {
                "crate" => Vec::new(),
                "self" => module.to_vec(),
                "super" => module[..module.len().saturating_sub(1)].to_vec(),
                _ => continue,
            };
            let mut rest = &line[i + 2..];
            while let Some(more) = rest.strip_prefix("super::") {
                base.pop();
                rest = more;
            }
            let items: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group[..group.find('}').unwrap_or(group.len())]
                    .split(',')
                    .collect(),
                None => {
                    // Segments of a plain path: `a::b::C`.
                    let end = rest
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                        .unwrap_or(rest.len());
                    vec![&rest[..end]]
                }
            };
            for item in items {
                let mut path = base.clone();
                path.extend(item.trim().split("::").map(name).filter(|s| !s.is_empty()));
                paths.push(path);
            }
        }
    }
    paths
}

/// The files of one folder that use each other in a circle. A folder's face (`mod.rs`, or
/// `x.rs` beside `x/`) declares its files and is left out; a file with its own folder
/// counts with everything inside it.
fn circles_in(src: &std::path::Path, folder: &[String]) -> Vec<String> {
    // node → the nodes it uses
    let mut uses: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    let mut nodes = std::collections::BTreeSet::new();
    let files: Vec<(Vec<String>, String)> = walkdir::WalkDir::new(src)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| {
            e.path().extension().is_some_and(|x| x == "rs") && !e.path().ends_with("tests.rs")
        })
        .map(|e| {
            let rel = e.path().strip_prefix(src).expect("prefix").to_owned();
            (module_path(&rel), read(e.path()))
        })
        .collect();
    for (module, _) in &files {
        if module.len() > folder.len() && module.starts_with(folder) {
            nodes.insert(module[folder.len()].clone());
        }
    }
    for (module, code) in &files {
        if module.len() <= folder.len() || !module.starts_with(folder) {
            continue;
        }
        let from = &module[folder.len()];
        let code = code.split("#[cfg(test)]").next().unwrap_or(code);
        for path in named_paths(code, module) {
            if path.len() > folder.len() && path.starts_with(folder) {
                let to = &path[folder.len()];
                if to != from && nodes.contains(to) {
                    uses.entry(from.clone()).or_default().insert(to.clone());
                }
            }
        }
    }
    let reaches = |from: &str| {
        let mut seen = std::collections::BTreeSet::new();
        let mut todo = vec![from.to_owned()];
        while let Some(node) = todo.pop() {
            for next in uses.get(&node).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let mut circles = Vec::new();
    for node in &nodes {
        let reached = reaches(node);
        if reached.contains(node) {
            let circle: Vec<&String> = reached
                .iter()
                .filter(|other| reaches(other).contains(node))
                .collect();
            let edges: Vec<String> = circle
                .iter()
                .flat_map(|a| {
                    uses[*a]
                        .iter()
                        .filter(|b| circle.contains(b))
                        .map(move |b| format!("{a} → {b}"))
                })
                .collect();
            circles.push(format!("{}: {}", folder.join("::"), edges.join(", ")));
        }
    }
    circles.dedup();
    circles
}

#[test]
fn no_files_of_a_folder_use_each_other_in_a_circle() {
    let src = repo().join("src");
    let mut circles = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.expect("walk src");
        if entry.file_type().is_dir() {
            let rel = entry.path().strip_prefix(&src).expect("prefix");
            let folder = module_path(&rel.join("x.rs"));
            circles.extend(circles_in(&src, &folder[..folder.len() - 1]));
        }
    }
    circles.sort();
    circles.dedup();
    assert!(
        circles.is_empty(),
        "files that use each other in a circle:\n{}",
        circles.join("\n")
    );
}

#[test]
fn paths_are_read_relative_to_their_file() {
    let module = ["import".to_owned(), "text".to_owned()];
    let code = "use super::input::BOLD;\nuse super::{web, lines::x};\nlet a = crate::cjk::is_han(c);\n// super::pdf\nsuper::super::date::dates_in()";
    let paths: Vec<String> = named_paths(code, &module)
        .iter()
        .map(|p| p.join("::"))
        .collect();
    assert_eq!(
        paths,
        [
            "import::input::BOLD",
            "import::web",
            "import::lines::x",
            "cjk::is_han",
            "date::dates_in"
        ]
    );
}

/// What the commands print comes from the catalogue of messages (`src/messages.rs`), in
/// both languages: no string literal in a print, an error or a hint of `src/cmd/`,
/// `src/cli.rs` or `serve`'s terminal side holds words of its own.
#[test]
fn the_commands_print_only_messages_of_the_catalogue() {
    let src = repo().join("src");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(src.join("cmd"))
        .expect("src/cmd")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.push(src.join("cli.rs"));
    files.push(src.join("serve/mod.rs"));
    files.push(src.join("serve/rebuild.rs"));
    // A print, an error (`anyhow!`, `.context`, the commands' `error` and `hint`) and
    // its arguments, up to the closing `);`.
    let calls = ["print", "anyhow!(", "context(", "error(", "hint("];
    let own: Vec<String> = files
        .iter()
        .flat_map(|f| own_words(f, &calls, |w| w.chars().any(char::is_alphabetic)))
        .collect();
    assert!(
        own.is_empty(),
        "printed words that are not from src/messages.rs:\n{}",
        own.join("\n")
    );
}

/// The string literals holding words of their own in `calls` (a name and its arguments,
/// up to the closing `);`) in `path`, outside its tests: `file:line: "literal"`.
fn own_words(path: &std::path::Path, calls: &[&str], is_words: fn(&str) -> bool) -> Vec<String> {
    let mut own = Vec::new();
    {
        let code = read(path);
        let code = code.split("#[cfg(test)]").next().unwrap_or(&code);
        let calls = calls.iter().flat_map(|name| code.match_indices(name));
        for (i, name) in calls {
            let call = &code[i..];
            let call = &call[..call.find(");").unwrap_or(call.len())];
            if name == "print" && !call.contains("!(") {
                continue;
            }
            let pieces: Vec<&str> = call.split('"').collect();
            for j in (1..pieces.len()).step_by(2) {
                let literal = pieces[j];
                // `("path", &value)`: the name of a placeholder, not words.
                let next = pieces.get(j + 1).copied().unwrap_or("");
                if pieces[j - 1].ends_with('(') && next.starts_with(',') {
                    continue;
                }
                // Placeholders and escapes (`\n`) are not words.
                let words: String = literal.split(['{', '}']).step_by(2).collect::<String>();
                let words = words.replace("\\n", "").replace("\\t", "");
                if is_words(&words) {
                    let line = code[..i].lines().count() + 1;
                    own.push(format!("{}:{line}: \"{literal}\"", path.display()));
                }
            }
        }
    }
    own
}

/// Whether a literal's text (placeholders taken out) is words for a reader: two English
/// words or two Chinese characters, so that an extension, a key or a flag passed along
/// (`"docx"`, `"og:url"`, `"名"`, `"--period: "`) is not taken for one.
fn is_prose(text: &str) -> bool {
    let english = text
        .split_whitespace()
        .filter(|w| {
            !w.starts_with('-') && w.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2
        })
        .count();
    let han = text
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count();
    english >= 2 || han >= 2
}

/// The errors and refusals of import's readers and table planner, which `import` and the
/// desk print, come from the catalogue too. The notes written into a draft (warnings,
/// `已删去… / removed …`) are bilingual on purpose and live in the other files.
#[test]
fn imports_printed_errors_are_messages_of_the_catalogue() {
    let import = repo().join("src/import");
    let files = [
        "input.rs",
        "reading.rs",
        "pdf.rs",
        "table.rs",
        "record.rs",
        "files.rs",
    ];
    let calls = [
        "Err(",
        "map_err(",
        "ok_or_else(",
        "errors.push(",
        "notes.push(",
        "read_as:",
    ];
    let own: Vec<String> = files
        .iter()
        .flat_map(|f| own_words(&import.join(f), &calls, is_prose))
        .collect();
    assert!(
        own.is_empty(),
        "import errors that are not from src/messages.rs:\n{}",
        own.join("\n")
    );
}
