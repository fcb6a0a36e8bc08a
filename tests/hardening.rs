//! Hostile and unlucky inputs that the broken-content corpus cannot express (it checks
//! messages and escaping): what reaches the open data, what of `static/` is published,
//! `check --format json` on odd file names, and inputs that used to take quadratic time.

mod common;

use common::*;
use std::fs;
use std::time::{Duration, Instant};

fn append_observation(root: &std::path::Path, line: &str) {
    let path = root.join("content/indicators/good-days-ratio.yaml");
    let text = read(&path);
    fs::write(path, format!("{}\n{line}\n", text.trim_end())).expect("write indicator");
}

#[test]
fn open_data_cells_cannot_run_as_formulas_and_never_link_a_draft() {
    let tmp = fixture("demo");
    let root = tmp.path();
    append_observation(
        root,
        r#"  - {city: jinzhong, year: 2022, value: 55.5, scope: urban, source: unfinished, derived: {zh: '=HYPERLINK("http://evil.example")', en: '-1+1'}, note: {zh: "+1 与上年相比", en: "@SUM(A1:A9)"}}"#,
    );
    let site = build(root, &["--no-search"]);
    let csv = read(&site.join("data/indicators.csv"));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let mut found = false;
    for record in reader.records() {
        let record = record.expect("record");
        for cell in record.iter() {
            let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
            assert!(
                !risky || cell.parse::<f64>().is_ok(),
                "a cell a spreadsheet would run: {cell}"
            );
        }
        if &record[column("year")] == "2022" {
            found = true;
            assert_eq!(
                &record[column("derived_zh")],
                r#"'=HYPERLINK("http://evil.example")"#
            );
            assert_eq!(&record[column("derived_en")], "'-1+1");
            assert_eq!(&record[column("note_zh")], "'+1 与上年相比");
            assert_eq!(&record[column("note_en")], "'@SUM(A1:A9)");
            assert_eq!(&record[column("value")], "55.5");
            // The draft is not published: no link to it.
            assert_eq!(&record[column("source_url")], "");
        } else {
            assert!(record[column("source_url")].starts_with("https://demo.example.org/articles/"));
        }
    }
    assert!(found, "the observation is in the CSV");
    // The JSON keeps the text as written (it is not opened by spreadsheets), but the
    // draft is not linked there either.
    let json: serde_json::Value =
        serde_json::from_str(&read(&site.join("data/indicators.json"))).expect("json");
    let row = json["observations"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["year"] == 2022)
        .expect("the row");
    assert_eq!(row["source_url"], "");
    assert!(!read(&site.join("data/indicators.json")).contains("articles/unfinished"));
}

#[test]
fn hidden_and_backup_files_of_static_are_not_published() {
    let tmp = fixture("demo");
    let root = tmp.path();
    for (path, text) in [
        ("static/.env", "DB_PASSWORD=secret"),
        ("static/.git/config", "[remote]"),
        ("static/img/logo.svg~", "<svg/>"),
        (
            "static/img/logo.svg",
            "<svg xmlns='http://www.w3.org/2000/svg'/>",
        ),
        ("static/img/notes.bak", "old"),
    ] {
        let path = root.join(path);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }
    let site = build(root, &["--no-search"]);
    assert!(site.join("static/img/logo.svg").is_file());
    let published: Vec<String> = tree(&site).into_iter().map(|(p, _)| p).collect();
    for p in &published {
        assert!(
            !p.contains("/.env")
                && !p.contains(".git")
                && !p.ends_with('~')
                && !p.ends_with(".bak"),
            "published: {p}"
        );
    }
}

#[cfg(unix)]
#[test]
fn check_as_json_survives_a_file_name_that_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = fixture("demo");
    let root = tmp.path();
    let name = std::ffi::OsStr::from_bytes(b"water\xff.zh.md");
    fs::write(
        root.join("content/articles").join(name),
        "---\ntitle: x\n---\n",
    )
    .expect("write");
    let run = shanshui(root, &["check", "--format", "json"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON report");
    assert!(report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .any(|d| d["path"]
            .as_str()
            .is_some_and(|p| p.contains("water\u{FFFD}.zh.md"))));
}

#[test]
fn many_observations_and_identical_headings_load_in_linear_time() {
    let tmp = fixture("demo");
    let root = tmp.path();
    let path = root.join("content/indicators/good-days-ratio.yaml");
    let mut text = read(&path).trim_end().to_owned();
    text.push('\n');
    // 20,000 observations, each of its own year and scope (267 series of 75 years).
    for i in 0..20_000 {
        text.push_str(&format!(
            "  - {{city: jinzhong, year: {}, value: {}.5, scope: {{zh: 断面{2}, en: section {2}}}, source: air-2025}}\n",
            1950 + i % 75,
            i % 100,
            i / 75
        ));
    }
    fs::write(&path, text).expect("write indicator");
    let article = root.join("content/articles/air-2025.zh.md");
    let body = "## 同一标题\n\n段落。\n\n".repeat(20_000);
    fs::write(&article, format!("{}\n{body}", read(&article))).expect("write article");
    let started = Instant::now();
    let run = shanshui(root, &["check"]);
    let took = started.elapsed();
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    // Quadratic, this took 20 s (observations) and 41 s (headings) in a release build,
    // several times that in a debug one; linear, about 15 s in a debug build.
    assert!(took < Duration::from_secs(120), "check took {took:?}");
}

#[test]
fn a_base_url_with_an_empty_path_segment_is_refused() {
    let tmp = fixture("demo");
    for url in [
        "https://demo.example.org//portal/",
        "https://demo.example.org/portal//",
        "https://user@evil.example/",
    ] {
        let run = shanshui(tmp.path(), &["build", "--no-search", "--base-url", url]);
        // Refused by the argument parser, as a usage error (exit code 2).
        assert_eq!(run.code, Some(2), "{url}: {}", run.stderr);
        assert!(run.stderr.contains("--base-url"), "{}", run.stderr);
        assert!(!tmp.path().join("site").exists());
    }
}
