//! The core generator, end to end: the demo fixture built by the real binary.

mod common;

use common::*;
use scraper::{Html, Selector};
use std::fs;

fn doc(path: &std::path::Path) -> Html {
    Html::parse_document(&read(path))
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = Selector::parse(css).expect("selector");
    html.select(&sel).collect()
}

fn text(el: &scraper::ElementRef) -> String {
    el.text().collect()
}

#[test]
fn every_page_of_the_url_table_exists_in_both_languages() {
    let tmp = fixture("demo");
    let site = build(tmp.path(), &[]);
    let pages = [
        "",
        "articles/air-2025/",
        "articles/water-2024/",
        "articles/green-2023/",
        "cities/",
        "cities/shanxi/",
        "cities/jinzhong/",
        "cities/jiexiu/",
        "cities/taiyuan/",
        "topics/",
        "topics/air/",
        "topics/water/",
        "archive/",
    ];
    for page in pages {
        for (prefix, lang) in [("", "zh-CN"), ("en/", "en")] {
            let path = site.join(prefix).join(page).join("index.html");
            let html = doc(&path);
            let root = select(&html, "html");
            assert_eq!(
                root[0].value().attr("lang"),
                Some(lang),
                "{}",
                path.display()
            );
            // A language switch that lands on the same page in the other language.
            let other = if prefix.is_empty() {
                format!("/en/{page}")
            } else {
                format!("/{page}")
            };
            let switch = select(&html, "a.lang-switch");
            assert_eq!(
                switch[0].value().attr("href"),
                Some(other.as_str()),
                "{}",
                path.display()
            );
            assert!(
                !select(&html, "link[rel=alternate][hreflang]").is_empty(),
                "{}",
                path.display()
            );
        }
    }
    assert!(site.join("404.html").is_file());
    // Drafts stay out unless asked for.
    assert!(!site.join("articles/unfinished").exists());
}

#[test]
fn translations_link_to_each_other_and_a_missing_one_is_said() {
    let tmp = fixture("demo");
    let site = build(tmp.path(), &[]);
    let zh = doc(&site.join("articles/air-2025/index.html"));
    let hreflangs: Vec<_> = select(&zh, "link[rel=alternate]")
        .iter()
        .map(|l| l.value().attr("href").unwrap_or("").to_owned())
        .collect();
    assert!(
        hreflangs.contains(&"https://demo.example.org/en/articles/air-2025/".to_owned()),
        "{hreflangs:?}"
    );
    assert_eq!(
        select(&zh, ".translation-link a")[0].value().attr("href"),
        Some("/en/articles/air-2025/")
    );
    let en = doc(&site.join("en/articles/air-2025/index.html"));
    assert_eq!(
        select(&en, ".translation-link a")[0].value().attr("href"),
        Some("/articles/air-2025/")
    );
    assert_eq!(text(&select(&en, "h1")[0]), "Clear Skies Bring Happiness");

    // water-2024 has no English: the Chinese page says so, the English page points to the original.
    let zh_only = read(&site.join("articles/water-2024/index.html"));
    assert!(zh_only.contains("本文暂无英文译本"));
    let zh_only_doc = doc(&site.join("articles/water-2024/index.html"));
    assert!(select(&zh_only_doc, "link[rel=alternate][hreflang=en]").is_empty());
    assert_eq!(
        select(&zh_only_doc, "link[rel=alternate][hreflang=zh-CN]").len(),
        1
    );
    let en_stub = doc(&site.join("en/articles/water-2024/index.html"));
    assert!(text(&select(&en_stub, ".notice")[0]).contains("not been translated"));
    assert_eq!(
        select(&en_stub, "h1")[0].value().attr("lang"),
        Some("zh-CN")
    );
    assert_eq!(
        select(&en_stub, "meta[name=robots]")[0]
            .value()
            .attr("content"),
        Some("noindex")
    );
}

