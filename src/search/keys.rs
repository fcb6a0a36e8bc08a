//! The index's entries that are not posting lists: a page's names, equivalents, and the
//! words one letter away from a misspelling. Each is filed under a key that starts with a
//! mark no term starts with (`#`, `=`, `~`), in the shard of the key's first term, so
//! a query finds it in a shard it fetches anyway. `static/search.js` makes the same keys.

use super::entry::Entry;
use super::tokens::Tokenizer;
use crate::cjk::{is_han, is_indexed_by_character};
use std::collections::{BTreeMap, BTreeSet};

/// Words shorter than this get no spelling help: one letter off a short word is too
/// often another word.
const FUZZY_MIN_CHARS: usize = 5;

pub struct Keys<'a> {
    tokenizer: &'a Tokenizer,
    names: BTreeMap<String, BTreeSet<u32>>,
    equivalents: BTreeMap<String, BTreeSet<String>>,
    deletions: BTreeMap<String, BTreeSet<String>>,
}

impl<'a> Keys<'a> {
    pub fn new(tokenizer: &'a Tokenizer) -> Self {
        Keys {
            tokenizer,
            names: BTreeMap::new(),
            equivalents: BTreeMap::new(),
            deletions: BTreeMap::new(),
        }
    }

    /// The key of a text: its segments joined by spaces (`Lingshi County` → `lingshi county`).
    fn key(&self, text: &str) -> Option<String> {
        let segments = self.tokenizer.segments(text);
        (!segments.is_empty()).then(|| segments.join(" "))
    }

    /// A key with each word as its stem (`fines penalties` → `fine penalti`): the form
    /// `search.js` also looks a query up in, with the stems the index's aliases give it.
    fn stemmed(&self, key: &str) -> String {
        let words = key.split(' ');
        let stems: Vec<String> = words
            .map(|w| self.tokenizer.stem(w).unwrap_or_else(|| w.to_owned()))
            .collect();
        stems.join(" ")
    }

    /// Page `id` is named by each of `names`; their words are also spelling targets.
    pub fn add_page(&mut self, id: u32, names: &[String]) {
        self.add_aliases(id, names);
        for name in names {
            self.add_vocabulary(name);
        }
    }

    /// Page `id` is named by each of `aliases`, which are no spelling targets: a reader
    /// who misspells a page's other name is helped by its own name (and the shards stay
    /// as small as before the aliases).
    pub fn add_aliases(&mut self, id: u32, aliases: &[String]) {
        for alias in aliases {
            if let Some(key) = self.key(alias) {
                self.names.entry(key).or_default().insert(id);
            }
        }
    }

    /// Each member of a group finds the others. A group that names a thing in Chinese and
    /// in English (`[黄河, Yellow River]`) also has the Chinese name's pinyin, joined and
    /// by syllable (`huanghe`, `huang he`), as readers type it. A formula or a symbol is
    /// no English name (`[细颗粒物, PM2.5]`, `[公里, km]`): its group gets no pinyin.
    pub fn add_equivalents(&mut self, groups: &[Vec<String>]) {
        for group in groups {
            let mut group = group.clone();
            if group.iter().any(|m| is_english_name(m)) {
                let pinyin: Vec<String> = group
                    .iter()
                    .filter(|m| m.chars().all(is_han))
                    .flat_map(|m| [pinyin(m, ""), pinyin(m, " ")])
                    .collect();
                group.extend(pinyin);
            }
            for member in &group {
                let Some(key) = self.key(member) else {
                    continue;
                };
                let others: Vec<String> = group.iter().filter(|m| *m != member).cloned().collect();
                // Also by its words' stems, so that another form of them finds the group
                // (`penalty` and `fine` for `[fines, penalties]`, `electric cars`).
                let stemmed = self.stemmed(&key);
                if stemmed != key {
                    let entry = self.equivalents.entry(stemmed).or_default();
                    entry.extend(others.iter().cloned());
                }
                self.equivalents.entry(key).or_default().extend(others);
            }
        }
        self.add_word_forms();
    }

