//! Text → index terms. `static/search.js` splits a query by the same rules (its
//! `tokenize`), so a change here is a change there.
//!
//! - Chinese (and other CJK) text: every character and every pair of neighbouring
//!   characters, so any substring of two or more characters is found (汾河 in 汾河谷地)
//!   without a dictionary that would cut index and query differently.
//! - Other letters and digits: lowercased words; `.` between digits stays (PM2.5, 13.7),
//!   `,` between digits goes (2,000 → 2000), an apostrophe between letters stays.
//!   A word mixing letters and digits is also indexed by its parts (pm2.5 → pm, 2.5).
//!   Words of letters only are stemmed (Snowball English), so `rivers` finds `river`.
//! - Before that, text is folded ([`fold`]): traditional characters to simplified ones,
//!   full-width letters and digits to ASCII, subscript and superscript digits to digits
//!   (CO₂ → co2), tone marks and accents off (Lǚliáng → luliang); a word written with ü
//!   is also indexed with v (lvliang), as pinyin is typed without ü.

use crate::cjk::{is_indexed_by_character, simplified};
use rust_stemmers::{Algorithm, Stemmer};

/// English words too common to be worth a posting list; the query side gets this list
/// from the index's `meta.json`. Sorted, as the index writes them.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its", "of",
    "on", "or", "that", "the", "this", "to", "was", "were", "with",
];

/// The stop words packed as numbers ([`packed`]): every word of every page is checked,
/// and comparing strings one by one took 5% of a build.
const STOP_KEYS: [u64; STOP_WORDS.len()] = {
    let mut keys = [0; STOP_WORDS.len()];
    let mut i = 0;
    while i < STOP_WORDS.len() {
        let word = STOP_WORDS[i].as_bytes();
        assert!(word.len() <= 8, "a stop word must fit in a u64");
        keys[i] = packed(word);
        i += 1;
    }
    keys
};

/// Up to 8 bytes as one number (the first byte lowest, zeros after the last).
const fn packed(bytes: &[u8]) -> u64 {
    let mut key = 0;
    let mut i = 0;
    while i < bytes.len() {
        key |= (bytes[i] as u64) << (8 * i);
        i += 1;
    }
    key
}

fn is_stop_word(word: &str) -> bool {
    // A word has no NUL in it, so a word of at most 8 bytes and its key are one to one.
    word.len() <= 8 && STOP_KEYS.contains(&packed(word.as_bytes()))
}

/// What a piece of text is indexed under, borrowed from the tokenizer while it runs.
#[derive(Debug, PartialEq, Eq)]
pub enum Term<'a> {
    /// A CJK character or pair of characters, packed by [`cjk_key`].
    Cjk(u64),
    /// A word as written (lowercased); [`Tokenizer::stem`] gives its stem.
    Word(&'a str),
}

/// A CJK character, or a pair with `next`, as one number: 21 bits a character, so a term
/// is counted without making a string of it (the index has millions of them).
pub fn cjk_key(c: char, next: Option<char>) -> u64 {
    u64::from(c) | next.map_or(0, |n| u64::from(n) << 21)
}

/// The text of a [`cjk_key`].
pub fn cjk_text(key: u64) -> String {
    [key & 0x1f_ffff, key >> 21]
        .into_iter()
        .filter(|&c| c != 0)
        .filter_map(|c| char::from_u32(c as u32))
        .collect()
}

pub struct Tokenizer {
    stemmer: Stemmer,
}

impl Default for Tokenizer {
    fn default() -> Self {
        Tokenizer {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }
}

impl Tokenizer {
    /// Calls `emit` with every term of `text`, in order.
    pub fn terms(&self, text: &str, mut emit: impl FnMut(Term)) {
        pieces(text, |piece| match piece {
            Piece::Cjk(run) => cjk_terms(run, &mut emit),
            Piece::Word { word, umlauts } => {
                word_terms(word, &mut emit);
                if !umlauts.is_empty() {
                    let typed = with_v(word, umlauts);
                    emit(Term::Word(&typed));
                }
            }
        });
    }

