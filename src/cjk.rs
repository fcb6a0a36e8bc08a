//! What counts as Chinese (CJK) text, in one place. Three questions are asked of a
//! character, and their answers differ on purpose, so each has its own name here:
//!
//! - [`is_han`]: is it an ideograph (汉字)? Import and the publishing gate count these.
//! - [`joins_without_space`]: does a line break between two of them mean no space? True
//!   of Chinese and Japanese writing and their punctuation; not of Korean, which puts
//!   spaces between words (Markdown rendering, heading anchors).
//! - [`is_indexed_by_character`]: does search split a run of them into characters and
//!   pairs? True of Korean too, as the portal has no word list for any of the three.
//! - [`is_set_full_width`]: does Chinese typesetting give it a full em? Also true of the
//!   curly quotes, dashes and Roman numerals of Chinese text (import's width and spacing).

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// A Han ideograph: the unified ideographs, their extensions and the compatibility ones.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// CJK symbols and punctuation (。、「」), and the full-width forms (，！：ＡＢ１).
pub fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}')
}

/// Characters of writing without spaces between words, where a line break inside a
/// paragraph is no space: Han, kana, bopomofo, radicals, their punctuation and forms.
pub fn joins_without_space(c: char) -> bool {
    is_han(c)
        || is_cjk_punctuation(c)
        || is_kana(c)
        || matches!(c,
            '\u{2E80}'..='\u{2FDF}'     // radicals
            | '\u{3100}'..='\u{312F}'   // bopomofo
            | '\u{FE30}'..='\u{FE4F}') // vertical and compatibility forms
}

/// Characters that search indexes one by one and in pairs: Han, kana and Hangul.
pub fn is_indexed_by_character(c: char) -> bool {
    is_han(c) || is_kana(c) || matches!(c, '\u{AC00}'..='\u{D7AF}')
}

/// Characters Chinese typesetting sets at full width: Han, CJK punctuation and forms, and
/// the marks Chinese text borrows (curly quotes, em dash, ellipsis, Roman numerals Ⅲ).
pub fn is_set_full_width(c: char) -> bool {
    is_han(c)
        || is_cjk_punctuation(c)
        || matches!(c,
            '\u{2018}'..='\u{201D}'
            | '\u{2014}'
            | '\u{2026}'
            | '\u{2160}'..='\u{216F}')
}

/// Traditional characters and their simplified forms, one character each (`穀` → `谷`,
/// `類` → `类`), from OpenCC's table: the search index folds text by it, and writes it
/// into the index so that the query side folds a query the same way.
pub fn traditional_to_simplified() -> &'static FxHashMap<char, char> {
    static TABLE: OnceLock<FxHashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| T2S.lines().filter_map(pair).collect())
}

/// OpenCC's single-character pairs, one a line (`穀谷`), in the order of the characters.
/// Written from OpenCC by the test `the_table_is_opencc_s`
/// (`SHANSHUI_BLESS=1 cargo test cjk::` after updating ferrous-opencc): asking OpenCC for
/// each of 28,000 characters was a fixed cost of every build with a search index.
const T2S: &str = include_str!("cjk_t2s.txt");

/// The two characters of a line of [`T2S`].
fn pair(line: &str) -> Option<(char, char)> {
    let mut chars = line.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(traditional), Some(simplified), None) => Some((traditional, simplified)),
        _ => None,
    }
}

/// A character in its simplified form (itself when it has no other).
pub fn simplified(c: char) -> char {
    if !is_han(c) {
        return c;
    }
    match dense_index(c) {
        Some(i) => dense_table()[i],
        None => traditional_to_simplified().get(&c).copied().unwrap_or(c),
    }
}

/// Where a character of the two blocks [`T2S`] is taken from (U+3400-U+9FFF and
/// U+F900-U+FAFF) stands in [`dense_table`].
fn dense_index(c: char) -> Option<usize> {
    let code = c as usize;
    match code {
        0x3400..=0x9FFF => Some(code - 0x3400),
        0xF900..=0xFAFF => Some(0x9FFF - 0x3400 + 1 + code - 0xF900),
        _ => None,
    }
}