    /// A phrase of the equivalents is also found with one of its words in another form
    /// that a group of one-word equivalents gives it (`micrograms per cubic meter` for
    /// `… metre`, with `[meter, metre]`), leading to the phrase and its own equivalents.
    fn add_word_forms(&mut self) {
        let forms: BTreeMap<&str, Vec<String>> = self
            .equivalents
            .iter()
            .filter(|(key, _)| !key.contains(' '))
            .map(|(key, others)| {
                let words = others.iter().filter_map(|o| self.key(o));
                (key.as_str(), words.filter(|w| !w.contains(' ')).collect())
            })
            .collect();
        let mut variants: Vec<(String, BTreeSet<String>)> = Vec::new();
        for (key, others) in &self.equivalents {
            let words: Vec<&str> = key.split(' ').collect();
            if words.len() < 2 {
                continue;
            }
            for (k, word) in words.iter().enumerate() {
                for form in forms.get(word).into_iter().flatten() {
                    let mut changed = words.clone();
                    changed[k] = form;
                    let mut leads_to = others.clone();
                    leads_to.insert(key.clone());
                    variants.push((changed.join(" "), leads_to));
                }
            }
        }
        for (key, leads_to) in variants {
            self.equivalents.entry(key).or_default().extend(leads_to);
        }
    }

    /// The Latin words of `text` a misspelling one letter off is led to.
    pub fn add_vocabulary(&mut self, text: &str) {
        for word in self.tokenizer.segments(text) {
            // Han is alphabetic too, but a run of CJK characters is a segment the query side
            // never spells again: its entries would only make the shards larger.
            let latin = word
                .chars()
                .all(|c| c.is_alphabetic() && !is_indexed_by_character(c));
            if word.chars().count() < FUZZY_MIN_CHARS || !latin {
                continue;
            }
            for deletion in deletions(&word).into_iter().chain([word.clone()]) {
                self.deletions
                    .entry(deletion)
                    .or_default()
                    .insert(word.clone());
            }
        }
    }

    /// Every entry as (key, the term whose shard holds it, entry).
    pub fn into_entries(self) -> Vec<(String, String, Entry)> {
        let mut out = Vec::new();
        for (key, docs) in self.names {
            let first = first_term(&key);
            out.push((
                format!("#{key}"),
                first,
                Entry::Docs(docs.into_iter().collect()),
            ));
        }
        for (key, words) in self.equivalents {
            let first = first_term(&key);
            out.push((
                format!("={key}"),
                first,
                Entry::Words(words.into_iter().collect()),
            ));
        }
        for (deletion, words) in self.deletions {
            out.push((
                format!("~{deletion}"),
                deletion,
                Entry::Words(words.into_iter().collect()),
            ));
        }
        out
    }
}

/// Words of letters, two or more (`Yellow River`, `Taihang Mountains`): the English name
/// of a place, not a formula (`PM2.5`) or a symbol (`km`).
fn is_english_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() >= 2
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_alphabetic() || c == '-'))
}

/// Toneless pinyin of Chinese text, its syllables joined by `between`: 并州 → `bingzhou`.
pub fn pinyin(text: &str, between: &str) -> String {
    use pinyin::ToPinyin;
    let syllables: Vec<&str> = text.to_pinyin().flatten().map(|p| p.plain()).collect();
    syllables.join(between)
}

/// The first term of a key: its first word, or the first character pair of its first
/// run of CJK characters (the character alone when the run has one).
pub fn first_term(key: &str) -> String {
    let first = key.split(' ').next().unwrap_or_default();
    if first.chars().next().is_some_and(is_indexed_by_character) {
        first.chars().take(2).collect()
    } else {
        first.to_owned()
    }
}

