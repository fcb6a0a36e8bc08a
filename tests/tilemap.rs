//! The province tile map (src/render/tilemap.rs, partials/tile_map.html): on the real
//! portal, under a sub-path and in the portable copy; and on the demo site, where most
//! prefectures have no figure.

mod common;

use common::*;
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

/// A tile as drawn: its link, its square's corner and fill, and its two lines of text.
#[derive(Debug)]
struct Tile {
    href: String,
    label: String,
    x: f64,
    y: f64,
    fill: String,
    text: Vec<String>,
}

fn tiles(page: &Path) -> Vec<Tile> {
    let doc = Html::parse_document(&read(page));
    doc.select(&sel("svg.tile-map-svg a"))
        .map(|a| {
            let rect = a.select(&sel("rect")).next().expect("a tile has a square");
            let attr = |e: ElementRef, name: &str| e.value().attr(name).unwrap_or("").to_owned();
            Tile {
                href: attr(a, "href"),
                label: attr(a, "aria-label"),
                x: attr(rect, "x").parse().expect("x"),
                y: attr(rect, "y").parse().expect("y"),
                fill: attr(rect, "fill"),
                text: a
                    .select(&sel("text"))
                    .map(|t| t.text().collect::<String>())
                    .collect(),
            }
        })
        .collect()
}

/// Prefecture ids of the portal, from content/cities.yaml.
fn prefectures(root: &Path) -> BTreeSet<String> {
    let (site, _) =
        shanshui::pipeline::load_site(&shanshui::pipeline::BuildOptions::new(root.to_path_buf()))
            .expect("content loads");
    site.cities
        .iter()
        .filter(|c| c.level == shanshui::model::Level::Prefecture)
        .map(|c| c.id.clone())
        .collect()
}

#[test]
fn the_portal_maps_every_prefecture_once_without_overlap_under_a_sub_path() {
    let out = tempfile::tempdir().expect("temp dir");
    let site = out.path().join("site");
    let run = shanshui(
        &repo(),
        &[
            "build",
            "--base-url",
            "https://env.example.cn/portal/",
            "--out",
            site.to_str().expect("UTF-8"),
        ],
    );
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    let ids = prefectures(&repo());
    assert_eq!(ids.len(), 11);
    for (page, lang_prefix) in [
        ("index.html", ""),
        ("en/index.html", "en/"),
        ("cities/index.html", ""),
        ("en/cities/index.html", "en/"),
    ] {
        let tiles = tiles(&site.join(page));
        assert_eq!(tiles.len(), 11, "{page}: {tiles:?}");
        let linked: BTreeSet<String> = tiles
            .iter()
            .map(|t| {
                let id = t
                    .href
                    .strip_prefix(&format!("/portal/{lang_prefix}cities/"))
                    .and_then(|rest| rest.strip_suffix('/'))
                    .unwrap_or_else(|| panic!("{page}: tile links to {}", t.href));
                id.to_owned()
            })
            .collect();
        assert_eq!(linked, ids, "{page}: each prefecture once");
        // Equal squares on a grid: two overlap unless a side apart in x or y.
        for (i, a) in tiles.iter().enumerate() {
            for b in &tiles[i + 1..] {
                assert!(
                    (a.x - b.x).abs() >= 100.0 || (a.y - b.y).abs() >= 100.0,
                    "{page}: {} and {} overlap",
                    a.href,
                    b.href
                );
            }
            assert!(!a.label.is_empty(), "{page}: {} has no name", a.href);
        }
        // Long north–south: more rows than columns.
        let xs: BTreeSet<i64> = tiles.iter().map(|t| t.x as i64).collect();
        let ys: BTreeSet<i64> = tiles.iter().map(|t| t.y as i64).collect();
        assert!(ys.len() > xs.len(), "{page}: {xs:?} columns, {ys:?} rows");
    }
    // An indicator page shows the map when 2 or more prefectures have figures for one
    // period, and only then.
    let (model, _) = shanshui::pipeline::load_site(&shanshui::pipeline::BuildOptions::new(repo()))
        .expect("content loads");
    let mut with_map = 0;
    for ind in &model.indicators {
        let page = site.join(format!("indicators/{}/index.html", ind.id));
        let has_map = read(&page).contains("tile-map-svg");
        let count = shanshui::render::tilemap::prefecture_count(&model, ind);
        assert_eq!(has_map, count >= 2, "{}: {count} prefectures", ind.id);
        with_map += usize::from(has_map);
    }
    assert!(with_map > 0, "no indicator page has a map");
}

