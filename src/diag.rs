//! Diagnostics: every problem found in content, with the file, line and a hint.
//!
//! Stages collect diagnostics instead of stopping at the first problem, so an editor
//! sees everything that is wrong with a build at once.

use crate::messages::{self, Said};
use crate::terminal::printable;
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    /// Written to JSON as text, with `\u{FFFD}` for what is not UTF-8 in a file name.
    #[serde(serialize_with = "path_as_text")]
    pub path: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub col: usize,
    pub severity: Severity,
    /// In English (the JSON output's `message` and `hint` stay English for tools).
    pub message: String,
    pub hint: Option<String>,
    /// The message and hint in Chinese, for those of the catalogue (`src/messages.rs`);
    /// boxed, as most diagnostics travel in a `Result` and few have it yet.
    #[serde(flatten)]
    pub zh: Option<Box<InChinese>>,
    /// The offending line of the file, when there is one.
    pub source_line: Option<Box<str>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct InChinese {
    #[serde(rename = "message_zh", skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(rename = "hint_zh", skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

fn path_as_text<S: serde::Serializer>(path: &std::path::Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&path.to_string_lossy())
}

impl Diagnostic {
    pub fn error(path: &Path, line: usize, message: impl Into<Said>) -> Self {
        let message = message.into();
        Diagnostic {
            path: path.to_path_buf(),
            line,
            col: 0,
            severity: Severity::Error,
            message: message.en,
            hint: None,
            zh: message.zh.map(|zh| {
                Box::new(InChinese {
                    message: Some(zh),
                    hint: None,
                })
            }),
            source_line: None,
        }
    }

    pub fn warning(path: &Path, line: usize, message: impl Into<Said>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, message)
        }
    }

    pub fn col(mut self, col: usize) -> Self {
        self.col = col;
        self
    }

    pub fn hint(mut self, hint: impl Into<Said>) -> Self {
        let hint = hint.into();
        self.hint = Some(hint.en);
        if let Some(zh) = hint.zh {
            self.zh.get_or_insert_with(Box::default).hint = Some(zh);
        }
        self
    }

    /// Attaches the text of `self.line` from `text` (an excerpt around the column if the
    /// line is long), so the message can show it.
    pub fn with_source(mut self, text: &str) -> Self {
        if self.line > 0 {
            self.source_line = text
                .lines()
                .nth(self.line - 1)
                .map(|line| excerpt(line, self.col).into());
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lang = messages::editor_lang();
        let kind = match self.severity {
            Severity::Error => messages::LABEL_ERROR.text(lang),
            Severity::Warning => messages::LABEL_WARNING.text(lang),
        };
        let zh = self.zh.as_deref().cloned().unwrap_or_default();
        let in_lang = |en: &str, zh: &Option<String>| match (lang, zh) {
            (crate::lang::Lang::Zh, Some(zh)) => zh.clone(),
            _ => en.to_owned(),
        };
        // Each part is one line, whatever its text holds (a title with ESC or a line
        // feed in it): see `terminal`.
        let shown = |text: &str| printable(text, false).into_owned();
        write!(f, "{}", shown(&self.path.to_string_lossy()))?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.col > 0 {
                write!(f, ":{}", self.col)?;
            }
        }
        write!(
            f,
            ": {kind}: {}",
            shown(&in_lang(&self.message, &zh.message))
        )?;
        if let Some(line) = &self.source_line {
            write!(f, "\n    | {}", shown(line))?;
        }
        if let Some(hint) = &self.hint {
            let label = messages::LABEL_HINT.text(lang);
            write!(f, "\n    = {label}: {}", shown(&in_lang(hint, &zh.hint)))?;
        }
        Ok(())
    }
}

/// Characters of a source line shown before and after the place a message points at:
/// a line of a megabyte (a pasted table, minified text) is shown as an excerpt.
const EXCERPT_BEFORE: usize = 60;
const EXCERPT_AFTER: usize = 100;

