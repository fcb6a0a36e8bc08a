//! The portal's real content: complete, translated with every number kept, figures
//! sourced, and faithful to the seed newspaper pages.

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use unicode_normalization::UnicodeNormalization;

fn articles() -> Vec<(String, String)> {
    let dir = repo().join("content/articles");
    let mut files: Vec<(String, String)> = fs::read_dir(&dir)
        .expect("content/articles")
        .filter_map(Result::ok)
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                read(&e.path()),
            )
        })
        .collect();
    files.sort();
    files
}

/// Body of a Markdown file (after the front matter).
fn body(text: &str) -> &str {
    text.splitn(3, "---\n").nth(2).unwrap_or("")
}

#[test]
fn every_article_has_an_english_translation() {
    let names: BTreeSet<String> = articles().into_iter().map(|(n, _)| n).collect();
    assert!(
        names.len() >= 30,
        "expected the seed articles, found {}",
        names.len()
    );
    for name in &names {
        if let Some(slug) = name.strip_suffix(".zh.md") {
            assert!(
                names.contains(&format!("{slug}.en.md")),
                "{slug} has no English translation"
            );
        }
    }
}

/// Numbers printed in digits, with the value they stand for: `24.04万` is 240,400.
fn chinese_numbers(text: &str) -> Vec<(String, Vec<f64>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || chars[i] == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
            {
                i += 1;
            }
            let token: String = chars[start..i].iter().collect();
            let Ok(value) = token.parse::<f64>() else {
                continue;
            };
            let mut values = vec![value];
            // 500余万 is "more than 5 million": the multiplier follows the qualifier.
            let unit = match chars.get(i) {
                Some('余' | '多') => chars.get(i + 1),
                other => other,
            };
            match unit {
                Some('万') => values.push(value * 1e4),
                Some('亿') => values.push(value * 1e8),
                Some('月') if (1.0..=12.0).contains(&value) => values.push(-value), // a month: matched by name
                _ => {}
            }
            out.push((token, values));
        } else {
            i += 1;
        }
    }
    out
}

/// Numbers in English text: `240,400`, `24.37 billion`, `1.2 million`, month names.
fn english_numbers(text: &str) -> Vec<f64> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut out = Vec::new();
    let words: Vec<&str> = text
        .split(|c: char| {
            c.is_whitespace()
                || c == '('
                || c == ')'
                || c == '/'
                || c == '–'
                || c == '-'
                || c == '~'
                || c == '“'
                || c == '"'
        })
        .collect();
    for (i, w) in words.iter().enumerate() {
        let digits: String = w
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
            .collect();
        let digits = digits.trim_end_matches(['.', ',']).replace(',', "");
        if let Ok(v) = digits.parse::<f64>() {
            out.push(v);
            let next = words
                .get(i + 1)
                .map(|n| n.trim_end_matches(|c: char| !c.is_alphabetic()));
            match next {
                Some("thousand") => out.push(v * 1e3),
                Some("million") => out.push(v * 1e6),
                Some("billion") => out.push(v * 1e9),
                _ => {}
            }
        }
        for (m, name) in MONTHS.iter().enumerate() {
            if w.starts_with(name) {
                out.push(-((m + 1) as f64));
            }
        }
    }
    out
}

