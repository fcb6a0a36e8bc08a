//! Way-finding: the About page (content/pages/about.*.md) in both languages, linked and
//! listed; a place page without articles that still leads on; breadcrumbs and the
//! current section on every page below the top level.

mod common;

use common::*;
use scraper::{Html, Selector};
use std::fs;
use std::path::Path;

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

fn texts(html: &str, selector: &str) -> Vec<String> {
    Html::parse_document(html)
        .select(&sel(selector))
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect()
}

fn attrs(html: &str, selector: &str, attr: &str) -> Vec<String> {
    Html::parse_document(html)
        .select(&sel(selector))
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

const ABOUT_ZH: &str =
    "---\ntitle: 关于演示站\nsummary: 演示站是什么。\n---\n## 本站是什么\n\n演示用的小站。\n";
const ABOUT_EN: &str = "---\ntitle: About the demo\nsummary: What the demo is.\n---\n## What this is\n\nA small site for tests.\n";

fn demo_with_about(contact: Option<&str>) -> tempfile::TempDir {
    let tmp = fixture("demo");
    let pages = tmp.path().join("content/pages");
    fs::create_dir_all(&pages).expect("mkdir");
    fs::write(pages.join("about.zh.md"), ABOUT_ZH).expect("write");
    fs::write(pages.join("about.en.md"), ABOUT_EN).expect("write");
    if let Some(contact) = contact {
        let site_yaml = tmp.path().join("content/site.yaml");
        let yaml = format!("{}contact: {contact}\n", read(&site_yaml));
        fs::write(site_yaml, yaml).expect("write");
    }
    tmp
}

#[test]
fn the_about_page_is_in_both_languages_linked_from_every_page_and_in_the_sitemap() {
    let tmp = demo_with_about(None);
    let site = build(tmp.path(), &["--base-url", "https://demo.example.org/sub/"]);
    let zh = read(&site.join("about/index.html"));
    let en = read(&site.join("en/about/index.html"));
    assert_eq!(texts(&zh, "h1"), ["关于演示站"]);
    assert_eq!(texts(&en, "h1"), ["About the demo"]);
    assert!(texts(&en, ".prose h2").contains(&"What this is".to_owned()));
    // The publisher from site.yaml; no contact line when site.yaml gives none.
    assert!(
        texts(&en, ".facts dd").contains(&"Demo Site".to_owned()),
        "{en}"
    );
    assert_eq!(texts(&en, ".facts dt").len(), 1);
    // The language switch leads to the other version; each names the other as alternate.
    assert_eq!(attrs(&zh, "a.lang-switch", "href"), ["/sub/en/about/"]);
    assert_eq!(attrs(&en, "a.lang-switch", "href"), ["/sub/about/"]);
    assert!(attrs(&zh, "link[rel=alternate][hreflang]", "href")
        .contains(&"https://demo.example.org/sub/en/about/".to_owned()));
    // Without a contact, "Report a problem" leads to the About page (which has no section
    // marked {#corrections} here, so the page as a whole).
    let home = read(&site.join("en/index.html"));
    assert!(texts(&home, ".footer a").contains(&"Report a problem with this page".to_owned()));
    // The footer links to it from every page, marked as current on the page itself.
    for (page, href) in [
        ("index.html", "/sub/about/"),
        ("cities/jiexiu/index.html", "/sub/about/"),
        ("en/indicators/index.html", "/sub/en/about/"),
    ] {
        let html = read(&site.join(page));
        assert!(
            attrs(&html, ".footer a", "href").contains(&href.to_owned()),
            "{page} links to {href}"
        );
        assert!(
            attrs(&html, ".footer a[aria-current]", "href").is_empty(),
            "{page}"
        );
    }
    assert_eq!(
        attrs(&en, ".footer a[aria-current=page]", "href"),
        ["/sub/en/about/"]
    );
    let sitemap = read(&site.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://demo.example.org/sub/about/</loc>"));
    assert!(sitemap.contains("<loc>https://demo.example.org/sub/en/about/</loc>"));
}

#[test]
fn a_contact_in_site_yaml_is_shown_on_the_about_page_and_a_bad_one_refused() {
    let tmp = demo_with_about(Some("editors@demo.example.org"));
    let site = build(tmp.path(), &[]);
    let zh = read(&site.join("about/index.html"));
    assert_eq!(
        attrs(&zh, ".facts a", "href"),
        ["mailto:editors@demo.example.org"]
    );
    assert_eq!(texts(&zh, ".facts a"), ["editors@demo.example.org"]);
    // Every page offers a mail to report a problem with it, naming the page.
    let en = read(&site.join("en/indicators/index.html"));
    let report: Vec<String> = attrs(&en, ".footer a", "href")
        .into_iter()
        .filter(|h| h.starts_with("mailto:"))
        .collect();
    assert_eq!(report.len(), 1, "{en}");
    assert!(report[0].starts_with("mailto:editors@demo.example.org?subject="));
    assert!(
        report[0].contains("&body=http") && report[0].ends_with("/en/indicators/"),
        "{}",
        report[0]
    );

    let bad = demo_with_about(Some("call the office"));
    let run = shanshui(bad.path(), &["build"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("invalid contact `call the office`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_site_without_pages_has_no_about_link_and_a_half_page_is_an_error() {
    let tmp = fixture("demo");
    let site = build(tmp.path(), &[]);
    assert!(!site.join("about").exists());
    assert!(!read(&site.join("index.html")).contains("/about/"));

    let pages = tmp.path().join("content/pages");
    fs::create_dir_all(&pages).expect("mkdir");
    fs::write(pages.join("about.zh.md"), ABOUT_ZH).expect("write");
    fs::write(pages.join("contact.zh.md"), ABOUT_ZH).expect("write");
    let run = shanshui(tmp.path(), &["build"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("about.zh.md:1: error: the About page is missing in the other language"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("contact.zh.md:1: error: unknown page `contact`"),
        "{}",
        run.stderr
    );
}

/// The demo site with a county (Pingyao) that no article is about.
fn demo_with_empty_county() -> tempfile::TempDir {
    let tmp = fixture("demo");
    let cities = tmp.path().join("content/cities.yaml");
    let yaml = read(&cities).replace(
        "- {id: jiexiu,",
        "- {id: pingyao, zh: 平遥县, en: Pingyao County, level: county, parent: jinzhong, lat: 37.19, lon: 112.18}\n- {id: jiexiu,",
    );
    fs::write(cities, yaml).expect("write");
    tmp
}

#[test]
fn a_county_without_articles_shows_its_prefectures_figures_and_places_near_it() {
    let tmp = demo_with_empty_county();
    let site = build(tmp.path(), &[]);
    for (page, heading, place_prefix) in [
        ("cities/pingyao/index.html", "晋中市的数据", "/cities/"),
        (
            "en/cities/pingyao/index.html",
            "Figures for Jinzhong",
            "/en/cities/",
        ),
    ] {
        let html = read(&site.join(page));
        assert!(texts(&html, "h2").contains(&heading.to_owned()), "{page}");
        // Jinzhong's latest good-days ratio, linked to its indicator.
        assert_eq!(
            texts(&html, "#parent-figures-h + .figures .figure-value"),
            ["66.9%"]
        );
        // Its fellow county, and the way to its prefecture.
        let nearby = attrs(&html, "#nearby-h + .chips a", "href");
        assert_eq!(nearby, [format!("{place_prefix}jiexiu/")], "{page}");
        assert!(attrs(&html, "a.more", "href").contains(&format!("{place_prefix}jinzhong/")));
        // The province view: the map of its prefectures, its own outlined.
        assert_eq!(
            attrs(&html, "svg.tile-map-svg a.here", "href"),
            [format!("{place_prefix}jinzhong/")],
            "{page}"
        );
    }
    // A county with articles keeps its list, and no empty state.
    let jiexiu = read(&site.join("cities/jiexiu/index.html"));
    assert!(!jiexiu.contains("parent-figures-h") && !jiexiu.contains("nearby-h"));
}

#[test]
fn a_prefecture_without_articles_suggests_the_nearest_prefectures() {
    let tmp = fixture("demo");
    // Remove Taiyuan's only article: Taiyuan has none, its nearest prefecture is Jinzhong.
    for lang in ["zh", "en"] {
        fs::remove_file(
            tmp.path()
                .join(format!("content/articles/green-2023.{lang}.md")),
        )
        .expect("rm");
    }
    let site = build(tmp.path(), &[]);
    let html = read(&site.join("en/cities/taiyuan/index.html"));
    assert_eq!(
        attrs(&html, "#nearby-h + .chips a", "href"),
        ["/en/cities/jinzhong/"]
    );
    assert!(
        !html.contains("parent-figures-h"),
        "a prefecture's figures are its own"
    );
}

/// Every page below the top level names its place in breadcrumbs, and the menu marks the
/// section it belongs to.
#[test]
fn pages_below_the_top_level_have_breadcrumbs_and_a_marked_section() {
    let tmp = demo_with_about(None);
    // Enough articles for a second page of the archive.
    for i in 0..30 {
        let text = format!(
            "---\ntitle: 第{i}篇\ndate: 2020-01\ncities: [jinzhong]\ntopics: [air]\n---\n正文。\n"
        );
        fs::write(
            tmp.path().join(format!("content/articles/extra-{i}.zh.md")),
            text,
        )
        .expect("write");
    }
    let site = build(tmp.path(), &[]);
    let pages = [
        ("archive/page/2/index.html", "/archive/"),
        ("articles/air-2025/index.html", "/archive/"),
        ("cities/jiexiu/index.html", "/cities/"),
        ("topics/air/index.html", "/topics/"),
        ("indicators/good-days-ratio/index.html", "/indicators/"),
        ("en/cities/jinzhong/index.html", "/en/cities/"),
    ];
    for (page, section) in pages {
        let path = site.join(page);
        assert!(Path::new(&path).is_file(), "{page}");
        let html = read(&path);
        let crumbs = attrs(&html, "nav.crumbs a", "href");
        assert!(crumbs.len() >= 2, "{page}: {crumbs:?}");
        assert_eq!(crumbs[1], section, "{page}");
        assert_eq!(
            attrs(&html, ".nav a[aria-current=true]", "href"),
            [section],
            "{page}"
        );
        assert_eq!(texts(&html, "nav.crumbs li[aria-current=page]").len(), 1);
    }
}
