//! An article's front matter as the desk's form: the values read from the file, and the
//! file written back with the edited values. Only the keys whose value changed are
//! rewritten, with import's quoting (`import::draft`) and in the key order `new` and
//! `import` write; every other line (comments, `people`, the import notes) stays as it
//! was, so the file reads as one an editor wrote by hand.

use crate::editorial::is_notes_heading;
use crate::import::draft::{yaml_list, yaml_str};
use crate::load::frontmatter;
use crate::load::parse_yaml;
use crate::load::raw::{RawFrontMatter, RawScalar};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The front matter's fields the desk edits; an empty text is a key left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Form {
    pub title: String,
    pub subtitle: String,
    pub date: String,
    pub added: String,
    pub cities: Vec<String>,
    pub topics: Vec<String>,
    pub publication: String,
    pub page_title: String,
    pub edition: String,
    pub reporters: Vec<String>,
    pub summary: String,
    pub draft: bool,
    /// Import's notes (the comment lines from their heading on), shown to the editor;
    /// sent back empty, they are deleted.
    pub notes: String,
}

/// The top-level keys of an article's front matter in the order `new` and `import`
/// write them.
const ORDER: &[&str] = &[
    "title",
    "subtitle",
    "date",
    "added",
    "cities",
    "topics",
    "source",
    "reporters",
    "people",
    "summary",
    "draft",
];

/// The form's values and the body of an article file; the reason (with its line) when
/// its front matter does not read.
pub fn read<'t>(path: &Path, text: &'t str) -> Result<(Form, &'t str), String> {
    let split = frontmatter::split(text).map_err(|e| format!("{}: {e:?}", path.display()))?;
    let raw = parse_yaml::<RawFrontMatter>(path, split.yaml, split.yaml_line)
        .map_err(|d| d.to_string())?
        .value;
    let scalar = |s: Option<RawScalar>| match s {
        Some(RawScalar::Int(i)) => i.to_string(),
        Some(RawScalar::Text(t)) => t,
        None => String::new(),
    };
    let source = raw.source.unwrap_or_default();
    let form = Form {
        title: raw.title.unwrap_or_default(),
        subtitle: raw.subtitle.unwrap_or_default(),
        date: scalar(raw.date),
        added: scalar(raw.added),
        cities: raw.cities.unwrap_or_default(),
        topics: raw.topics.unwrap_or_default(),
        publication: source.publication.unwrap_or_default(),
        page_title: source.page_title.unwrap_or_default(),
        edition: source.edition.unwrap_or_default(),
        reporters: raw.reporters,
        summary: raw.summary.unwrap_or_default(),
        draft: raw.draft,
        notes: notes(split.yaml).map_or(String::new(), |(at, n)| {
            split
                .yaml
                .lines()
                .skip(at)
                .take(n)
                .collect::<Vec<_>>()
                .join("\n")
        }),
    };
    Ok((form, split.body))
}

