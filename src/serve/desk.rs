//! The editor's desk under `/_desk/`: the articles and drafts with their `check`
//! status; an article opened as a form for its front matter (`desk_form`), its body
//! with a live preview and its English beside it; its figures added to indicators
//! (`desk_figures`); a dropped file imported. Not part of the built site.
//!
//! No accounts, but no other origin may use it: every request must name this server in
//! its `Host` (a page of another site that rebinds its name to 127.0.0.1 cannot), an
//! `Origin` when one is sent must be this server, and every request carries the session's
//! random token (in the page's URL, then in the `X-Desk-Token` header, which another
//! origin cannot send without a preflight we never grant).

use super::conn::{Request, Response};
use super::desk_figures::{self as figures, Figure};
use super::desk_form::{self as form, Form};
use super::http::percent_decode;
use super::messages as say;
use crate::import;
use crate::load;
use crate::render::markdown::{self, MarkdownOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const PREFIX: &str = "/_desk/";
const PAGE: &str = include_str!("desk.html");
const SCRIPT: &str = include_str!("desk.js");
const STYLE: &str = include_str!("desk.css");

pub struct Desk {
    root: PathBuf,
    port: u16,
    token: String,
}

impl Desk {
    /// A desk with a fresh token; fails only if the system gives no random bytes.
    pub fn new(root: &Path, port: u16) -> Result<Desk, getrandom::Error> {
        let token = random_hex::<16>()?;
        Ok(Desk {
            root: root.to_path_buf(),
            port,
            token,
        })
    }

    /// The address to open, with the token: printed by `serve`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}{PREFIX}?t={}", self.port, self.token)
    }

    pub fn respond(&self, request: &Request) -> Response {
        if let Err(why) = self.admit(request) {
            return Response::text(403, why);
        }
        let (path, _) = request.path_and_query();
        let route = path.strip_prefix(PREFIX).unwrap_or("");
        match (request.method.as_str(), route) {
            ("GET", "") => Response::new(200, "text/html; charset=utf-8", self.page().into())
                // The page's URL holds the token: never send it on, never be framed.
                .with_header("Referrer-Policy", "no-referrer")
                .with_header(
                    "Content-Security-Policy",
                    "default-src 'self'; frame-ancestors 'none'",
                )
                .with_header("X-Frame-Options", "DENY"),
            ("GET", "desk.js") => {
                Response::new(200, "text/javascript; charset=utf-8", SCRIPT.into())
            }
            ("GET", "desk.css") => Response::new(200, "text/css; charset=utf-8", STYLE.into()),
            ("GET", "api/articles") => json(&articles(&self.root)),
            ("GET", "api/article") => self.open(request),
            ("GET", "api/registry") => self.registry(),
            ("GET", "api/recorded") => self.recorded(request),
            ("POST", "api/save") => self.save(request),
            ("POST", "api/observe") => self.observe(request),
            ("POST", "api/import") => self.import(request),
            ("POST", "api/preview") => match std::str::from_utf8(&request.body) {
                Ok(body) => json(&serde_json::json!({ "html": preview(body) })),
                Err(_) => Response::text(400, say::NOT_UTF8),
            },
            (
                _,
                "" | "desk.js" | "desk.css" | "api/articles" | "api/article" | "api/registry"
                | "api/recorded" | "api/save" | "api/observe" | "api/import" | "api/preview",
            ) => Response::text(405, say::WRONG_METHOD),
            _ => Response::text(404, say::NO_SUCH_DESK_PAGE),
        }
    }

    /// The page with its words from the portal's catalogue (`content/i18n/`, the keys
    /// starting with `desk_`): `{{key}}` as the Chinese with the English beside it,
    /// `{{plain:key}}` as plain text, `{{words}}` as every desk word for the script. A
    /// word the catalogue lacks shows as its key.
    fn page(&self) -> String {
        let folder = self.root.join("content/i18n");
        let mut diags = crate::diag::Diagnostics::default();
        let mut read = |lang: &str| {
            import::files::read_yaml::<BTreeMap<String, String>>(
                &folder.join(format!("{lang}.yaml")),
                &mut diags,
            )
            .unwrap_or_default()
        };
        let (zh, en) = (read("zh"), read("en"));
        let word = |key: &str| {
            let of = |strings: &BTreeMap<String, String>| {
                strings.get(key).cloned().unwrap_or_else(|| key.to_owned())
            };
            (of(&zh), of(&en))
        };
        let mut page = String::with_capacity(PAGE.len() * 2);
        let mut rest = PAGE;
        while let Some((before, after)) = rest.split_once("{{") {
            let Some((key, after)) = after.split_once("}}") else {
                break;
            };
            page.push_str(before);
            if key == "words" {
                let words: BTreeMap<&String, (String, String)> = zh
                    .keys()
                    .filter(|k| k.starts_with("desk_"))
                    .map(|k| (k, word(k)))
                    .collect();
                // In a <script> element: no `<` may close it.
                let json = serde_json::to_string(&words).unwrap_or_else(|_| "{}".into());
                page.push_str(&json.replace('<', "\\u003c"));
            } else if let Some(key) = key.strip_prefix("plain:") {
                let (zh, en) = word(key);
                page.push_str(&tera::escape_html(&format!("{zh} · {en}")));
            } else {
                let (zh, en) = word(key);
                page.push_str(&format!(
                    "{} <span class=\"en\" lang=\"en\">{}</span>",
                    tera::escape_html(&zh),
                    tera::escape_html(&en)
                ));
            }
            rest = after;
        }
        page.push_str(rest);
        page
    }

    /// The places, topics and indicators by id and Chinese name, for the page's pickers.
    fn registry(&self) -> Response {
        let content = self.root.join("content");
        match import::files::load_registry(&content) {
            Ok(r) => json(&serde_json::json!({
                "cities": r.cities.iter().map(|c| serde_json::json!({ "id": c.id, "zh": c.zh })).collect::<Vec<_>>(),
                "topics": r.topics.iter().map(|t| serde_json::json!({ "id": t.id, "zh": t.zh })).collect::<Vec<_>>(),
                "indicators": figures::indicators(&load::load(&content).0),
            })),
            Err(diags) => Response::text(422, &diags.to_string()),
        }
    }

    /// An article file as the form's fields and its body, with the hash of its bytes
    /// (sent back with the save), the figures its text gives, and for a Chinese file
    /// its English: the English file, or `translate`'s draft of it when there is none.
    fn open(&self, request: &Request) -> Response {
        let Some(path) = self.article_path(request) else {
            return Response::text(404, say::NO_SUCH_ARTICLE);
        };
        let Ok(bytes) = std::fs::read(&path) else {
            return Response::text(404, say::NO_SUCH_ARTICLE);
        };
        let Ok(text) = std::str::from_utf8(&bytes) else {
            return Response::text(422, say::NOT_UTF8);
        };
        let (fields, body) = match form::read(&self.shown(&path), text) {
            Ok(read) => read,
            // Front matter that does not read opens as the file's text, to be mended.
            Err(why) => {
                return json(&serde_json::json!({
                    "raw": text,
                    "error": format!("{}{why}", say::CANNOT_OPEN),
                    "hash": hash(&bytes),
                }))
            }
        };
        let english = english_path(&path).map(|en| match std::fs::read(&en) {
            Ok(bytes) => serde_json::json!({
                "file": file_name(&en),
                "text": String::from_utf8_lossy(&bytes),
                "hash": hash(&bytes),
            }),
            Err(_) => serde_json::json!({
                "file": file_name(&en),
                "text": self.english_draft(text),
                "hash": "",
            }),
        });
        json(&serde_json::json!({
            "form": fields,
            "body": body,
            "hash": hash(&bytes),
            "slug": slug_of(&path),
            "figures": figures::hints(
                body,
                &import::files::load_registry(&self.root.join("content")).unwrap_or_default(),
            ),
            "english": english,
        }))
    }

    /// `translate`'s English file for the Chinese `text` (empty when it has no front
    /// matter, which `open` has already refused).
    fn english_draft(&self, text: &str) -> String {
        let content = self.root.join("content");
        let mut diags = crate::diag::Diagnostics::default();
        let cities: Vec<crate::load::raw::RawCity> =
            import::files::read_yaml(&content.join("cities.yaml"), &mut diags).unwrap_or_default();
        let registry = import::files::load_registry(&content).unwrap_or_default();
        import::english::scaffold(text, &cities, &registry).unwrap_or_default()
    }

    /// What an indicator records for a place and period.
    fn recorded(&self, request: &Request) -> Response {
        let value = |key| {
            query_value(request, key)
                .and_then(percent_decode)
                .unwrap_or_default()
        };
        let (content, _) = load::load(&self.root.join("content"));
        json(&figures::recorded(
            &content,
            &value("indicator"),
            &value("city"),
            &value("period"),
        ))
    }

    /// One figure of the opened article added to an indicator, the article its source.
    fn observe(&self, request: &Request) -> Response {
        let Some(path) = self.article_path(request) else {
            return Response::text(404, say::NO_SUCH_ARTICLE);
        };
        let figure: Figure = match serde_json::from_slice(&request.body) {
            Ok(f) => f,
            Err(e) => return Response::text(400, &format!("{}{e}\n", say::BAD_FORM)),
        };
        match figures::observe(&self.root, &slug_of(&path), &figure) {
            Ok(written) => json(&written),
            Err((status, why)) => Response::text(status, &format!("{}{why}", say::NOT_RECORDED)),
        }
    }

    /// Writes the form, the body and the English (when sent) in place of the files on
    /// disk (each beside the old one, then renamed over it), unless either changed on
    /// disk since it was opened: then nothing is written.
    fn save(&self, request: &Request) -> Response {
        let Some(path) = self.article_path(request) else {
            return Response::text(404, say::NO_SUCH_ARTICLE);
        };
        let opened = query_value(request, "hash").unwrap_or("");
        let now = match std::fs::read(&path) {
            Ok(now) if hash(&now) == opened => now,
            _ => return Response::text(409, say::CHANGED_ON_DISK),
        };
        let saved: Saved = match serde_json::from_slice(&request.body) {
            Ok(s) => s,
            Err(e) => return Response::text(400, &format!("{}{e}\n", say::BAD_FORM)),
        };
        let english = match (&saved.english, english_path(&path)) {
            (Some(en), Some(en_path)) => {
                let on_disk = std::fs::read(&en_path)
                    .map(|b| hash(&b))
                    .unwrap_or_default();
                if on_disk != en.hash {
                    return Response::text(409, say::CHANGED_ON_DISK);
                }
                Some((en_path, en.text.clone()))
            }
            _ => None,
        };
        let text = String::from_utf8_lossy(&now);
        let new = match (&saved.raw, &saved.form) {
            (Some(raw), _) => raw.clone(),
            (None, Some(fields)) => {
                match form::write(&self.shown(&path), &text, fields, &saved.body) {
                    Ok(new) => new,
                    Err(why) => return Response::text(422, &format!("{}{why}\n", say::NOT_SAVED)),
                }
            }
            (None, None) => return Response::text(400, say::BAD_FORM),
        };
        // Both files carry the same `added` (the form fills it in the Chinese one).
        let english = english.map(|(en_path, en_text)| match &saved.form {
            Some(fields) if !fields.added.trim().is_empty() => {
                let with = with_added(&en_text, fields.added.trim());
                (en_path, with)
            }
            _ => (en_path, en_text),
        });
        let mut answer = serde_json::json!({ "hash": hash(new.as_bytes()) });
        if let Err(e) = write_replacing(&path, new.as_bytes()) {
            return Response::text(500, &format!("{}{e}\n", say::NOT_SAVED));
        }
        if let Some((en_path, en_text)) = english {
            if let Err(e) = write_replacing(&en_path, en_text.as_bytes()) {
                return Response::text(500, &format!("{}{e}\n", say::NOT_SAVED));
            }
            answer["english_hash"] = hash(en_text.as_bytes()).into();
        }
        json(&answer)
    }

    /// A path as the editor knows it, from the portal's folder.
    fn shown(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).unwrap_or(path).to_path_buf()
    }

    /// A dropped file through `import`, as the command reads, converts, checks and writes
    /// it: the drafts land in `content/articles/`.
    fn import(&self, request: &Request) -> Response {
        let name = query_value(request, "name")
            .and_then(percent_decode)
            .unwrap_or_default();
        // The name only says how to read the file (its extension) and goes into the
        // draft's notes; the file itself goes into a folder of its own.
        let name: String = name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or("")
            .chars()
            .map(|c| if c.is_control() { '_' } else { c })
            .collect();
        if name.is_empty() || name.starts_with('.') {
            return Response::text(400, say::NO_FILE_NAME);
        }
        let Ok(dir) = scratch_dir() else {
            return Response::text(500, say::NOT_IMPORTED);
        };
        let file = dir.join(&name);
        let answer = match std::fs::write(&file, &request.body) {
            Ok(()) => self.import_file(&file, &name),
            Err(_) => Response::text(500, say::NOT_IMPORTED),
        };
        let _ = std::fs::remove_dir_all(&dir);
        answer
    }

    fn import_file(&self, file: &Path, name: &str) -> Response {
        let content = self.root.join("content");
        let registry = match import::files::load_registry(&content) {
            Ok(r) => r,
            Err(diags) => return Response::text(422, &format!("{}{diags}", say::NOT_IMPORTED)),
        };
        let opts = import::ImportOptions {
            source_file: name.to_owned(),
            ..import::ImportOptions::default()
        };
        // One budget for the whole import, as the command has: a slow file is refused and
        // its reading stops, so it cannot hold a connection or a thread.
        let budget = std::time::Duration::from_secs(import::input::limits::SECONDS);
        let mut drafts = match import::read_and_convert(file, &registry, &opts, budget) {
            Ok(imported) => imported.drafts,
            Err(why) => return Response::text(422, &format!("{}{why}\n", say::NOT_IMPORTED)),
        };
        if drafts.is_empty() {
            return Response::text(422, say::NO_RUNNING_TEXT);
        }
        import::recorded::annotate(&mut drafts, &import::recorded::Recorded::load(&self.root));
        let out = content.join("articles");
        let (mut written, mut problems) = (Vec::new(), Vec::new());
        for draft in &drafts {
            match import::files::write_checked(draft, &out) {
                Ok(path) => {
                    written.push(path.file_name().map(|n| n.to_string_lossy().into_owned()))
                }
                Err(why) => problems.push(why),
            }
        }
        json(&serde_json::json!({ "written": written, "problems": problems }))
    }

    /// `content/articles/<file>` for a `file=` that names an article file there and
    /// nothing else (no folder, no other kind of file).
    fn article_path(&self, request: &Request) -> Option<PathBuf> {
        let name = query_value(request, "file")?;
        let (stem, ext) = name.rsplit_once('.')?;
        let (slug, lang) = stem.rsplit_once('.')?;
        let plain = !slug.is_empty()
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && lang.bytes().all(|b| b.is_ascii_lowercase())
            && !lang.is_empty()
            && ext == "md";
        let path = self.root.join("content/articles").join(name);
        (plain && path.is_file()).then_some(path)
    }

    /// Host, Origin and token; the page takes the token from its URL, the API from the
    /// header.
    fn admit(&self, request: &Request) -> Result<(), &'static str> {
        let ours = [
            format!("127.0.0.1:{}", self.port),
            format!("localhost:{}", self.port),
        ];
        let host = request.header("Host").unwrap_or("");
        if !ours.iter().any(|h| h.eq_ignore_ascii_case(host)) {
            return Err(say::FOREIGN_HOST);
        }
        if let Some(origin) = request.header("Origin") {
            if !ours
                .iter()
                .any(|h| origin.eq_ignore_ascii_case(&format!("http://{h}")))
            {
                return Err(say::FOREIGN_ORIGIN);
            }
        }
        let (path, query) = request.path_and_query();
        // The script and the styles are the same for everyone and hold nothing: a
        // `<script>` or a `<link>` cannot send a header.
        if path == format!("{PREFIX}desk.js") || path == format!("{PREFIX}desk.css") {
            return Ok(());
        }
        let sent = if path == PREFIX {
            query
                .split('&')
                .find_map(|kv| kv.strip_prefix("t="))
                .or_else(|| request.header("X-Desk-Token"))
        } else {
            request.header("X-Desk-Token")
        };
        match sent {
            Some(sent) if same(sent.as_bytes(), self.token.as_bytes()) => Ok(()),
            _ => Err(say::NO_TOKEN),
        }
    }
}

