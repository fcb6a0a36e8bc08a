//! `check` passes, so `build` passes: both run one conductor (`pipeline::prepare`), and
//! `check` only adds passes of its own. Run over every case of `tests/broken/` and over
//! seeded fuzz-like edits of the demo (hostile snippets put into content files and
//! templates at random places, lines deleted or doubled), each time:
//! - when `check` reports no error, `build` succeeds;
//! - every error `build` reports, `check` reports at the same `file:line:col`;
//! - neither panics.
//!
//! `AGREE_SEED=<n>` runs another sample; `AGREE_EDITS=<n>` sets its size.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One input to try: a copy of the demo with some files replaced.
struct Case {
    name: String,
    /// (path relative to the root, new contents); `None` deletes the file.
    files: Vec<(PathBuf, Option<Vec<u8>>)>,
}

#[test]
fn check_and_build_agree_on_broken_cases_and_fuzz_like_edits() {
    let mut cases = broken_cases();
    assert!(cases.len() >= 60, "only {} broken cases", cases.len());
    let seed = std::env::var("AGREE_SEED").map_or(21, |s| s.parse().expect("AGREE_SEED"));
    let edits = std::env::var("AGREE_EDITS").map_or(48, |s| s.parse().expect("AGREE_EDITS"));
    cases.extend(fuzz_like(seed, edits));

    let base = fixture("demo");
    let failures = Mutex::new(Vec::new());
    let kinds = Mutex::new(BTreeSet::new());
    let next = Mutex::new(cases.iter());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let Some(case) = next.lock().unwrap().next() else {
                    break;
                };
                match agree(base.path(), case) {
                    Ok(kind) => {
                        kinds.lock().unwrap().insert(kind);
                    }
                    Err(why) => failures
                        .lock()
                        .unwrap()
                        .push(format!("── {}: {why}", case.name)),
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} inputs disagree:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
    // The sample is no use unless it holds inputs both pass, both refuse, and that
    // only `check` refuses (a broken link).
    let kinds = kinds.into_inner().unwrap();
    for kind in ["both pass", "both fail", "only check fails"] {
        assert!(kinds.contains(kind), "no input where {kind}: {kinds:?}");
    }
}

/// Runs both commands on the case; what they did, or why they disagree.
fn agree(base: &Path, case: &Case) -> Result<&'static str, String> {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path();
    copy_dir(base, root);
    for (rel, contents) in &case.files {
        let path = root.join(rel);
        match contents {
            Some(bytes) => {
                fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                fs::write(&path, bytes).expect("write case file");
            }
            None => {
                let _ = fs::remove_file(&path);
            }
        }
    }
    let check = shanshui(root, &["check"]);
    let build = shanshui(root, &["build", "--no-search"]);
    for (name, run) in [("check", &check), ("build", &build)] {
        if run.stderr.contains("panicked") || !matches!(run.code, Some(0 | 1)) {
            return Err(format!(
                "{name} exited with {:?}:\n{}",
                run.code, run.stderr
            ));
        }
    }
    // And every problem `check` finds can be said in Chinese (`message_zh`, `hint_zh`).
    let json = shanshui(root, &["check", "--format", "json"]);
    let untranslated = without_chinese(&json.stdout)?;
    if !untranslated.is_empty() {
        return Err(format!(
            "diagnostics without their Chinese:\n{}",
            untranslated.join("\n")
        ));
    }
    let check_errors = error_places(&check.stderr);
    let build_errors = error_places(&build.stderr);
    if check.ok && !build.ok {
        return Err(format!("check passed, build failed:\n{}", build.stderr));
    }
    let missed: Vec<&String> = build_errors.difference(&check_errors).collect();
    if !missed.is_empty() {
        return Err(format!(
            "build reports errors check does not: {missed:?}\ncheck said:\n{}",
            check.stderr
        ));
    }
    if !build.ok && build_errors.is_empty() {
        return Err(format!(
            "build failed without a placed error:\n{}",
            build.stderr
        ));
    }
    Ok(match (check.ok, build.ok) {
        (true, _) => "both pass",
        (false, true) => "only check fails",
        (false, false) => "both fail",
    })
}

/// The message or hint of each diagnostic of `check --format json` that has no Chinese.
fn without_chinese(json: &str) -> Result<Vec<String>, String> {
    let report: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("check's JSON: {e}\n{json}"))?;
    let diagnostics = report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut missing = Vec::new();
    for d in &diagnostics {
        for (en, zh) in [("message", "message_zh"), ("hint", "hint_zh")] {
            if d.get(en).is_some_and(|v| !v.is_null()) && d.get(zh).is_none() {
                missing.push(format!("{}: {}", d["path"], d[en]));
            }
        }
    }
    Ok(missing)
}