/// `line` as a message shows it: whole if short, else the part around column `col`
/// (1-based characters; 0 for unknown, the start), cut ends marked with `…`.
pub fn excerpt(line: &str, col: usize) -> String {
    let start = col.saturating_sub(1).saturating_sub(EXCERPT_BEFORE);
    let mut chars = line.chars();
    let mut out = String::new();
    if start > 0 {
        out.push('…');
        chars.by_ref().nth(start - 1);
    }
    out.extend(chars.by_ref().take(EXCERPT_BEFORE + EXCERPT_AFTER));
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

/// The line of `text` around byte `offset`, as `excerpt` shows it, read from around the
/// offset only (not from the start of the text).
pub fn excerpt_at(text: &str, offset: usize) -> String {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let reach = 4 * EXCERPT_BEFORE;
    let mut from = offset.saturating_sub(reach);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..offset];
    let before = before.rfind('\n').map_or(before, |i| &before[i + 1..]);
    let line_starts_here = from == 0 || before.len() < offset - from;
    let mut to = (offset + 4 * EXCERPT_AFTER).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let after = text[offset..to].split('\n').next().unwrap_or("");
    let line_ends_here = to == text.len() || after.len() < to - offset;
    let shown_before: Vec<char> = before.chars().collect();
    let cut_before = shown_before.len().saturating_sub(EXCERPT_BEFORE);
    let mut out = String::new();
    if cut_before > 0 || !line_starts_here {
        out.push('…');
    }
    out.extend(&shown_before[cut_before..]);
    let mut after = after.chars();
    out.extend(after.by_ref().take(EXCERPT_AFTER));
    if after.next().is_some() || !line_ends_here {
        out.push('…');
    }
    out
}

/// All the problems of one build, sorted by file and line when printed.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn sorted(mut self) -> Self {
        self.0.sort();
        self.0.dedup();
        self
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// 1-based line of a template error that Tera reports without one (render-time errors
/// such as "Variable `article.byline` not found"): the first line of `template` that
/// mentions the variable, filter, function or test named between backticks in
/// `message`. `None` when the message names nothing found in the template.
pub fn template_error_line(template: &str, message: &str) -> Option<usize> {
    const KINDS: [&str; 4] = ["Variable `", "Filter `", "Function `", "Test `"];
    KINDS.iter().find_map(|kind| {
        let start = message.find(kind)? + kind.len();
        let name = message[start..].split('`').next()?;
        // `a.b.c` may be written `a["b"].c` or inside a loop as `x.c`: try the whole
        // name, then its last part.
        let last = name.rsplit('.').next().unwrap_or(name);
        [name, last]
            .into_iter()
            .filter(|n| !n.is_empty())
            .find_map(|n| {
                template
                    .lines()
                    .position(|l| l.contains(n) && (l.contains("{{") || l.contains("{%")))
                    .map(|i| i + 1)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_errors_are_placed_at_the_name_they_report() {
        let t = "{% block content %}\n<h1>{{ article.title }}</h1>\n<p>{{ article.byline }}</p>\n";
        let msg = "Failed to render 'article.html': Variable `article.byline` not found in context while rendering 'article.html'";
        assert_eq!(template_error_line(t, msg), Some(3));
        let msg = "Filter `shout` not found";
        assert_eq!(template_error_line("a\n{{ x | shout }}\n", msg), Some(2));
        assert_eq!(template_error_line(t, "Variable `nowhere` not found"), None);
        assert_eq!(template_error_line(t, "something else"), None);
    }

    #[cfg(unix)]
    #[test]
    fn long_lines_are_shown_as_an_excerpt_around_the_column() {
        assert_eq!(excerpt("短行", 2), "短行");
        let line = "汾".repeat(100) + "X" + &"河".repeat(200);
        let shown = excerpt(&line, 101);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert_eq!(shown.chars().count(), EXCERPT_BEFORE + EXCERPT_AFTER + 2);
        assert_eq!(shown.chars().nth(EXCERPT_BEFORE + 1), Some('X'));
        let text = format!("第一行\n{line}\n末行");
        let offset = text.find('X').unwrap();
        assert_eq!(excerpt_at(&text, offset), shown);
        assert_eq!(excerpt_at("a\n[x](b)\nc", 6), "[x](b)");
        assert_eq!(excerpt_at("ab", 99), "ab");
    }

    #[test]
    fn a_file_name_that_is_not_utf8_is_written_to_json() {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"content/articles/bad\xff.zh.md");
        let d = Diagnostic::error(Path::new(name), 0, "x");
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["path"], "content/articles/bad\u{FFFD}.zh.md");
    }

    #[test]
    fn json_keeps_english_and_adds_the_chinese_of_catalogued_messages() {
        let path = Path::new("content/cities.yaml");
        let said = crate::messages::UNKNOWN_CITY_ID.both(&[("id", &"pingyao")]);
        let d = Diagnostic::error(path, 3, said).hint("plain English");
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["message"], "unknown city id `pingyao`");
        assert_eq!(json["message_zh"], "未知的地点 id `pingyao`");
        assert_eq!(json["hint"], "plain English");
        assert!(json.get("hint_zh").is_none(), "{json}");
        let plain = serde_json::to_value(Diagnostic::error(path, 3, "x")).unwrap();
        assert!(
            plain.get("message_zh").is_none() && plain.get("zh").is_none(),
            "{plain}"
        );
    }
}