#[test]
fn every_number_of_a_chinese_article_appears_in_its_translation() {
    let all = articles();
    let mut problems = Vec::new();
    for (name, zh) in all.iter().filter(|(n, _)| n.ends_with(".zh.md")) {
        let en_name = name.replace(".zh.md", ".en.md");
        let Some((_, en)) = all.iter().find(|(n, _)| *n == en_name) else {
            continue;
        };
        let en_values = english_numbers(en);
        for (token, values) in chinese_numbers(zh) {
            let found = values.iter().any(|v| {
                en_values
                    .iter()
                    .any(|e| (e - v).abs() <= 1e-6 * v.abs().max(1.0))
            });
            if !found {
                problems.push(format!("{name}: {token} not in {en_name}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} numbers lost in translation:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_number_check_notices_a_lost_number() {
    let zh = chinese_numbers("造林24.04万亩，改善13.7%，3月26日");
    let en = english_numbers("240,400 mu afforested, improved 13.7%, on 26 March");
    for (_, values) in &zh {
        assert!(
            values.iter().any(|v| en.contains(v)),
            "{values:?} in {en:?}"
        );
    }
    let bad = english_numbers("improved 13.6%");
    assert!(!zh[1].1.iter().any(|v| bad.contains(v)));
}

/// Text reduced for comparison: compatibility forms folded (，→, ₂→2), no whitespace,
/// no Markdown or OCR markup, and the documented glyph fixes applied (EDITING.md), so
/// that 2个达到郁类水平 in a seed matches 2个达到Ⅳ类水平 in an article.
fn normalize(text: &str) -> String {
    let joined: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let fixed = joined
        .replace("芋类", "Ⅲ类")
        .replace("郁类", "Ⅳ类")
        .replace("吁类", "Ⅴ类")
        .replace("V类", "Ⅴ类");
    fixed
        .nfkc()
        .filter(|c| !matches!(c, '#' | '*' | '_' | '{' | '}' | '>' | '|'))
        .collect()
}

/// The layout debris that EDITING.md documents as dropped (backticked list items).
fn documented_debris() -> Vec<String> {
    let editing = read(&repo().join("content/EDITING.md"));
    let section = editing
        .split("### Layout debris dropped")
        .nth(1)
        .expect("EDITING.md lists the dropped debris");
    section
        .lines()
        .take_while(|l| !l.starts_with('#'))
        .filter_map(|l| l.trim().strip_prefix("- `")?.strip_suffix('`'))
        .map(normalize)
        .collect()
}

fn seed_sentences() -> Vec<String> {
    let mut sentences = Vec::new();
    for entry in fs::read_dir(repo().join("tests/seeds")).expect("tests/seeds") {
        let text = read(&entry.expect("seed").path());
        let joined = normalize(&text);
        let mut current = String::new();
        for c in joined.chars() {
            current.push(c);
            if matches!(c, '。' | '!' | '?' | ';') {
                sentences.push(std::mem::take(&mut current));
            }
        }
        sentences.push(current);
    }
    sentences.retain(|s| s.chars().count() >= 8);
    sentences
}

/// Every string value of a front matter: titles, bylines, people, page titles.
fn front_matter_strings(text: &str) -> Vec<String> {
    fn collect(v: &serde_yaml::Value, out: &mut Vec<String>) {
        match v {
            serde_yaml::Value::String(s) => out.push(normalize(s)),
            serde_yaml::Value::Sequence(items) => items.iter().for_each(|i| collect(i, out)),
            serde_yaml::Value::Mapping(m) => m.values().for_each(|i| collect(i, out)),
            _ => {}
        }
    }
    let yaml = text.split("---\n").nth(1).unwrap_or("");
    let mut out = Vec::new();
    if let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(yaml) {
        collect(&value, &mut out);
    }
    out
}

#[test]
fn the_articles_hold_the_seed_sentences() {
    let zh: Vec<(String, String)> = articles()
        .into_iter()
        .filter(|(n, _)| n.ends_with(".zh.md"))
        .collect();
    let corpus: String = zh.iter().map(|(_, t)| normalize(body(t))).collect();
    // Headlines, bylines and speaker headings were printed inside the running text; the
    // articles keep them in front matter. Layout labels are dropped.
    let mut furniture: Vec<String> = zh
        .iter()
        .flat_map(|(_, t)| front_matter_strings(t))
        .filter(|s| s.chars().count() >= 2)
        .collect();
    furniture.extend(documented_debris());
    furniture.extend(["话题:", "(记者", "记者", ")", "科学导报讯", "——", "—", "姻"].map(normalize));
    furniture.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let sentences = seed_sentences();
    assert!(sentences.len() > 200, "{} sentences", sentences.len());
    let missing: Vec<&String> = sentences
        .iter()
        .filter(|sentence| {
            let mut rest = sentence.as_str();
            while let Some(f) = furniture.iter().find(|f| rest.starts_with(f.as_str())) {
                rest = &rest[f.len()..];
            }
            rest.chars().count() >= 8 && !corpus.contains(rest)
        })
        .collect();
    let share = 1.0 - missing.len() as f64 / sentences.len() as f64;
    let listing: Vec<String> = missing
        .iter()
        .map(|s| s.chars().take(60).collect())
        .collect();
    assert!(
        share >= 0.97,
        "only {:.1}% of {} seed sentences found; missing:\n{}",
        share * 100.0,
        sentences.len(),
        listing.join("\n")
    );
    println!(
        "{:.1}% of {} seed sentences found; not found:\n{}",
        share * 100.0,
        sentences.len(),
        listing.join("\n")
    );
}

#[test]
fn the_portal_builds_with_every_figure_sourced_and_every_link_resolving() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = shanshui(&repo(), &["build", "--out", site.to_str().unwrap()]);
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert!(
        !run.stderr.contains("warning"),
        "the portal builds without warnings:\n{}",
        run.stderr
    );
    assert_eq!(broken_links(&site, "/"), Vec::<String>::new());

    // A figure computed from a data set says so on the page, in each language: the data
    // set's kind after its title, and whose calculation it is (or that it is a model's).
    for (page, says) in [
        (
            "indicators/pm25-concentration/index.html",
            ["（数据集）", "本站根据CNEMC逐日数据计算"],
        ),
        (
            "en/indicators/pm25-concentration/index.html",
            [
                "(data set)",
                "the portal's calculation from the CNEMC daily figures",
            ],
        ),
        (
            "indicators/co2-emissions-estimate/index.html",
            ["（数据集）", "模型估算"],
        ),
        (
            "en/indicators/co2-emissions-estimate/index.html",
            ["(data set)", "modelled estimate"],
        ),
    ] {
        let html = read(&site.join(page));
        for text in says {
            assert!(html.contains(text), "{page} does not say {text}");
        }
    }

    // Observations: at least 400, each naming a known city and a published article or a
    // publication of content/sources.yaml.
    let (site, _) = shanshui::pipeline::load_site(&shanshui::pipeline::BuildOptions::new(repo()))
        .expect("content loads");
    let observations: Vec<_> = site
        .indicators
        .iter()
        .flat_map(|i| &i.observations)
        .collect();
    assert!(
        observations.len() >= 400,
        "only {} observations",
        observations.len()
    );
    for obs in observations {
        assert!(site.city(&obs.city).is_some(), "unknown city {}", obs.city);
        assert!(
            site.citation(&obs.source).is_some(),
            "observation cites missing article or source {}",
            obs.source
        );
    }
}

/// What makes two whole-year figures of one place and scope incomparable: the
/// observation's basis (`content/tools/count.py` reads it the same way).
fn basis(obs: &shanshui::model::Observation) -> &'static str {
    obs.basis.map_or("as-reported", |b| b.code())
}

/// The whole years of one indicator's series: (place, scope, basis) → years.
type Series<'a> = BTreeMap<(&'a str, &'a str, &'a str), BTreeSet<i32>>;

/// Whole years of each series by indicator. Months and years to date are left out, as a
/// reader compares whole years.
fn whole_year_series(site: &shanshui::model::Site) -> BTreeMap<&str, Series<'_>> {
    let mut out: BTreeMap<&str, Series<'_>> = BTreeMap::new();
    for ind in &site.indicators {
        for obs in ind.observations.iter().filter(|o| o.months.is_none()) {
            let scope = obs.scope.as_ref().map_or("whole", |s| s.code());
            out.entry(ind.id.as_str())
                .or_default()
                .entry((obs.city.as_str(), scope, basis(obs)))
                .or_default()
                .insert(obs.year);
        }
    }
    out
}

/// The floors of issue #22, counted as a reader compares: whole-year figures of one place,
/// one scope and one basis (`content/tools/count.py` prints the same count).
#[test]
fn strict_counts_meet_the_floors() {
    let (site, _) = shanshui::pipeline::load_site(&shanshui::pipeline::BuildOptions::new(repo()))
        .expect("content loads");
    let observations: usize = site.indicators.iter().map(|i| i.observations.len()).sum();
    assert!(observations >= 1200, "only {observations} observations");

    let series = whole_year_series(&site);
    let longest = |by_key: &Series<'_>, city: &str| {
        by_key
            .iter()
            .filter(|((c, _, _), _)| *c == city)
            .map(|(_, years)| years.len())
            .max()
            .unwrap_or(0)
    };
    let deep: Vec<&str> = series
        .iter()
        .filter(|(_, by_key)| by_key.values().any(|years| years.len() >= 5))
        .map(|(id, _)| *id)
        .collect();
    // The floor of issue #22 (EDITING.md 8.8 says where the fifteenth came from).
    assert!(
        deep.len() >= 15,
        "only {} indicators have 5 or more whole years for one place: {deep:?}",
        deep.len()
    );

    let prefectures: Vec<&str> = site
        .cities
        .iter()
        .filter(|c| c.level == shanshui::model::Level::Prefecture)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(prefectures.len(), 11);
    for city in prefectures {
        let lengths: Vec<usize> = series
            .values()
            .map(|by_key| longest(by_key, city))
            .collect();
        let with_series = lengths.iter().filter(|&&n| n >= 2).count();
        let top = lengths.iter().copied().max().unwrap_or(0);
        assert!(
            with_series >= 8 && top >= 10,
            "{city}: {with_series} indicators with 2 or more whole years (8 needed), longest {top} years (10 needed)"
        );
    }
}

