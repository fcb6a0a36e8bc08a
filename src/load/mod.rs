//! Load: read `content/` (sorted), split front matter and parse YAML into `Raw*` structs.
//!
//! Knows nothing of HTML. Problems are collected as diagnostics; a file that cannot be
//! read or parsed is left out of the result and reported, so the model can still check
//! the rest.

mod aliases;
mod controls;
pub mod frontmatter;
pub mod position;
pub mod raw;
mod yaml;

use crate::diag::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::messages as M;
use raw::*;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;
pub use yaml::parse_yaml;

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

    /// Line in the file of the key at `path` (`date`, `source.url`), as the YAML parser
    /// reads it, or of the YAML's start.
    pub fn line_of_key(&self, path: &str) -> usize {
        self.position(path, true).0
    }

    /// Whether the key at `path` is written.
    pub fn has_key(&self, path: &str) -> bool {
        position::position(&self.yaml, &steps(path), true).is_some()
    }

    /// Line and column in the file of the value at `path`, or of the YAML's start.
    pub fn value_position(&self, path: &str) -> (usize, usize) {
        self.position(path, false)
    }

    /// Line and column in the file of item `index` of the sequence at `path`
    /// (`cities`, `observations`), or of the key, or of the YAML's start.
    pub fn item_position(&self, path: &str, index: usize) -> (usize, usize) {
        let mut steps = steps(path);
        steps.push(position::Step::Item(index));
        position::position(&self.yaml, &steps, false)
            .map_or_else(|| self.position(path, true), |p| self.in_file(p))
    }

    fn position(&self, path: &str, key: bool) -> (usize, usize) {
        position::position(&self.yaml, &steps(path), key)
            .map_or((self.first_line, 0), |p| self.in_file(p))
    }

    /// A position within the YAML as a position in the file.
    fn in_file(&self, (line, col): (usize, usize)) -> (usize, usize) {
        (line + self.first_line - 1, col)
    }

    /// Line and column in the file of the value of `key` in item `index` of the YAML's
    /// top-level sequence (`url` of a source), or of the YAML's start.
    pub fn item_value_position(&self, index: usize, key: &[&str]) -> (usize, usize) {
        let mut steps = vec![position::Step::Item(index)];
        steps.extend(key.iter().map(|k| position::Step::Key(k)));
        position::position(&self.yaml, &steps, false)
            .map_or((self.first_line, 0), |p| self.in_file(p))
    }

    /// Line in the file where item `index` of the YAML's top-level sequence starts
    /// (as the parser reads it), or of the YAML's start.
    pub fn item_line(&self, index: usize) -> usize {
        position::sequence_item_line(&self.yaml, index)
            .map_or(self.first_line, |l| l + self.first_line - 1)
    }

    /// Line in the file of the first YAML line containing `needle`: for what the parser
    /// does not keep (comments).
    pub fn line_containing(&self, needle: &str) -> usize {
        self.yaml
            .lines()
            .position(|l| l.contains(needle))
            .map_or(self.first_line, |i| i + self.first_line)
    }

    /// An error at `line` of this file, showing that line.
    pub fn error_at(&self, line: usize, message: impl Into<crate::messages::Said>) -> Diagnostic {
        let source_line = line
            .checked_sub(self.first_line)
            .and_then(|i| self.yaml.lines().nth(i))
            .map(Into::into);
        Diagnostic {
            source_line,
            ..Diagnostic::error(&self.path, line, message)
        }
    }
}

/// `source.url` as steps down a YAML document.
fn steps(path: &str) -> Vec<position::Step<'_>> {
    path.split('.').map(position::Step::Key).collect()
}

