//! Load: read `content/` (sorted), split front matter and parse YAML into `Raw*` structs.
//!
//! Knows nothing of HTML. Problems are collected as diagnostics; a file that cannot be
//! read or parsed is left out of the result and reported, so the model can still check
//! the rest.

mod controls;
pub mod frontmatter;
pub mod position;
pub mod raw;

use crate::diag::{Diagnostic, Diagnostics};
use raw::*;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A parsed YAML file (or front matter) with what is needed to point into it.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub path: PathBuf,
    /// The YAML text, for finding the line of a key.
    pub yaml: String,
    /// Line of the file where `yaml` starts (1 for a whole YAML file).
    pub first_line: usize,
    pub value: T,
}

impl<T> Located<T> {
    /// The same position with another value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Located<U> {
        Located {
            path: self.path,
            yaml: self.yaml,
            first_line: self.first_line,
            value: f(self.value),
        }
    }

    /// Line in the file of the first `key:` in the YAML, or of the YAML's start.
    pub fn line_of_key(&self, key: &str) -> usize {
        crate::diag::line_of_key(&self.yaml, key)
            .map_or(self.first_line, |l| l + self.first_line - 1)
    }

    /// Line in the file where item `index` of the YAML's top-level sequence starts
    /// (as the parser reads it), or of the YAML's start.
    pub fn item_line(&self, index: usize) -> usize {
        position::sequence_item_line(&self.yaml, index)
            .map_or(self.first_line, |l| l + self.first_line - 1)
    }

    /// Line in the file of the first YAML line containing `needle`.
    pub fn line_containing(&self, needle: &str) -> usize {
        crate::diag::line_containing(&self.yaml, needle)
            .map_or(self.first_line, |l| l + self.first_line - 1)
    }

    /// An error at `line` of this file, showing that line.
    pub fn error_at(&self, line: usize, message: impl Into<String>) -> Diagnostic {
        let source_line = line
            .checked_sub(self.first_line)
            .and_then(|i| self.yaml.lines().nth(i))
            .map(str::to_owned);
        Diagnostic {
            source_line,
            ..Diagnostic::error(&self.path, line, message)
        }
    }
}

/// One `<slug>.<lang>.md` file: its front matter `F` and its Markdown body.
#[derive(Debug, Clone)]
pub struct MarkdownFile<F> {
    pub slug: String,
    pub lang: String,
    pub front: Located<F>,
    pub body: std::sync::Arc<str>,
    pub body_line: usize,
}

/// One `articles/<slug>.<lang>.md` file.
pub type RawArticleFile = MarkdownFile<RawFrontMatter>;

/// One `pages/<slug>.<lang>.md` file (the About page).
pub type RawPageFile = MarkdownFile<RawPageFront>;

#[derive(Debug, Default, Clone)]
pub struct RawContent {
    pub dir: PathBuf,
    pub site: Option<Located<RawSite>>,
    pub cities: Option<Located<Vec<RawCity>>>,
    pub topics: Option<Located<Vec<RawTopic>>>,
    /// Language code → UI strings.
    pub strings: BTreeMap<String, Located<RawStrings>>,
    pub articles: Vec<RawArticleFile>,
    /// `pages/`: pages that are neither articles nor lists (the About page).
    pub pages: Vec<RawPageFile>,
    /// (slug, language) of article files that exist but could not be read or parsed
    /// (already reported), so that nothing else is reported missing because of them.
    pub unreadable_articles: std::collections::BTreeSet<(String, String)>,
    pub indicators: Vec<Located<RawIndicator>>,
    /// `sources.yaml`: publications outside the portal that figures cite (optional file).
    pub publications: Option<Located<Vec<RawPublication>>>,
    /// File stems of indicator files that could not be read or parsed (already
    /// reported), so that `key_indicators` naming them is not reported as well.
    pub unreadable_indicators: std::collections::BTreeSet<String>,
}

impl RawContent {
    /// Re-reads one article file (or notes that it is gone), keeping the rest as it was.
    /// Returns the problems of that file.
    pub fn reload_article(&mut self, path: &Path) -> Diagnostics {
        let mut diags = Diagnostics::default();
        self.articles.retain(|a| a.front.path != path);
        if let Some(name) = article_file_name(path) {
            self.unreadable_articles.remove(&name);
            if path.is_file() {
                match load_article(path, &mut diags) {
                    Some(article) => self.articles.push(article),
                    None => {
                        self.unreadable_articles.insert(name);
                    }
                }
            }
        }
        // The same order as a walk of the folder.
        self.articles
            .sort_by(|a, b| a.front.path.cmp(&b.front.path));
        diags
    }
}

