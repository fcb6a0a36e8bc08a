//! The portal's templates: defaults carried in the binary, overridden file by file by
//! the site's own `templates/` folder.

use crate::diag::{Diagnostic, Diagnostics};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
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
    "partials/chart_source.html",
    "partials/city_empty.html",
    "partials/figure_head.html",
    "partials/figure_row.html",
    "partials/figure_source.html",
    "partials/observation_row.html",
    "partials/pager.html",
    "partials/tile_map.html",
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
    "about.html",
    "404.html",
];

/// The portal's templates, and the folder of the site's own, so that an error met while
/// rendering is placed in the file the portal really uses.
pub struct Templates {
    pub tera: Tera,
    dir: PathBuf,
    /// The UI strings (`t.<key>`) the templates use.
    ui_keys: BTreeSet<String>,
}

impl Templates {
    /// A copy of the templates with a language's shared values written in.
    pub(super) fn folded(&self, shared: &serde_json::Value) -> super::fold::Folded {
        super::fold::Folded::new(&self.tera, shared, escape_html)
    }

    /// Every UI string key the portal uses: the code's own and the templates'.
    pub fn ui_keys(&self) -> BTreeSet<String> {
        let mut keys = self.ui_keys.clone();
        keys.extend(CODE_UI_KEYS.iter().map(|k| (*k).to_owned()));
        keys
    }

    /// An error Tera met rendering `name` (it reports no line): placed at the file the
    /// portal uses for that template (for a default one, where the site would override
    /// it) and at the first line that mentions what the error names.
    pub fn render_error(&self, name: &str, message: String) -> Diagnostic {
        let own = self.dir.join(name);
        let mut d = Diagnostic::error(
            &own,
            0,
            crate::messages::TEMPLATE_RENDER_ERROR.both(&[("message", &message)]),
        )
        .hint(crate::messages::TEMPLATE_RENDER_HINT.both(&[]));
        let source = if own.is_file() {
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
    }
}

/// Loads the templates: the defaults, each replaced by `dir/<name>` when that exists.
/// Every syntax error is reported with the file it is in.
pub fn load_templates(dir: &Path) -> Result<Templates, Diagnostics> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
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
    if let Some(d) = super::template_cycles::find(&sources) {
        diags.push(d);
        return Err(diags);
    }
    // Tera is given the templates without their layout; the files as written are kept for
    // the errors, whose line and column point into them.
    let laid_out: Vec<String> = sources.iter().map(|(_, t, _)| without_layout(t)).collect();
    let all: Vec<(&str, &str)> = sources
        .iter()
        .zip(&laid_out)
        .map(|((n, _, _), t)| (*n, t.as_str()))
        .collect();
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
        Ok(Templates {
            tera,
            dir: dir.to_path_buf(),
            // The defaults' keys count even where the site overrides a template, so that
            // overriding one does not make its strings an error.
            ui_keys: sources
                .iter()
                .map(|(_, t, _)| t.as_str())
                .chain(DEFAULT_TEMPLATES.iter().map(|(_, t)| *t))
                .flat_map(ui_keys_in)
                .collect(),
        })
    }
}

/// Tera's escape for values written into a page: what HTML needs in text and in attribute
/// values in double quotes, as every template writes them (`&`, `<`, `>`, `"`). Tera's own
/// escapes `'` and `/` too, and wrote every link as `&#x2F;portal&#x2F;…` and every
/// "Shanxi's" as `Shanxi&#x27;s`.
fn escape_html(text: &str) -> String {
    // Most values (links, dates, names) hold none of the four: a pass over the bytes that
    // the compiler turns into vector instructions tells, and html-escape's byte-at-a-time
    // loop reads only the others (it was 4% of a 10,000-article build).
    let plain = text.bytes().fold(true, |plain, b| {
        plain & !matches!(b, b'&' | b'<' | b'>' | b'"')
    });
    match plain {
        true => text.to_owned(),
        false => html_escape::encode_double_quoted_attribute(text).into_owned(),
    }
}

