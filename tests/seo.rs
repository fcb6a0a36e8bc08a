//! Feeds, sitemap, robots.txt and per-page metadata, under a sub-path.

mod common;

use common::*;
use scraper::{Html, Selector};

fn xml(path: &std::path::Path) -> String {
    read(path)
}

fn build_portal_under_sub_path() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = fixture("demo");
    let site = build(
        tmp.path(),
        &["--base-url", "https://example.gov.cn/portal/"],
    );
    (tmp, site)
}

#[test]
fn feeds_are_valid_atom_with_absolute_links_and_dates() {
    let (_tmp, site) = build_portal_under_sub_path();
    for (path, lang, expected_entries) in [
        ("feed.xml", "zh-CN", 3),
        ("en/feed.xml", "en", 3),
        ("cities/jinzhong/feed.xml", "zh-CN", 2),
        ("en/topics/water/feed.xml", "en", 2),
    ] {
        let text = xml(&site.join(path));
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let feed = doc.root_element();
        assert_eq!(feed.tag_name().name(), "feed");
        assert_eq!(
            feed.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        assert_eq!(
            feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some(lang),
            "{path}"
        );
        let entries: Vec<_> = feed
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .collect();
        assert_eq!(entries.len(), expected_entries, "{path}");
        for entry in &entries {
            let link = entry
                .children()
                .find(|n| n.has_tag_name("link"))
                .and_then(|l| l.attribute("href"))
                .unwrap_or("");
            assert!(
                link.starts_with("https://example.gov.cn/portal/"),
                "{path}: {link}"
            );
            let summary = entry
                .children()
                .find(|n| n.has_tag_name("summary"))
                .and_then(|s| s.text())
                .unwrap_or("");
            assert!(!summary.is_empty(), "{path}: an entry without summary");
            let updated = entry
                .children()
                .find(|n| n.has_tag_name("updated"))
                .and_then(|s| s.text())
                .unwrap_or("");
            assert!(
                updated.len() >= 20 && updated.contains('T'),
                "{path}: {updated}"
            );
        }
        let self_link = feed
            .children()
            .find(|n| n.has_tag_name("link") && n.attribute("rel") == Some("self"))
            .and_then(|l| l.attribute("href"));
        assert_eq!(
            self_link,
            Some(format!("https://example.gov.cn/portal/{path}").as_str())
        );
    }
    // Partial dates are their first day: 2024-11 → 2024-11-01, 2023 → 2023-01-01.
    let feed = xml(&site.join("feed.xml"));
    assert!(
        feed.contains("2024-11-01T00:00:00+08:00") && feed.contains("2023-01-01T00:00:00+08:00"),
        "{feed}"
    );
    // Pages point to their feeds.
    let city = read(&site.join("cities/jinzhong/index.html"));
    assert!(
        city.contains("href=\"/portal/cities/jinzhong/feed.xml\"")
            && city.contains("application/atom+xml")
    );
}

#[test]
fn sitemap_lists_every_page_with_alternates_and_robots_points_to_it() {
    let (_tmp, site) = build_portal_under_sub_path();
    let text = xml(&site.join("sitemap.xml"));
    let doc = roxmltree::Document::parse(&text).expect("sitemap is XML");
    let urls: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    let locs: Vec<String> = urls
        .iter()
        .filter_map(|u| {
            u.children()
                .find(|n| n.has_tag_name("loc"))
                .and_then(|l| l.text())
                .map(str::to_owned)
        })
        .collect();
    // Every indexable HTML page is there; the 404 page and untranslated stubs are not.
    for page in html_files(&site) {
        let rel = page
            .strip_prefix(&site)
            .unwrap()
            .to_string_lossy()
            .replace("index.html", "");
        let url = format!("https://example.gov.cn/portal/{rel}");
        let html = read(&page);
        let indexable = !rel.ends_with("404.html")
            && !html.contains("content=\"noindex\"")
            && !rel.contains("search/");
        assert_eq!(locs.contains(&url), indexable, "{url}");
    }
    let article = urls
        .iter()
        .find(|u| {
            u.children().any(|n| {
                n.has_tag_name("loc")
                    && n.text() == Some("https://example.gov.cn/portal/articles/air-2025/")
            })
        })
        .expect("article in sitemap");
    let alternates: Vec<(&str, &str)> = article
        .children()
        .filter(|n| n.has_tag_name("link"))
        .map(|n| {
            (
                n.attribute("hreflang").unwrap_or(""),
                n.attribute("href").unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        alternates,
        [
            ("en", "https://example.gov.cn/portal/en/articles/air-2025/"),
            ("zh-CN", "https://example.gov.cn/portal/articles/air-2025/")
        ]
    );
    assert!(read(&site.join("robots.txt"))
        .contains("Sitemap: https://example.gov.cn/portal/sitemap.xml"));
}

fn meta(html: &Html, css: &str, attr: &str) -> Option<String> {
    html.select(&Selector::parse(css).unwrap())
        .next()
        .and_then(|e| e.value().attr(attr).map(str::to_owned))
}

#[test]
fn every_page_kind_has_title_description_canonical_and_social_tags() {
    let (_tmp, site) = build_portal_under_sub_path();
    for page in [
        "index.html",
        "en/articles/air-2025/index.html",
        "cities/jinzhong/index.html",
        "en/topics/air/index.html",
        "indicators/good-days-ratio/index.html",
        "archive/index.html",
    ] {
        let html = Html::parse_document(&read(&site.join(page)));
        let title = html
            .select(&Selector::parse("title").unwrap())
            .next()
            .map(|t| t.text().collect::<String>())
            .unwrap_or_default();
        assert!(!title.is_empty(), "{page}");
        assert!(
            meta(&html, "meta[name=description]", "content").is_some_and(|d| !d.is_empty()),
            "{page}: description"
        );
        let canonical = meta(&html, "link[rel=canonical]", "href").unwrap_or_default();
        assert_eq!(
            canonical,
            format!(
                "https://example.gov.cn/portal/{}",
                page.trim_end_matches("index.html")
            )
        );
        assert_eq!(
            meta(&html, "meta[property='og:url']", "content"),
            Some(canonical.clone()),
            "{page}"
        );
        assert!(
            meta(&html, "meta[property='og:title']", "content").is_some(),
            "{page}"
        );
        assert!(
            meta(&html, "meta[name='twitter:card']", "content").is_some(),
            "{page}"
        );
    }
}

#[test]
fn articles_carry_news_article_json_ld_and_translations_name_their_original() {
    let (_tmp, site) = build_portal_under_sub_path();
    let ld = |page: &str| -> serde_json::Value {
        let html = Html::parse_document(&read(&site.join(page)));
        let script = html
            .select(&Selector::parse("script[type='application/ld+json']").unwrap())
            .next()
            .expect("JSON-LD block");
        serde_json::from_str(&script.text().collect::<String>()).expect("valid JSON")
    };
    let zh = ld("articles/air-2025/index.html");
    assert_eq!(zh["@type"], "NewsArticle");
    assert_eq!(zh["headline"], "天朗气清映幸福");
    assert_eq!(zh["datePublished"], "2025-04-08");
    assert_eq!(zh["inLanguage"], "zh-CN");
    assert_eq!(zh["author"][0]["name"], "武玲芳");
    assert!(zh["publisher"]["name"].is_string());
    assert!(zh.get("isBasedOn").is_none());
    let en = ld("en/articles/air-2025/index.html");
    assert_eq!(en["inLanguage"], "en");
    assert_eq!(
        en["isBasedOn"],
        "https://example.gov.cn/portal/articles/air-2025/"
    );
    // The JSON-LD block is data, not a script that runs: no executable <script> anywhere.
    for page in html_files(&site) {
        let html = Html::parse_document(&read(&page));
        for s in html.select(&Selector::parse("script").unwrap()) {
            let ty = s.value().attr("type");
            let src = s.value().attr("src");
            assert!(
                ty == Some("application/ld+json") || src.is_some(),
                "{}: inline script",
                page.display()
            );
        }
    }
}

#[test]
fn every_page_has_a_search_box_that_works_without_javascript() {
    let (_tmp, site) = build_portal_under_sub_path();
    for page in html_files(&site) {
        let html = Html::parse_document(&read(&page));
        let form = html
            .select(&Selector::parse("form[role=search]").unwrap())
            .next();
        let form = form.unwrap_or_else(|| panic!("{}: no search box", page.display()));
        let action = form.value().attr("action").unwrap_or("");
        assert!(
            action == "/portal/search/" || action == "/portal/en/search/",
            "{}: {action}",
            page.display()
        );
        assert!(html
            .select(&Selector::parse("form[role=search] input[name=q]").unwrap())
            .next()
            .is_some());
    }
    assert!(
        site.join("search/index.html").is_file() && site.join("en/search/index.html").is_file()
    );
    for lang in ["zh", "en"] {
        assert!(
            site.join(format!("search-index/{lang}/meta.json"))
                .is_file(),
            "the {lang} search index ships with the build"
        );
    }
}