/// What the page sends to save an article.
#[derive(serde::Deserialize)]
struct Saved {
    form: Option<Form>,
    #[serde(default)]
    body: String,
    /// The whole file's text, for a file whose front matter did not read as a form.
    raw: Option<String>,
    /// The English file's text and the hash it had when opened (empty: it did not
    /// exist); absent when the English was not edited.
    english: Option<SavedEnglish>,
}

#[derive(serde::Deserialize)]
struct SavedEnglish {
    text: String,
    hash: String,
}

/// An article's text with `added: "<date>"` in its front matter when it has no `added`
/// yet (after `date:`, else first); the text as it is otherwise.
fn with_added(text: &str, added: &str) -> String {
    let Some(front) = text.strip_prefix("---\n") else {
        return text.to_owned();
    };
    let end = front.find("\n---").map_or(front.len(), |at| at + 1);
    let (yaml, rest) = front.split_at(end);
    if yaml.lines().any(|l| l.starts_with("added:")) {
        return text.to_owned();
    }
    let line = format!("added: \"{added}\"\n");
    let at = yaml
        .lines()
        .scan(0, |offset, l| {
            *offset += l.len() + 1;
            Some((l, *offset))
        })
        .find(|(l, _)| l.starts_with("date:"))
        .map_or(0, |(_, after)| after.min(yaml.len()));
    format!("---\n{}{line}{}{rest}", &yaml[..at], &yaml[at..])
}

