//! Templates that include one another, or macros that call one another, in a cycle
//! recurse while rendering until the stack overflows, which would abort `build` and take
//! `serve` down. Such cycles are found before anything is rendered and reported with
//! their chain, at the tag or call that closes them.

use crate::diag::Diagnostic;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// A node is a template (`partials/pager.html`) or a macro in one
/// (`partials/pager.html::loop`); each edge has the line it is written on.
type Graph = BTreeMap<String, Vec<(String, usize)>>;

/// The first cycle among the templates `(name, text, path)`, as an error.
pub fn find(sources: &[(&str, String, PathBuf)]) -> Option<Diagnostic> {
    let mut graph = Graph::new();
    for (name, text, _) in sources {
        graph.insert((*name).to_owned(), referenced_templates(text));
        for (macro_name, calls) in macro_calls(name, text) {
            graph.insert(format!("{name}::{macro_name}"), calls);
        }
    }
    let (chain, line) = cycle(&graph)?;
    let closing = chain[chain.len() - 2].split("::").next()?;
    let (_, text, path) = sources.iter().find(|(n, _, _)| *n == closing)?;
    let (what, hint) = if chain[0].contains("::") {
        (
            crate::messages::MACRO_CYCLE,
            crate::messages::MACRO_CYCLE_HINT,
        )
    } else {
        (
            crate::messages::TEMPLATE_CYCLE,
            crate::messages::TEMPLATE_CYCLE_HINT,
        )
    };
    Some(
        Diagnostic::error(path, line, what.both(&[("chain", &chain.join(" → "))]))
            .with_source(text)
            .hint(hint.both(&[])),
    )
}

/// A cycle of `graph` (its nodes, the first repeated at the end) and the line of the
/// edge that closes it; depth-first from each node in turn.
fn cycle(graph: &Graph) -> Option<(Vec<String>, usize)> {
    let mut done: BTreeSet<&str> = BTreeSet::new();
    for start in graph.keys() {
        // The path from `start`, each node with the index of its next edge to follow.
        let mut path: Vec<(&str, usize)> = vec![(start, 0)];
        while let Some(&(node, next)) = path.last() {
            let Some((child, line)) = graph.get(node).and_then(|edges| edges.get(next)) else {
                done.insert(node);
                path.pop();
                if let Some(last) = path.last_mut() {
                    last.1 += 1;
                }
                continue;
            };
            if let Some(pos) = path.iter().position(|(n, _)| n == child) {
                let mut chain: Vec<String> =
                    path[pos..].iter().map(|(n, _)| (*n).to_owned()).collect();
                chain.push(child.clone());
                return Some((chain, *line));
            }
            match graph.get_key_value(child.as_str()) {
                Some((known, _)) if !done.contains(known.as_str()) => path.push((known, 0)),
                _ => path.last_mut()?.1 += 1,
            }
        }
    }
    None
}

/// Every `{% … %}` tag of `text`: its byte offset and its inside, trimmed.
fn tags(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.match_indices("{%").map(move |(start, _)| {
        let inside = &text[start + 2..];
        let inside = &inside[..inside.find("%}").unwrap_or(inside.len())];
        (
            start,
            inside.trim_matches(|c: char| c == '-' || c.is_whitespace()),
        )
    })
}

fn line_at(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// The quoted names after `keyword` in a tag (`include ["a", "b"]` names several).
fn quoted_after<'a>(tag: &'a str, keyword: &str) -> Vec<&'a str> {
    let Some(args) = tag
        .strip_prefix(keyword)
        .filter(|a| a.starts_with(char::is_whitespace))
    else {
        return Vec::new();
    };
    let args = args.split(" as ").next().unwrap_or(args);
    args.split(['"', '\'']).skip(1).step_by(2).collect()
}

/// The templates named in `include`, `extends` and `import` tags, with their lines.
fn referenced_templates(text: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for (start, tag) in tags(text) {
        for keyword in ["include", "extends", "import"] {
            for name in quoted_after(tag, keyword) {
                found.push((name.to_owned(), line_at(text, start)));
            }
        }
    }
    found
}