#[test]
fn article_page_shows_its_metadata_body_and_neighbours() {
    let tmp = fixture("demo");
    let site = build(tmp.path(), &[]);
    let html = read(&site.join("articles/air-2025/index.html"));
    for expected in [
        "晋中市空气质量持续改善",
        "演示日报",
        "武玲芳",
        "裴国欣",
        "晋中市生态环境局大气科科长",
        "2025年4月8日",
    ] {
        assert!(html.contains(expected), "missing {expected}");
    }
    // CJK soft line break joined without a space; tables, footnotes, strikethrough, anchors.
    assert!(
        html.contains("66.9%，同比提高"),
        "soft break between CJK must vanish"
    );
    assert!(html.contains("<table>") && html.contains("<del>") && html.contains("footnote"));
    assert!(html.contains("id=\"下一步工作\""));
    let d = doc(&site.join("articles/air-2025/index.html"));
    let tags: Vec<_> = select(&d, ".facts a.tag")
        .iter()
        .map(|a| a.value().attr("href").unwrap_or("").to_owned())
        .collect();
    assert_eq!(tags, ["/cities/jinzhong/", "/topics/air/"]);
    // Newest article: no newer link, an older one to water-2024.
    assert!(select(&d, "a[rel=prev]").is_empty());
    assert_eq!(
        select(&d, "a[rel=next]")[0].value().attr("href"),
        Some("/articles/water-2024/")
    );
    // It is the source of two figures.
    assert_eq!(select(&d, ".article-figures tbody tr").len(), 2);
}

#[test]
fn partial_dates_are_shown_at_their_precision() {
    let tmp = fixture("demo");
    let site = build(tmp.path(), &[]);
    let zh = read(&site.join("archive/index.html"));
    let en = read(&site.join("en/archive/index.html"));
    for (zh_date, en_date, machine) in [
        ("2025年4月8日", "8 April 2025", "2025-04-08"),
        ("2024年11月", "November 2024", "2024-11"),
        ("2023年", "2023", "2023"),
    ] {
        assert!(
            zh.contains(&format!("datetime=\"{machine}\">{zh_date}<")),
            "{zh_date}"
        );
        assert!(
            en.contains(&format!("datetime=\"{machine}\">{en_date}<")),
            "{en_date}"
        );
    }
    assert!(
        !zh.contains("2023年1月"),
        "a year-only date must not gain a month"
    );
}

#[test]
fn cities_link_down_to_counties_and_up_to_prefectures() {
    let tmp = fixture("demo");
    let site = build(tmp.path(), &[]);
    let jinzhong = doc(&site.join("cities/jinzhong/index.html"));
    let links: Vec<_> = select(&jinzhong, "main a")
        .iter()
        .map(|a| a.value().attr("href").unwrap_or("").to_owned())
        .collect();
    assert!(
        links.contains(&"/cities/jiexiu/".to_owned()),
        "prefecture lists its county"
    );
    assert!(
        links.contains(&"/articles/water-2024/".to_owned()),
        "a prefecture lists its counties' articles"
    );
    let jiexiu = read(&site.join("en/cities/jiexiu/index.html"));
    assert!(
        jiexiu.contains("Part of <a href=\"/en/cities/jinzhong/\">Jinzhong</a>"),
        "county links to its prefecture"
    );
}

#[test]
fn every_internal_link_resolves_at_the_root_and_under_a_sub_path() {
    let tmp = fixture("demo");
    let site = build(tmp.path(), &[]);
    assert_eq!(broken_links(&site, "/"), Vec::<String>::new());

    let site = build(tmp.path(), &["--base-url", "https://example.gov.cn/portal"]);
    let home = read(&site.join("index.html"));
    assert!(
        home.contains("href=\"/portal/static/style.css\""),
        "assets follow the base path"
    );
    assert!(
        home.contains("https://example.gov.cn/portal/en/"),
        "alternates are absolute"
    );
    assert_eq!(broken_links(&site, "/portal/"), Vec::<String>::new());
    // Markdown links written site-absolute follow the base path too.
    assert!(read(&site.join("articles/air-2025/index.html"))
        .contains("href=\"/portal/articles/water-2024/\""));
}

#[test]
fn output_is_identical_from_one_build_to_the_next() {
    let tmp = fixture("demo");
    let first = tree(&build(tmp.path(), &[]));
    let second = tree(&build(tmp.path(), &[]));
    assert!(first.len() > 25);
    assert!(first == second, "two builds differ");
}

#[test]
fn pages_are_written_without_the_templates_layout() {
    let tmp = fixture("demo");
    let site = build(tmp.path(), &[]);
    let home = read(&site.join("index.html"));
    assert!(
        home.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"),
        "{}",
        &home[..80]
    );
    assert!(!home.contains("\n "), "the templates' indentation survived");
    assert!(
        !home.contains("&#x2F;"),
        "a link was escaped as Tera escapes it"
    );
}