/// Reads everything under `dir` (the `content/` folder).
pub fn load(dir: &Path) -> (RawContent, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut raw = RawContent {
        dir: dir.to_path_buf(),
        ..Default::default()
    };
    if !dir.is_dir() {
        diags.push(
            Diagnostic::error(dir, 0, "content folder not found")
                .hint("run shanshui from the portal's root, or pass --root DIR"),
        );
        return (raw, diags);
    }
    raw.site = load_yaml_file(&dir.join("site.yaml"), &mut diags);
    raw.cities = load_yaml_file(&dir.join("cities.yaml"), &mut diags);
    raw.topics = load_yaml_file(&dir.join("topics.yaml"), &mut diags);
    let publications = dir.join("sources.yaml");
    if publications.exists() {
        raw.publications = load_yaml_file(&publications, &mut diags);
    }
    for lang in ["zh", "en"] {
        if let Some(strings) = load_yaml_file::<UniqueKeys<String>>(
            &dir.join("i18n").join(format!("{lang}.yaml")),
            &mut diags,
        ) {
            raw.strings
                .insert(lang.to_owned(), strings.map(|UniqueKeys(map)| map));
        }
    }
    // Articles are read and parsed in parallel, and kept in path order.
    let articles: Vec<(PathBuf, Option<RawArticleFile>, Diagnostics)> =
        sorted_files(&dir.join("articles"), &mut diags)
            .into_par_iter()
            .map(|path| {
                let mut problems = Diagnostics::default();
                let article = load_article(&path, &mut problems);
                (path, article, problems)
            })
            .collect();
    for (path, article, problems) in articles {
        diags.extend(problems);
        match article {
            Some(article) => raw.articles.push(article),
            None => {
                if let Some(name) = article_file_name(&path) {
                    raw.unreadable_articles.insert(name);
                }
            }
        }
    }
    for path in sorted_files(&dir.join("pages"), &mut diags) {
        if let Some(page) = load_markdown(&path, &PAGE_FILE, &mut diags) {
            raw.pages.push(page);
        }
    }
    for path in sorted_files(&dir.join("indicators"), &mut diags) {
        match path.extension().and_then(|e| e.to_str()) {
            Some("yaml" | "yml") => match load_yaml_file(&path, &mut diags) {
                Some(ind) => raw.indicators.push(ind),
                None => {
                    if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                        raw.unreadable_indicators.insert(stem.to_owned());
                    }
                }
            },
            _ => diags.push(ignored(&path, "indicator files end in .yaml")),
        }
    }
    (raw, diags)
}

fn ignored(path: &Path, why: &str) -> Diagnostic {
    Diagnostic::warning(path, 0, "file ignored").hint(why)
}

/// Files under `dir`, sorted by path, hidden files skipped. A missing folder is empty.
fn sorted_files(dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.exists() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let walk = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(dir).to_path_buf();
                diags.push(Diagnostic::error(&path, 0, format!("cannot read: {err}")));
            }
        }
    }
    files
}

/// Reads a text file: UTF-8 required, a BOM is dropped with a warning, CRLF becomes LF.
pub fn read_text(path: &Path, diags: &mut Diagnostics) -> Option<String> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(err) => {
            let hint = if err.kind() == std::io::ErrorKind::NotFound {
                "every portal needs this file; see the content format in README.md"
            } else {
                "check the file's permissions"
            };
            diags.push(Diagnostic::error(path, 0, format!("cannot read file: {err}")).hint(hint));
            return None;
        }
    };
    let mut text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let col = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            diags.push(
                Diagnostic::error(path, line, "the file is not valid UTF-8")
                    .col(col)
                    .hint("save the file as UTF-8 (GBK or GB2312 text must be converted, e.g. `iconv -f GBK -t UTF-8`)"),
            );
            return None;
        }
    };
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        diags.push(
            Diagnostic::warning(
                path,
                1,
                "the file starts with a byte order mark (BOM); it was ignored",
            )
            .hint("save the file as UTF-8 without BOM"),
        );
        text = rest.to_owned();
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    if controls::report_raw(path, &text, diags) {
        return None;
    }
    Some(text)
}

