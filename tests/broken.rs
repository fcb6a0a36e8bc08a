//! The broken-content corpus: every folder under `tests/broken/<case>/` holds the files
//! that differ from the demo fixture (same layout as a portal's root: `content/…`,
//! `templates/…`) and an `expect.yaml` saying what the build must do with them.
//!
//! Each case is laid over a copy of the demo that has already been built once, so a
//! previous `site/` exists; then the real binary runs `build --no-search` and the runner
//! checks: the exit code; a message at `path:line` naming the file (with a hint for
//! errors); no panic; a failed build leaves the previous `site/` byte-identical and no
//! temporary folder behind; and for injection cases that every hostile string comes out
//! as text, never as markup.
//!
//! `expect.yaml` keys:
//!
//! ```yaml
//! exit: 1                               # expected exit code
//! file: content/articles/x.zh.md        # the file the message names (relative to the root)
//! line: 3                               # its line; 0 only for a file that does not exist
//! message: "unknown city id"            # text of the error at file:line
//! warning: "byte order mark"            # or: text of a warning at file:line (exit 0)
//! also: [{file: …, line: …, col: …, message: …}]  # further errors the same run reports (col optional)
//! delete: [content/site.yaml]           # files of the demo to remove
//! generate: {file: content/articles/big.zh.md, size_mb: 5}  # a large article, written here
//! escaped: ['<script>…</script>']       # strings that must appear as text in the output
//! errors: 2                            # errors reported in all (default 1)
//! command: check                        # run `check` instead of `build --no-search`
//! pending: "why"                        # a known bug elsewhere: reported, not failed
//! ```
//!
//! Run one case with `BROKEN_CASE=<name> cargo test --test broken`.

mod common;

use common::*;
use serde::Deserialize;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    exit: i32,
    file: Option<String>,
    line: Option<usize>,
    message: Option<String>,
    warning: Option<String>,
    #[serde(default)]
    also: Vec<Point>,
    #[serde(default)]
    delete: Vec<String>,
    generate: Option<Generate>,
    #[serde(default)]
    escaped: Vec<String>,
    /// A known bug outside load/model, and why: the case is reported instead of failing
    /// the test, and must still fail (so the note goes once the bug is fixed).
    pending: Option<String>,
    /// How many errors the build reports (default 1: one problem is reported once, not
    /// again wherever it is referred to).
    errors: Option<usize>,
    /// `check` runs `shanshui check`; the default is `build --no-search`.
    command: Option<String>,
}

/// A message the build must print: `<root>/<file>:<line>[:col]: error: …message…`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Point {
    file: String,
    line: usize,
    /// The column in characters, when the case names one.
    col: Option<usize>,
    message: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Generate {
    file: String,
    size_mb: usize,
}

fn cases_dir() -> PathBuf {
    repo().join("tests/broken")
}