/// `file:line:col` of each error a command printed.
fn error_places(stderr: &str) -> BTreeSet<String> {
    stderr
        .lines()
        .filter_map(|l| l.split_once(": error: ").map(|(place, _)| place.to_owned()))
        .collect()
}

/// Every case of `tests/broken/`, as the files it lays over the demo (and deletes).
fn broken_cases() -> Vec<Case> {
    let dir = repo().join("tests/broken");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("tests/broken")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let case_dir = dir.join(&name);
            let mut files = Vec::new();
            for entry in walkdir::WalkDir::new(&case_dir).min_depth(1) {
                let entry = entry.expect("walk case");
                let rel = entry.path().strip_prefix(&case_dir).expect("prefix");
                if entry.file_type().is_file() && rel != Path::new("expect.yaml") {
                    files.push((
                        rel.to_path_buf(),
                        Some(fs::read(entry.path()).expect("read")),
                    ));
                }
            }
            let expect = read(&case_dir.join("expect.yaml"));
            let expect: serde_yaml::Value = serde_yaml::from_str(&expect).expect("expect.yaml");
            for gone in expect["delete"].as_sequence().into_iter().flatten() {
                files.push((PathBuf::from(gone.as_str().expect("a path")), None));
            }
            Case {
                name: format!("broken/{name}"),
                files,
            }
        })
        .collect()
}

/// What an editor, a copy from a PDF or a hostile hand may put into a file.
const SNIPPETS: &[&str] = &[
    "\u{FFFF}",
    "\u{FDD0}",
    "\u{1}",
    "\u{85}",
    "&#x1;",
    "&#xFFFF;",
    "\u{202E}",
    "\r",
    "\t",
    "[链接](javascript:alert(1))",
    "[link](HTTPS://example.org/)",
    "[link](/articles/nope/)",
    "[data](/data/indicators.csv)",
    "[feed](/feed.xml)",
    "![img](/static/nope.png)",
    "[a](#nowhere)",
    "<script>alert(1)</script>",
    "{{ nope }}",
    "{% if %}",
    "{{ t.nope }}",
    "\n---\n",
    ": :",
    "- [",
    "{a: b, c}",
    "&anchor x",
    "*alias",
    "待定标题：",
    "# ── 导入说明 ──\n",
    "导入说明",
    "draft: true\n",
    "cities: [nowhere]\n",
    "date: 2025-13\n",
    "value: .nan\n",
    "\n> > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > x\n",
    "汾河",
    "",
];

/// Content files and templates that a fuzz-like edit may touch.
fn targets() -> Vec<PathBuf> {
    let demo = repo().join("tests/fixtures/demo");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(demo.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&demo).expect("prefix").to_path_buf())
        .collect();
    for name in [
        "base.html",
        "article.html",
        "home.html",
        "partials/article_list.html",
    ] {
        files.push(Path::new("templates").join(name));
    }
    files.sort();
    files
}

/// `count` seeded inputs: each takes one to three edits of random files.
fn fuzz_like(seed: u64, count: usize) -> Vec<Case> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let demo = repo().join("tests/fixtures/demo");
    let targets = targets();
    (0..count)
        .map(|n| {
            let mut files: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
            for _ in 0..rng.usize(1..=3) {
                let rel = targets[rng.usize(..targets.len())].clone();
                let current = files
                    .iter()
                    .rev()
                    .find(|(p, _)| *p == rel)
                    .and_then(|(_, c)| c.clone());
                let text = match current {
                    Some(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                    None if rel.starts_with("templates") => read(&repo().join(&rel)),
                    None => read(&demo.join(&rel)),
                };
                files.push((rel, Some(edit(&mut rng, &text).into_bytes())));
            }
            Case {
                name: format!(
                    "fuzz-like seed {seed} #{n}: {:?}",
                    files.iter().map(|f| &f.0).collect::<Vec<_>>()
                ),
                files,
            }
        })
        .collect()
}

/// One random edit of `text`: a snippet put in, a line deleted, or a line doubled.
fn edit(rng: &mut fastrand::Rng, text: &str) -> String {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let at = boundaries[rng.usize(..boundaries.len())];
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    match rng.u8(..10) {
        0 if !lines.is_empty() => {
            let gone = rng.usize(..lines.len());
            lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != gone)
                .map(|(_, l)| *l)
                .collect()
        }
        1 if !lines.is_empty() => {
            let twice = rng.usize(..lines.len());
            let mut out = String::new();
            for (i, l) in lines.iter().enumerate() {
                out.push_str(l);
                if i == twice {
                    out.push_str(l);
                }
            }
            out
        }
        _ => {
            let snippet = SNIPPETS[rng.usize(..SNIPPETS.len())];
            format!("{}{snippet}{}", &text[..at], &text[at..])
        }
    }
}
