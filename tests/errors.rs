//! Broken content: each problem gives exit 1, a message with the file and line and a
//! hint, every problem of the build at once, and the previous site/ left untouched.

mod common;

use common::*;
use std::fs;
use std::path::Path;

/// Builds the demo once, applies `breakage`, builds again and checks the failure.
/// Returns stderr for further assertions.
fn broken_build(breakage: impl FnOnce(&Path)) -> String {
    let tmp = fixture("demo");
    let site = build(tmp.path(), &[]);
    let before = tree(&site);
    breakage(tmp.path());
    let run = shanshui(tmp.path(), &["build"]);
    assert_eq!(
        run.code,
        Some(1),
        "expected exit 1:\n{}\n{}",
        run.stdout,
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        before == tree(&site),
        "the previous site/ was changed by a failed build"
    );
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        // The cache of the build that made site/ stays: it still describes site/.
        .filter(|n| n.to_string_lossy().starts_with('.') && n != ".site.cache")
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
    run.stderr
}

fn edit(root: &Path, file: &str, f: impl FnOnce(String) -> String) {
    let path = root.join("content").join(file);
    fs::write(&path, f(read(&path))).unwrap();
}

fn assert_points(stderr: &str, location: &str, words: &[&str]) {
    let line = stderr
        .lines()
        .find(|l| l.contains(location))
        .unwrap_or_else(|| panic!("no message at {location}:\n{stderr}"));
    for w in words {
        assert!(stderr.contains(w), "`{w}` missing from:\n{stderr}");
    }
    assert!(line.contains("error"), "{line}");
    assert!(stderr.contains("hint:"), "{stderr}");
}

#[test]
fn malformed_yaml_names_file_and_line() {
    let err = broken_build(|root| {
        edit(root, "articles/water-2024.zh.md", |s| {
            s.replace("topics: [water]", "topics: [water")
        })
    });
    assert_points(&err, "water-2024.zh.md:6", &["invalid YAML"]);
}

#[test]
fn missing_key_is_an_error() {
    let err = broken_build(|root| {
        edit(root, "articles/water-2024.zh.md", |s| {
            s.replace("date: 2024-11\n", "")
        })
    });
    assert_points(
        &err,
        "water-2024.zh.md:2",
        &["missing front-matter key `date`", "date: 2025-04"],
    );
}

#[test]
fn unknown_key_is_an_error_not_silence() {
    let err = broken_build(|root| {
        edit(root, "articles/water-2024.zh.md", |s| {
            s.replace("date: 2024-11", "date: 2024-11\ntitel: typo")
        })
    });
    assert_points(
        &err,
        "water-2024.zh.md:4",
        &["unknown field `titel`", "title"],
    );
}

#[test]
fn unknown_city_lists_the_known_ids() {
    let err = broken_build(|root| {
        edit(root, "articles/water-2024.zh.md", |s| {
            s.replace("cities: [jiexiu]", "cities: [jiexu]")
        })
    });
    assert_points(
        &err,
        "water-2024.zh.md:4",
        &[
            "unknown city id `jiexu`",
            "jiexiu, jinzhong, shanxi, taiyuan",
        ],
    );
}

#[test]
fn unknown_topic_lists_the_known_ids() {
    let err = broken_build(|root| {
        edit(root, "articles/water-2024.zh.md", |s| {
            s.replace("topics: [water]", "topics: [waters]")
        })
    });
    assert_points(
        &err,
        "water-2024.zh.md:5",
        &["unknown topic id `waters`", "air, water"],
    );
}

#[test]
fn impossible_date_is_an_error() {
    let err = broken_build(|root| {
        edit(root, "articles/water-2024.zh.md", |s| {
            s.replace("date: 2024-11", "date: 2025-02-30")
        })
    });
    assert_points(
        &err,
        "water-2024.zh.md:3",
        &["invalid date `2025-02-30`", "YYYY-MM-DD"],
    );
}

#[test]
fn duplicate_slug_is_an_error() {
    let err = broken_build(|root| {
        let dir = root.join("content/articles/more");
        fs::create_dir(&dir).unwrap();
        fs::copy(
            root.join("content/articles/water-2024.zh.md"),
            dir.join("water-2024.zh.md"),
        )
        .unwrap();
    });
    assert_points(
        &err,
        "water-2024.zh.md",
        &["duplicate article slug `water-2024`", "rename"],
    );
}

#[test]
fn translation_without_original_is_an_error() {
    let err = broken_build(|root| {
        fs::write(
            root.join("content/articles/orphan.en.md"),
            "---\ntitle: Orphan\n---\nText.\n",
        )
        .unwrap();
    });
    assert_points(
        &err,
        "orphan.en.md",
        &["has no Chinese original", "orphan.zh.md"],
    );
}

#[test]
fn non_utf8_file_names_line_and_column() {
    let err = broken_build(|root| {
        let path = root.join("content/articles/water-2024.zh.md");
        let mut bytes = fs::read(&path).unwrap();
        bytes.extend_from_slice(b"\xd6\xd0\xce\xc4 GBK\n");
        fs::write(&path, bytes).unwrap();
    });
    assert_points(&err, "water-2024.zh.md:9:1", &["not valid UTF-8", "iconv"]);
}