/// A word with one letter left out, each way.
pub fn deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (0..chars.len())
        .map(|skip| {
            chars
                .iter()
                .enumerate()
                .filter(|&(k, _)| k != skip)
                .map(|(_, &c)| c)
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(keys: Keys) -> Vec<(String, String)> {
        keys.into_entries()
            .into_iter()
            .map(|(key, first, entry)| {
                let value = match entry {
                    Entry::Docs(d) => format!("{d:?}"),
                    Entry::Words(w) => format!("{w:?}"),
                    _ => String::new(),
                };
                (format!("{key} @{first}"), value)
            })
            .collect()
    }

    /// The entries of `groups` of equivalents.
    fn equivalents(groups: &[&[&str]]) -> Vec<(String, String)> {
        let tokenizer = Tokenizer::default();
        let mut keys = Keys::new(&tokenizer);
        let groups: Vec<Vec<String>> = groups
            .iter()
            .map(|g| g.iter().map(|m| m.to_string()).collect())
            .collect();
        keys.add_equivalents(&groups);
        entries(keys)
    }

    #[test]
    fn names_are_keyed_by_their_segments_under_their_first_term() {
        let tokenizer = Tokenizer::default();
        let mut keys = Keys::new(&tokenizer);
        keys.add_page(
            3,
            &[
                "晋中市".into(),
                "Lingshi County".into(),
                "祁".into(),
                "太原市小店区".into(),
            ],
        );
        let got = entries(keys);
        assert!(got.contains(&("#晋中市 @晋中".into(), "[3]".into())));
        assert!(got.contains(&("#lingshi county @lingshi".into(), "[3]".into())));
        assert!(got.contains(&("#祁 @祁".into(), "[3]".into())));
        // One letter off `lingshi` (and `county`) leads to it.
        assert!(got.contains(&("~lngshi @lngshi".into(), r#"["lingshi"]"#.into())));
        // A run of Chinese characters is no spelling target.
        let han = |key: &String| key.starts_with('~') && key.chars().any(is_han);
        assert!(!got.iter().any(|(key, _)| han(key)), "{got:?}");
        assert!(got.contains(&("~lingshi @lingshi".into(), r#"["lingshi"]"#.into())));
    }

    #[test]
    fn each_equivalent_finds_the_others() {
        let got = equivalents(&[&["Smog", "heavy pollution"], &["雾霾", "重污染天气"]]);
        let want = [
            ("=smog @smog", r#"["heavy pollution"]"#),
            ("=heavy pollution @heavy", r#"["Smog"]"#),
            ("=雾霾 @雾霾", r#"["重污染天气"]"#),
        ];
        for (key, value) in want {
            assert!(got.contains(&(key.into(), value.into())), "{key}: {got:?}");
        }
    }

    #[test]
    fn a_phrase_is_also_found_with_another_form_of_one_of_its_words() {
        let got = equivalents(&[
            &["ug/m3", "micrograms per cubic metre"],
            &["meter", "metre"],
            &["tonne", "ton"],
        ]);
        let others = r#"["micrograms per cubic metre", "ug/m3"]"#;
        assert!(
            got.contains(&(
                "=micrograms per cubic meter @micrograms".into(),
                others.into()
            )),
            "{got:?}"
        );
        // The group's own keys keep their own members.
        let others = r#"["micrograms per cubic metre"]"#;
        assert!(
            got.contains(&("=ug m3 @ug".into(), others.into())),
            "{got:?}"
        );
        assert!(got.contains(&("=meter @meter".into(), r#"["metre"]"#.into())));
    }

    #[test]
    fn an_equivalent_is_also_keyed_by_its_stems() {
        let got = equivalents(&[
            &["fines", "penalties"],
            &["electric car", "new energy vehicle"],
        ]);
        let want = [
            ("=fine @fine", r#"["penalties"]"#),
            ("=penalti @penalti", r#"["fines"]"#),
            ("=electr car @electr", r#"["new energy vehicle"]"#),
        ];
        for (key, value) in want {
            assert!(got.contains(&(key.into(), value.into())), "{key}: {got:?}");
        }
    }

    #[test]
    fn a_chinese_and_english_name_also_has_its_pinyin() {
        let got = equivalents(&[&["黄河", "Yellow River"]]);
        let others = r#"["Yellow River", "huang he", "huanghe"]"#;
        assert!(
            got.contains(&("=黄河 @黄河".into(), others.into())),
            "{got:?}"
        );
        let others = r#"["Yellow River", "huanghe", "黄河"]"#;
        assert!(
            got.contains(&("=huang he @huang".into(), others.into())),
            "{got:?}"
        );
    }

    #[test]
    fn a_formula_or_a_symbol_gets_no_pinyin() {
        let got = equivalents(&[&["细颗粒物", "PM2.5"], &["公里", "km"]]);
        assert!(
            got.contains(&("=细颗粒物 @细颗".into(), r#"["PM2.5"]"#.into())),
            "{got:?}"
        );
        assert!(
            !got.iter()
                .any(|(key, _)| key.starts_with("=xi") || key.starts_with("=gong")),
            "{got:?}"
        );
    }

    #[test]
    fn deletions_leave_out_each_letter_once() {
        assert_eq!(deletions("abc"), ["bc", "ac", "ab"]);
    }
}