/// The strict count keeps apart what a reader must not compare: a part-year figure, another
/// scope, another basis.
#[test]
fn the_strict_count_separates_periods_scopes_and_bases() {
    let (mut site, _) =
        shanshui::pipeline::load_site(&shanshui::pipeline::BuildOptions::new(repo()))
            .expect("content loads");
    let ind = &mut site.indicators[0];
    let template = ind.observations[0].clone();
    let id = ind.id.clone();
    ind.observations = (2001..=2005)
        .map(|year| shanshui::model::Observation {
            city: "shanxi".into(),
            year,
            scope: None,
            months: None,
            note: None,
            basis: None,
            ..template.clone()
        })
        .collect();
    let count = |site: &shanshui::model::Site| {
        whole_year_series(site)[id.as_str()]
            .values()
            .map(BTreeSet::len)
            .max()
    };
    assert_eq!(count(&site), Some(5));
    site.indicators[0].observations[4].months =
        Some(shanshui::model::Months::parse("1-11").unwrap());
    assert_eq!(count(&site), Some(4), "a year to date is not a whole year");
    site.indicators[0].observations[3].scope = Some(shanshui::model::Scope::Part("urban".into()));
    assert_eq!(
        count(&site),
        Some(3),
        "the urban districts are another series"
    );
    site.indicators[0].observations[2].basis = Some(shanshui::model::Basis::DustExcluded);
    assert_eq!(count(&site), Some(2), "another basis is another series");
}