/// `content/articles/<slug>.en.md` beside `<slug>.zh.md`; none for another language.
fn english_path(path: &Path) -> Option<PathBuf> {
    let name = file_name(path);
    let slug = name.strip_suffix(".zh.md")?;
    Some(path.with_file_name(format!("{slug}.en.md")))
}

/// `air-2025` for `content/articles/air-2025.zh.md`: the name sources cite.
fn slug_of(path: &Path) -> String {
    let name = file_name(path);
    name.split('.').next().unwrap_or_default().to_owned()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn query_value<'r>(request: &'r Request, key: &str) -> Option<&'r str> {
    let (_, query) = request.path_and_query();
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
}

/// `N` random bytes from the operating system, in hexadecimal.
fn random_hex<const N: usize>() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A new, empty folder of our own under the system's temporary folder.
fn scratch_dir() -> std::io::Result<PathBuf> {
    let name = random_hex::<8>().map_err(|e| std::io::Error::other(e.to_string()))?;
    let dir = std::env::temp_dir().join(format!("shanshui-desk-{name}"));
    std::fs::create_dir(&dir)?;
    Ok(dir)
}

/// What the file held when opened, to see at save whether it changed since.
fn hash(bytes: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    format!("{:016x}{:x}", h.finish(), bytes.len())
}

