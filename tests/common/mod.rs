//! Helpers shared by the integration tests: fixture sites copied into temp folders and
//! the real binary run on them.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies `tests/fixtures/<name>` into a fresh temp folder and returns it.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo().join("tests/fixtures").join(name), tmp.path());
    tmp
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

pub struct Run {
    pub ok: bool,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the shanshui binary with `args` in `root`, speaking English whatever the
/// machine's locale (the tests of messages in Chinese set `SHANSHUI_LANG` themselves).
pub fn shanshui(root: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_shanshui"))
        .env("SHANSHUI_LANG", "en")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("run shanshui");
    Run {
        ok: out.status.success(),
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Builds the site in `root` into `root/site`, panicking with the output on failure.
pub fn build(root: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec!["build"];
    args.extend_from_slice(extra);
    let run = shanshui(root, &args);
    assert!(run.ok, "build failed:\n{}\n{}", run.stdout, run.stderr);
    root.join("site")
}

pub fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            (rel, fs::read(e.path()).expect("read"))
        })
        .collect();
    files.sort();
    files
}

pub fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// Checks every internal link (`href`/`src` under `base_path`) of every page: the target
/// file exists and, for `#fragment`s, holds that id. Returns the broken ones.
pub fn broken_links(site: &Path, base_path: &str) -> Vec<String> {
    use scraper::{Html, Selector};
    let sel = Selector::parse("[href], [src], [srcset]").expect("selector");
    let mut broken = Vec::new();
    for page in html_files(site) {
        let doc = Html::parse_document(&read(&page));
        for el in doc.select(&sel) {
            let attr = |name| el.value().attr(name);
            let Some(url) = attr("href")
                .or_else(|| attr("src"))
                .or_else(|| attr("srcset"))
            else {
                continue;
            };
            if url.starts_with("http://")
                || url.starts_with("https://")
                || url.starts_with("mailto:")
            {
                continue;
            }
            let (path, fragment) = url
                .split_once('#')
                .map_or((url, None), |(p, f)| (p, Some(f)));
            let target = if path.is_empty() {
                page.clone()
            } else if let Some(rest) = path.strip_prefix(base_path) {
                let t = site.join(rest);
                if path.ends_with('/') {
                    t.join("index.html")
                } else {
                    t
                }
            } else {
                broken.push(format!(
                    "{}: {url} is not under {base_path}",
                    page.display()
                ));
                continue;
            };
            if !target.is_file() {
                broken.push(format!(
                    "{}: {url} → missing {}",
                    page.display(),
                    target.display()
                ));
                continue;
            }
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()).map(percent_decode) {
                let target_doc = Html::parse_document(&read(&target));
                let id_sel = Selector::parse("[id]").expect("selector");
                if !target_doc
                    .select(&id_sel)
                    .any(|e| e.value().attr("id") == Some(fragment.as_str()))
                {
                    broken.push(format!("{}: {url} → no id {fragment}", page.display()));
                }
            }
        }
    }
    broken
}

/// Decodes `%XX` escapes, as a browser does before matching a fragment to an id.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() && s.is_char_boundary(i + 3) {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