/// The English style decisions of EDITING.md ("English style"): one name per place, one
/// term per measure, no calque for a boiler's rating, 新绛 never bare "Xinjiang".
#[test]
fn english_pages_follow_the_style_decisions() {
    let replaced = [
        ("Qixian", "Qi County"),
        ("Jiexiu city", "Jiexiu"),
        ("Yongji city", "Yongji"),
        ("Hejin city", "Hejin"),
        (
            "tree cover rate",
            "tree planting coverage (林木绿化率) or tree and forest coverage (林木覆盖率)",
        ),
        ("steam tonnes", "rated at N tonnes of steam per hour (t/h)"),
        ("water-rights", "water rights"),
    ];
    let mut texts: Vec<(String, String)> = articles()
        .into_iter()
        .filter(|(n, _)| n.ends_with(".en.md"))
        .collect();
    for file in ["cities.yaml", "topics.yaml", "i18n/en.yaml"] {
        texts.push((file.to_owned(), read(&repo().join("content").join(file))));
    }
    let mut problems = Vec::new();
    for (name, text) in &texts {
        // cities.yaml keeps "Qixian" as a search alias and names it in a comment.
        let prose: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#') && !l.contains("aliases:"))
            .collect::<Vec<_>>()
            .join("\n");
        for (old, new) in replaced {
            if prose.contains(old) {
                problems.push(format!("{name}: `{old}` should read {new}"));
            }
        }
        // The place's own name is plain (it also goes into titles, which cannot mark a
        // language); its page shows 新绛县 beside it. Articles add the Chinese themselves.
        let full = if name == "cities.yaml" {
            "Xinjiang County"
        } else {
            "Xinjiang County (新绛)"
        };
        if prose.matches("Xinjiang").count() > prose.matches(full).count() {
            problems.push(format!("{name}: write 新绛县 as \"{full}\""));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Runs `content/tools/public_data.py` on data made here, against a content folder made
/// here; returns (exit code, stdout + stderr).
fn run_public_data(
    data: &std::path::Path,
    content: &std::path::Path,
    check: bool,
) -> (i32, String) {
    let mut cmd = std::process::Command::new("python3");
    cmd.arg(repo().join("content/tools/public_data.py"))
        .arg(data)
        .arg("--content")
        .arg(content);
    if check {
        cmd.arg("--check");
    }
    let out = cmd.output().expect("python3 runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

/// A year of daily figures for one city whose results are known by hand, and two counties:
/// the script computes HJ 663-2013 figures (mean, percentiles by interpolation, rounding
/// half to even, good days by level), rewrites only its own lines, and a second run
/// changes nothing.
#[test]
fn the_data_set_script_computes_known_figures_and_owns_only_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let content = dir.path().join("content");
    fs::create_dir_all(data.join("cnemc-daily-aqistudy")).unwrap();
    fs::create_dir_all(data.join("co2-county-chen2020")).unwrap();
    fs::create_dir_all(content.join("indicators")).unwrap();
    fs::write(
        content.join("cities.yaml"),
        "- {id: shanxi, zh: 山西省, en: Shanxi, level: province}\n\
         - {id: taiyuan, zh: 太原市, en: Taiyuan, level: prefecture, parent: shanxi}\n\
         - {id: jinzhong, zh: 晋中市, en: Jinzhong, level: prefecture, parent: shanxi}\n\
         - {id: taigu, zh: 太谷区, en: Taigu District, level: county, parent: jinzhong, aliases: [太谷]}\n",
    )
    .unwrap();
    // Day i of 2015 (1..=365): PM2.5 = O3 = i, CO = i / 100; SO2 12.5 and NO2 13.5 every
    // day (half to even: 12 and 14); days 1-200 good (优, then 良), 201-355 light
    // pollution (one printed with AQI 100), 356-365 heavy.
    let mut daily = String::from("\u{feff}");
    let mut day = 0;
    for month in 1..=12u32 {
        let days_in = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month as usize - 1];
        for d in 1..=days_in {
            day += 1;
            let (aqi, level) = match day {
                1..=100 => (40, "优"),
                101..=200 => (80, "良"),
                201 => (100, "轻度污染"),
                202..=355 => (120, "轻度污染"),
                _ => (250, "重度污染"),
            };
            daily.push_str(&format!(
                "太原,2015-{month:02}-{d:02},{aqi},0~0,{level},{day},70,12.5,{},13.5,{day},1\n",
                f64::from(day) / 100.0
            ));
        }
    }
    fs::write(data.join("cnemc-daily-aqistudy/daily-太原.csv"), daily).unwrap();
    let years: Vec<String> = (1997..=2017).map(|y| y.to_string()).collect();
    let row = |code: &str, zh: &str, en: &str, city: &str, value: &str| {
        format!(
            "{code},{zh},{en},{city},X,{}\n",
            vec![value; years.len()].join(",")
        )
    };
    fs::write(
        data.join("co2-county-chen2020/co2-shanxi-counties-1997-2017.csv"),
        format!(
            "distcode,county_zh,county_en,city_zh,city_en,{}\n{}{}{}",
            years.join(","),
            row("140105", "小店区", "Xiaodian", "太原市", "1.234"),
            row("140106", "迎泽区", "Yingze", "太原市", "2.0"),
            row("140726", "太谷县", "Taigu County", "晋中市", "0.125"),
        ),
    )
    .unwrap();
    let foreign =
        "  - {city: taiyuan, year: 2023, value: 41, scope: \"urban\", source: some-bulletin}";
    let stale = "  - {city: taiyuan, year: 2015, value: 1, scope: \"urban\", source: cnemc-aqistudy-daily-2013-2017}";
    for id in [
        "pm25-concentration",
        "pm10-concentration",
        "so2-concentration",
        "no2-concentration",
        "co-concentration",
        "o3-concentration",
        "good-days-ratio",
        "good-days",
        "heavy-pollution-days",
        "aqi-composite",
        "co2-emissions-estimate",
    ] {
        fs::write(
            content.join(format!("indicators/{id}.yaml")),
            format!("id: {id}\nobservations:\n{foreign}\n{stale}\n"),
        )
        .unwrap();
    }

    let (code, out) = run_public_data(&data, &content, false);
    assert_eq!(code, 0, "{out}");
    let read_ind = |id: &str| read(&content.join(format!("indicators/{id}.yaml")));
    let annual = |id: &str| -> String {
        read_ind(id)
            .lines()
            .find(|l| l.contains("year: 2015,") && l.contains("cnemc") && !l.contains("months"))
            .unwrap_or_else(|| panic!("no 2015 figure in {id}"))
            .to_owned()
    };
    for (id, value) in [
        ("pm25-concentration", "value: 183,"), // mean of 1..=365
        ("pm10-concentration", "value: 70,"),
        ("so2-concentration", "value: 12,"), // 12.5 rounds half to even
        ("no2-concentration", "value: 14,"), // 13.5 too
        ("co-concentration", "value: 3.5,"), // k = 346.8: 3.46 + 0.8 × 0.01
        ("o3-concentration", "value: 329,"), // k = 328.6
        ("good-days", "value: 200,"),        // by level: the AQI-100 day is not good
        ("good-days-ratio", "value: 54.8,"),
        ("heavy-pollution-days", "value: 10,"),
        ("aqi-composite", "value: 9.71,"), // 183/35 + 1 + 12/60 + 14/40 + 3.5/4 + 329/160
    ] {
        let line = annual(id);
        assert!(line.contains(value), "{id}: expected {value} in {line}");
        assert!(line.contains("本站根据CNEMC逐日数据计算"), "{line}");
    }
    let pm25 = read_ind("pm25-concentration");
    assert!(
        pm25.contains("year: 2015, months: \"1\", value: 16,"),
        "January: mean of 1..=31\n{pm25}"
    );
    assert!(pm25.contains(foreign), "another source's line is kept");
    assert!(!pm25.contains(stale), "the script's stale line is replaced");
    let co2 = read_ind("co2-emissions-estimate");
    for line in [
        "city: shanxi, year: 2017, value: 3.36,",
        "city: taiyuan, year: 1997, value: 3.23,",
        "city: taigu, year: 2017, value: 0.12,", // 0.125 half to even
    ] {
        assert!(co2.contains(line), "{line} in\n{co2}");
    }

    let before = read_ind("aqi-composite");
    let (code, out) = run_public_data(&data, &content, true);
    assert_eq!(code, 0, "a second run changes nothing: {out}");
    assert_eq!(read_ind("aqi-composite"), before);

    // A row that does not parse stops the run with its file and line, and writes nothing.
    let daily_path = data.join("cnemc-daily-aqistudy/daily-太原.csv");
    let broken = read(&daily_path).replacen(",183,70,", ",n/a,70,", 1);
    fs::write(&daily_path, broken).unwrap();
    let (code, out) = run_public_data(&data, &content, false);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("daily-太原.csv:183:"), "{out}");
    assert_eq!(read_ind("aqi-composite"), before);
}
