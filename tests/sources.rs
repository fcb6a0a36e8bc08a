//! Outside publications (`content/sources.yaml`), periods shorter than a year (`months`) and
//! units in both languages, on a copy of the demo site.

mod common;

use common::*;
use std::fs;
use std::path::Path;

const SOURCES: &str = r#"# publications the demo's figures cite
- id: bureau-2024-bulletin
  kind: bulletin
  publisher: {zh: "示例市生态环境局", en: "Example City Ecology and Environment Bureau"}
  title: {zh: "2024年生态环境状况公报", en: "State of the Environment Bulletin 2024"}
  date: 2025-06-05
  url: "https://example.org/bulletin-2024"
"#;

const INDICATOR: &str = r#"id: pm25-level
name: {zh: PM2.5浓度, en: PM2.5 concentration}
unit: {zh: "微克/立方米", en: "µg/m³"}
better: lower
topics: [air]
definition: {zh: 细颗粒物年均浓度。, en: Annual mean concentration of fine particles.}
observations:
  - {city: jinzhong, year: 2023, value: 41, source: bureau-2024-bulletin}
  - {city: jinzhong, year: 2024, value: 38, source: bureau-2024-bulletin}
  - {city: jinzhong, year: 2024, months: "1-5", value: 99.5, source: bureau-2024-bulletin}
"#;

fn demo_with(sources: &str, indicator: &str) -> tempfile::TempDir {
    let tmp = fixture("demo");
    let content = tmp.path().join("content");
    fs::write(content.join("sources.yaml"), sources).unwrap();
    fs::write(content.join("indicators/pm25-level.yaml"), indicator).unwrap();
    tmp
}

fn page(site: &Path, rel: &str) -> String {
    read(&site.join(rel).join("index.html"))
}

#[test]
fn a_publication_is_cited_by_link_and_named_in_each_language() {
    let tmp = demo_with(SOURCES, INDICATOR);
    let site = build(tmp.path(), &["--no-search"]);
    let zh = page(&site, "indicators/pm25-level");
    let en = page(&site, "en/indicators/pm25-level");
    assert!(zh.contains("https://example.org/bulletin-2024"), "{zh}");
    assert!(zh.contains("示例市生态环境局"));
    assert!(en.contains("Example City Ecology and Environment Bureau"));
    // Units in the page's language: no Chinese unit on the English page.
    assert!(zh.contains("微克/立方米"));
    assert!(en.contains("µg/m³"));
    assert!(!en.contains("微克"), "Chinese unit on the English page");
    // A period shorter than a year is named in the table, in each language.
    assert!(zh.contains("2024年1—5月"), "{zh}");
    assert!(en.contains("Jan–May 2024"), "{en}");
}

#[test]
fn a_chart_never_draws_months_beside_whole_years() {
    let tmp = demo_with(SOURCES, INDICATOR);
    let site = build(tmp.path(), &["--no-search"]);
    let svg = read(&site.join("indicators/pm25-level/chart.zh.svg"));
    assert!(svg.contains("38"), "the 2024 annual figure is drawn");
    assert!(
        !svg.contains("99.5"),
        "the January–May figure must not be drawn with the annual ones"
    );
}

#[test]
fn open_data_carries_period_units_and_source_in_both_languages() {
    let tmp = demo_with(SOURCES, INDICATOR);
    let site = build(tmp.path(), &["--no-search"]);
    let csv = read(&site.join("data/indicators.csv"));
    let header = csv.lines().next().unwrap();
    for column in [
        "unit_zh",
        "unit_en",
        "months",
        "source_zh",
        "source_en",
        "source_url",
    ] {
        assert!(
            header.split(',').any(|c| c == column),
            "{column} in {header}"
        );
    }
    let row = csv
        .lines()
        .find(|l| l.contains("pm25-level") && l.contains("99.5"))
        .expect("the January–May row");
    assert!(row.contains(",01-05,"), "{row}");
    assert!(row.contains("https://example.org/bulletin-2024"), "{row}");
    assert!(
        row.contains("State of the Environment Bulletin 2024"),
        "{row}"
    );
}

/// Runs `check` and returns its output; it must fail.
fn check_fails(tmp: &tempfile::TempDir) -> String {
    let run = shanshui(tmp.path(), &["check"]);
    assert!(!run.ok, "check passed:\n{}{}", run.stdout, run.stderr);
    format!("{}{}", run.stdout, run.stderr)
}

