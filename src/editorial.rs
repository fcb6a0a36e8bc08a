//! An editor's mistakes answered in plain words: the publishing gate (an imported draft
//! set to publish before it was finished) and "did you mean" hints for ids, dates and
//! YAML. Pure functions on plain inputs; validation calls them and places the messages.
//! The marks import leaves in a draft live here, so import writes what the gate reads.

use crate::cjk::is_han;
use crate::date::dates_in;
use crate::messages::{Said, DID_YOU_MEAN, QUOTE_THE_VALUE, WRITE_DATE_AS, WRITE_THE_ID};

/// Heads the import notes in a draft's front matter (a YAML comment); the gate refuses
/// to publish an article that still holds them.
pub const NOTES_MARK: &str = "导入说明";

/// Starts the title of a draft whose headline import could not find.
pub const PLACEHOLDER_TITLE: &str = "待定标题：";

/// The comment line that heads the import notes: `# ── 导入说明 …`. The words alone, in a
/// title or a summary, are not the notes.
pub fn notes_heading(rest: &str) -> String {
    format!("# ── {NOTES_MARK}{rest}")
}

/// Whether a line of front matter is the heading of the import notes.
pub fn is_notes_heading(line: &str) -> bool {
    line.trim_start().starts_with(&notes_heading(""))
}

/// What the gate finds in an article set to publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateProblem {
    ImportNotes,
    PlaceholderTitle,
    MostlyChinese,
}

impl GateProblem {
    pub fn message(self) -> crate::messages::Said {
        use crate::messages::{GATE_IMPORT_NOTES, GATE_MOSTLY_CHINESE, GATE_PLACEHOLDER_TITLE};
        match self {
            GateProblem::ImportNotes => GATE_IMPORT_NOTES.both(&[("mark", &NOTES_MARK)]),
            GateProblem::PlaceholderTitle => {
                GATE_PLACEHOLDER_TITLE.both(&[("title", &PLACEHOLDER_TITLE)])
            }
            GateProblem::MostlyChinese => GATE_MOSTLY_CHINESE.both(&[]),
        }
    }
}

/// What stops an article that is not a draft from being published: import notes still
/// in its front matter, the title import gives a text without a headline, or an English
/// file that is mostly Chinese. A draft passes: it is not published.
pub fn publishing_gate(
    draft: bool,
    is_english: bool,
    title: &str,
    front_matter: &str,
    body: &str,
) -> Vec<GateProblem> {
    if draft {
        return Vec::new();
    }
    let mut problems = Vec::new();
    if front_matter.lines().any(is_notes_heading) {
        problems.push(GateProblem::ImportNotes);
    }
    if title.trim_start().starts_with(PLACEHOLDER_TITLE) {
        problems.push(GateProblem::PlaceholderTitle);
    }
    if is_english && mostly_chinese(&format!("{title}\n{body}")) {
        problems.push(GateProblem::MostlyChinese);
    }
    problems
}

/// More Chinese characters than English words: English prose has about one word per
/// five letters, Chinese one word per one or two characters.
pub fn mostly_chinese(text: &str) -> bool {
    // By bytes: it reads every English article whole. A Han character takes three or four
    // bytes, none ASCII, so the characters are decoded only where there may be enough.
    // A word starts at a letter after a byte that is not one (each pair compared without a
    // branch, so that the loop is vectorised).
    let bytes = text.as_bytes();
    let other = count_bytes(bytes, |b| b >= 0x80);
    if other / 3 < 20 {
        return false;
    }
    let after = bytes.get(1..).unwrap_or_default();
    let starts = count_pairs(after, bytes, |b, a| {
        b.is_ascii_alphabetic() & !a.is_ascii_alphabetic()
    });
    let words = starts + usize::from(bytes.first().is_some_and(u8::is_ascii_alphabetic));
    if other / 3 <= words * 2 {
        return false;
    }
    let han = text.chars().filter(|&c| !c.is_ascii() && is_han(c)).count();
    han >= 20 && han > words * 2
}

/// How many of `bytes` pass `test`: counted a block at a time in bytes, which the
/// compiler turns into vector instructions (a count in a `usize` per byte it does not).
fn count_bytes(bytes: &[u8], test: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|block| block.iter().fold(0u8, |n, &b| n + u8::from(test(b))) as usize)
        .sum()
}

