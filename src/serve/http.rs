//! The HTTP side of `serve`: files from memory, the 404 page, and live reload.

use super::conn::{Request, Response, WORKERS};
use super::messages as say;
use super::Shared;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Loaded by every served HTML page: waits for the next rebuild, then reloads the page
/// or shows the build's errors over it.
const LIVE_JS: &str = include_str!("live.js");
const LIVE_TAG: &str = "<script src=/__shanshui/live.js></script>";

/// Decodes `%XX` escapes of a URL path; `None` if the result is not UTF-8.
pub(super) fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// The file a URL path names, or `None` for a path that tries to leave the site.
pub fn file_key(url_path: &str) -> Option<String> {
    let decoded = percent_decode(url_path)?;
    let path = decoded.trim_start_matches('/');
    if path.split(['/', '\\']).any(|seg| seg == ".." || seg == ".") || path.contains('\0') {
        return None;
    }
    Some(if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    })
}

/// Where to send a request for a folder without its slash: the same path with one `/`
/// at the start, so `//cities` (which a browser reads as the host `cities`) stays on
/// this site.
fn folder_location(path: &str) -> String {
    format!("/{}/", path.trim_start_matches(['/', '\\']))
}

fn content_type(key: &str) -> String {
    if key.ends_with(".html") {
        return "text/html; charset=utf-8".into();
    }
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    if mime.type_() == "text"
        || key.ends_with(".svg")
        || key.ends_with(".js")
        || key.ends_with(".json")
    {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

fn with_live_reload(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{LIVE_TAG}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{LIVE_TAG}").into_bytes(),
    }
}

/// Live-reload polls waiting at once (each holds a worker).
const MAX_LONG_POLLS: usize = WORKERS / 2;

static LONG_POLLS: AtomicUsize = AtomicUsize::new(0);

/// One of the `MAX_LONG_POLLS` places for a waiting poll, given back when dropped.
struct LongPoll;

impl LongPoll {
    fn enter() -> Option<LongPoll> {
        LONG_POLLS
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < MAX_LONG_POLLS).then_some(n + 1)
            })
            .ok()
            .map(|_| LongPoll)
    }
}

impl Drop for LongPoll {
    fn drop(&mut self) {
        LONG_POLLS.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The portal's files from memory, and live reload. Anything but GET and HEAD is refused.
pub fn respond(request: &Request, shared: &Shared) -> Response {
    if request.method != "GET" && request.method != "HEAD" {
        return Response::text(405, say::ONLY_GET).with_header("Allow", "GET, HEAD");
    }
    let (path, query) = request.path_and_query();
    match path {
        "/__shanshui/live.js" => {
            return Response::new(
                200,
                "text/javascript; charset=utf-8",
                LIVE_JS.as_bytes().to_vec(),
            )
        }
        "/__shanshui/poll" => {
            let seen = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("v="))
                .and_then(|v| v.parse::<u64>().ok());
            let state = match seen {
                Some(v) => {
                    // A poll holds its worker until the next build: half the workers at
                    // most, so pages are still served with many tabs open. The page's
                    // script polls again a second after a 503.
                    let Some(_held) = LongPoll::enter() else {
                        return Response::busy();
                    };
                    shared.wait_change(v, Duration::from_secs(25))
                }
                None => shared.snapshot(),
            };
            let body = serde_json::json!({ "version": state.version, "error": state.error });
            return Response::new(200, "application/json", body.to_string().into_bytes());
        }
        _ => {}
    }
    let Some(key) = file_key(path) else {
        return Response::text(400, say::LEAVES_SITE);
    };
    let state = shared.snapshot();
    if let Some(bytes) = state.files.get(&key) {
        let body = if key.ends_with(".html") {
            with_live_reload(bytes)
        } else {
            bytes.to_vec()
        };
        return Response::new(200, &content_type(&key), body);
    }
    // A folder asked for without its slash: send the browser to the right URL.
    if state.files.contains_key(&format!("{key}/index.html")) {
        return Response::new(301, "text/plain; charset=utf-8", Vec::new())
            .with_header("Location", &folder_location(path));
    }
    let body = state
        .files
        .get("404.html")
        .map_or_else(|| b"404 Not Found".to_vec(), |b| with_live_reload(b));
    Response::new(404, "text/html; charset=utf-8", body)
}

#[cfg(test)]
mod tests {
    use super::{file_key, folder_location};

    #[test]
    fn folder_redirects_stay_on_the_site() {
        assert_eq!(folder_location("/cities"), "/cities/");
        assert_eq!(folder_location("//cities"), "/cities/");
        assert_eq!(folder_location("/\\/evil.example/x"), "/evil.example/x/");
        assert_eq!(folder_location("/en/%E6%90%9C"), "/en/%E6%90%9C/");
    }

    #[test]
    fn paths_map_to_files_and_never_leave_the_site() {
        assert_eq!(file_key("/").as_deref(), Some("index.html"));
        assert_eq!(
            file_key("/en/articles/x/").as_deref(),
            Some("en/articles/x/index.html")
        );
        assert_eq!(
            file_key("/static/style.css").as_deref(),
            Some("static/style.css")
        );
        assert_eq!(file_key("/%E6%90%9C/").as_deref(), Some("搜/index.html"));
        for bad in [
            "/../Cargo.toml",
            "/a/../../b",
            "/%2e%2e/Cargo.toml",
            "/a\\..\\b",
            "/./x",
        ] {
            assert_eq!(file_key(bad), None, "{bad}");
        }
    }
}