/// The article file `text` with the fields that differ between `old` (what the file
/// holds, from [`read`]) and `new` rewritten, and `body` after the front matter.
pub fn write(path: &Path, text: &str, new: &Form, body: &str) -> Result<String, String> {
    let (old, _) = read(path, text)?;
    let split = frontmatter::split(text).map_err(|e| format!("{}: {e:?}", path.display()))?;
    // Where the front matter's lines begin and where the closing fence ends, in `text`.
    let yaml_start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
    let yaml_end = yaml_start + split.yaml.len();
    let body_start = text.len() - split.body.len();
    let mut lines: Vec<String> = split.yaml.lines().map(str::to_owned).collect();

    let optional = |v: &str| (!v.is_empty()).then(|| yaml_str(v));
    let changes: [(&str, bool, Option<String>); 10] = [
        ("title", old.title != new.title, Some(yaml_str(&new.title))),
        (
            "subtitle",
            old.subtitle != new.subtitle,
            optional(&new.subtitle),
        ),
        ("date", old.date != new.date, Some(yaml_str(&new.date))),
        ("added", old.added != new.added, optional(&new.added)),
        (
            "cities",
            old.cities != new.cities,
            Some(yaml_list(&new.cities)),
        ),
        (
            "topics",
            old.topics != new.topics,
            Some(yaml_list(&new.topics)),
        ),
        (
            "reporters",
            old.reporters != new.reporters,
            Some(yaml_list(&new.reporters)),
        ),
        (
            "summary",
            old.summary != new.summary,
            optional(&new.summary),
        ),
        ("draft", old.draft != new.draft, Some(new.draft.to_string())),
        (
            "source",
            (&old.publication, &old.page_title, &old.edition)
                != (&new.publication, &new.page_title, &new.edition),
            source_block(path, split.yaml, split.yaml_line, new)?,
        ),
    ];
    for (key, changed, value) in changes {
        if changed {
            set(&mut lines, key, value.as_deref());
        }
    }
    if new.notes.is_empty() {
        if let Some((at, n)) = notes(&lines.join("\n")) {
            lines.drain(at..at + n);
        }
    }
    // Lines end as the file's do (`lines()` took off a `\r` before each `\n`).
    let newline = if split.yaml.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut out = String::with_capacity(text.len() + body.len());
    out.push_str(&text[..yaml_start]);
    for line in &lines {
        out.push_str(line);
        out.push_str(newline);
    }
    out.push_str(&text[yaml_end..body_start]);
    out.push_str(body);
    Ok(out)
}

/// Where import's notes are among the front matter's lines: the heading's index and
/// how many comment lines follow from it.
fn notes(yaml: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = yaml.lines().collect();
    let at = lines.iter().position(|l| is_notes_heading(l))?;
    let n = lines[at..]
        .iter()
        .take_while(|l| l.trim_start().starts_with('#'))
        .count();
    Some((at, n))
}

/// `source:`'s value as an indented block (the `url` the file holds kept), `None` when
/// nothing is left in it.
fn source_block(
    path: &Path,
    yaml: &str,
    first_line: usize,
    new: &Form,
) -> Result<Option<String>, String> {
    let url = parse_yaml::<RawFrontMatter>(path, yaml, first_line)
        .map_err(|d| d.to_string())?
        .value
        .source
        .and_then(|s| s.url)
        .unwrap_or_default();
    let block: String = [
        ("publication", &new.publication),
        ("page_title", &new.page_title),
        ("edition", &new.edition),
        ("url", &url),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("\n  {k}: {}", yaml_str(v)))
    .collect();
    Ok((!block.is_empty()).then_some(block))
}

/// The lines `key` takes at the top level: its own and those indented below it.
fn extent(lines: &[String], key: &str) -> Option<(usize, usize)> {
    let start = lines.iter().position(|l| {
        l.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    })?;
    let end = (start + 1..lines.len())
        .find(|&i| !(lines[i].starts_with([' ', '\t']) || lines[i].starts_with("- ")))
        .unwrap_or(lines.len());
    Some((start, end))
}

/// Sets `key` to `value` (a scalar or flow list, or a block starting with a line
/// break), or removes it for `None`. A key not there yet goes after the keys that come
/// before it in [`ORDER`]. A comment after a one-line value stays.
fn set(lines: &mut Vec<String>, key: &str, value: Option<&str>) {
    let line = value.map(|v| {
        if v.starts_with('\n') {
            format!("{key}:{v}")
        } else {
            format!("{key}: {v}")
        }
    });
    match (extent(lines, key), line) {
        (Some((start, end)), Some(mut line)) => {
            if end == start + 1 && !line.contains('\n') {
                line.push_str(&trailing_comment(&lines[start]));
            }
            lines.splice(start..end, line.split('\n').map(str::to_owned));
        }
        (Some((start, end)), None) => {
            lines.drain(start..end);
        }
        (None, Some(line)) => {
            let before = ORDER.iter().take_while(|k| **k != key);
            let at = before
                .filter_map(|k| extent(lines, k))
                .map(|(_, end)| end)
                .max()
                .unwrap_or(0);
            lines.splice(at..at, line.split('\n').map(str::to_owned));
        }
        (None, None) => {}
    }
}