#[test]
fn a_publication_nothing_cites_is_an_error_at_its_entry() {
    let extra = "\n- id: never-cited\n  kind: press\n  publisher: {zh: 报, en: Paper}\n  title: {zh: 题, en: Title}\n  date: 2024\n  url: \"https://example.org/x\"\n";
    let tmp = demo_with(&format!("{SOURCES}{extra}"), INDICATOR);
    let out = check_fails(&tmp);
    assert!(out.contains("sources.yaml:9"), "{out}");
    assert!(out.contains("never-cited"), "{out}");
}

#[test]
fn an_indicator_refused_for_another_mistake_leaves_its_sources_cited() {
    // The only indicator citing the bulletin has an unknown scale: that is the one error,
    // and the bulletin is not also reported as cited by nothing.
    let broken = INDICATOR.replace("better: lower\n", "better: lower\nscale: ranks\n");
    let tmp = demo_with(SOURCES, &broken);
    let out = check_fails(&tmp);
    assert!(out.contains("unknown scale `ranks`"), "{out}");
    assert!(!out.contains("cited by no observation"), "{out}");
}

#[test]
fn an_observation_citing_nothing_known_is_an_error() {
    let tmp = demo_with(
        SOURCES,
        &INDICATOR.replace(
            "value: 41, source: bureau-2024-bulletin",
            "value: 41, source: bureau-2042",
        ),
    );
    let out = check_fails(&tmp);
    assert!(out.contains("pm25-level.yaml:8"), "{out}");
    assert!(out.contains("bureau-2042"), "{out}");
}

#[test]
fn bad_months_and_bad_registry_entries_are_errors_with_lines() {
    let tmp = demo_with(SOURCES, &INDICATOR.replace("\"1-5\"", "\"5-13\""));
    let out = check_fails(&tmp);
    assert!(out.contains("pm25-level.yaml:10"), "{out}");
    assert!(out.contains("`13` is not a month"), "{out}");

    let bad = SOURCES
        .replace("kind: bulletin", "kind: blog")
        .replace("https://example.org/bulletin-2024", "javascript:alert(1)");
    let tmp = demo_with(&bad, INDICATOR);
    let out = check_fails(&tmp);
    assert!(out.contains("unknown source kind `blog`"), "{out}");
    assert!(out.contains("is not a web address"), "{out}");

    // A publication listed twice: the second entry, naming the first's line (from the parser).
    let twice = format!(
        "{SOURCES}{}",
        SOURCES.lines().skip(1).collect::<Vec<_>>().join("\n")
    );
    let tmp = demo_with(&twice, INDICATOR);
    let out = check_fails(&tmp);
    assert!(
        out.contains(
            "sources.yaml:8: error: duplicate source id `bureau-2024-bulletin` (first on line 2)"
        ),
        "{out}"
    );

    // An id that is also an article's slug would make `source:` ambiguous.
    let tmp = demo_with(
        &SOURCES.replace("id: bureau-2024-bulletin", "id: air-2025"),
        &INDICATOR.replace("bureau-2024-bulletin", "air-2025"),
    );
    let out = check_fails(&tmp);
    assert!(out.contains("also an article's slug"), "{out}");
}

/// The demo site with a list of refused domains in `content/`.
fn demo_refusing(sources: &str, indicator: &str, refused: &str) -> tempfile::TempDir {
    let tmp = demo_with(sources, indicator);
    fs::write(tmp.path().join("content/refused-domains.txt"), refused).unwrap();
    tmp
}

const REFUSED: &str = "# sites that carry spam or rewritten text\nspam-mirror.example\n\nbad.example  # rewrites articles\n";

