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

/// What makes two whole-year figures of one place and scope incomparable. Until every
/// observation carries a basis of its own, a note saying that a figure excludes
/// sand-and-dust days (扣除沙尘) marks that basis, as `content/tools/count.py` reads it.
fn basis(obs: &shanshui::model::Observation) -> &'static str {
    match &obs.note {
        Some(note) if note.zh.contains("扣除沙尘") => "excluding-sand-dust",
        _ => "as-reported",
    }
}

/// Whole years of each series: indicator → (place, scope, basis) → years. Months and
/// years to date are left out, as a reader compares whole years.
fn whole_year_series(
    site: &shanshui::model::Site,
) -> BTreeMap<&str, BTreeMap<(&str, &str, &str), BTreeSet<i32>>> {
    let mut out: BTreeMap<&str, BTreeMap<_, BTreeSet<i32>>> = BTreeMap::new();
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
    let longest = |by_key: &BTreeMap<(&str, &str, &str), BTreeSet<i32>>, city: &str| {
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
    // Issue #22 asks for 15; the public data sets and the stored pages give 13 (EDITING.md,
    // section 8.5, lists what is missing). The floor keeps what holds from slipping back.
    assert!(
        deep.len() >= 13,
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
    site.indicators[0].observations[2].note = Some(shanshui::model::Bilingual {
        zh: "扣除沙尘异常超标天后".into(),
        en: "excluding sand and dust".into(),
    });
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