/// How many pairs of `a` and `b` (side by side, as long as the shorter) pass `test`,
/// counted like [`count_bytes`].
fn count_pairs(a: &[u8], b: &[u8], test: impl Fn(u8, u8) -> bool) -> usize {
    a.chunks(255)
        .zip(b.chunks(255))
        .map(|(x, y)| {
            x.iter()
                .zip(y)
                .fold(0u8, |n, (&p, &q)| n + u8::from(test(p, q))) as usize
        })
        .sum()
}

/// "Did you mean" for an unknown id of a place, topic or indicator. `known` holds each
/// id with its Chinese name. A Chinese name where an id belongs (`太原`, `太原市`) is
/// answered with its id; a misspelt id (`taiyaun`) with the nearest ids.
pub fn did_you_mean(given: &str, known: &[(&str, &str)]) -> Option<Said> {
    let given = given.trim();
    if given.chars().any(is_han) {
        let hit = known.iter().find(|(_, zh)| *zh == given).or_else(|| {
            known
                .iter()
                .find(|(_, zh)| zh.starts_with(given) || given.starts_with(zh))
        })?;
        return Some(WRITE_THE_ID.both(&[("id", &hit.0), ("name", &hit.1)]));
    }
    let lower = given.to_ascii_lowercase();
    let mut near: Vec<(usize, &str)> = known
        .iter()
        .map(|(id, _)| (strsim::damerau_levenshtein(&lower, id), *id))
        .filter(|(d, id)| *d <= 2.max(id.len() / 4) && *d < id.len())
        .collect();
    near.sort();
    let best = near.first()?.0;
    let ids: Vec<String> = near
        .iter()
        .filter(|(d, _)| *d == best)
        .map(|(_, id)| format!("`{id}`"))
        .collect();
    Some(DID_YOU_MEAN.both(&[("ids", &ids.join(" / "))]))
}

/// A date written the Chinese way, answered with how to write it: `2025年3月` → `write
/// 2025-03`. None when the value is not a date at all.
pub fn date_hint(value: &str) -> Option<Said> {
    let found = dates_in(value);
    let first = found.first()?;
    let date = first.partial()?;
    (date.to_string() != value.trim()).then(|| WRITE_DATE_AS.both(&[("date", &date)]))
}