/// The comment after a line's value (`   # 标题（必填）`) with the spaces before it; none
/// when the value is quoted (where a `#` may be part of the text).
fn trailing_comment(line: &str) -> String {
    match line.find(" #") {
        Some(at) if !line[..at].contains(['"', '\'']) => {
            let from = line[..at].trim_end().len();
            line[from..].to_owned()
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "---\ntitle: 标题          # 标题（必填）\ndate: \"2025-04\"\ncities: [jinzhong]\ntopics: [air]\nsource:\n  publication: 演示日报\n  url: https://example.org/a\nreporters: []\npeople:\n  - {name: 裴国欣, role: 科长}\ndraft: true\n# ── 导入说明 ──\n# 数字线索\n---\n\n正文。\n";

    fn form() -> Form {
        read(Path::new("a.zh.md"), FILE).unwrap().0
    }

    #[test]
    fn reads_the_fields_the_desk_edits() {
        let f = form();
        assert_eq!(f.title, "标题");
        assert_eq!(f.date, "2025-04");
        assert_eq!(f.cities, ["jinzhong"]);
        assert_eq!(f.publication, "演示日报");
        assert!(f.added.is_empty() && f.draft);
        assert_eq!(f.notes, "# ── 导入说明 ──\n# 数字线索");
        let broken = read(Path::new("b.zh.md"), "---\ntitle: [\n---\n");
        assert!(broken.unwrap_err().contains("b.zh.md"));
    }

    #[test]
    fn an_unchanged_form_writes_the_file_back_byte_for_byte() {
        let path = Path::new("a.zh.md");
        let body = read(path, FILE).unwrap().1;
        assert_eq!(write(path, FILE, &form(), body).unwrap(), FILE);
    }

    #[test]
    fn changed_fields_are_rewritten_in_place_and_new_ones_join_in_order() {
        let path = Path::new("a.zh.md");
        let mut f = form();
        f.title = "新: 标题".into();
        f.cities.push("taiyuan".into());
        f.added = "2026-12-06".into();
        f.edition = "第3版".into();
        f.reporters = vec!["武玲芳".into()];
        f.draft = false;
        let out = write(path, FILE, &f, "\n新正文。\n").unwrap();
        assert_eq!(
            out,
            "---\ntitle: \"新: 标题\"          # 标题（必填）\ndate: \"2025-04\"\nadded: \"2026-12-06\"\ncities: [jinzhong, taiyuan]\ntopics: [air]\nsource:\n  publication: 演示日报\n  edition: 第3版\n  url: https://example.org/a\nreporters: [武玲芳]\npeople:\n  - {name: 裴国欣, role: 科长}\ndraft: false\n# ── 导入说明 ──\n# 数字线索\n---\n\n新正文。\n"
        );
        // What was written reads back as the form.
        assert_eq!(read(path, &out).unwrap().0, f);
        // Notes sent back empty are deleted, and nothing else.
        f.notes.clear();
        let without = write(path, &out, &f, "\n新正文。\n").unwrap();
        assert_eq!(without, out.replace("# ── 导入说明 ──\n# 数字线索\n", ""));
    }

    #[test]
    fn a_file_with_windows_line_ends_keeps_them() {
        let path = Path::new("a.zh.md");
        let text = FILE.replace('\n', "\r\n");
        let (mut f, body) = read(path, &text).unwrap();
        assert_eq!(write(path, &text, &f, body).unwrap(), text);
        f.title = "新标题".into();
        let out = write(path, &text, &f, body).unwrap();
        assert_eq!(out, text.replace("title: 标题 ", "title: 新标题 "));
    }

    #[test]
    fn emptied_fields_are_removed_and_the_source_block_goes_when_empty() {
        let path = Path::new("a.zh.md");
        let text = "---\ntitle: t\nsubtitle: s\ndate: 2025\ncities: [a]\ntopics: [b]\nsource: {publication: p}\ndraft: false\n---\nx\n";
        let mut f = read(path, text).unwrap().0;
        f.subtitle.clear();
        f.publication.clear();
        let out = write(path, text, &f, "x\n").unwrap();
        assert_eq!(
            out,
            "---\ntitle: t\ndate: 2025\ncities: [a]\ntopics: [b]\ndraft: false\n---\nx\n"
        );
    }
}