    /// A text as the query side sees its parts: each run of CJK characters and each word
    /// (folded, lowercased, stop words dropped), in order. A key made of them (joined by
    /// spaces) names a page or an equivalent in the index, under its first term.
    pub fn segments(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        pieces(text, |piece| match piece {
            Piece::Cjk(run) => out.push(run.iter().collect()),
            Piece::Word { word, .. } if !is_stop_word(word) => out.push(word.to_owned()),
            Piece::Word { .. } => {}
        });
        out
    }

    /// A word's stem, if it has one that differs from it: only words of letters are
    /// stemmed (Snowball English).
    pub fn stem(&self, surface: &str) -> Option<String> {
        if !surface.chars().all(|c| c.is_alphabetic() || c == '\'') {
            return None;
        }
        let stem = self.stemmer.stem(surface);
        (stem != surface).then(|| stem.into_owned())
    }
}

/// A run of CJK characters or a word, as text is cut before its terms are made.
enum Piece<'a> {
    Cjk(&'a [char]),
    /// A word, lowercased, with the byte offsets of the `u`s written ü.
    Word {
        word: &'a str,
        umlauts: &'a [usize],
    },
}

/// Calls `emit` with the runs of CJK characters and the words of `text`, folded.
fn pieces(text: &str, mut emit: impl FnMut(Piece)) {
    let mut chars = Vec::with_capacity(text.len());
    for c in text.chars() {
        fold_into(c, &mut chars);
    }
    let mut word = String::new();
    let mut umlauts = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_indexed_by_character(c) {
            let start = i;
            while i < chars.len() && is_indexed_by_character(chars[i]) {
                i += 1;
            }
            emit(Piece::Cjk(&chars[start..i]));
        } else if c.is_ascii_alphanumeric() || c.is_alphanumeric() {
            word.clear();
            umlauts.clear();
            while i < chars.len() {
                let c = chars[i];
                if is_u_umlaut(c) {
                    umlauts.push(word.len());
                    word.push('u');
                } else if c.is_ascii_alphanumeric() {
                    word.push(c.to_ascii_lowercase());
                } else if c.is_alphanumeric() && !is_indexed_by_character(c) {
                    word.extend(c.to_lowercase());
                } else if joins(&chars, i) {
                    if c != ',' {
                        word.push(c);
                    }
                } else {
                    break;
                }
                i += 1;
            }
            emit(Piece::Word {
                word: &word,
                umlauts: &umlauts,
            });
        } else {
            i += 1;
        }
    }
}

/// A word with v for each `u` that was written ü.
fn with_v(word: &str, umlauts: &[usize]) -> String {
    let mut typed = word.as_bytes().to_vec();
    for &at in umlauts {
        typed[at] = b'v';
    }
    String::from_utf8_lossy(&typed).into_owned()
}

fn word_terms<'a>(word: &'a str, emit: &mut impl FnMut(Term<'a>)) {
    if is_stop_word(word) {
        return;
    }
    emit(Term::Word(word));
    let has_digit = word.chars().any(|c| c.is_numeric());
    let has_letter = word.chars().any(|c| c.is_alphabetic());
    if has_digit && has_letter {
        for part in parts(word) {
            emit(Term::Word(part));
        }
    }
}

/// A word's runs of letters and runs of digits (with their points): pm2.5 → pm, 2.5.
fn parts(word: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut prev: Option<bool> = None;
    for (at, c) in word.char_indices() {
        // A joiner belongs to the run it is in (a point only ever sits between digits).
        let letter = if c == '.' || c == '\'' {
            prev.unwrap_or(false)
        } else {
            c.is_alphabetic()
        };
        if prev.is_some_and(|p| p != letter) {
            parts.push(&word[start..at]);
            start = at;
        }
        prev = Some(letter);
    }
    parts.push(&word[start..]);
    parts
}

