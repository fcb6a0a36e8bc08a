//! The desk's figure picker: the figures an article's text gives (import's figure
//! hints), the indicators to put one in, what an indicator already records for a place
//! and period, and one figure added as an observation. The figure goes through the same
//! path as `import` of a table with `--write` (`import::record`): a one-row table of the
//! place's Chinese name and the value, planned, checked as `check` would (a duplicate or
//! a conflicting value refused with both sources) and written atomically.

use crate::import::{record, table::Table, tag, Registry};
use crate::load::raw::{RawIndicator, RawScalar, RawScope, RawUnit};
use crate::load::{self, RawContent};
use crate::model::Months;
use serde::Deserialize;
use serde_json::{json, Value};
use std::path::Path;

/// A refusal: the HTTP status and what to tell the editor.
pub type Refusal = (u16, String);

/// The figures of a body, as `import` and `translate` find them, in its text without
/// the Markdown marks import writes around figures and before punctuation.
pub fn hints(body: &str, registry: &Registry) -> Value {
    let text = body.replace("**", "").replace('\\', "");
    let chars: Vec<char> = text.chars().collect();
    let facts: Vec<Value> = tag::facts(&text)
        .into_iter()
        .map(|f| {
            let place = place_before(&f.sentence, &f.value, registry);
            let (year, months) = period_before(&paragraph_before(&chars, f.at));
            json!({
                "value": f.value, "unit": f.unit, "sentence": f.sentence, "city": place,
                "year": year, "months": months,
            })
        })
        .collect();
    Value::Array(facts)
}

/// The text of the paragraph that holds the character at `at`, up to it: at most the
/// 300 characters before it (a period named further back hardly applies, and a huge
/// paragraph full of figures stays linear).
fn paragraph_before(chars: &[char], at: usize) -> Vec<char> {
    let at = at.min(chars.len());
    let from = at.saturating_sub(300);
    let start = chars[from..at]
        .windows(2)
        .rposition(|w| w == ['\n', '\n'])
        .map_or(from, |p| from + p + 2);
    chars[start..at].to_vec()
}