#[test]
fn every_broken_case_fails_cleanly_or_is_escaped() {
    let only = std::env::var("BROKEN_CASE").ok();
    let mut cases: Vec<String> = fs::read_dir(cases_dir())
        .expect("tests/broken")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| only.as_deref().is_none_or(|o| o == name))
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no case matches BROKEN_CASE={only:?}");
    if only.is_none() {
        assert!(cases.len() >= 30, "only {} cases", cases.len());
    }

    // The demo, built once; every case starts from a copy of it (site/ included).
    let base = fixture("demo");
    build(base.path(), &["--no-search"]);

    let verdicts = Mutex::new(Vec::new());
    let next = Mutex::new(cases.iter());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let Some(case) = next.lock().unwrap().next() else {
                    break;
                };
                let verdict = judge(base.path(), case);
                verdicts.lock().unwrap().push((case, verdict));
            });
        }
    });
    let mut verdicts = verdicts.into_inner().unwrap();
    verdicts.sort_by_key(|(case, _)| *case);
    let mut failures = Vec::new();
    for (case, verdict) in verdicts {
        match verdict {
            Verdict::Passed => {}
            Verdict::Pending(bug) => eprintln!("pending (a known bug): {case}: {bug}"),
            Verdict::Failed(why) => failures.push(format!("── {case}: {why}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

enum Verdict {
    Passed,
    Failed(String),
    /// Failed, as expected of a case marked `pending`.
    Pending(String),
}

fn judge(base: &Path, case: &str) -> Verdict {
    let dir = cases_dir().join(case);
    let expect: Expect = match serde_yaml::from_str(&read(&dir.join("expect.yaml"))) {
        Ok(e) => e,
        Err(e) => return Verdict::Failed(format!("bad expect.yaml: {e}")),
    };
    let outcome = std::panic::catch_unwind(|| run_case(base, &dir, &expect)).unwrap_or_else(|p| {
        Err(p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default())
    });
    match (outcome, expect.pending) {
        (Ok(()), None) => Verdict::Passed,
        (Err(why), None) => Verdict::Failed(why),
        (Err(_), Some(bug)) => Verdict::Pending(bug),
        (Ok(()), Some(_)) => {
            Verdict::Failed("passes now: remove `pending` from its expect.yaml".into())
        }
    }
}

/// Lays the case in `dir` over a copy of the built demo, builds, and checks the outcome.
fn run_case(base: &Path, dir: &Path, expect: &Expect) -> Result<(), String> {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path();
    copy_dir(base, root);
    let site = root.join("site");
    let before = tree(&site);

    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.expect("walk case");
        let rel = entry.path().strip_prefix(dir).expect("prefix");
        if rel == Path::new("expect.yaml") {
            continue;
        }
        let target = root.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
    for rel in &expect.delete {
        fs::remove_file(root.join(rel)).map_err(|e| format!("cannot delete {rel}: {e}"))?;
    }
    if let Some(g) = &expect.generate {
        fs::write(root.join(&g.file), big_article(g.size_mb << 20)).expect("write article");
    }

    let checking = expect.command.as_deref() == Some("check");
    let run = if checking {
        shanshui(root, &["check"])
    } else {
        shanshui(root, &["build", "--no-search"])
    };
    let output = format!("stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    let fail = |why: String| Err(format!("{why}\n{output}"));

    if run.code != Some(expect.exit) {
        return fail(format!("exit {:?}, expected {}", run.code, expect.exit));
    }
    if output.contains("panicked") {
        return fail("the build panicked".into());
    }
    let root_str = root.to_string_lossy();
    let severity = if expect.warning.is_some() {
        "warning"
    } else {
        "error"
    };
    if let Some(file) = &expect.file {
        let point = Point {
            file: file.clone(),
            line: expect.line.ok_or("expect.yaml names a file but no line")?,
            col: None,
            message: expect.message.clone(),
        };
        let text = expect.warning.as_deref().or(point.message.as_deref());
        check_point(&run.stderr, &root_str, &point, severity, text).or_else(fail)?;
    }
    for point in &expect.also {
        check_point(
            &run.stderr,
            &root_str,
            point,
            "error",
            point.message.as_deref(),
        )
        .or_else(fail)?;
    }

    if expect.exit == 0 {
        if expect.warning.is_none() && run.stderr.contains(": warning: ") {
            return fail("unexpected warning".into());
        }
        if run.stderr.contains(": error: ") {
            return fail("errors printed by a build that succeeded".into());
        }
        if !site.join("index.html").is_file() {
            return fail("the build succeeded but wrote no site/index.html".into());
        }
        check_escaped(&site, &expect.escaped).or_else(fail)?;
    } else {
        let errors = expect.errors.unwrap_or(1);
        let count = if checking {
            format!(": {errors} error(s)")
        } else {
            format!("Build failed: {errors} error(s)")
        };
        if !output.contains(&count) {
            return fail(format!("expected `{count}`"));
        }
        // Every error comes with a hint: its message, the source line, `= hint:`.
        let mut blocks = run.stderr.split('\n').peekable();
        while let Some(line) = blocks.next() {
            if line.contains(": error: ") {
                let mut hinted = false;
                while let Some(more) = blocks.next_if(|l| l.starts_with("    ")) {
                    hinted |= more.starts_with("    = hint: ");
                }
                if !hinted {
                    return fail(format!("no hint for `{line}`"));
                }
            }
        }
        if before != tree(&site) {
            return fail("the previous site/ was changed by a failed build".into());
        }
        let leftovers: Vec<String> = fs::read_dir(root)
            .expect("read root")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            // The cache of the build that made site/ stays: it still describes site/.
            .filter(|n| n.starts_with(".site") && n != ".site.cache")
            .collect();
        if !leftovers.is_empty() {
            return fail(format!("temporary folders left behind: {leftovers:?}"));
        }
    }
    Ok(())
}

/// Finds the stderr line `<root>/<file>:<line>[:col]: <severity>: …text…`.
fn check_point(
    stderr: &str,
    root: &str,
    point: &Point,
    severity: &str,
    text: Option<&str>,
) -> Result<(), String> {
    let path = format!("{root}/{}", point.file);
    let found = stderr.lines().any(|l| {
        let Some(rest) = l.strip_prefix(&path) else {
            return false;
        };
        let rest = if point.line == 0 {
            // Only for a file that does not exist: there is no line to name.
            rest.strip_prefix(": ")
        } else if let Some(col) = point.col {
            rest.strip_prefix(&format!(":{}:{col}: ", point.line))
        } else {
            rest.strip_prefix(&format!(":{}", point.line)).map(|r| {
                // An optional column.
                r.trim_start_matches(|c: char| c == ':' || c.is_ascii_digit())
                    .trim_start()
            })
        };
        rest.and_then(|r| r.strip_prefix(severity))
            .and_then(|r| r.strip_prefix(": "))
            .is_some_and(|msg| text.is_none_or(|t| msg.contains(t)))
    });
    if found {
        Ok(())
    } else {
        Err(format!(
            "no {severity} at {}:{} saying {:?}",
            point.file,
            point.line,
            text.unwrap_or("")
        ))
    }
}

/// Checks that no content became markup: no inline script, no event handler, no
/// `javascript:` link in any page, well-formed feeds and charts; and that each of
/// `escaped` is shown somewhere as text (or an attribute's value).
fn check_escaped(site: &Path, escaped: &[String]) -> Result<(), String> {
    use scraper::{Html, Selector};
    let all = Selector::parse("*").expect("selector");
    let mut shown = String::new();
    let mut problems = Vec::new();
    for file in walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let path = file.path();
        let rel = path
            .strip_prefix(site)
            .expect("prefix")
            .display()
            .to_string();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "html" | "xml" | "svg") {
            continue;
        }
        let raw = read(path);
        if ext != "html" {
            // HTML may hold a payload's `'` raw, validly, in text and in attribute values
            // in double quotes (the elements and attributes are checked below); XML's
            // checks are on the raw text.
            for s in escaped {
                if raw.contains(s.as_str()) {
                    problems.push(format!("{rel}: `{s}` appears unescaped"));
                }
            }
            match roxmltree::Document::parse(&raw) {
                Ok(doc) => {
                    for node in doc.descendants().filter(|n| n.is_element()) {
                        if node.tag_name().name().eq_ignore_ascii_case("script") {
                            problems.push(format!("{rel}: a <script> element"));
                        }
                        if node.attributes().any(|a| is_handler(a.name())) {
                            problems.push(format!("{rel}: an event handler attribute"));
                        }
                    }
                    shown.extend(doc.descendants().filter_map(|n| n.text()));
                }
                Err(e) => problems.push(format!("{rel}: not well-formed XML: {e}")),
            }
            continue;
        }
        let doc = Html::parse_document(&raw);
        for el in doc.select(&all) {
            let v = el.value();
            for (name, value) in v.attrs() {
                if is_handler(name) {
                    problems.push(format!("{rel}: <{} {name}=…>", v.name()));
                }
                if matches!(name, "href" | "src" | "srcset" | "action")
                    && value.trim().to_ascii_lowercase().starts_with("javascript:")
                {
                    problems.push(format!("{rel}: <{} {name}=\"{value}\">", v.name()));
                }
                shown.push_str(value);
                shown.push('\n');
            }
            if v.name() == "script" {
                let inline: String = el.text().collect();
                let json = v.attr("type") == Some("application/ld+json");
                if json {
                    if let Err(e) = serde_json::from_str::<serde_json::Value>(&inline) {
                        problems.push(format!("{rel}: JSON-LD broken: {e}"));
                    }
                } else if v.attr("src").is_none() || !inline.trim().is_empty() {
                    problems.push(format!("{rel}: an inline <script>: {inline}"));
                }
            }
        }
        for t in doc.root_element().text() {
            shown.push_str(t);
        }
        shown.push('\n');
    }
    for s in escaped {
        if !shown.contains(s.as_str()) {
            problems.push(format!("`{s}` is not shown as text on any page"));
        }
    }
    problems.sort();
    problems.dedup();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

fn is_handler(attr: &str) -> bool {
    attr.len() > 2 && attr.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("on"))
}

/// A valid article of about `bytes` bytes: front matter, then Chinese paragraphs with a
/// heading every hundred of them.
fn big_article(bytes: usize) -> String {
    let mut text = String::from(
        "---\ntitle: 一篇很长的报告\ndate: 2024-12\ncities: [jinzhong]\ntopics: [air]\n---\n",
    );
    let sentence = "晋中市持续推进大气污染防治，优良天数比例稳步提高，重污染天数明显减少。";
    let mut n = 0;
    while text.len() < bytes {
        if n % 100 == 0 {
            text.push_str(&format!("## 第{}部分\n\n", n / 100 + 1));
        }
        for _ in 0..5 {
            text.push_str(sentence);
        }
        text.push_str("\n\n");
        n += 1;
    }
    text
}