/// The new text beside the old file, then renamed over it: a reader (the watcher, a
/// build) sees the old file or the new one, never half of one.
fn write_replacing(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = path.with_file_name(format!(".{name}.desk-saving"));
    let written = std::fs::File::create(&temp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    match written.and_then(|()| std::fs::rename(&temp, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// Compares without stopping at the first difference, so timing tells nothing.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn json(value: &serde_json::Value) -> Response {
    Response::new(
        200,
        "application/json; charset=utf-8",
        value.to_string().into_bytes(),
    )
}

/// A body as the portal renders Markdown (raw HTML left out).
fn preview(body: &str) -> String {
    let opts = MarkdownOptions {
        allow_html: false,
        base_path: "/",
        mark_chinese: None,
    };
    markdown::render(body, &opts).html
}

/// Every article file, drafts included, with what `check` says about it.
fn articles(root: &Path) -> serde_json::Value {
    let (raw, _) = load::load(&root.join("content"));
    let report = crate::verify::verify(root);
    let mut problems: BTreeMap<PathBuf, Vec<serde_json::Value>> = BTreeMap::new();
    for d in &report.diagnostics.0 {
        problems
            .entry(d.path.clone())
            .or_default()
            .push(serde_json::json!({
                "severity": d.severity, "line": d.line, "message": d.message,
            }));
    }
    let files: Vec<serde_json::Value> = raw
        .articles
        .iter()
        .map(|file| {
            let front = &file.front.value;
            let path = &file.front.path;
            let shown = path.strip_prefix(root).unwrap_or(path);
            let found = problems
                .iter()
                .filter(|(p, _)| p.ends_with(shown) || shown.ends_with(p.as_path()))
                .flat_map(|(_, list)| list.iter().cloned())
                .collect::<Vec<_>>();
            serde_json::json!({
                "file": shown.to_string_lossy(),
                "slug": file.slug,
                "lang": file.lang,
                "title": front.title,
                "draft": front.draft,
                "problems": found,
            })
        })
        .collect();
    serde_json::json!({ "articles": files, "errors": report.diagnostics.error_count() })
}

#[cfg(test)]
mod tests {
    use super::{same, with_added};

    #[test]
    fn tokens_compare_whole() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"ab"));
        assert!(!same(b"", b"a"));
    }

    #[test]
    fn the_english_file_gets_the_chinese_added_date_when_it_has_none() {
        let en = "---\ntitle: \"A\"\ndate: \"2023-03-27\"\ncities: [taiyuan]\n---\n\nBody.\n";
        assert_eq!(
            with_added(en, "2026-12-06"),
            "---\ntitle: \"A\"\ndate: \"2023-03-27\"\nadded: \"2026-12-06\"\ncities: [taiyuan]\n---\n\nBody.\n"
        );
        // One it has already is kept; text without front matter is left alone.
        let dated = en.replace("cities:", "added: 2025-01-01\ncities:");
        assert_eq!(with_added(&dated, "2026-12-06"), dated);
        assert_eq!(with_added("Body only.\n", "2026-12-06"), "Body only.\n");
        // No date line: first.
        assert_eq!(
            with_added("---\ntitle: A\n---\nB\n", "2026-12-06"),
            "---\nadded: \"2026-12-06\"\ntitle: A\n---\nB\n"
        );
    }
}
