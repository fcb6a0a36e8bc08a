//! The editor's desk under `/_desk/`: the articles and drafts with their `check`
//! status, and a body with its live preview. Not part of the built site.
//!
//! No accounts, but no other origin may use it: every request must name this server in
//! its `Host` (a page of another site that rebinds its name to 127.0.0.1 cannot), an
//! `Origin` when one is sent must be this server, and every request carries the session's
//! random token (in the page's URL, then in the `X-Desk-Token` header, which another
//! origin cannot send without a preflight we never grant).

use super::conn::{Request, Response};
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
            ("GET", "") => Response::new(200, "text/html; charset=utf-8", PAGE.into())
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
            ("POST", "api/save") => self.save(request),
            ("POST", "api/import") => self.import(request),
            ("POST", "api/preview") => match std::str::from_utf8(&request.body) {
                Ok(body) => json(&serde_json::json!({ "html": preview(body) })),
                Err(_) => Response::text(400, say::NOT_UTF8),
            },
            (
                _,
                "" | "desk.js" | "api/articles" | "api/article" | "api/registry" | "api/save"
                | "api/import" | "api/preview",
            ) => Response::text(405, say::WRONG_METHOD),
            _ => Response::text(404, say::NO_SUCH_DESK_PAGE),
        }
    }

    /// The places and topics by id and Chinese name, for the page's pickers.
    fn registry(&self) -> Response {
        match import::files::load_registry(&self.root.join("content")) {
            Ok(r) => json(&serde_json::json!({
                "cities": r.cities.iter().map(|c| serde_json::json!({ "id": c.id, "zh": c.zh })).collect::<Vec<_>>(),
                "topics": r.topics.iter().map(|t| serde_json::json!({ "id": t.id, "zh": t.zh })).collect::<Vec<_>>(),
            })),
            Err(diags) => Response::text(422, &diags.to_string()),
        }
    }

    /// An article file's text as it is on disk, and its hash, sent back with the save.
    fn open(&self, request: &Request) -> Response {
        let Some(path) = self.article_path(request) else {
            return Response::text(404, say::NO_SUCH_ARTICLE);
        };
        match std::fs::read(&path) {
            Ok(bytes) => json(&serde_json::json!({
                "text": String::from_utf8_lossy(&bytes),
                "hash": hash(&bytes),
            })),
            Err(_) => Response::text(404, say::NO_SUCH_ARTICLE),
        }
    }

    /// Writes an article file's new text in place of the old (a temporary file beside it,
    /// then a rename), unless the file changed on disk since it was opened.
    fn save(&self, request: &Request) -> Response {
        let Some(path) = self.article_path(request) else {
            return Response::text(404, say::NO_SUCH_ARTICLE);
        };
        let Ok(text) = std::str::from_utf8(&request.body) else {
            return Response::text(400, say::NOT_UTF8);
        };
        let opened = query_value(request, "hash").unwrap_or("");
        match std::fs::read(&path) {
            Ok(now) if hash(&now) == opened => {}
            _ => return Response::text(409, say::CHANGED_ON_DISK),
        }
        match write_replacing(&path, text.as_bytes()) {
            Ok(()) => json(&serde_json::json!({ "hash": hash(text.as_bytes()) })),
            Err(e) => Response::text(500, &format!("{}{e}\n", say::NOT_SAVED)),
        }
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
    use super::same;

    #[test]
    fn tokens_compare_whole() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"ab"));
        assert!(!same(b"", b"a"));
    }
}