/// A comma inside a value of a `{…}` mapping on a YAML line (`{name: 张三, role: 局长,
/// 主任}`) splits the value: answered with the value to quote.
pub fn yaml_comma_hint(line: &str) -> Option<Said> {
    let open = line.find('{')?;
    let close = line.rfind('}')?;
    let inner = line.get(open + 1..close)?;
    let parts: Vec<&str> = inner.split([',', '，']).collect();
    let stray = parts
        .iter()
        .position(|p| !p.contains(':') && !p.trim().is_empty())?;
    let start = parts[..stray].iter().rposition(|p| p.contains(':'))?;
    let (key, first) = parts[start].split_once(':')?;
    let mut value = first.trim().to_owned();
    for p in &parts[start + 1..] {
        if p.contains(':') {
            break;
        }
        value.push_str(", ");
        value.push_str(p.trim());
    }
    Some(QUOTE_THE_VALUE.both(&[("key", &key.trim()), ("value", &value)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_counts_are_the_plain_counts() {
        // Lengths around the 255-byte blocks, of text mixing letters, spaces and Chinese.
        let text = "Fen River 汾河 flows, 山西 Shanxi. ".repeat(40);
        for len in [0, 1, 2, 254, 255, 256, 509, 510, 511, 766, text.len()] {
            let bytes = &text.as_bytes()[..len];
            let plain = bytes.iter().filter(|&&b| b >= 0x80).count();
            assert_eq!(count_bytes(bytes, |b| b >= 0x80), plain, "{len}");
            let after = bytes.get(1..).unwrap_or_default();
            let starts = |b: u8, a: u8| b.is_ascii_alphabetic() && !a.is_ascii_alphabetic();
            let plain = after
                .iter()
                .zip(bytes)
                .filter(|(&b, &a)| starts(b, a))
                .count();
            assert_eq!(count_pairs(after, bytes, starts), plain, "{len}");
        }
    }

    #[test]
    fn mostly_chinese_weighs_han_characters_against_english_words() {
        let han20 = "太原市生态环境局召开会议部署今年大气污染";
        assert!(mostly_chinese(han20));
        assert!(!mostly_chinese(&han20[3..]), "19 characters are too few");
        // Nine words (however they are cut: digits, apostrophes, accents) against 20.
        let nine = "PM2.5 don't café-bar x1y x z";
        assert!(mostly_chinese(&format!("{nine} {han20}")));
        assert!(!mostly_chinese(&format!("{nine} ten {han20}")));
        assert!(!mostly_chinese("English text only."));
    }

    #[test]
    fn the_gate_stops_unfinished_imports_but_not_drafts() {
        let notes = format!("title: x\n{}\n", notes_heading("（以 # 开头的行不会显示）"));
        assert!(publishing_gate(true, false, "待定标题：会议", &notes, "正文").is_empty());
        let problems = publishing_gate(false, false, "待定标题：会议强调", &notes, "正文");
        use GateProblem::*;
        assert_eq!(problems, [ImportNotes, PlaceholderTitle]);
        let chinese = "太原市生态环境局召开会议，部署今年大气污染防治工作，要求各县区压实责任。";
        let problems = publishing_gate(false, true, "Taiyuan meeting", "title: x\n", chinese);
        assert_eq!(problems, [MostlyChinese]);
        let english = "Taiyuan's environment bureau met to plan this year's work on air pollution (大气污染防治).";
        assert!(publishing_gate(false, true, "Taiyuan", "title: x\n", english).is_empty());
        assert!(publishing_gate(false, false, "扬尘治理再加码", "title: x\n", chinese).is_empty());
    }

    #[test]
    fn the_words_import_notes_outside_the_notes_heading_pass_the_gate() {
        // An article about import notes may name them in its title or summary.
        for front in [
            "title: 导入说明怎样写\n",
            "summary: \"编辑删去了导入说明。\"\n",
            "title: x # 导入说明\n",
            "# 这里不是导入说明的标题\n",
        ] {
            assert!(
                publishing_gate(false, false, "x", front, "正文").is_empty(),
                "{front}"
            );
        }
        assert!(is_notes_heading("  # ── 导入说明 ──"));
    }

    #[test]
    fn unknown_ids_get_the_nearest_or_the_id_of_a_chinese_name() {
        let known = [
            ("taiyuan", "太原市"),
            ("datong", "大同市"),
            ("yuncheng", "运城市"),
            ("air", "空气"),
        ];
        assert!(did_you_mean("taiyaun", &known).is_some_and(|m| m.en.contains("`taiyuan`")));
        assert!(did_you_mean("太原", &known).is_some_and(|m| m.en.contains("`taiyuan`")));
        assert!(did_you_mean("太原市", &known).is_some_and(|m| m.en.contains("`taiyuan`")));
        assert!(did_you_mean("空气", &known).is_some_and(|m| m.en.contains("`air`")));
        assert_eq!(did_you_mean("beijing", &known), None);
        assert_eq!(did_you_mean("北京", &known), None);
    }

    #[test]
    fn chinese_dates_are_answered_with_how_to_write_them() {
        assert!(date_hint("2025年3月").is_some_and(|m| m.en.contains("write 2025-03")));
        assert!(date_hint("2025年3月5日").is_some_and(|m| m.en.contains("write 2025-03-05")));
        assert!(date_hint("2025/3/5").is_some_and(|m| m.en.contains("write 2025-03-05")));
        assert_eq!(date_hint("2025-03"), None);
        assert_eq!(date_hint("三月"), None);
    }

    #[test]
    fn a_comma_inside_braces_is_answered_with_quote_the_value() {
        let hint = yaml_comma_hint("  - {name: 裴国欣, role: 科长, 主任}");
        let hint = hint.expect("a hint");
        assert_eq!(hint.en, "quote the value: role: \"科长, 主任\"");
        assert_eq!(
            hint.zh.as_deref(),
            Some("值里有逗号，请加引号：role: \"科长, 主任\"")
        );
        assert_eq!(yaml_comma_hint("  - {name: 裴国欣, role: 科长}"), None);
        assert_eq!(yaml_comma_hint("title: 标题"), None);
    }
}