/// The period a figure is most likely of, from what its paragraph says before it: the
/// year named last (not one compared with: `较2024年`, `2024年同期`) and the months named
/// last after that year (`1-10月`, `上半年`, `一季度`; none for `全年`, nor for a day such as
/// `3月26日`). Either may be missing: the desk then takes the article's year, the whole year.
fn period_before(text: &[char]) -> (Option<i32>, Option<String>) {
    // The whole year, or a part of it named in words (import's table of them).
    let named = std::iter::once(("全年", None))
        .chain(record::NAMED_MONTHS.iter().map(|&(w, m)| (w, Some(m))));
    let named: Vec<(&str, Option<&str>)> = named.collect();
    let chars: Vec<char> = text.iter().map(|&c| record::period_char(c)).collect();
    let at = |i: usize| chars.get(i).copied();
    let digits = |i: usize| {
        chars
            .get(i..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    let starts = |i: usize, word: &str| word.chars().enumerate().all(|(k, w)| at(i + k) == Some(w));
    let number = |i: usize, n: usize| chars[i..i + n].iter().collect::<String>();
    let (mut year, mut months) = (None, None);
    let mut i = 0;
    while i < chars.len() {
        let n = digits(i);
        if n == 0
            || i.checked_sub(1)
                .and_then(at)
                .is_some_and(|c| c.is_ascii_digit())
        {
            let word = if at(i) == Some('第') { i + 1 } else { i };
            match named.iter().find(|(w, _)| starts(word, w)) {
                Some((w, named)) => {
                    months = named.map(str::to_owned);
                    i = word + w.chars().count();
                }
                None => i += 1,
            }
            continue;
        }
        let compared = i
            .checked_sub(1)
            .and_then(at)
            .is_some_and(|c| "比较与同于".contains(c));
        if n == 4 && at(i + 4) == Some('年') && !compared && !starts(i + 5, "同期") {
            year = number(i, 4).parse().ok();
            months = None;
        } else if n <= 2 {
            // `10月`, `1-10月`, `10月份`; the end of a span has one or two digits.
            let m = if at(i + n) == Some('-') {
                digits(i + n + 1)
            } else {
                0
            };
            let end = if (1..=2).contains(&m) {
                i + n + 1 + m
            } else {
                i + n
            };
            let day_follows = at(end + 1).is_some_and(|c| c.is_ascii_digit());
            if at(end) == Some('月') && !day_follows {
                months = Some(match end - (i + n) {
                    0 => number(i, n),
                    _ => format!("{}-{}", number(i, n), number(i + n + 1, m)),
                });
                // Past the span's end, which is not a month of its own.
                i = end;
                continue;
            }
        }
        i += n;
    }
    (year, months)
}

/// The place a figure is most likely of: the one named last before it in its sentence
/// (`…依次为忻州（56.8%）` is 忻州's), else the first named after it; none when the
/// sentence names no place.
fn place_before(sentence: &str, value: &str, registry: &Registry) -> Option<String> {
    let at = sentence.find(value).unwrap_or(sentence.len());
    let (before, after) = sentence.split_at(at);
    let named = |text: &str, last: bool| {
        registry
            .cities
            .iter()
            .flat_map(|c| {
                c.names
                    .iter()
                    .filter(|n| !n.is_empty())
                    .map(move |n| (c, n))
            })
            .filter_map(|(c, n)| {
                let found = if last {
                    text.rfind(n.as_str())
                } else {
                    text.find(n.as_str())
                };
                // The end of the name, so that 晋中市 wins over 晋中 at the same place.
                found.map(|i| (i + n.len(), c.id.clone()))
            })
            .max_by_key(|(end, _)| if last { *end as i64 } else { -(*end as i64) })
            .map(|(_, id)| id)
    };
    named(before, true).or_else(|| named(after, false))
}

/// The indicators by id with their Chinese names and units, for the picker.
pub fn indicators(content: &RawContent) -> Value {
    let list: Vec<Value> = content
        .indicators
        .iter()
        .map(|i| json!({ "id": i.value.id, "zh": i.value.name.zh, "unit": unit_zh(&i.value) }))
        .collect();
    Value::Array(list)
}

fn unit_zh(indicator: &RawIndicator) -> &str {
    match &indicator.unit {
        RawUnit::Same(u) => u,
        RawUnit::PerLanguage(b) => &b.zh,
    }
}

/// What the figure picker sends.
#[derive(Debug, Deserialize)]
pub struct Figure {
    pub indicator: String,
    pub city: String,
    /// `2025`, `2025:1-7` or as Chinese prints it (`2025年1—7月`).
    pub period: String,
    pub scope: String,
    pub unit: String,
    pub value: String,
}

/// The observations `indicator` holds for `city` in `period`, any scope or source.
pub fn recorded(content: &RawContent, indicator: &str, city: &str, period: &str) -> Value {
    let Some((year, months)) = record::parse_period(period) else {
        return json!([]);
    };
    let months = months.and_then(|m| Months::parse(&m).ok());
    let found: Vec<Value> = content
        .indicators
        .iter()
        .filter(|i| i.value.id == indicator)
        .flat_map(|i| &i.value.observations)
        .filter(|o| {
            let theirs = o.months.as_ref().and_then(|m| {
                let text = match m {
                    RawScalar::Int(i) => i.to_string(),
                    RawScalar::Text(t) => t.clone(),
                };
                Months::parse(&text).ok()
            });
            o.city == city && o.year == i64::from(year) && theirs == months
        })
        .map(|o| {
            let scope = match &o.scope {
                Some(RawScope::Key(k)) => k.clone(),
                Some(RawScope::Named(b)) => b.zh.clone(),
                None => String::new(),
            };
            json!({ "value": o.value, "scope": scope, "source": o.source })
        })
        .collect();
    Value::Array(found)
}

/// Adds `figure` to its indicator's file with the article `source` as its source.
/// Returns the line written.
pub fn observe(root: &Path, source: &str, figure: &Figure) -> Result<Value, Refusal> {
    let refuse = |lines: Vec<String>| (422, lines.join("\n") + "\n");
    let (content, _) = load::load(&root.join("content"));
    let Some(city) = content
        .cities
        .as_ref()
        .and_then(|c| c.value.iter().find(|c| c.id == figure.city))
    else {
        return Err(refuse(vec![format!(
            "未知地区 / unknown place: {}",
            figure.city
        )]));
    };
    // The column is headed by the indicator's own name, so that the table reader takes it
    // as that indicator's figures (a rank's column must read as a rank).
    let header = content
        .indicators
        .iter()
        .find(|i| i.value.id == figure.indicator)
        .map_or_else(|| "数值".to_owned(), |i| i.value.name.zh.clone());
    let table = Table {
        caption: String::new(),
        rows: vec![
            vec!["地区".to_owned(), header],
            vec![city.zh.clone(), figure.value.trim().to_owned()],
        ],
    };
    let request = record::Request {
        indicator: Some(figure.indicator.clone()),
        period: Some(figure.period.clone()),
        scope: (!figure.scope.trim().is_empty()).then(|| figure.scope.trim().to_owned()),
        unit: (!figure.unit.trim().is_empty()).then(|| figure.unit.trim().to_owned()),
        source: Some(source.to_owned()),
        ..record::Request::default()
    };
    let plan = record::plan(std::slice::from_ref(&table), &content, &request).map_err(refuse)?;
    let problems = record::problems(&plan, &content);
    if !problems.is_empty() {
        // Paths from the portal's folder (the message names the other observation's
        // place too), as `check` run there prints them.
        let folder = format!("{}{}", root.display(), std::path::MAIN_SEPARATOR);
        let shown = problems.iter().map(|d| d.to_string().replace(&folder, ""));
        return Err(refuse(shown.collect()));
    }
    record::write(&plan).map_err(|e| (409, e + "\n"))?;
    let lines: Vec<&str> = plan.rows.iter().map(|r| r.line.as_str()).collect();
    Ok(json!({ "indicator": plan.indicator, "lines": lines }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_recorded_is_of_that_indicator_place_and_period_only() {
        let (content, _) = load::load(Path::new("tests/fixtures/demo/content"));
        let found = recorded(&content, "good-days-ratio", "jinzhong", "2024");
        assert_eq!(
            found,
            json!([{ "value": 66.9, "scope": "urban", "source": "air-2025" }])
        );
        // As Chinese prints the period, too.
        assert_eq!(
            recorded(&content, "good-days-ratio", "jinzhong", "2024年"),
            found
        );
        for (indicator, city, period) in [
            ("good-days-ratio", "jinzhong", "2024:1-7"),
            ("good-days-ratio", "jinzhong", "2022"),
            ("good-days-ratio", "taiyuan", "2024"),
            ("no-such-indicator", "jinzhong", "2024"),
            ("good-days-ratio", "jinzhong", "not a period"),
        ] {
            assert_eq!(
                recorded(&content, indicator, city, period),
                json!([]),
                "{indicator} {city} {period}"
            );
        }
    }

    #[test]
    fn a_rank_is_recorded_into_a_rank_indicator() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path();
        let demo = Path::new("tests/fixtures/demo");
        for entry in walkdir::WalkDir::new(demo).into_iter().flatten() {
            let to = root.join(entry.path().strip_prefix(demo).expect("inside"));
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).expect("dir");
            } else {
                std::fs::copy(entry.path(), &to).expect("copy");
            }
        }
        std::fs::write(
            root.join("content/indicators/air-rank.yaml"),
            "id: air-rank\nname: {zh: \"空气质量排名\", en: \"Air quality rank\"}\nunit: {zh: \"名\", en: \"rank\"}\nbetter: lower\nscale: rank\ntopics: [air]\ndefinition: {zh: 排名。, en: A rank.}\nobservations: []\n",
        )
        .expect("write");
        let figure = Figure {
            indicator: "air-rank".into(),
            city: "jinzhong".into(),
            period: "2025:2".into(),
            scope: String::new(),
            unit: "名".into(),
            value: "3".into(),
        };
        // No scope: refused, nothing written (not `scope: ""`, which check refuses).
        assert!(observe(root, "air-2025", &figure).is_err());
        let figure = Figure {
            scope: "city".into(),
            ..figure
        };
        let written = observe(root, "air-2025", &figure).expect("recorded");
        assert_eq!(written["indicator"], "air-rank", "{written}");
        let file =
            std::fs::read_to_string(root.join("content/indicators/air-rank.yaml")).expect("read");
        assert!(
            file.contains("city: jinzhong") && file.contains("value: 3"),
            "{file}"
        );
    }

    #[test]
    fn a_figure_is_of_the_place_named_last_before_it() {
        let place = |id: &str, names: &[&str]| crate::import::CityNames {
            id: id.into(),
            zh: names[0].into(),
            level: "prefecture".into(),
            names: names.iter().map(|n| (*n).to_owned()).collect(),
        };
        let registry = Registry {
            cities: vec![
                place("datong", &["大同市", "大同"]),
                place("xinzhou", &["忻州市", "忻州"]),
                place("taiyuan", &["太原市", "太原"]),
            ],
            topics: vec![],
        };
        let sentence = "大同最好；上升最多的依次为忻州（56.8%）、太原（53.0%）。";
        assert_eq!(
            place_before(sentence, "56.8", &registry).as_deref(),
            Some("xinzhou")
        );
        assert_eq!(
            place_before(sentence, "53.0", &registry).as_deref(),
            Some("taiyuan")
        );
        assert_eq!(
            place_before("增幅为12.5%，居太原市首位。", "12.5", &registry).as_deref(),
            Some("taiyuan")
        );
        assert_eq!(place_before("全省为36微克。", "36", &registry), None);
    }

    #[test]
    fn a_figure_s_period_is_the_one_its_paragraph_names_before_it() {
        // (figure, year, months) as a reader of the paragraph would record them.
        let body = "2025年1-10月，全省PM2.5平均浓度为33微克/立方米。\
1—10月，全省优良天数比例为70.1%，较2024年同期下降1.2个百分点。\n\n\
2024年全年，太原市PM2.5浓度为40微克/立方米，比2020年下降12%。\n\n\
3月26日，省生态环境厅通报：一季度全省优良天数比例为75.3%；第三季度为80.5%。\n\n\
2025年10月份，水质优良断面比例为66.0%。\n\n\
全省达标率为90.2%。2023年为88.1%；2024年1至6月为12.5%，12月为8%。\n\n\
２０２５年１～３月，降尘量为6.6吨。";
        let want: [(&str, Option<i64>, Option<&str>); 13] = [
            ("33", Some(2025), Some("1-10")),
            ("70.1", Some(2025), Some("1-10")),
            ("1.2", Some(2025), Some("1-10")),
            ("40", Some(2024), None),
            ("12", Some(2024), None),
            ("75.3", None, Some("1-3")),
            ("80.5", None, Some("7-9")),
            ("66.0", Some(2025), Some("10")),
            ("90.2", None, None),
            ("88.1", Some(2023), None),
            ("12.5", Some(2024), Some("1-6")),
            ("8", Some(2024), Some("12")),
            ("6.6", Some(2025), Some("1-3")),
        ];
        let found = hints(body, &Registry::default());
        let got: Vec<(String, Option<i64>, Option<String>)> = found
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| {
                (
                    f["value"].as_str().unwrap_or_default().to_owned(),
                    f["year"].as_i64(),
                    f["months"].as_str().map(str::to_owned),
                )
            })
            .collect();
        let want: Vec<(String, Option<i64>, Option<String>)> = want
            .iter()
            .map(|(v, y, m)| ((*v).to_owned(), *y, m.map(str::to_owned)))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_long_paragraph_full_of_figures_is_read_in_linear_time() {
        let body = "2025年1-10月，".to_owned() + &"比例为66.9%，".repeat(40_000);
        let found = hints(&body, &Registry::default());
        assert_eq!(found.as_array().map(Vec::len), Some(40_000));
        // Only the last 300 characters before a figure are read: the first figures have
        // the period, the last ones are too far from it.
        assert_eq!(found[0]["months"], "1-10");
        assert!(found[39_999]["months"].is_null());
    }

    #[test]
    fn hints_read_the_text_without_import_s_marks() {
        let found = hints(
            "优良天数比例为**66.9%**，同比提高6.7个百分点\\。",
            &Registry::default(),
        );
        let values: Vec<&str> = found
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["value"].as_str())
            .collect();
        assert_eq!(values, ["66.9", "6.7"]);
        assert!(!found.to_string().contains("**"));
    }
}
