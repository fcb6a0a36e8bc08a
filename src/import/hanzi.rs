//! Which characters the text is written in: traditional characters turned into
//! simplified ones for the Chinese portal, and the debris of broken converters repaired.

use crate::cjk::is_han;
use std::sync::OnceLock;

/// OpenCC's traditional → simplified conversion (phrases first, then characters), built
/// once: loading its dictionaries takes a few milliseconds.
fn t2s() -> Option<&'static ferrous_opencc::OpenCC> {
    static CONVERTER: OnceLock<Option<ferrous_opencc::OpenCC>> = OnceLock::new();
    CONVERTER
        .get_or_init(|| {
            ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s).ok()
        })
        .as_ref()
}

/// What [`simplify`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    /// Characters that have a different simplified form.
    pub traditional: usize,
    pub han: usize,
    /// The text in simplified characters (the text itself when it has none to convert).
    pub simplified: String,
}

impl Script {
    /// Written in traditional characters: a fair share of them, not one variant in a
    /// simplified text (`乾`, `著` also stand in simplified text).
    pub fn is_traditional(&self) -> bool {
        self.traditional >= 3 && self.traditional * 20 >= self.han
    }
}

pub fn simplify(text: &str) -> Script {
    let simplified = t2s().map_or_else(|| text.to_owned(), |c| c.convert(text));
    let han = text.chars().filter(|&c| is_han(c)).count();
    let traditional = text
        .chars()
        .zip(simplified.chars())
        .filter(|(a, b)| a != b)
        .count();
    Script {
        traditional,
        han,
        simplified,
    }
}

/// Removes the pinyin a broken converter put after characters: `發(fā)展` → `發展`,
/// `據（jù）` → `據`. Only brackets holding one syllable with a tone mark (or a tone
/// digit) right after a Han character are taken. Returns the text and how many were
/// removed.
pub fn strip_pinyin_brackets(text: &str) -> (String, usize) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '(' | '（') && i > 0 && is_han(chars[i - 1]) {
            let close = chars[i + 1..]
                .iter()
                .take(8)
                .position(|&x| matches!(x, ')' | '）'))
                .map(|p| i + 1 + p);
            if let Some(close) = close {
                let inner: String = chars[i + 1..close].iter().collect();
                if is_pinyin_syllable(&inner) {
                    count += 1;
                    i = close + 1;
                    continue;
                }
            }
        }
        out.push(c);
        i += 1;
    }
    (out, count)
}

/// `fā`, `jù`, `lv4`, `zhuang`: letters of pinyin with a tone (mark or digit), so that
/// English words in brackets (`(PM)`, `(km)`) are left alone.
fn is_pinyin_syllable(s: &str) -> bool {
    const MARKED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü";
    let n = s.chars().count();
    if !(1..=7).contains(&n) {
        return false;
    }
    let letters = s.trim_end_matches(['1', '2', '3', '4', '5']);
    let has_tone = letters.len() < s.len() || s.chars().any(|c| MARKED.contains(c));
    has_tone
        && !letters.is_empty()
        && letters
            .chars()
            .all(|c| c.is_ascii_lowercase() || MARKED.contains(c))
        && letters
            .chars()
            .any(|c| "aeiouv".contains(c) || MARKED.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_text_is_found_and_simplified() {
        let s = simplify("太原市環境質量持續改善，空氣優良天數增加。");
        assert!(s.is_traditional(), "{s:?}");
        assert_eq!(s.simplified, "太原市环境质量持续改善，空气优良天数增加。");
        // Phrases first: one traditional form of several simplified ones comes out right.
        assert_eq!(
            simplify("頭髮乾淨，乾隆年間").simplified,
            "头发干净，乾隆年间"
        );
        let s = simplify("太原市环境质量持续改善，空气优良天数增加。");
        assert!(!s.is_traditional());
        assert_eq!(s.traditional, 0);
    }

    #[test]
    fn pinyin_in_brackets_after_a_character_is_removed() {
        assert_eq!(
            strip_pinyin_brackets("據(jù)統(tǒng)計，發（fā）展"),
            ("據統計，發展".to_owned(), 3)
        );
        assert_eq!(
            strip_pinyin_brackets("细颗粒物(PM2.5)和(记者 王梅)、臭氧(O3)"),
            ("细颗粒物(PM2.5)和(记者 王梅)、臭氧(O3)".to_owned(), 0)
        );
        assert_eq!(strip_pinyin_brackets("绿(lv4)"), ("绿".to_owned(), 1));
        assert_eq!(strip_pinyin_brackets("(fā"), ("(fā".to_owned(), 0));
    }
}