#[test]
fn drafts_and_out_options() {
    let tmp = fixture("demo");
    let out = tmp.path().join("elsewhere/public");
    let run = shanshui(
        tmp.path(),
        &["build", "--drafts", "--out", out.to_str().unwrap()],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(out.join("articles/unfinished/index.html").is_file());
    assert!(!tmp.path().join("site").exists());
    assert!(
        run.stdout.contains("Built") && run.stdout.contains("pages"),
        "one-line summary: {}",
        run.stdout
    );
}

#[test]
fn content_strings_are_escaped() {
    let tmp = fixture("demo");
    let evil = r#"</title><script>alert("x")</script>&<b>"#;
    let article = format!(
        "---\ntitle: '{evil}'\nsubtitle: '{evil}'\ndate: 2025\ncities: [jinzhong]\ntopics: [air]\nsource: {{publication: '{evil}', page_title: '{evil}'}}\nreporters: ['{evil}']\npeople: [{{name: '{evil}', role: '{evil}'}}]\nsummary: '{evil}'\n---\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n"
    );
    fs::write(tmp.path().join("content/articles/evil.zh.md"), article).unwrap();
    let site = build(tmp.path(), &[]);
    for page in html_files(&site) {
        let html = doc(&page);
        // Parsed as a browser would: no element came from content.
        assert!(
            select(
                &html,
                "script:not([src]):not([type='application/ld+json']), b, [onerror]"
            )
            .is_empty(),
            "{} lets markup through",
            page.display()
        );
    }
    let page = doc(&site.join("articles/evil/index.html"));
    assert_eq!(text(&select(&page, "h1")[0]), evil);
    assert_eq!(text(&select(&page, ".subtitle")[0]), evil);
    assert_eq!(
        text(&select(&page, "title")[0]),
        format!("{evil} · 演示站点")
    );
    assert!(
        text(&select(&page, ".prose")[0]).contains("<script>alert(1)</script>"),
        "raw HTML shown as text"
    );
}

#[test]
fn raw_html_passes_when_the_site_allows_it() {
    let tmp = fixture("demo");
    let site_yaml = tmp.path().join("content/site.yaml");
    fs::write(&site_yaml, read(&site_yaml) + "allow_html: true\n").unwrap();
    fs::write(
        tmp.path().join("content/articles/raw.zh.md"),
        "---\ntitle: 原始\ndate: 2025\ncities: [jinzhong]\ntopics: [air]\n---\n<figure class=x>图</figure>\n",
    )
    .unwrap();
    let site = build(tmp.path(), &[]);
    assert!(read(&site.join("articles/raw/index.html")).contains("<figure class=x>图</figure>"));
}

#[test]
fn long_lists_are_paginated_and_every_page_links_the_others() {
    let tmp = fixture("demo");
    for i in 0..65 {
        fs::write(
            tmp.path().join(format!("content/articles/extra-{i:02}.zh.md")),
            format!("---\ntitle: 第{i}篇\ndate: 2022-{:02}\ncities: [jiexiu]\ntopics: [water]\n---\n正文{i}。\n", i % 12 + 1),
        )
        .unwrap();
    }
    let site = build(tmp.path(), &[]);
    // 66 articles about Jiexiu (and so Jinzhong): 3 pages of at most 30.
    for prefix in ["", "en/"] {
        let first = doc(&site.join(format!("{prefix}cities/jiexiu/index.html")));
        assert_eq!(select(&first, "main .cards > li").len(), 30);
        let third = doc(&site.join(format!("{prefix}cities/jiexiu/page/3/index.html")));
        assert_eq!(select(&third, "main .cards > li").len(), 6);
        assert!(!site
            .join(format!("{prefix}cities/jiexiu/page/4/index.html"))
            .exists());
        let next = select(&first, ".pager-pages a[rel=next]")[0]
            .value()
            .attr("href")
            .unwrap()
            .to_owned();
        assert_eq!(next, format!("/{prefix}cities/jiexiu/page/2/"));
        assert_eq!(
            select(&third, ".pager-pages [aria-current=page]")[0]
                .text()
                .collect::<String>(),
            "3"
        );
    }
    assert!(site.join("archive/page/3/index.html").is_file());
    assert!(site.join("topics/water/page/3/index.html").is_file());
    assert_eq!(broken_links(&site, "/"), Vec::<String>::new());
}

#[test]
fn an_article_shows_its_edition_its_original_and_when_it_was_added() {
    let tmp = fixture("demo");
    let articles = tmp.path().join("content/articles");
    for (file, page_title, edition) in [
        ("air-2025.zh.md", "  page_title: 绿水青山织锦绣\n", "第3版"),
        (
            "air-2025.en.md",
            "  page_title: Lucid waters and lush mountains\n",
            "Page 3",
        ),
    ] {
        let path = articles.join(file);
        let text = read(&path)
            .replacen(
                "date: 2025-04-08\n",
                "date: 2025-04-08\nadded: 2026-11-26\n",
                1,
            )
            .replacen(
                page_title,
                &format!("{page_title}  edition: {edition}\n  url: https://example.cn/3.html\n"),
                1,
            );
        assert!(
            text.contains("edition:"),
            "{file} has no source block to extend"
        );
        fs::write(&path, text).unwrap();
    }
    let site = build(tmp.path(), &[]);
    for (page, expected) in [
        (
            "articles/air-2025/index.html",
            ["第3版", "收录日期", "2026年11月26日"],
        ),
        (
            "en/articles/air-2025/index.html",
            ["Page 3", "Added to the portal", "26 November 2026"],
        ),
    ] {
        let d = doc(&site.join(page));
        let facts = text(&select(&d, ".facts")[0]);
        for e in expected {
            assert!(facts.contains(e), "{page}: `{e}` missing from {facts}");
        }
        let links: Vec<_> = select(&d, ".facts a[rel=external]")
            .iter()
            .map(|a| a.value().attr("href").unwrap_or("").to_owned())
            .collect();
        assert_eq!(links, ["https://example.cn/3.html"], "{page}");
        assert_eq!(
            select(&d, ".facts time[datetime='2026-11-26']").len(),
            1,
            "{page}"
        );
    }
    // Without `added` the row is left out.
    let plain = read(&site.join("articles/water-2024/index.html"));
    assert!(!plain.contains("收录日期"));
}

/// An old report added to the portal today is new: first on the home page and first in
/// the feed, which says when it was printed (published) and when it became new (updated).
#[test]
fn an_article_added_recently_leads_the_home_page_and_the_feed() {
    let tmp = fixture("demo");
    let article = tmp.path().join("content/articles/green-2023.zh.md");
    std::fs::write(
        &article,
        read(&article).replacen("date: 2023\n", "date: 2023\nadded: 2026-11-20\n", 1),
    )
    .unwrap();
    let site = build(tmp.path(), &["--no-search"]);
    let home = read(&site.join("index.html"));
    let page = doc(&site.join("index.html"));
    let first = select(&page, "section[aria-labelledby=latest-h] .card-title a")
        .first()
        .and_then(|a| a.value().attr("href"))
        .map(str::to_owned)
        .expect("a card");
    assert!(first.ends_with("articles/green-2023/"), "{first}");
    assert!(
        home.contains("2026年11月20日"),
        "the home page says when it was last updated"
    );
    let feed = read(&site.join("feed.xml"));
    let first_entry = feed.split("<entry>").nth(1).expect("an entry");
    assert!(
        first_entry.contains("articles/green-2023/"),
        "{first_entry}"
    );
    assert!(first_entry.contains("<updated>2026-11-20T00:00:00+08:00</updated>"));
    assert!(first_entry.contains("<published>2023-01-01T00:00:00+08:00</published>"));
}

/// `build` lets go of the articles' bodies once their pages are rendered; the feed, which
/// quotes a body where an article has no summary, is made before. After an edit, the
/// rebuild (which keeps the other pages) quotes the new body.
#[test]
fn a_feed_quotes_the_body_of_an_article_without_a_summary() {
    let tmp = fixture("demo");
    let article = tmp.path().join("content/articles/green-2023.zh.md");
    let entry = |site: &std::path::Path, slug: &str| {
        let feed = read(&site.join("feed.xml"));
        feed.split("<entry>")
            .find(|e| e.contains(&format!("articles/{slug}/")))
            .map(str::to_owned)
            .expect("the article's entry")
    };
    let site = build(tmp.path(), &[]);
    let first = entry(&site, "green-2023");
    assert!(first.contains("太原市持续推进城市绿化。"), "{first}");
    std::fs::write(
        &article,
        read(&article).replace("太原市持续推进城市绿化。", "晋祠周边新增绿地。"),
    )
    .unwrap();
    let site = build(tmp.path(), &[]);
    let edited = entry(&site, "green-2023");
    assert!(edited.contains("晋祠周边新增绿地。"), "{edited}");
    assert!(!edited.contains("太原市持续推进城市绿化。"), "{edited}");
    // An article with a summary of its own keeps it.
    let summarised = entry(&site, "water-2024");
    let summary = read(&tmp.path().join("content/articles/water-2024.zh.md"));
    let summary = summary
        .lines()
        .find_map(|l| l.strip_prefix("summary: "))
        .expect("a summary");
    assert!(summarised.contains(summary.trim()), "{summarised}");
}