#[test]
fn a_source_on_a_refused_domain_or_its_subdomain_is_an_error_at_its_url() {
    for url in [
        "https://spam-mirror.example/news/1.html",
        "http://WWW.Spam-Mirror.example:8080/news/1.html",
        "https://m.bad.example/a",
    ] {
        let tmp = demo_refusing(
            &SOURCES.replace("https://example.org/bulletin-2024", url),
            INDICATOR,
            REFUSED,
        );
        let out = check_fails(&tmp);
        assert!(out.contains("sources.yaml:7:8"), "{url}: {out}");
        assert!(out.contains("refused-domains.txt"), "{url}: {out}");
        let run = shanshui(tmp.path(), &["build", "--no-search"]);
        assert!(!run.ok, "build published a refused source: {url}");
    }
    // A domain that merely ends in the same letters is not refused.
    let tmp = demo_refusing(
        &SOURCES.replace("example.org", "notspam-mirror.example"),
        INDICATOR,
        REFUSED,
    );
    let run = shanshui(tmp.path(), &["check"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
}

#[test]
fn a_reprint_names_its_site_and_is_refused_on_a_refused_domain() {
    let reprinted = format!(
        "{SOURCES}  reprint: {{url: \"https://copy.example/p/9\", publisher: {{zh: \"转载网\", en: \"Copy Site\"}}}}\n"
    );
    let tmp = demo_refusing(&reprinted, INDICATOR, REFUSED);
    let site = build(tmp.path(), &["--no-search"]);
    let zh = page(&site, "indicators/pm25-level");
    let en = page(&site, "en/indicators/pm25-level");
    // The original stays the source; the copy is a second link that names its site.
    assert!(zh.contains("https://example.org/bulletin-2024"), "{zh}");
    assert!(
        zh.contains("https://copy.example/p/9") && zh.contains("转载网"),
        "{zh}"
    );
    assert!(
        en.contains("reprinted by") && en.contains("Copy Site"),
        "{en}"
    );
    let csv = read(&site.join("data/indicators.csv"));
    assert!(csv.contains("https://copy.example/p/9"), "{csv}");

    let tmp = demo_refusing(
        &reprinted.replace("copy.example", "bad.example"),
        INDICATOR,
        REFUSED,
    );
    let out = check_fails(&tmp);
    assert!(out.contains("sources.yaml:8"), "{out}");
    assert!(out.contains("bad.example"), "{out}");
}

#[test]
fn a_publication_known_only_by_a_copy_names_its_publisher_unlinked_and_links_the_copy() {
    let copy_only = SOURCES.replace(
        "  url: \"https://example.org/bulletin-2024\"\n",
        "  reprint: {url: \"https://copy.example/p/9\", publisher: {zh: \"转载网\", en: \"Copy Site\"}}\n",
    );
    assert_ne!(copy_only, SOURCES, "the test must remove the url");
    let tmp = demo_refusing(&copy_only, INDICATOR, REFUSED);
    let site = build(tmp.path(), &["--no-search"]);
    let zh = page(&site, "indicators/pm25-level");
    assert!(zh.contains("示例市生态环境局"), "{zh}");
    assert!(!zh.contains("https://example.org/bulletin-2024"), "{zh}");
    assert!(
        zh.contains("https://copy.example/p/9") && zh.contains("转载网"),
        "{zh}"
    );

    // Neither an address nor a copy: an error at the entry that says what to write.
    let neither = SOURCES.replace("  url: \"https://example.org/bulletin-2024\"\n", "");
    let tmp = demo_refusing(&neither, INDICATOR, REFUSED);
    let out = check_fails(&tmp);
    assert!(out.contains("sources.yaml:2"), "{out}");
    assert!(out.contains("bureau-2024-bulletin"), "{out}");
}

#[test]
fn a_refused_domains_line_that_is_not_a_domain_is_an_error_at_its_line() {
    let tmp = demo_refusing(
        SOURCES,
        INDICATOR,
        "# list\nok.example\nhttps://x.example/page\n",
    );
    let out = check_fails(&tmp);
    assert!(out.contains("refused-domains.txt:3"), "{out}");
}

const BASES: &str = r#"id: good-share
name: {zh: 优良天数比例, en: Share of good days}
unit: "%"
better: higher
topics: [air]
definition: {zh: 优良天数占比。, en: Share of days with good air.}
observations:
  - {city: jinzhong, year: 2022, value: 70.5, source: bureau-2024-bulletin}
  - {city: jinzhong, year: 2023, value: 76.0, basis: dust-excluded, source: bureau-2024-bulletin}
  - {city: jinzhong, year: 2024, value: 74.2, source: bureau-2024-bulletin}
"#;

#[test]
fn a_basis_makes_its_own_series_and_is_named_in_tables_and_data() {
    let tmp = demo_with(SOURCES, INDICATOR);
    fs::write(tmp.path().join("content/indicators/good-share.yaml"), BASES).unwrap();
    let site = build(tmp.path(), &["--no-search"]);
    let en = page(&site, "en/indicators/good-share");
    let zh = page(&site, "indicators/good-share");
    assert!(en.contains("sand-and-dust days excluded"), "{en}");
    assert!(zh.contains("扣除沙尘"), "{zh}");
    let svg = read(&site.join("indicators/good-share/chart.en.svg"));
    assert!(
        svg.contains("sand-and-dust days excluded"),
        "a labelled series of its own: {svg}"
    );
    let csv = read(&site.join("data/indicators.csv"));
    let header = csv.lines().next().unwrap();
    assert!(header.split(',').any(|c| c == "basis"), "{header}");
    let row = csv
        .lines()
        .find(|l| l.contains("good-share") && l.contains(",2023,"))
        .expect("the 2023 row");
    assert!(row.contains("dust-excluded"), "{row}");
    let json = read(&site.join("data/indicators.json"));
    assert!(
        json.replace(" ", "")
            .contains("\"basis\":\"dust-excluded\""),
        "{json}"
    );

    let tmp = demo_with(SOURCES, &BASES.replace("dust-excluded", "without-dust"));
    let out = check_fails(&tmp);
    assert!(out.contains("unknown basis `without-dust`"), "{out}");
}

/// The demo's PM2.5 indicator with the same figure five times: twice alike, then with
/// another scope, period and basis.
fn twice() -> String {
    let head_end = INDICATOR.find("observations:\n").unwrap() + "observations:\n".len();
    format!(
        "{}{}",
        &INDICATOR[..head_end],
        r#"  - {city: jinzhong, year: 2023, value: 41, source: bureau-2024-bulletin}
  - {city: jinzhong, year: 2023, value: 41, source: air-2025}
  - {city: jinzhong, year: 2023, value: 41, scope: urban, source: air-2025}
  - {city: jinzhong, year: 2023, months: "1-5", value: 41, source: air-2025}
  - {city: jinzhong, year: 2023, value: 41, basis: city-average, source: air-2025}
"#
    )
}

#[test]
fn the_same_figure_recorded_twice_is_reported_with_both_sources() {
    let tmp = demo_with(SOURCES, &twice());
    let run = shanshui(tmp.path(), &["check"]);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(run.ok, "a duplicate is a warning: {out}");
    let warnings: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("recorded twice"))
        .collect();
    assert_eq!(
        warnings.len(),
        1,
        "other scopes, periods and bases are not the same figure: {out}"
    );
    assert!(warnings[0].contains("pm25-level.yaml:9:5"), "{out}");
    assert!(
        out.contains("pm25-level.yaml:8:5"),
        "the first one's place: {out}"
    );
    assert!(
        out.contains("bureau-2024-bulletin") && out.contains("air-2025"),
        "{out}"
    );
}

#[test]
fn two_values_for_one_figure_are_an_error_unless_a_note_gives_the_other() {
    let conflict = twice().replace(
        "value: 41, source: air-2025}\n  - {city: jinzhong, year: 2023, value: 41, scope",
        "value: 43, source: air-2025}\n  - {city: jinzhong, year: 2023, value: 41, scope",
    );
    let tmp = demo_with(SOURCES, &conflict);
    let out = check_fails(&tmp);
    assert!(out.contains("pm25-level.yaml:9:5: error"), "{out}");
    assert!(out.contains("41") && out.contains("43"), "{out}");
    assert!(
        out.contains("bureau-2024-bulletin") && out.contains("air-2025"),
        "{out}"
    );

    let explained = conflict.replace(
        "value: 43, source: air-2025}",
        "value: 43, source: air-2025, note: {zh: 公报作41, en: the bulletin prints 41}}",
    );
    let tmp = demo_with(SOURCES, &explained);
    let run = shanshui(tmp.path(), &["check"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
}

#[test]
fn an_article_whose_source_is_on_a_refused_site_is_an_error_at_its_url() {
    let tmp = demo_refusing(SOURCES, INDICATOR, REFUSED);
    let article = tmp.path().join("content/articles/air-2025.zh.md");
    let text = read(&article).replace(
        "  page_title: 绿水青山织锦绣\n",
        "  page_title: 绿水青山织锦绣\n  url: \"https://www.bad.example/copy.html\"\n",
    );
    fs::write(&article, text).unwrap();
    let out = check_fails(&tmp);
    assert!(out.contains("air-2025.zh.md:10:8"), "{out}");
    assert!(out.contains("bad.example"), "{out}");
}