fn cjk_terms(run: &[char], emit: &mut impl FnMut(Term)) {
    for (k, &c) in run.iter().enumerate() {
        emit(Term::Cjk(cjk_key(c, None)));
        if let Some(&next) = run.get(k + 1) {
            emit(Term::Cjk(cjk_key(c, Some(next))));
        }
    }
}

/// Pushes `c` in the form index and query share: a compatibility character (`㎡`, `Ⅳ`,
/// `①`, `℃`, as a Chinese IME offers them) written out as the characters it stands for
/// (`m2`, `IV`, `1`, `°C`) by Unicode's compatibility decomposition, as `search.js` does
/// with `normalize("NFKD")`, and each character [`fold`]ed.
fn fold_into(c: char, out: &mut Vec<char>) {
    if c.is_ascii() {
        out.push(c);
    } else if crate::cjk::is_han(c) {
        // (Most of a Chinese page: what `fold` would make of it, without its other tests.)
        out.push(simplified(c));
    } else if is_compatibility_form(c) {
        unicode_normalization::char::decompose_compatible(c, |d| out.push(fold(d)));
    } else {
        out.push(fold(c));
    }
}

/// Letterlike symbols, number forms (Roman numerals), enclosed alphanumerics and the CJK
/// compatibility block of units (`㎡`, `㎞`, `㎎`): characters that stand for others.
fn is_compatibility_form(c: char) -> bool {
    matches!(c, '\u{2100}'..='\u{218F}' | '\u{2460}'..='\u{24FF}' | '\u{3200}'..='\u{33FF}')
}

/// One form of a character for index and query (`static/search.js` folds the same way):
/// simplified Han, full-width ASCII (ＰＭ２．５) as ASCII, subscript and superscript digits
/// as digits, one apostrophe, and a Latin letter without its tone mark or accent.
pub fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{2080}'..='\u{2089}' => char::from_u32(c as u32 - 0x2080 + u32::from(b'0')).unwrap_or(c),
        '\u{2070}' => '0',
        '\u{00B9}' => '1',
        '\u{00B2}' => '2',
        '\u{00B3}' => '3',
        '\u{2074}'..='\u{2079}' => char::from_u32(c as u32 - 0x2070 + u32::from(b'0')).unwrap_or(c),
        '\u{2019}' => '\'',
        // The micro sign and the Greek mu are typed `u` on a keyboard (`ug/m3`).
        '\u{00B5}' | '\u{03BC}' => 'u',
        c if c.is_ascii() => c,
        c if is_u_umlaut(c) => c,
        // (The range first: `is_alphabetic` looks up Unicode's tables, slow for Han.)
        c if (c as u32) < 0x0250 && c.is_alphabetic() => base_letter(c),
        c => simplified(c),
    }
}

/// ü with or without a tone (ǖǘǚǜ), either case: pinyin typed on a keyboard writes it v.
fn is_u_umlaut(c: char) -> bool {
    matches!(c, 'ü' | 'Ü' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'Ǖ' | 'Ǘ' | 'Ǚ' | 'Ǜ')
}

/// A Latin letter's base letter (é → e, ǎ → a): the first of its canonical decomposition.
fn base_letter(c: char) -> char {
    let mut base = c;
    let mut first = true;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if first {
            base = d;
            first = false;
        }
    });
    base
}