/// `source` as it is meant to be rendered: without the indentation that lays it out for its
/// reader, and without HTML comments (but those that hold a Tera tag). Pages are written as
/// the templates render them (no minifier reads them again), so this is what keeps them
/// compact. Left as written: the
/// inside of Tera's tags (`{{ }}`, `{% %}`, `{# #}`), what follows `{% raw %}` up to
/// `{% endraw %}`, and `<pre>`, `<textarea>`, `<script>` and `<style>` elements, where white
/// space or a `<!--` may mean something. Lines are kept, so Tera's line numbers still hold.
pub fn without_layout(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    let mut line_start = true;
    while !rest.is_empty() {
        if line_start {
            rest = rest.trim_start_matches([' ', '\t']);
            line_start = false;
            continue;
        }
        let verbatim = if rest.starts_with("{{") {
            Some(through(rest, "}}"))
        } else if rest.starts_with("{%") {
            let tag = through(rest, "%}");
            let raw = rest[..tag]
                .trim_matches(|c: char| matches!(c, '{' | '}' | '%' | '-') || c.is_whitespace())
                == "raw";
            Some(match raw {
                true => rest
                    .find("endraw")
                    .and_then(|at| rest[at..].find("%}").map(|end| at + end + 2))
                    .unwrap_or(rest.len()),
                false => tag,
            })
        } else if rest.starts_with("{#") {
            Some(through(rest, "#}"))
        } else if let Some(name) = raw_text_element(rest) {
            Some(through_ignoring_case(rest, &format!("</{name}")))
        } else if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(rest.len(), |end| end + 3);
            // A comment that holds a Tera tag is left to Tera: the tag may open a block
            // that closes after the comment.
            if rest[..end].contains("{{") || rest[..end].contains("{%") || end == rest.len() {
                Some(end)
            } else {
                rest = &rest[end..];
                continue;
            }
        } else {
            None
        };
        let len = verbatim.unwrap_or_else(|| rest.chars().next().map_or(1, char::len_utf8));
        let (taken, after) = rest.split_at(len);
        out.push_str(taken);
        line_start = taken.ends_with('\n');
        rest = after;
    }
    out
}

/// The length of `text` up to and with the first `end` after its first two bytes; all of
/// it when there is none (Tera then reports the unclosed tag).
fn through(text: &str, end: &str) -> usize {
    text.get(2..)
        .and_then(|after| after.find(end))
        .map_or(text.len(), |at| 2 + at + end.len())
}

/// As `through`, with `end` matched in any case (`</PRE`).
fn through_ignoring_case(text: &str, end: &str) -> usize {
    // Lower-casing ASCII keeps every byte where it was.
    through(&text.to_ascii_lowercase(), end)
}