/// One `<slug>.<lang>.md` file: its front matter `F` and its Markdown body.
#[derive(Debug, Clone)]
pub struct MarkdownFile<F> {
    pub slug: String,
    pub lang: Lang,
    pub front: Located<F>,
    pub body: std::sync::Arc<str>,
    pub body_line: usize,
    /// The front matter has a YAML error (reported) and was read without the lines that
    /// break it: its other keys can be checked, but keys it lacks may be on those lines.
    pub recovered: bool,
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
    /// Language → UI strings.
    pub strings: BTreeMap<Lang, Located<RawStrings>>,
    pub articles: Vec<RawArticleFile>,
    /// `pages/`: pages that are neither articles nor lists (the About page).
    pub pages: Vec<RawPageFile>,
    /// (slug, language) of article files that exist but could not be read or parsed
    /// (already reported), so that nothing else is reported missing because of them.
    pub unreadable_articles: std::collections::BTreeSet<(String, Lang)>,
    pub indicators: Vec<Located<RawIndicator>>,
    /// `sources.yaml`: publications outside the portal that figures cite (optional file).
    pub publications: Option<Located<Vec<RawPublication>>>,
    /// `refused-domains.txt`: sites no source may link to (optional file).
    pub refused_domains: Option<RefusedDomains>,
    /// `search.yaml`: equivalents and pinyin endings for search (optional file).
    pub search: Option<Located<RawSearchTerms>>,
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
            Diagnostic::error(dir, 0, M::CONTENT_NOT_FOUND.both(&[]))
                .hint(M::CONTENT_NOT_FOUND_HINT.both(&[])),
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
    let refused = dir.join(REFUSED_DOMAINS);
    if refused.exists() {
        raw.refused_domains = read_text(&refused, &mut diags).map(|text| RefusedDomains {
            entries: refused_domain_lines(&text),
            path: refused,
        });
    }
    let search = dir.join("search.yaml");
    if search.exists() {
        raw.search = load_yaml_file(&search, &mut diags);
    }
    for lang in Lang::ALL {
        if let Some(strings) = load_yaml_file::<UniqueKeys<String>>(
            &dir.join("i18n").join(format!("{}.yaml", lang.code())),
            &mut diags,
        ) {
            raw.strings.insert(lang, strings.map(|UniqueKeys(map)| map));
        }
    }
    // Articles are read and parsed in parallel, and kept in path order.
    let articles: Vec<(PathBuf, Option<RawArticleFile>, Diagnostics)> =
        sorted_files(&dir.join("articles"), &mut diags)
            .into_par_iter()
            // A few at a time, so that no thread is left idle at the end.
            .with_max_len(16)
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
            _ => diags.push(ignored(&path, M::INDICATOR_FILE_NAME)),
        }
    }
    (raw, diags)
}

/// The file of `content/` listing the sites no source may link to.
pub const REFUSED_DOMAINS: &str = "refused-domains.txt";

/// `refused-domains.txt` as written: one domain a line, `#` starts a comment.
#[derive(Debug, Clone, Default)]
pub struct RefusedDomains {
    pub path: PathBuf,
    /// (line, text) of each line that is not blank or a comment.
    pub entries: Vec<(usize, String)>,
}

fn refused_domain_lines(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let entry = line.split('#').next().unwrap_or_default().trim();
            (!entry.is_empty()).then(|| (i + 1, entry.to_owned()))
        })
        .collect()
}

fn ignored(path: &Path, why: M::Message) -> Diagnostic {
    Diagnostic::warning(path, 0, M::FILE_IGNORED.both(&[])).hint(why.both(&[]))
}

/// Files under `dir`, sorted by path, hidden files skipped, symbolic links reported. A
/// missing folder is empty.
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
            // Not followed (it could publish any file of the machine), and not skipped
            // without a word either: the editor would look for the missing article.
            Ok(e) if e.path_is_symlink() => diags.push(
                Diagnostic::error(e.path(), 0, M::SYMLINK.both(&[]))
                    .hint(M::SYMLINK_HINT.both(&[])),
            ),
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(dir).to_path_buf();
                diags.push(Diagnostic::error(
                    &path,
                    0,
                    M::CANNOT_READ.both(&[("why", &err)]),
                ));
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
                M::NEEDED_FILE_HINT
            } else {
                M::PERMISSIONS_HINT
            };
            diags.push(
                Diagnostic::error(path, 0, M::CANNOT_READ_FILE.both(&[("why", &err)]))
                    .hint(hint.both(&[])),
            );
            return None;
        }
    };
    // Checked with vector instructions (a copy costs less than the standard check of
    // Chinese text); only a file that fails is checked again, to say where.
    let checked = match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => String::from_utf8(bytes),
    };
    let mut text = match checked {
        Ok(t) => t,
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let col = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            diags.push(
                Diagnostic::error(path, line, M::NOT_UTF8.both(&[]))
                    .col(col)
                    .hint(M::NOT_UTF8_HINT.both(&[])),
            );
            return None;
        }
    };
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        diags.push(Diagnostic::warning(path, 1, M::BOM.both(&[])).hint(M::BOM_HINT.both(&[])));
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

fn load_yaml_file<T: DeserializeOwned>(path: &Path, diags: &mut Diagnostics) -> Option<Located<T>> {
    let text = read_text(path, diags)?;
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::error(path, 1, M::EMPTY_FILE.both(&[]))
                .hint(M::CONTENT_FORMAT_HINT.both(&[])),
        );
        return None;
    }
    parse_yaml(path, &text, 1).map_err(|d| diags.push(d)).ok()
}