#[test]
fn the_portable_copy_rewrites_the_links_of_the_tiles() {
    let out = tempfile::tempdir().expect("temp dir");
    let site = out.path().join("site");
    let run = shanshui(
        &repo(),
        &[
            "build",
            "--portable",
            "--out",
            site.to_str().expect("UTF-8"),
        ],
    );
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    for page in ["index.html", "en/cities/index.html"] {
        let tiles = tiles(&site.join(page));
        assert_eq!(tiles.len(), 11, "{page}");
        for t in tiles {
            assert!(
                !t.href.starts_with('/') && t.href.ends_with("/index.html"),
                "{page}: tile link {} is not relative to the page",
                t.href
            );
            let target = site.join(page).parent().expect("folder").join(&t.href);
            assert!(target.is_file(), "{page}: {} names no file", t.href);
        }
    }
}

/// The demo site with Taiyuan given no figure and the map's indicator set in site.yaml.
fn demo_with_map() -> tempfile::TempDir {
    let tmp = fixture("demo");
    let site_yaml = tmp.path().join("content/site.yaml");
    let mut yaml = read(&site_yaml);
    yaml.push_str("map_indicator: good-days-ratio\n");
    fs::write(&site_yaml, yaml).expect("write site.yaml");
    tmp
}

#[test]
fn a_prefecture_without_a_figure_is_grey_and_says_so() {
    let tmp = demo_with_map();
    let site = build(tmp.path(), &[]);
    for (page, no_data, unit) in [
        ("index.html", "无数据", "66.9%"),
        ("en/index.html", "no data", "66.9%"),
    ] {
        let tiles = tiles(&site.join(page));
        assert_eq!(tiles.len(), 2, "{page}: {tiles:?}");
        let jinzhong = tiles
            .iter()
            .find(|t| t.href.contains("/jinzhong/"))
            .expect("Jinzhong");
        let taiyuan = tiles
            .iter()
            .find(|t| t.href.contains("/taiyuan/"))
            .expect("Taiyuan");
        assert_eq!(jinzhong.text[1], "66.9", "{page}: the latest year's figure");
        assert!(jinzhong.label.ends_with(unit), "{page}: {}", jinzhong.label);
        assert_ne!(jinzhong.fill, taiyuan.fill);
        assert_eq!(taiyuan.fill, "#d9d9d9", "{page}");
        assert_eq!(taiyuan.text[1], no_data, "{page}");
        assert!(
            taiyuan.label.ends_with(no_data),
            "{page}: {}",
            taiyuan.label
        );
        let html = read(&site.join(page));
        // The key names grey, the period and the better end; the table gives the values.
        let doc = Html::parse_document(&html);
        let key: String = doc
            .select(&sel(".tile-map-key"))
            .flat_map(|k| k.text())
            .collect();
        assert!(
            key.contains(no_data) && key.contains("2024"),
            "{page}: {key}"
        );
        let rows: Vec<String> = doc
            .select(&sel(".tile-map-table tbody tr"))
            .map(|r| r.text().collect::<String>())
            .collect();
        assert_eq!(rows.len(), 2, "{page}: {rows:?}");
        assert!(rows.iter().any(|r| r.contains(no_data)), "{page}: {rows:?}");
    }
    // Demo's one indicator has one prefecture: its page has no map.
    assert!(!read(&site.join("indicators/good-days-ratio/index.html")).contains("tile-map-svg"));
}

#[test]
fn an_unknown_map_indicator_is_an_error_at_its_line() {
    let tmp = fixture("demo");
    let site_yaml = tmp.path().join("content/site.yaml");
    let mut yaml = read(&site_yaml);
    let line = yaml.lines().count() + 1;
    yaml.push_str("map_indicator: good-day-ratio\n");
    fs::write(&site_yaml, yaml).expect("write site.yaml");
    let run = shanshui(tmp.path(), &["build"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains(&format!(
            "site.yaml:{line}:16: error: unknown indicator `good-day-ratio` in map_indicator"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("known indicators: good-days-ratio"),
        "{}",
        run.stderr
    );
}