/// The element `text` starts with, if white space or `<!--` inside it may mean something.
fn raw_text_element(text: &str) -> Option<&'static str> {
    ["pre", "textarea", "script", "style"]
        .into_iter()
        .find(|name| {
            let tag = text
                .get(1..=name.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(name));
            tag && text.starts_with('<')
                && text
                    .as_bytes()
                    .get(name.len() + 1)
                    .is_some_and(|b| matches!(b, b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/'))
        })
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
    let mut d = Diagnostic::error(
        path,
        line,
        crate::messages::TEMPLATE_ERROR.both(&[("reason", &reason)]),
    )
    .col(col)
    .hint(crate::messages::TEMPLATE_SYNTAX_HINT.both(&[]));
    if let Ok(text) = std::fs::read_to_string(path) {
        d = d.with_source(&text);
    }
    d
}

/// UI strings that the Rust code looks up (chart sentences, page titles, labels), besides
/// the ones templates use. Keys starting with `scope_` are looked up by the scope's name
/// and are optional.
pub const CODE_UI_KEYS: &[&str] = &[
    "archive",
    "archive_description",
    "better_higher",
    "better_lower",
    "better_neither",
    "basis_city_average",
    "basis_dust_excluded",
    "basis_national_inventory",
    "bracketed",
    "chart_better",
    "chart_colon",
    "chart_from_to",
    "chart_list_separator",
    "chart_same",
    "chart_single",
    "chart_worse",
    "cities",
    "cities_description",
    "city_description_suffix",
    "compare_newer",
    "compare_newer_item",
    "compare_shown",
    "compare_title",
    "glance_point",
    "glance_span",
    "glance_trend",
    "seasonal_left_out",
    "indicators",
    "indicators_description",
    "key_above",
    "key_below",
    "key_best_worst",
    "key_tie",
    "key_change",
    "key_change_class",
    "key_change_neutral",
    "key_highest_lowest",
    "key_rank_neutral",
    "key_change_verdict",
    "key_down",
    "key_latest",
    "key_level",
    "key_part_year",
    "key_points",
    "key_rank",
    "key_unchanged",
    "key_up",
    "key_rank_up",
    "key_rank_down",
    "key_place",
    "key_places",
    "level_county",
    "level_prefecture",
    "level_province",
    "list_separator",
    "map_better",
    "map_heading",
    "map_higher",
    "map_lower",
    "map_worse",
    "not_found_title",
    "reprinted_by",
    "report_subject",
    "scope_suffix",
    "search",
    "search_description",
    "seasonal_axis",
    "seasonal_title",
    "seasonal_year",
    "source_kind_bulletin",
    "source_kind_dataset",
    "source_kind_official_release",
    "source_kind_press",
    "topics",
    "topics_description",
    "water_class_axis",
    "water_class_good",
    "water_class_names",
    "water_class_ticks",
    "year",
];

/// The UI string keys a template names: `t.key`, `t["key"]`, and on the 404 page, which
/// speaks both languages, `en.key`.
fn ui_keys_in(template: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for (i, _) in template.match_indices(['t', 'e']) {
        let before = template[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let rest = &template[i..];
        let Some(rest) = rest
            .strip_prefix("t.")
            .or_else(|| rest.strip_prefix("en."))
            .or_else(|| {
                rest.strip_prefix("t[\"")
                    .or_else(|| rest.strip_prefix("t['"))
            })
        else {
            continue;
        };
        let key: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !key.is_empty() {
            keys.push(key);
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ui_keys_are_read_from_templates() {
        let t = "{{ t.home }} {{ t[\"pager_next\"] }} {{ en.back_home }} {{ article.title }} {{ x.t.no }}";
        assert_eq!(ui_keys_in(t), ["home", "pager_next", "back_home"]);
    }

    #[test]
    fn include_cycles_are_reported_with_their_chain() {
        let dir = tempfile::tempdir().unwrap();
        let partials = dir.path().join("partials");
        std::fs::create_dir(&partials).unwrap();
        std::fs::write(
            partials.join("pager.html"),
            "<nav>\n{%- include \"partials/article_meta.html\" -%}\n</nav>",
        )
        .unwrap();
        std::fs::write(
            partials.join("article_meta.html"),
            "<p>\n\n{% include [\"missing.html\", 'partials/pager.html'] ignore missing %}</p>",
        )
        .unwrap();
        let Err(diags) = load_templates(dir.path()) else {
            panic!("a cycle is an error");
        };
        let d = &diags.0[0];
        assert!(
            d.message
                .contains("partials/pager.html → partials/article_meta.html → partials/pager.html")
                || d.message.contains(
                    "partials/article_meta.html → partials/pager.html → partials/article_meta.html"
                ),
            "{}",
            d.message
        );
        assert!(d.line > 1, "{d:?}");
        assert!(load_templates(Path::new("no-such-folder")).is_ok());
    }

    #[test]
    fn the_layout_goes_and_what_it_may_mean_stays() {
        let source = "<main>\n  <p>\n    {{ a }}\n  </p>\n  <!-- a note -->\n\t<b>x</b>\n</main>";
        assert_eq!(
            without_layout(source),
            "<main>\n<p>\n{{ a }}\n</p>\n\n<b>x</b>\n</main>"
        );
        // Inside Tera's tags and raw blocks, and in elements where white space is content.
        for kept in [
            "{{ \"a\n   b\" }}",
            "{% set x = \"a\n   b\" %}",
            "{# a\n   b #}",
            "{% raw %}\n   {{ <!-- x --> }}\n   {% endraw %}",
            "<pre>a\n   b <!-- c --></pre>",
            "<PRE class=\"x\">a\n   b</PRE>",
            "<textarea>\n  a</textarea>",
            "<script>\n  if (a <!-- b) {}\n</script>",
            "<style>\n  a { color: red }\n</style>",
        ] {
            assert_eq!(without_layout(kept), kept);
        }
        // `<preview>` is no `<pre>`; unclosed tags and comments are left for Tera to report.
        assert_eq!(
            without_layout("<preview>\n  a</preview>"),
            "<preview>\na</preview>"
        );
        for unclosed in ["{{ a\n  b", "{% if a\n  b", "<!-- a\n  b", "<pre>\n  a"] {
            assert_eq!(without_layout(unclosed), unclosed);
        }
        // A comment with a Tera tag in it stays: the block it opens closes after it.
        let tagged = "<!-- {% if a %} -->\n  x\n{% endif %}";
        assert_eq!(
            without_layout(tagged),
            "<!-- {% if a %} -->\nx\n{% endif %}"
        );
        let mut tera = Tera::default();
        tera.add_raw_template("t.html", &without_layout(tagged))
            .unwrap();
        assert_eq!(without_layout("  山西\n\t  晋中 "), "山西\n晋中 ");
    }

    #[test]
    fn values_are_escaped_for_text_and_double_quoted_attributes() {
        assert_eq!(
            escape_html("/a?b=1&c=<2> \"x\" 'y' 山西"),
            "/a?b=1&amp;c=&lt;2&gt; &quot;x&quot; 'y' 山西"
        );
        // Each of the four alone, anywhere in a long value; a value with none is as it was.
        let plain = "太原 Taiyuan ".repeat(20);
        assert_eq!(escape_html(&plain), plain);
        for (c, entity) in [
            ('&', "&amp;"),
            ('<', "&lt;"),
            ('>', "&gt;"),
            ('"', "&quot;"),
        ] {
            for at in [0, 7, plain.len()] {
                let mut text = plain.clone();
                text.insert(at, c);
                let mut want = plain.clone();
                want.insert_str(at, entity);
                assert_eq!(escape_html(&text), want, "{c} at {at}");
            }
        }
    }
}
