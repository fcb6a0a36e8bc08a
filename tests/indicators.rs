//! Indicator pages, charts and open data of the real portal.

mod common;

use common::*;
use scraper::{Html, Selector};
use shanshui::pipeline::{load_site, BuildOptions};

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("selector")
}

#[test]
fn every_indicator_has_pages_charts_tables_and_data() {
    let (site, _) = load_site(&BuildOptions::new(repo())).expect("content loads");
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("site");
    let run = shanshui(&repo(), &["build", "--out", dir.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    assert!(site.indicators.len() > 10);

    let mut total = 0;
    for ind in &site.indicators {
        total += ind.observations.len();
        for (prefix, lang, name) in [("", "zh", &ind.name.zh), ("en/", "en", &ind.name.en)] {
            let page = dir
                .join(prefix)
                .join("indicators")
                .join(&ind.id)
                .join("index.html");
            let html = Html::parse_document(&read(&page));
            // One table row per observation, each linking the article that printed it.
            // (The province map's table of values is not the data table.)
            let rows: Vec<_> = html
                .select(&sel("main table tbody tr"))
                .filter(|tr| {
                    !tr.ancestors().any(|a| {
                        a.value().as_element().is_some_and(|e| {
                            e.has_class("tile-map", scraper::CaseSensitivity::CaseSensitive)
                        })
                    })
                })
                .collect();
            assert_eq!(rows.len(), ind.observations.len(), "{}", page.display());
            // A long table lists its newest rows first (the older behind a disclosure), so
            // each observation is matched with a row of its own, in any order.
            let mut row_links: Vec<Vec<&str>> = rows
                .iter()
                .map(|row| {
                    row.select(&sel("a"))
                        .filter_map(|a| a.value().attr("href"))
                        .collect()
                })
                .collect();
            for obs in &ind.observations {
                // An article of the portal, or the page of an outside publication (its copy
                // where only a copy is known).
                let target = site.publication(&obs.source).map_or_else(
                    || format!("articles/{}/", obs.source),
                    |p| match (&p.url, &p.reprint) {
                        (Some(url), _) => url.clone(),
                        (None, Some(copy)) => copy.url.clone(),
                        (None, None) => unreachable!("check refuses a source with neither"),
                    },
                );
                let found = row_links
                    .iter()
                    .position(|links| links.iter().any(|h| h.ends_with(&target)));
                assert!(found.is_some(), "{} row lacks its source", ind.id);
                if let Some(i) = found {
                    row_links.swap_remove(i);
                }
            }
            // Charts (<img> in a <figure> with a caption, pointing to an SVG file), or,
            // where there is nothing to compare, each place's figure as a card.
            let imgs: Vec<_> = html.select(&sel("figure.chart img")).collect();
            let cards = html.select(&sel(".figure-card")).count();
            assert!(
                !imgs.is_empty() || cards > 0,
                "{}: neither a chart nor a card",
                ind.id
            );
            if ind.observations.len() == 1 {
                assert!(
                    imgs.is_empty() && cards == 1,
                    "{}: one figure is a card",
                    ind.id
                );
            }
            assert_eq!(
                html.select(&sel("figure.chart figcaption")).count(),
                imgs.len()
            );
            for img in imgs {
                assert!(!img.value().attr("alt").unwrap_or("").is_empty());
                let svg_path = dir.join(
                    img.value()
                        .attr("src")
                        .expect("src")
                        .trim_start_matches('/'),
                );
                let svg = read(&svg_path);
                let doc = roxmltree::Document::parse(&svg)
                    .unwrap_or_else(|e| panic!("{}: {e}", svg_path.display()));
                let texts: String = doc.descendants().filter_map(|n| n.text()).collect();
                assert!(
                    texts.contains(name.as_str()),
                    "{} chart lacks its {lang} title",
                    ind.id
                );
                // A chart draws figures of one kind of period, so it names at least one of
                // the indicator's places.
                let lang_of = if lang == "zh" {
                    shanshui::model::Lang::Zh
                } else {
                    shanshui::model::Lang::En
                };
                assert!(
                    ind.observations.iter().any(|o| site
                        .city(&o.city)
                        .is_some_and(|c| texts.contains(c.name.get(lang_of)))),
                    "{} {lang} chart lacks the place name",
                    ind.id
                );
                if lang == "en" {
                    assert!(
                        !svg.contains("年份") && !svg.contains("地级市"),
                        "{}: Chinese words in the English chart",
                        ind.id
                    );
                }
            }
            // Downloads of its own data.
            let csv = read(&dir.join("indicators").join(&ind.id).join("data.csv"));
            assert_eq!(
                csv.lines().count(),
                ind.observations.len() + 1,
                "{} CSV",
                ind.id
            );
        }
    }
    let all_csv = read(&dir.join("data/indicators.csv"));
    let mut reader = csv::Reader::from_reader(all_csv.as_bytes());
    let records: Vec<csv::StringRecord> =
        reader.records().map(|r| r.expect("CSV record")).collect();
    assert_eq!(records.len(), total, "one CSV row per observation");
    let headers = reader.headers().expect("headers").clone();
    let url = headers
        .iter()
        .position(|h| h == "source_url")
        .expect("source_url column");
    let source = headers
        .iter()
        .position(|h| h == "source")
        .expect("source column");
    // Each row links what printed the figure: the portal's article, or the publication's page.
    for r in &records {
        match site.publication(&r[source]) {
            Some(p) => assert_eq!(&r[url], p.url.as_deref().unwrap_or(""), "{r:?}"),
            None => assert!(
                r[url].starts_with("https://") && r[url].contains("/articles/"),
                "{r:?}"
            ),
        }
    }
    // The period and the part of the place are given in words in both languages too.
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (months, period_zh, period_en) = (col("months"), col("period_zh"), col("period_en"));
    let (scope, scope_zh, scope_en) = (col("scope"), col("scope_zh"), col("scope_en"));
    let part_year = records
        .iter()
        .find(|r| r[months].contains('-'))
        .expect("a year-to-date figure");
    assert!(part_year[period_zh].contains('月'), "{part_year:?}");
    assert!(part_year[period_en].contains('–'), "{part_year:?}");
    let urban = records
        .iter()
        .find(|r| &r[scope] == "urban")
        .expect("an urban-districts figure");
    assert_eq!(&urban[scope_zh], "市城区", "{urban:?}");
    assert!(
        !urban[scope_en].is_empty() && urban[scope_en].is_ascii(),
        "{urban:?}"
    );

    let json: serde_json::Value =
        serde_json::from_str(&read(&dir.join("data/indicators.json"))).expect("JSON");
    assert_eq!(json["observations"].as_array().map(Vec::len), Some(total));

    // The list groups indicators by topic; every indicator is listed.
    let list = read(&dir.join("indicators/index.html"));
    for ind in &site.indicators {
        assert!(
            list.contains(&format!("/indicators/{}/", ind.id)),
            "{} not listed",
            ind.id
        );
    }
}

#[test]
fn places_topics_and_articles_show_their_figures() {
    let tmp = fixture("demo");
    let site = build(tmp.path(), &[]);
    let city = Html::parse_document(&read(&site.join("cities/jinzhong/index.html")));
    let img = city
        .select(&sel(".small-charts img"))
        .next()
        .expect("a small chart on the city page");
    assert!(site
        .join(img.value().attr("src").unwrap().trim_start_matches('/'))
        .is_file());
    assert!(
        city.select(&sel(".small-charts figcaption strong"))
            .any(|s| s.text().collect::<String>().contains("66.9")),
        "latest value shown"
    );
    let topic = read(&site.join("en/topics/air/index.html"));
    assert!(topic.contains("/en/indicators/good-days-ratio/"));
    let article = read(&site.join("articles/air-2025/index.html"));
    assert!(
        article.contains("/indicators/good-days-ratio/"),
        "an article links the figures it is the source of"
    );
    assert_eq!(broken_links(&site, "/"), Vec::<String>::new());
}

/// The home page leads with the key indicators at a glance, before the articles: each card
/// gives the latest figure, its change on the previous comparable period (same place, scope
/// and basis), a trend line drawn at build time whose accessible name holds every figure,
/// the period, and the source linked.
#[test]
fn home_page_shows_key_indicators_at_a_glance() {
    let tmp = fixture("demo");
    let site = build(tmp.path(), &[]);
    for (page, change, point, period) in [
        (
            "index.html",
            "较2023年上升6.7个百分点",
            "2023年60.2%",
            "2024",
        ),
        (
            "en/index.html",
            "up 6.7 percentage points on 2023",
            "2023: 60.2%",
            "2024",
        ),
    ] {
        let doc = Html::parse_document(&read(&site.join(page)));
        let order: Vec<_> = doc
            .select(&sel("main section"))
            .filter_map(|s| s.value().attr("aria-labelledby"))
            .collect();
        let at = |id: &str| order.iter().position(|&s| s == id);
        assert!(
            at("figures-h").is_some() && at("figures-h") < at("latest-h"),
            "{page}: the figures come before the articles: {order:?}"
        );
        let card = doc
            .select(&sel(".glance li"))
            .next()
            .expect("a card per key indicator");
        let text: String = card.text().collect();
        assert!(text.contains("66.9"), "{page}: {text}");
        assert!(text.contains(change), "{page}: {text}");
        assert!(text.contains(period), "{page}: {text}");
        let spark = card
            .select(&sel("svg[role=img]"))
            .next()
            .expect("a sparkline");
        let name = spark.value().attr("aria-label").unwrap_or_default();
        assert!(
            name.contains(point) && name.contains("66.9"),
            "{page}: {name}"
        );
        assert!(
            spark.select(&sel("polyline")).next().is_some(),
            "{page}: a line is drawn"
        );
        assert!(
            card.select(&sel("a")).any(|a| a
                .value()
                .attr("href")
                .is_some_and(|h| h.contains("articles/air-2025/"))),
            "{page}: the source is linked"
        );
    }
}

/// A table of figures that fits a phone's width stays a table; a wide one is stacked a card
/// a row, and then each cell is one element, so a note stays beside its value.
#[test]
fn narrow_figure_tables_stay_tables_and_notes_stay_beside_their_value() {
    let tmp = fixture("demo");
    let site = build(tmp.path(), &[]);
    for page in [
        "articles/air-2025/index.html",
        "en/articles/air-2025/index.html",
    ] {
        let doc = Html::parse_document(&read(&site.join(page)));
        let table = doc
            .select(&sel(".article-figures table"))
            .next()
            .expect("the article's figures");
        assert!(
            !table
                .value()
                .has_class("stack", scraper::CaseSensitivity::CaseSensitive),
            "{page}: four short columns fit a phone"
        );
    }
    for page in [
        "indicators/good-days-ratio/index.html",
        "en/indicators/good-days-ratio/index.html",
    ] {
        let doc = Html::parse_document(&read(&site.join(page)));
        for cell in doc.select(&sel("main table tbody tr > *")) {
            let children = cell.children().filter(|c| {
                c.value().is_element() || c.value().as_text().is_some_and(|t| !t.trim().is_empty())
            });
            assert_eq!(children.count(), 1, "{page}: {}", cell.html());
        }
    }
}

#[test]
fn charts_are_byte_identical_between_builds() {
    let tmp = fixture("demo");
    let first = read(&build(tmp.path(), &[]).join("indicators/good-days-ratio/chart.zh.svg"));
    let second = read(&build(tmp.path(), &[]).join("indicators/good-days-ratio/chart.zh.svg"));
    assert_eq!(first, second);
}

/// Every chart image says its size, the size of the drawing it shows, so a page keeps the
/// space while the image loads (no layout shift).
#[test]
fn chart_images_carry_the_size_of_their_drawing() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("site");
    let run = shanshui(
        &repo(),
        &["build", "--no-search", "--out", dir.to_str().unwrap()],
    );
    assert!(run.ok, "{}", run.stderr);
    let mut checked = 0;
    for page in html_files(&dir) {
        let html = Html::parse_document(&read(&page));
        for el in html.select(&sel("img[src$='.svg'], source[srcset$='.svg']")) {
            let src = el
                .value()
                .attr("src")
                .or(el.value().attr("srcset"))
                .unwrap();
            let svg = read(&dir.join(src.trim_start_matches('/')));
            let doc = roxmltree::Document::parse(&svg).expect("svg");
            let root = doc.root_element();
            assert_eq!(el.value().attr("width"), root.attribute("width"), "{src}");
            assert_eq!(el.value().attr("height"), root.attribute("height"), "{src}");
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} chart images");
}

/// Water classes read as classes everywhere: the table, the chart and the place's page.
#[test]
fn water_classes_are_written_as_roman_numerals() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("site");
    let run = shanshui(
        &repo(),
        &["build", "--no-search", "--out", dir.to_str().unwrap()],
    );
    assert!(run.ok, "{}", run.stderr);
    for (prefix, class_iv, numeral) in [("", "Ⅳ类", "Ⅲ"), ("en/", "Class IV", "III")] {
        let page = Html::parse_document(&read(
            &dir.join(prefix)
                .join("indicators/water-section-class/index.html"),
        ));
        let values: Vec<String> = page
            .select(&sel("main table tbody td.num"))
            .map(|td| td.text().collect::<String>())
            .collect();
        assert!(
            values.iter().any(|v| v.trim().starts_with(class_iv)),
            "{values:?}"
        );
        assert!(
            values
                .iter()
                .all(|v| !v.contains("4 类") && !v.trim().starts_with('4')),
            "{values:?}"
        );
        let img = page.select(&sel("figure.chart img")).next().expect("chart");
        let svg = read(&dir.join(img.value().attr("src").unwrap().trim_start_matches('/')));
        assert!(
            svg.contains(class_iv) && svg.contains(numeral),
            "{prefix}: {svg}"
        );
    }
}

/// A prefecture's page shows a lone figure as a card, and a series as a chart against
/// the province's.
#[test]
fn a_prefecture_page_has_cards_for_lone_figures() {
    let tmp = fixture("demo");
    let site = build(tmp.path(), &[]);
    let page = Html::parse_document(&read(&site.join("cities/jinzhong/index.html")));
    for li in page.select(&sel(".small-charts li")) {
        let name = li
            .select(&sel("figcaption a"))
            .next()
            .unwrap()
            .text()
            .collect::<String>();
        let img = li.select(&sel("img")).next();
        if name.contains("优良天数比例") && !name.contains("变化") {
            let alt = img
                .expect("two years make a chart")
                .value()
                .attr("alt")
                .unwrap();
            assert!(alt.contains("山西省") || alt.contains("晋中市"), "{alt}");
        }
        if img.is_none() {
            assert!(
                li.text().collect::<String>().contains("来源"),
                "a card cites its source"
            );
        }
    }
}