/// Every character of those blocks in its simplified form, by [`dense_index`]: the search
/// index folds every Han character of every page, and a lookup by index took a fraction of
/// the hash map's time (112 KB).
fn dense_table() -> &'static [char] {
    static TABLE: OnceLock<Box<[char]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let blocks = ('\u{3400}'..='\u{9FFF}').chain('\u{F900}'..='\u{FAFF}');
        let mut table: Box<[char]> = blocks.collect();
        for (&traditional, &simple) in traditional_to_simplified() {
            if let Some(i) = dense_index(traditional) {
                table[i] = simple;
            }
        }
        table
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Han character OpenCC's T2s turns into one other character, in order.
    fn from_opencc() -> Vec<(char, char)> {
        let t2s = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s)
            .expect("OpenCC's built-in T2s");
        let mut one = String::new();
        ('\u{3400}'..='\u{9FFF}')
            .chain('\u{F900}'..='\u{FAFF}')
            .filter(|&c| is_han(c))
            .filter_map(|c| {
                one.clear();
                one.push(c);
                let converted = t2s.convert(&one);
                let mut out = converted.chars();
                match (out.next(), out.next()) {
                    (Some(s), None) if s != c => Some((c, s)),
                    _ => None,
                }
            })
            .collect()
    }

    #[test]
    fn the_table_is_opencc_s() {
        let expected = from_opencc();
        if std::env::var_os("SHANSHUI_BLESS").is_some() {
            let text: String = expected.iter().map(|(t, s)| format!("{t}{s}\n")).collect();
            std::fs::write(
                concat!(env!("CARGO_MANIFEST_DIR"), "/src/cjk_t2s.txt"),
                text,
            )
            .expect("write src/cjk_t2s.txt");
            return;
        }
        let ours: Vec<(char, char)> = T2S.lines().filter_map(pair).collect();
        assert_eq!(
            T2S.lines().count(),
            ours.len(),
            "a line of cjk_t2s.txt is not two characters"
        );
        assert!(
            ours == expected,
            "src/cjk_t2s.txt differs from OpenCC's table ({} pairs, OpenCC {}): write it again with SHANSHUI_BLESS=1",
            ours.len(),
            expected.len()
        );
    }

    #[test]
    fn traditional_characters_have_their_simplified_form() {
        assert_eq!(simplified('穀'), '谷');
        assert_eq!(simplified('類'), '类');
        assert_eq!(simplified('谷'), '谷');
        assert_eq!(simplified('a'), 'a');
        // Every Han character, in the dense table's blocks and outside them, as the pairs say.
        let pairs = traditional_to_simplified();
        let han = ('\u{3400}'..='\u{FAFF}').chain('\u{20000}'..='\u{2FFFF}');
        for c in han.filter(|&c| is_han(c)) {
            assert_eq!(simplified(c), pairs.get(&c).copied().unwrap_or(c), "{c}");
        }
    }

    #[test]
    fn the_questions_differ_where_they_should() {
        for c in ['汾', '𠀀', '﨑'] {
            assert!(is_han(c) && joins_without_space(c) && is_indexed_by_character(c));
        }
        // Punctuation joins lines but is not indexed; kana both; Hangul is indexed only.
        assert!(joins_without_space('。') && !is_indexed_by_character('。') && !is_han('。'));
        assert!(joins_without_space('か') && is_indexed_by_character('か'));
        assert!(!joins_without_space('한') && is_indexed_by_character('한'));
        assert!(is_set_full_width('“') && !joins_without_space('“'));
        for c in ['a', '1', ' ', 'é'] {
            assert!(
                !joins_without_space(c) && !is_indexed_by_character(c) && !is_set_full_width(c)
            );
        }
    }
}