/// Splits `<slug>.<lang>.md` into slug and language code, as written.
fn split_file_name(path: &Path) -> Option<(String, &str)> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".md")?;
    let (slug, lang) = stem.rsplit_once('.')?;
    Some((slug.to_owned(), lang))
}

/// `<slug>.<lang>.md` as slug and language; `None` for another name or language.
pub fn article_file_name(path: &Path) -> Option<(String, Lang)> {
    let (slug, code) = split_file_name(path)?;
    Some((slug, Lang::from_code(code)?))
}

/// What the messages about a kind of Markdown file say.
struct MarkdownKind {
    /// For a `.md` file whose name is not `<slug>.<language>.md`.
    bad_name: M::Message,
    bad_name_hint: M::Message,
    /// For a name whose language is neither `zh` nor `en`.
    languages_hint: M::Message,
    /// For a file that is not Markdown.
    not_markdown: M::Message,
    /// For a file without front matter.
    fences: M::Message,
}

const ARTICLE_FILE: MarkdownKind = MarkdownKind {
    bad_name: M::ARTICLE_FILE_NAME,
    bad_name_hint: M::ARTICLE_FILE_NAME_HINT,
    languages_hint: M::ARTICLE_LANGUAGES,
    not_markdown: M::ARTICLES_ARE_MARKDOWN,
    fences: M::ARTICLE_FENCES,
};

const PAGE_FILE: MarkdownKind = MarkdownKind {
    bad_name: M::PAGE_FILE_NAME,
    bad_name_hint: M::PAGE_FILE_NAME_HINT,
    languages_hint: M::PAGE_LANGUAGES,
    not_markdown: M::PAGES_ARE_MARKDOWN,
    fences: M::PAGE_FENCES,
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
    let Some((slug, code)) = split_file_name(path) else {
        if path.extension().is_some_and(|e| e == "md") {
            diags.push(
                Diagnostic::error(path, 1, kind.bad_name.both(&[]))
                    .hint(kind.bad_name_hint.both(&[])),
            );
        } else {
            diags.push(ignored(path, kind.not_markdown));
        }
        return None;
    };
    // A file in another language is reported here and goes no further, but the rest of
    // it is still read so that its own mistakes are reported in the same run.
    let lang = Lang::from_code(code);
    if lang.is_none() {
        diags.push(
            Diagnostic::error(path, 1, M::UNKNOWN_LANGUAGE.both(&[("code", &code)]))
                .hint(kind.languages_hint.both(&[])),
        );
    }
    let text = read_text(path, diags)?;
    let split = match frontmatter::split(&text) {
        Ok(s) => s,
        Err(e) => {
            let (line, message) = match e {
                frontmatter::SplitError::NoOpeningFence => (1, M::NO_OPENING_FENCE),
                frontmatter::SplitError::NoClosingFence => {
                    (text.lines().count().max(1), M::NO_CLOSING_FENCE)
                }
            };
            diags.push(
                Diagnostic::error(path, line, message.both(&[]))
                    .hint(kind.fences.both(&[]))
                    .with_source(&text),
            );
            return None;
        }
    };
    let (front, recovered) = match parse_yaml::<F>(path, split.yaml, split.yaml_line) {
        Ok(f) => (f, false),
        Err(d) => {
            let recovered = recover_front_matter(path, split.yaml, split.yaml_line, d.line);
            diags.push(d);
            (recovered?, true)
        }
    };
    Some(MarkdownFile {
        slug,
        lang: lang?,
        front,
        body: split.body.into(),
        body_line: split.body_line,
        recovered,
    })
}

/// How many broken lines a front matter may lose and still be read for its other keys.
const MAX_LINES_LEFT_OUT: usize = 3;

/// Front matter whose YAML error is already reported, read again with the line the
/// parser stopped at left out (blank, so every other line keeps its number), and again
/// for a next error, a few times: so the same run of `check` still sees its date, ids and
/// the body's links. The error stays, so nothing is ever built from it.
fn recover_front_matter<F: DeserializeOwned>(
    path: &Path,
    yaml: &str,
    first_line: usize,
    bad_line: usize,
) -> Option<Located<F>> {
    let mut lines: Vec<&str> = yaml.lines().collect();
    let mut bad_line = bad_line;
    for _ in 0..MAX_LINES_LEFT_OUT {
        let i = bad_line.checked_sub(first_line)?;
        if lines.get(i).is_none_or(|l| l.trim().is_empty()) {
            return None;
        }
        lines[i] = "";
        let text = lines.join("\n") + "\n";
        match parse_yaml(path, &text, first_line) {
            Ok(front) => return Some(front),
            Err(d) => bad_line = d.line,
        }
    }
    None
}
