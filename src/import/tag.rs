//! Tagging: places and topics from the registries' names, aliases and keywords, and
//! the numeric facts an editor may turn into indicator observations.

use super::{Fact, Registry};

/// Counts of each place named in `text`, most named first (ties in registry order).
/// Names and aliases are matched longest first without overlap, so 晋中市 counts once
/// and not again as 晋中.
pub fn cities(text: &str, registry: &Registry) -> Vec<(String, usize)> {
    let mut needles: Vec<(&str, usize)> = registry
        .cities
        .iter()
        .enumerate()
        .flat_map(|(i, c)| c.names.iter().map(move |n| (n.as_str(), i)))
        .filter(|(n, _)| !n.is_empty())
        .collect();
    needles.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
    let mut counts = vec![0usize; registry.cities.len()];
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match needles.iter().find(|(n, _)| rest.starts_with(n)) {
            Some((n, i)) => {
                // A short name followed by a landform word is a mountain's name
                // (`吕梁山`, `五台山`), not the place named after it.
                let after = &rest[n.len()..];
                let official = n.ends_with(['市', '县', '区', '省']);
                if official || !after.starts_with(['山', '岭', '峰']) {
                    counts[*i] += 1;
                }
                rest = after;
            }
            None => rest = &rest[c.len_utf8()..],
        }
    }
    let mut found: Vec<(usize, usize)> = counts
        .into_iter()
        .enumerate()
        .filter(|(_, n)| *n > 0)
        .collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    found
        .into_iter()
        .map(|(i, n)| (registry.cities[i].id.clone(), n))
        .collect()
}

/// Topics by the number of their keywords in `text`: the most named one, and every
/// other named at least twice and at least a fifth as often; most named first, except
/// `policy`, the umbrella topic, which goes last when others are found.
pub fn topics(text: &str, registry: &Registry) -> Vec<(String, usize)> {
    let mut scored: Vec<(usize, usize)> = registry
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let hits = t
                .keywords
                .iter()
                .filter(|k| !k.is_empty())
                .map(|k| text.matches(k.as_str()).count())
                .sum();
            (i, hits)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let top = scored.first().map_or(0, |s| s.1);
    let mut chosen: Vec<(String, usize)> = scored
        .into_iter()
        .filter(|(_, n)| *n == top || (*n >= 2 && n * 5 >= top))
        .map(|(i, n)| (registry.topics[i].id.clone(), n))
        .collect();
    chosen.sort_by_key(|(id, _)| id == "policy");
    chosen
}

/// Units a figure may carry, longest first where one is the start of another.
const UNITS: [&str; 45] = [
    "个百分点",
    "百分点",
    "微克/立方米",
    "μg/m³",
    "蒸吨/小时",
    "万立方米",
    "立方米",
    "万千瓦",
    "千瓦",
    "兆瓦",
    "万亩",
    "亩",
    "万株",
    "株",
    "公顷",
    "平方公里",
    "公里",
    "千米",
    "万吨",
    "吨",
    "亿元",
    "万元",
    "元",
    "万户",
    "户",
    "万人次",
    "人次",
    "万人",
    "天",
    "项",
    "个",
    "家",
    "台",
    "辆",
    "座",
    "件",
    "起",
    "场",
    "所",
    "条",
    "处",
    "倍",
    "%",
    "‰",
    "℃",
];

/// Numbers with their unit, and decimals without one (an index such as 4.35), with the
/// sentence they stand in. Years (2025年), dates (3月26日) and numbers inside names
/// (PM2.5, 339通道) are left out: the first two carry no unit here, the last follow a
/// Latin letter or carry none.
pub fn facts(text: &str) -> Vec<Fact> {
    let chars: Vec<char> = text.chars().collect();
    let mut facts = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit()
            && i.checked_sub(1).is_none_or(|p| {
                let c = chars[p];
                !(c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '/')
            });
        if !starts {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < chars.len()
            && (chars[end].is_ascii_digit()
                || (chars[end] == '.' && chars.get(end + 1).is_some_and(char::is_ascii_digit)))
        {
            end += 1;
        }
        let value: String = chars[i..end].iter().collect();
        let after: String = chars[end..].iter().take(8).collect();
        let after = after.trim_start();
        let unit = UNITS.iter().find(|u| after.starts_with(*u)).copied();
        let letter_follows = after.starts_with(|c: char| c.is_ascii_alphabetic());
        let keep = match unit {
            Some(_) => true,
            None => value.contains('.') && !letter_follows,
        };
        if keep {
            facts.push(Fact {
                value,
                unit: unit.unwrap_or("").to_owned(),
                sentence: sentence_around(&chars, i),
                at: i,
                recorded: Vec::new(),
            });
        }
        i = end.max(i + 1);
    }
    facts
}