/// Parses `yaml` (which starts at `first_line` of `path`) into `T`.
pub fn parse_yaml<T: DeserializeOwned>(
    path: &Path,
    yaml: &str,
    first_line: usize,
) -> Result<Located<T>, Diagnostic> {
    if let Some(d) = controls::escaped_in_yaml(path, yaml, first_line) {
        return Err(d);
    }
    match serde_yaml::from_str::<T>(yaml) {
        Ok(value) => Ok(Located {
            path: path.to_path_buf(),
            yaml: yaml.to_owned(),
            first_line,
            value,
        }),
        Err(err) => {
            let (mut line, mut col) = err
                .location()
                .map_or((first_line, 0), |l| (l.line() + first_line - 1, l.column()));
            // serde_yaml writes positions inside the YAML ("at line X column Y");
            // we print the position in the file ourselves.
            let mut message = err.to_string();
            // An unclosed `[` or `{` is noticed where the next key stands, often lines
            // later: say where the bracket was opened.
            if let Some((i, kind, open)) = flow_start(&message) {
                message = format!(
                    "{}while parsing the {kind} opened on line {}",
                    &message[..i],
                    open + first_line - 1
                );
            }
            let message = strip_positions(&message);
            let (message, offset) = strip_byte_offset(&message);
            // The reader reports bad characters by byte offset, with no line.
            if let Some((l, c)) = offset.and_then(|o| line_col_of_offset(yaml, o)) {
                (line, col) = (l + first_line - 1, c);
            }
            // A duplicate is detected when the mapping ends, and placed at its start:
            // point at the second occurrence of the key instead.
            if let Some(l) = duplicate_key(&message)
                .and_then(|k| second_key_line(yaml, k, line.saturating_sub(first_line)))
            {
                (line, col) = (l + first_line - 1, 0);
            }
            // The end of the stream can lie past the last line (a file of one comment
            // without a line end): name the last line instead.
            let last_line = first_line + yaml.lines().count().max(1) - 1;
            if line > last_line {
                (line, col) = (last_line, 0);
            }
            let message = message.as_str();
            let source_line = line
                .checked_sub(first_line)
                .and_then(|i| yaml.lines().nth(i));
            // A comma inside a `{…}` value splits it: say which value to quote.
            let hint = source_line
                .and_then(crate::editorial::yaml_comma_hint)
                .unwrap_or_else(|| yaml_hint(message, yaml));
            let mut d = Diagnostic::error(path, line, format!("invalid YAML: {message}"))
                .col(col)
                .hint(hint);
            d.source_line = source_line.map(str::to_owned);
            Err(d)
        }
    }
}

/// Removes every " at line N column M" from a YAML error message.
fn strip_positions(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = rest[i + " at line ".len()..].trim_start_matches(|c: char| c.is_ascii_digit());
        rest = after.strip_prefix(" column ").map_or(after, |a| {
            a.trim_start_matches(|c: char| c.is_ascii_digit())
        });
    }
    out.push_str(rest);
    out
}

/// Where "while parsing a flow sequence (or mapping) at line N column M" starts in a
/// YAML error, what was being parsed (`[…]` or `{…}`), and N.
fn flow_start(message: &str) -> Option<(usize, &'static str, usize)> {
    let i = message.find("while parsing a flow ")?;
    let rest = &message[i..];
    let kind = if rest.starts_with("while parsing a flow mapping") {
        "`{…}` mapping"
    } else {
        "`[…]` list"
    };
    let rest = &rest[rest.find(" at line ")? + " at line ".len()..];
    let line: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((i, kind, line.parse().ok()?))
}

/// Removes serde_yaml's " at position N" (a byte offset into the YAML) and returns it.
fn strip_byte_offset(message: &str) -> (String, Option<usize>) {
    const MARK: &str = " at position ";
    let Some(i) = message.rfind(MARK) else {
        return (message.to_owned(), None);
    };
    let rest = &message[i + MARK.len()..];
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    match rest[..digits].parse() {
        Ok(offset) => (
            format!("{}{}", &message[..i], &rest[digits..]),
            Some(offset),
        ),
        Err(_) => (message.to_owned(), None),
    }
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
fn line_col_of_offset(text: &str, offset: usize) -> Option<(usize, usize)> {
    let before = text.get(..offset)?;
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, col))
}

/// The key named by a "duplicate field `k`" or "duplicate key `k`" message.
fn duplicate_key(message: &str) -> Option<&str> {
    let i = message
        .find("duplicate field `")
        .map(|i| i + "duplicate field `".len())
        .or_else(|| {
            message
                .find("duplicate key `")
                .map(|i| i + "duplicate key `".len())
        })?;
    message[i..].split('`').next()
}