#[test]
fn every_problem_is_reported_at_once() {
    let err = broken_build(|root| {
        edit(root, "articles/water-2024.zh.md", |s| {
            s.replace("cities: [jiexiu]", "cities: [nowhere]")
        });
        edit(root, "articles/green-2023.zh.md", |s| {
            s.replace("date: 2023", "date: 2023-13")
        });
        edit(root, "cities.yaml", |s| {
            s.replace("parent: jinzhong", "parent: jinzong")
        });
        fs::create_dir_all(root.join("templates")).unwrap();
        fs::write(
            root.join("templates/home.html"),
            "{% extends \"base.html\" %}{% block content %}{{ oops( }}{% endblock content %}",
        )
        .unwrap();
    });
    for location in [
        "water-2024.zh.md:4",
        "green-2023.zh.md:3",
        "cities.yaml:3",
        "templates/home.html:1",
    ] {
        assert!(err.contains(location), "{location} missing from:\n{err}");
    }
    assert!(err.contains("4 error(s)"), "{err}");
}

#[test]
fn broken_indicator_data_is_reported() {
    let err = broken_build(|root| {
        edit(root, "indicators/good-days-ratio.yaml", |s| {
            s.replace("value: 66.9", "value: .nan").replace(
                "source: air-2025, derived",
                "source: no-such-article, derived",
            )
        })
    });
    assert_points(&err, "good-days-ratio.yaml:8", &["is not a number"]);
    assert_points(&err, "good-days-ratio.yaml:9", &["cites `no-such-article`"]);
}

#[test]
fn a_foreign_output_folder_is_never_replaced() {
    let tmp = fixture("demo");
    let out = tmp.path().join("mine");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("thesis.txt"), "years of work").unwrap();
    let run = shanshui(tmp.path(), &["build", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("not created by shanshui"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&out.join("thesis.txt")), "years of work");
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1);
}

#[test]
fn a_missing_content_folder_says_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let run = shanshui(tmp.path(), &["build"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("content folder not found") && run.stderr.contains("--root"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_key_indicator_is_reported() {
    let err = broken_build(|root| {
        let path = root.join("content/site.yaml");
        fs::write(
            &path,
            read(&path) + "key_indicators: [good-days-ratio, pm99]\n",
        )
        .unwrap();
    });
    assert_points(
        &err,
        "site.yaml:6",
        &["unknown indicator `pm99`", "good-days-ratio"],
    );
}

/// Two refused links in one article are two errors, even when the root is given as a
/// relative path that starts with `templates` (they are content errors, not template
/// errors that fail many pages at once).
#[test]
fn content_errors_under_a_root_named_templates_are_each_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("templates/portal");
    copy_dir(&repo().join("tests/fixtures/demo"), &root);
    edit(&root, "articles/air-2025.zh.md", |t| {
        t.replace(
            "同比提高6.7个百分点。",
            "同比提高6.7个百分点。[一](javascript:a())\n\n[二](javascript:b())",
        )
    });
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shanshui"))
        .env("SHANSHUI_LANG", "en")
        .current_dir(tmp.path())
        .args(["--root", "templates/portal", "build", "--no-search"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error:")).collect();
    assert_eq!(errors.len(), 2, "{stderr}");
    for (line, target) in [(17, "javascript:a()"), (19, "javascript:b()")] {
        let at = format!("templates/portal/content/articles/air-2025.zh.md:{line}:");
        assert!(
            errors.iter().any(|e| e.contains(&at) && e.contains(target)),
            "no error at {at} for {target}:\n{stderr}"
        );
    }
    assert!(!stderr.contains("more pages"), "{stderr}");
}

/// An invalid `--base-url` is the command line's mistake: clap reports it naming the
/// option, instead of a diagnostic at a made-up file called `--base-url`.
#[test]
fn an_invalid_base_url_option_is_reported_as_the_options_error() {
    let tmp = fixture("demo");
    let run = shanshui(tmp.path(), &["build", "--base-url", "ftp://example.org/"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("invalid value 'ftp://example.org/' for '--base-url"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("--base-url: error"), "{}", run.stderr);
}

#[test]
fn a_date_added_must_be_a_full_day_and_the_same_in_both_languages() {
    let err = broken_build(|root| {
        edit(root, "articles/air-2025.zh.md", |t| {
            t.replacen(
                "date: 2025-04-08\n",
                "date: 2025-04-08\nadded: 2026-11\n",
                1,
            )
        });
        edit(root, "articles/green-2023.zh.md", |t| {
            t.replacen("date: 2023\n", "date: 2023\nadded: 2026-11-26\n", 1)
        });
        edit(root, "articles/green-2023.en.md", |t| {
            t.replacen(
                "title: Greening Taiyuan\n",
                "title: Greening Taiyuan\nadded: 2026-11-27\n",
                1,
            )
        });
    });
    assert_points(
        &err,
        "air-2025.zh.md:5",
        &["invalid date added `2026-11`", "give the day"],
    );
    assert_points(
        &err,
        "green-2023.en.md:3",
        &["the date added differs from the Chinese file"],
    );
}

#[test]
fn a_group_of_search_equivalents_with_one_member_is_an_error() {
    let err = broken_build(|root| {
        fs::write(
            root.join("content/search.yaml"),
            "equivalents:\n  - [smog, haze]\n  - [smog]\n",
        )
        .unwrap();
    });
    assert_points(&err, "search.yaml:3:5", &["two or more"]);
}