/// `.` or `,` between two digits, or an apostrophe between two letters, is part of a word.
fn joins(chars: &[char], i: usize) -> bool {
    let (Some(&before), Some(&after)) = (
        i.checked_sub(1).and_then(|b| chars.get(b)),
        chars.get(i + 1),
    ) else {
        return false;
    };
    match chars[i] {
        '.' | ',' => before.is_numeric() && after.is_numeric(),
        '\'' => before.is_alphabetic() && after.is_alphabetic() && !is_indexed_by_character(after),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let tokenizer = Tokenizer::default();
        let mut out = Vec::new();
        tokenizer.terms(text, |t| {
            out.push(match t {
                Term::Cjk(key) => cjk_text(key),
                Term::Word(surface) => match tokenizer.stem(surface) {
                    Some(stem) => format!("{surface}>{stem}"),
                    None => surface.to_owned(),
                },
            })
        });
        out
    }

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_stop_word_is_one_of_the_list_and_nothing_else() {
        assert!(STOP_WORDS.iter().all(|w| is_stop_word(w)));
        for word in [
            "",
            "th",
            "thes",
            "tha",
            "ands",
            "withstanding",
            "a2",
            "2",
            "ü",
            "in'",
        ] {
            assert!(!is_stop_word(word), "{word}");
        }
    }

    #[test]
    fn chinese_is_characters_and_pairs() {
        assert_eq!(
            terms("汾河谷地"),
            ["汾", "汾河", "河", "河谷", "谷", "谷地", "地"]
        );
    }

    #[test]
    fn numbers_keep_their_point_and_lose_their_comma() {
        assert_eq!(terms("13.7%, 2,000 t."), ["13.7", "2000", "t"]);
    }

    #[test]
    fn mixed_words_are_indexed_whole_and_by_parts() {
        assert_eq!(
            terms("PM2.5浓度"),
            ["pm2.5", "pm", "2.5", "浓", "浓度", "度"]
        );
        assert_eq!(terms("ＰＭ２．５"), ["pm2.5", "pm", "2.5"]);
    }

    #[test]
    fn english_words_are_stemmed_and_stop_words_dropped() {
        assert_eq!(
            terms("The rivers of Jinzhong"),
            ["rivers>river", "jinzhong"]
        );
    }

    #[test]
    fn cjk_keys_round_trip_beyond_the_basic_plane() {
        for (c, next) in [('汾', None), ('汾', Some('河')), ('𠀀', Some('𪚥'))] {
            let text: String = std::iter::once(c).chain(next).collect();
            assert_eq!(cjk_text(cjk_key(c, next)), text);
        }
    }

    #[test]
    fn subscripts_and_superscripts_are_digits() {
        assert_eq!(terms("CO₂"), terms("CO2"));
        assert_eq!(terms("O₃ m³"), terms("O3 m3"));
    }

    #[test]
    fn compatibility_forms_are_the_characters_they_stand_for() {
        assert_eq!(terms("㎡ ㎥ ㎞ ㎎"), terms("m2 m3 km mg"));
        assert_eq!(terms("劣Ⅴ类 Ⅳ类"), terms("劣V类 IV类"));
        assert_eq!(terms("①"), terms("1"));
        assert_eq!(terms("25℃"), terms("25°C"));
    }

    #[test]
    fn micro_is_u_as_typed() {
        assert_eq!(terms("µg/m³"), terms("ug/m3"));
        assert_eq!(terms("μg/m³"), terms("ug/m3"));
    }

    #[test]
    fn full_width_punctuation_is_ascii_punctuation() {
        assert_eq!(terms("地下水（监测井）"), terms("地下水(监测井)"));
        assert_eq!(terms("ＳＯ２，ＰＭ２．５"), terms("SO2, PM2.5"));
    }

    #[test]
    fn traditional_characters_are_indexed_as_simplified() {
        assert_eq!(terms("汾河穀地"), terms("汾河谷地"));
        assert_eq!(terms("垃圾分類"), terms("垃圾分类"));
    }

    #[test]
    fn tone_marks_go_and_u_umlaut_is_also_v() {
        assert_eq!(terms("Lüliang"), ["luliang", "lvliang"]);
        assert_eq!(terms("Xī'ān café"), ["xi'an", "cafe"]);
    }

    #[test]
    fn segments_are_runs_and_words_without_stop_words() {
        let tokenizer = Tokenizer::default();
        assert_eq!(
            tokenizer.segments("The Fen River 汾河穀地, PM2.5浓度"),
            ["fen", "river", "汾河谷地", "pm2.5", "浓度"]
        );
    }

    #[test]
    fn words_do_not_glue_across_cjk() {
        assert_eq!(terms("Jinzhong晋中"), ["jinzhong", "晋", "晋中", "中"]);
    }
}
