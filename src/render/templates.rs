//! The portal's templates: defaults carried in the binary, overridden file by file by
//! the site's own `templates/` folder.

use crate::diag::{Diagnostic, Diagnostics};
use std::path::Path;
use tera::Tera;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/", $name)))),*]
    };
}

/// Default templates, by name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = embedded![
    "base.html",
    "partials/article_list.html",
    "partials/article_meta.html",
    "partials/breadcrumbs.html",
    "partials/pager.html",
    "home.html",
    "article.html",
    "city.html",
    "cities.html",
    "topic.html",
    "topics.html",
    "indicator.html",
    "indicators.html",
    "archive.html",
    "search.html",
    "404.html",
];

/// Loads the templates: the defaults, each replaced by `dir/<name>` when that exists.
/// Every syntax error is reported with the file it is in.
pub fn load_templates(dir: &Path) -> Result<Tera, Diagnostics> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    let mut diags = Diagnostics::default();
    let mut sources = Vec::new();
    for (name, default) in DEFAULT_TEMPLATES {
        let path = dir.join(name);
        let text = if path.is_file() {
            match crate::load::read_text(&path, &mut diags) {
                Some(t) => t,
                None => continue,
            }
        } else {
            (*default).to_owned()
        };
        sources.push((*name, text, path));
    }
    let all: Vec<(&str, &str)> = sources.iter().map(|(n, t, _)| (*n, t.as_str())).collect();
    if let Err(combined) = tera.add_raw_templates(all) {
        // Find the faulty files: each site template checked against the defaults.
        for (name, text, path) in sources.iter().filter(|(_, _, p)| p.is_file()) {
            let mut alone: Vec<(&str, &str)> = DEFAULT_TEMPLATES
                .iter()
                .filter(|(n, _)| n != name)
                .copied()
                .collect();
            alone.push((name, text));
            if let Err(err) = Tera::default().add_raw_templates(alone) {
                diags.push(template_error(path, &err));
            }
        }
        if !diags.has_errors() {
            diags.push(template_error(dir, &combined));
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(tera)
    }
}

/// Tera reports a render error with no line. Places each such error (a diagnostic at
/// `templates/<name>` with line 0, as `Renderer` writes them) at the file the portal uses
/// for that template under `dir` and at the first line that mentions what the error names.
pub fn place_render_errors(dir: &Path, diags: Diagnostics) -> Diagnostics {
    let placed = diags.0.into_iter().map(|mut d| {
        let Ok(name) = d.path.strip_prefix("templates") else {
            return d;
        };
        if d.line != 0 {
            return d;
        }
        let name = name.to_string_lossy().replace('\\', "/");
        let own = dir.join(&name);
        let source = if own.is_file() {
            d.path = own.clone();
            std::fs::read_to_string(&own).ok()
        } else {
            DEFAULT_TEMPLATES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, text)| (*text).to_owned())
        };
        if let Some(source) = source {
            if let Some(line) = crate::diag::template_error_line(&source, &d.message) {
                d.line = line;
                d = d.with_source(&source);
            }
        }
        d
    });
    Diagnostics(placed.collect())
}

pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut msg = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

fn template_error(path: &Path, err: &tera::Error) -> Diagnostic {
    let msg = error_chain(err);
    // Tera's parse errors read: "Failed to parse 'x':  --> line:col\n  |\n1 | source\n  | ^---\n  = reason".
    let (line, col) = msg
        .split(" --> ")
        .nth(1)
        .and_then(|rest| {
            let mut it = rest
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty());
            Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
        })
        .unwrap_or((0, 0));
    let reason = msg
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("= "))
        .map_or_else(
            || msg.lines().next().unwrap_or_default().to_owned(),
            str::to_owned,
        );
    let mut d = Diagnostic::error(path, line, format!("template error: {reason}"))
        .col(col)
        .hint("fix the template syntax; compare it with the default template of the same name in shanshui's templates/ folder");
    if let Ok(text) = std::fs::read_to_string(path) {
        d = d.with_source(&text);
    }
    d
}

/// Default static files, by path under `static/`.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("search.js", include_bytes!("../../static/search.js")),
    ("favicon.svg", include_bytes!("../../static/favicon.svg")),
];
