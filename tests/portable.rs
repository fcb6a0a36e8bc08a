//! `build --portable`: a copy that opens from a folder over `file://`, where every link
//! must be relative to its page and name the file itself (`x/index.html`), since no
//! server turns `x/` into its index and `/` is the root of the disk.

mod common;

use common::*;
use scraper::{Html, Selector};
use std::path::{Component, Path, PathBuf};

const BASE_URL: &str = "https://env.example.cn/portal/";

/// The attributes that hold links, with the element they are on.
const LINKS: &str = "[href], [src], [action], [data-index], [data-other-search]";

#[test]
fn every_link_of_the_portable_copy_is_relative_and_names_an_existing_file() {
    let out = tempfile::tempdir().expect("temp dir");
    let site = out.path().join("site");
    let run = shanshui(
        &repo(),
        &[
            "build",
            "--portable",
            "--base-url",
            BASE_URL,
            "--out",
            site.to_str().expect("UTF-8 temp path"),
        ],
    );
    assert!(run.ok, "build failed:\n{}\n{}", run.stdout, run.stderr);

    let sel = Selector::parse(LINKS).expect("selector");
    let mut problems = Vec::new();
    let mut checked = 0;
    let pages = html_files(&site);
    assert!(pages.len() > 100, "only {} pages", pages.len());
    for page in &pages {
        let doc = Html::parse_document(&read(page));
        let name = page.strip_prefix(&site).expect("inside the site").display();
        for el in doc.select(&sel) {
            for attr in ["href", "src", "action", "data-index", "data-other-search"] {
                let Some(link) = el.value().attr(attr) else {
                    continue;
                };
                checked += 1;
                let mut say = |why: &str| problems.push(format!("{name}: {attr}={link}: {why}"));
                if link.starts_with(BASE_URL) {
                    // Absolute URLs are for search engines and readers of feeds.
                    let rel = el.value().attr("rel").unwrap_or_default();
                    if !(el.value().name() == "link" && ["canonical", "alternate"].contains(&rel)) {
                        say("an absolute link to the site");
                    }
                    continue;
                }
                if ["http://", "https://", "mailto:"]
                    .iter()
                    .any(|p| link.starts_with(p))
                {
                    continue;
                }
                if link.starts_with('/') {
                    say("starts at the root of the disk");
                    continue;
                }
                let path = link.split(['#', '?']).next().unwrap_or_default();
                if path.is_empty() {
                    continue;
                }
                let target = beside(page, path);
                if !target.starts_with(&site) {
                    say("leaves the copy");
                } else if attr == "data-index" {
                    // The search index's folder: its files are fetched by name.
                    if !target.join("meta.json").is_file() {
                        say("no search index there");
                    }
                } else if !target.is_file() {
                    say(if target.join("index.html").is_file() {
                        "a page link without index.html"
                    } else {
                        "no such file"
                    });
                }
            }
        }
    }
    assert!(checked > 10_000, "only {checked} links checked");
    assert!(
        problems.is_empty(),
        "{} bad links, first ones:\n{}",
        problems.len(),
        problems[..problems.len().min(20)].join("\n")
    );

    // Search cannot fetch its index from a folder: the page carries the notice that
    // static/search.js shows there.
    let search = read(&site.join("en/search/index.html"));
    assert!(search.contains("it needs a web server"), "{search}");
    // What is meant for search engines and feed readers stays absolute.
    assert!(read(&site.join("sitemap.xml")).contains(&format!("<loc>{BASE_URL}en/</loc>")));
    assert!(read(&site.join("feed.xml")).contains(BASE_URL));
}

/// `path` (relative) from the folder of `page`, with `..` taken back.
fn beside(page: &Path, path: &str) -> PathBuf {
    let mut out = page.parent().expect("a page is in a folder").to_path_buf();
    for part in Path::new(path).components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(p) => out.push(p),
            _ => {}
        }
    }
    out
}