/// The macros defined in the template `file`, each with the macros it calls
/// (`self::x(…)` or `alias::x(…)` of an imported template) and their lines.
fn macro_calls(file: &str, text: &str) -> Vec<(String, Vec<(String, usize)>)> {
    let mut aliases: BTreeMap<&str, &str> = BTreeMap::new();
    for (_, tag) in tags(text) {
        if let (Some(name), Some((_, alias))) =
            (quoted_after(tag, "import").first(), tag.rsplit_once(" as "))
        {
            aliases.insert(alias.trim(), name);
        }
    }
    let mut macros = Vec::new();
    let mut open: Option<(String, usize)> = None;
    for (start, tag) in tags(text) {
        if let Some(rest) = tag.strip_prefix("macro ") {
            let name = rest.split('(').next().unwrap_or_default().trim();
            open = Some((name.to_owned(), start));
        } else if tag.starts_with("endmacro") {
            if let Some((name, from)) = open.take() {
                let body = &text[from..start];
                let calls = calls_in(body)
                    .into_iter()
                    .filter_map(|(ns, called, at)| {
                        let target = if ns == "self" { file } else { aliases.get(ns)? };
                        Some((format!("{target}::{called}"), line_at(text, from + at)))
                    })
                    .collect();
                macros.push((name, calls));
            }
        }
    }
    macros
}

/// `namespace::name(` calls in `body`, with their offsets.
fn calls_in(body: &str) -> Vec<(&str, &str, usize)> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    body.match_indices("::")
        .filter_map(|(i, _)| {
            let before = &body[..i];
            let ns = &before[before.trim_end_matches(is_ident).len()..];
            let after = &body[i + 2..];
            let name = &after[..after.len() - after.trim_start_matches(is_ident).len()];
            let called = after[name.len()..].trim_start().starts_with('(');
            (!ns.is_empty() && !name.is_empty() && called).then_some((ns, name, i))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(files: &[(&'static str, &str)]) -> Vec<(&'static str, String, PathBuf)> {
        files
            .iter()
            .map(|(n, t)| (*n, (*t).to_owned(), PathBuf::from(format!("templates/{n}"))))
            .collect()
    }

    #[test]
    fn include_cycles_are_found_with_their_chain_and_line() {
        let d = find(&sources(&[
            ("a.html", "{% include \"b.html\" %}"),
            (
                "b.html",
                "x\n{%- include ['none.html', \"a.html\"] ignore missing -%}",
            ),
            ("c.html", "{% extends \"a.html\" %}"),
        ]))
        .expect("a cycle");
        assert!(
            d.message.contains("a.html → b.html → a.html"),
            "{}",
            d.message
        );
        assert_eq!(
            (d.path.as_path(), d.line),
            (std::path::Path::new("templates/b.html"), 2)
        );
        assert!(find(&sources(&[
            ("a.html", "{% include \"b.html\" %}"),
            ("b.html", "b")
        ]))
        .is_none());
    }

    #[test]
    fn macro_recursion_is_found() {
        let d = find(&sources(&[
            ("m.html", "{% macro a(n) %}\n{{ self::b(n=n) }}{% endmacro a %}\n{% macro b(n) %}\n\n{{ self::a(n=n) }}{% endmacro b %}"),
            ("home.html", "{% import \"m.html\" as m %}\n{{ m::a(n=1) }}"),
        ]))
        .expect("a cycle");
        assert!(
            d.message.contains("macros call one another"),
            "{}",
            d.message
        );
        assert!(
            d.message.contains("m.html::a → m.html::b → m.html::a"),
            "{}",
            d.message
        );
        assert_eq!(d.line, 5);
        let fine =
            "{% macro a(n) %}{{ self::b(n=n) }}{% endmacro %}{% macro b(n) %}{{ n }}{% endmacro %}";
        let caller = "{% import \"m.html\" as m %}{{ m::a(n=1) }}";
        assert!(find(&sources(&[("m.html", fine), ("home.html", caller)])).is_none());
    }
}