/// The sentence (between 。！？；) holding the character at `at`, at most 90 characters
/// around it.
fn sentence_around(chars: &[char], at: usize) -> String {
    let stop = |c: &char| "。！？；\n".contains(*c);
    // A stop is looked for only as far as it can matter (what is shown is cut to 90
    // characters around `at`), so that a long text without stops is read in linear time.
    const REACH: usize = 200;
    let near = at.saturating_sub(REACH);
    let start = chars[near..at]
        .iter()
        .rposition(stop)
        .map_or(near, |p| near + p + 1);
    let far = (at + REACH).min(chars.len());
    let end = chars[at..far]
        .iter()
        .position(stop)
        .map_or(far, |p| at + p + 1);
    let (mut from, mut to) = (start, end);
    if to - from > 90 {
        from = at.saturating_sub(40).max(start);
        to = (from + 90).min(end);
    }
    let mut s: String = chars[from..to].iter().collect();
    if from > start {
        s.insert(0, '…');
    }
    if to < end {
        s.push('…');
    }
    s.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{CityNames, TopicWords};

    fn registry() -> Registry {
        let city = |id: &str, names: &[&str], level: &str| CityNames {
            id: id.into(),
            zh: names[0].into(),
            level: level.into(),
            names: names.iter().map(|s| s.to_string()).collect(),
        };
        Registry {
            cities: vec![
                city("shanxi", &["山西省", "山西"], "province"),
                city("jinzhong", &["晋中市", "晋中"], "prefecture"),
                city("jiexiu", &["介休市", "介休"], "county"),
                city("yuncheng", &["运城市", "运城", "河东"], "prefecture"),
            ],
            topics: vec![
                TopicWords {
                    id: "air".into(),
                    zh: "空气".into(),
                    keywords: vec!["空气".into(), "扬尘".into(), "PM2.5".into()],
                },
                TopicWords {
                    id: "water".into(),
                    zh: "水".into(),
                    keywords: vec!["水质".into(), "断面".into()],
                },
            ],
        }
    }

    #[test]
    fn places_are_counted_once_per_mention_longest_name_first() {
        let found = cities("晋中市的介休、晋中，运城市河东大地，晋中", &registry());
        assert_eq!(
            found,
            [
                ("jinzhong".to_string(), 3),
                ("yuncheng".to_string(), 2),
                ("jiexiu".to_string(), 1)
            ]
        );
    }

    #[test]
    fn topics_need_two_mentions_unless_they_lead() {
        let r = registry();
        assert_eq!(
            topics("扬尘污染，空气质量，水质", &r),
            [("air".to_string(), 2)]
        );
        assert_eq!(topics("断面水质达标，空气", &r).len(), 1);
        assert_eq!(topics("断面水质，扬尘空气", &r).len(), 2);
        // A topic named twice beside one named ten times is a passing mention.
        assert_eq!(
            topics(&format!("{}断面水质", "空气".repeat(11)), &r).len(),
            1
        );
        assert!(topics("会议召开", &r).is_empty());
    }

    #[test]
    fn facts_are_numbers_with_units_and_their_sentence() {
        let f = facts("2024年，市城区优良天数比例为66.9%，同比增加6.7个百分点。指数4.35，PM2.5下降，3月26日召开，339通道。");
        let values: Vec<(&str, &str)> = f
            .iter()
            .map(|f| (f.value.as_str(), f.unit.as_str()))
            .collect();
        assert_eq!(values, [("66.9", "%"), ("6.7", "个百分点"), ("4.35", "")]);
        assert_eq!(
            f[0].sentence,
            "2024年，市城区优良天数比例为66.9%，同比增加6.7个百分点。"
        );
    }

    #[test]
    fn long_sentences_are_cut_around_the_figure() {
        let long = format!("{}完成造林24.04万亩{}。", "很".repeat(80), "长".repeat(80));
        let f = facts(&long);
        assert_eq!(f.len(), 1);
        assert!(f[0].sentence.contains("24.04万亩"));
        assert!(f[0].sentence.chars().count() <= 92);
    }
}