/// 1-based line of the second `key:` of the mapping whose first `key:` is found from the
/// 0-based line `from` on: on the same line (a flow mapping) or below it at the same
/// indentation, before the mapping ends.
fn second_key_line(yaml: &str, key: &str, from: usize) -> Option<usize> {
    let lines: Vec<&str> = yaml.lines().collect();
    // Column of the key on a line that starts with it (after indentation and `- `).
    let key_col = |l: &str| {
        crate::diag::line_of_key(l, key)
            .map(|_| l.len() - l.trim_start().trim_start_matches("- ").len())
    };
    let (first, col) = lines
        .iter()
        .enumerate()
        .skip(from)
        .find_map(|(i, l)| key_col(l).map(|c| (i, c)))?;
    if lines[first].matches(&format!("{key}:")).count() > 1 {
        return Some(first + 1);
    }
    for (i, l) in lines.iter().enumerate().skip(first + 1) {
        let trimmed = l.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if l.len() - trimmed.len() < col {
            return None;
        }
        if key_col(l) == Some(col) {
            return Some(i + 1);
        }
    }
    None
}

fn yaml_hint(message: &str, yaml: &str) -> String {
    if message.contains(" opened on line ") {
        "a list or mapping written on one line ([a, b] or {k: v}) needs its closing bracket and commas between items".into()
    } else if message.contains("duplicate") {
        "each key may appear once: remove one of the two or merge them".into()
    } else if message.contains("control characters") {
        "remove the invisible control character (text copied from PDFs or Word often carries them)"
            .into()
    } else if message.contains("unknown field") {
        "remove the key or fix its spelling; the expected keys are listed above".into()
    } else if message.contains("missing field") {
        "add the missing key".into()
    } else if yaml.contains('\t') {
        "YAML does not allow tabs for indentation: use spaces".into()
    } else if message.contains("invalid type") {
        "the value has the wrong type (a list is written [a, b], text may need quotes)".into()
    } else {
        "check indentation, colons and quotes; text containing ': ' must be quoted".into()
    }
}

fn load_yaml_file<T: DeserializeOwned>(path: &Path, diags: &mut Diagnostics) -> Option<Located<T>> {
    let text = read_text(path, diags)?;
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::error(path, 1, "the file is empty")
                .hint("see the content format in README.md"),
        );
        return None;
    }
    parse_yaml(path, &text, 1).map_err(|d| diags.push(d)).ok()
}

/// Splits `<slug>.<lang>.md` into slug and language.
pub fn article_file_name(path: &Path) -> Option<(String, String)> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".md")?;
    let (slug, lang) = stem.rsplit_once('.')?;
    Some((slug.to_owned(), lang.to_owned()))
}

/// What the messages about a kind of Markdown file say.
struct MarkdownKind {
    /// For a `.md` file whose name is not `<slug>.<language>.md`.
    bad_name: &'static str,
    bad_name_hint: &'static str,
    /// For a file that is not Markdown.
    not_markdown: &'static str,
    /// For a file without front matter.
    fences: &'static str,
}

const ARTICLE_FILE: MarkdownKind = MarkdownKind {
    bad_name: "article file name must be <slug>.<language>.md",
    bad_name_hint: "e.g. jinzhong-air-2025.zh.md and jinzhong-air-2025.en.md",
    not_markdown: "articles are Markdown files named <slug>.zh.md or <slug>.en.md",
    fences: "an article starts with YAML front matter between two `---` lines, then the text",
};

const PAGE_FILE: MarkdownKind = MarkdownKind {
    bad_name: "page file name must be <name>.<language>.md",
    bad_name_hint: "e.g. about.zh.md and about.en.md",
    not_markdown: "pages are Markdown files named <name>.zh.md or <name>.en.md",
    fences: "a page starts with YAML front matter (title, summary) between two `---` lines, then the text",
};

/// Reads one article file; `None` (with the problem reported) if it cannot be used.
pub fn load_article(path: &Path, diags: &mut Diagnostics) -> Option<RawArticleFile> {
    load_markdown(path, &ARTICLE_FILE, diags)
}

/// Reads one `<slug>.<lang>.md` file with front matter `F`.
fn load_markdown<F: DeserializeOwned>(
    path: &Path,
    kind: &MarkdownKind,
    diags: &mut Diagnostics,
) -> Option<MarkdownFile<F>> {
    let Some((slug, lang)) = article_file_name(path) else {
        if path.extension().is_some_and(|e| e == "md") {
            diags.push(Diagnostic::error(path, 1, kind.bad_name).hint(kind.bad_name_hint));
        } else {
            diags.push(ignored(path, kind.not_markdown));
        }
        return None;
    };
    let text = read_text(path, diags)?;
    let split = match frontmatter::split(&text) {
        Ok(s) => s,
        Err(e) => {
            let (line, message) = match e {
                frontmatter::SplitError::NoOpeningFence => {
                    (1, "the file does not start with a `---` line")
                }
                frontmatter::SplitError::NoClosingFence => (
                    text.lines().count().max(1),
                    "the front matter is not closed by a `---` line",
                ),
            };
            diags.push(
                Diagnostic::error(path, line, message)
                    .hint(kind.fences)
                    .with_source(&text),
            );
            return None;
        }
    };
    let front = match parse_yaml::<F>(path, split.yaml, split.yaml_line) {
        Ok(f) => f,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    Some(MarkdownFile {
        slug,
        lang,
        front,
        body: split.body.into(),
        body_line: split.body_line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of<T: DeserializeOwned + std::fmt::Debug>(yaml: &str) -> Diagnostic {
        parse_yaml::<T>(Path::new("x.md"), yaml, 2).unwrap_err()
    }

    #[test]
    fn a_duplicate_key_points_at_its_second_line() {
        let d = error_of::<RawFrontMatter>("title: a\ndate: 2025\ntitle: b\n");
        assert_eq!(d.line, 4, "{d}");
        assert!(d.message.contains("duplicate field `title`"), "{d}");
        let d = error_of::<RawFrontMatter>(
            "title: a\nsource:\n  publication: x\n  page_title: y\n  publication: z\n",
        );
        assert_eq!(d.line, 6, "{d}");
        let d = error_of::<RawFrontMatter>(
            "title: a\npeople:\n  - {name: a, name: b}\n  - {name: c}\n",
        );
        assert_eq!(d.line, 4, "{d}");
    }

    #[test]
    fn duplicate_ui_strings_are_errors() {
        let d = error_of::<UniqueKeys<String>>("home: 首页\ncities: 城市\nhome: 主页\n");
        assert_eq!(d.line, 4, "{d}");
        assert!(d.message.contains("duplicate key `home`"), "{d}");
        let ok: Located<UniqueKeys<String>> =
            parse_yaml(Path::new("x.yaml"), "a: b\nc: d\n", 1).unwrap();
        assert_eq!(ok.value.0.len(), 2);
    }

    #[test]
    fn a_date_of_the_wrong_type_points_at_the_value() {
        let d = error_of::<RawFrontMatter>("title: a\ndate: [2025]\ncities: [x]\n");
        assert_eq!(d.line, 3, "{d}");
        assert!(d.message.contains("expected a date"), "{d}");
        let ok: Located<RawFrontMatter> = parse_yaml(Path::new("x.md"), "date: 2025\n", 2).unwrap();
        assert_eq!(ok.value.date, Some(RawScalar::Int(2025)));
        let ok: Located<RawFrontMatter> =
            parse_yaml(Path::new("x.md"), "date: 2025-04\n", 2).unwrap();
        assert_eq!(ok.value.date, Some(RawScalar::Text("2025-04".into())));
    }

    #[test]
    fn a_control_character_is_placed_by_its_byte_offset() {
        let d = error_of::<RawFrontMatter>("title: a\ndate: 2025\nsummary: 摘\u{0}要\n");
        assert_eq!((d.line, d.col), (4, 11), "{d}");
        assert!(!d.message.contains("position"), "{d}");
    }

    #[test]
    fn an_unclosed_bracket_says_where_it_opens() {
        let d = error_of::<RawFrontMatter>("title: a\ntopics: [water\nsummary: b\n");
        assert_eq!(d.line, 4, "{d}");
        assert!(d.message.contains("list opened on line 3"), "{d}");
        assert!(
            d.hint.as_deref().unwrap_or("").contains("closing bracket"),
            "{d}"
        );
    }

    #[test]
    fn an_error_at_the_end_of_the_stream_names_the_last_line() {
        // Found by fuzzing: an indicator file holding one comment and no line end.
        let d = parse_yaml::<RawIndicator>(Path::new("x.yaml"), "# UI strings", 1).unwrap_err();
        assert_eq!(d.line, 1, "{d}");
        assert!(d.message.contains("missing field `id`"), "{d}");
    }

    #[test]
    fn byte_offsets_become_lines_and_columns() {
        assert_eq!(line_col_of_offset("ab\ncd", 4), Some((2, 2)));
        assert_eq!(line_col_of_offset("ab", 9), None);
        assert_eq!(
            strip_byte_offset("bad at position 12, here"),
            ("bad, here".to_owned(), Some(12))
        );
    }
}
