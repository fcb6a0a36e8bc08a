//! A language's posting lists as its documents are counted, and what its index keeps for
//! the next build (in `build`'s cache): each document's hash and length in terms, and the
//! posting lists before they are weighed. A build whose documents are mostly those of the
//! last one counts only the others again: cutting a page's text into terms was about half
//! of the index's time.
//!
//! A document is taken as it was when the document of the same number has the same hash
//! (of its url, kind, title, names, other names and text: all that its terms and weights
//! follow from). Its postings are kept; every other number's are removed, and the new
//! document of that number is counted and added. The lists are then exactly those a count
//! of every document would make.
//!
//! Layout (little-endian): the documents (u32 count; each its hash, u128, and its length,
//! u32), the Chinese lists (u32 count; each its key, u64, its length, u32, and its
//! postings, u32 each), the words' lists (the same, each keyed by the word's length, u32,
//! and its UTF-8 bytes).

use super::tokens::{cjk_text, Tokenizer};
use super::Document;
use crate::binary::Reader;
use siphasher::sip128::{Hasher128, SipHasher13};
use std::collections::HashMap;
use std::hash::Hasher;

/// Bits of a packed posting that hold the term's count in the document (counts saturate
/// in BM25 long before 255); the other 24 number up to 16 million documents a language.
pub(super) const TF_BITS: u32 = 8;
pub(super) const TF_MAX: u32 = (1 << TF_BITS) - 1;
pub(super) type FxMap<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;
/// A term and its posting list.
pub(super) type TermList = (String, Vec<u32>);

/// One document's terms and their counts (words as written), and its length in terms.
/// Lists, not maps: a chunk's documents are all held until merged, and a list takes no
/// more room than its terms.
pub(super) struct Counted {
    pub cjk: Vec<(u64, u32)>,
    pub words: Vec<(String, u32)>,
    pub length: u32,
}

/// Posting lists of a language while documents are added; a posting is packed into a
/// u32: the document's number, then its term count.
#[derive(Default)]
pub(super) struct Postings {
    pub cjk: FxMap<u64, Vec<u32>>,
    /// By the word as written: each word is stemmed once, at the end.
    pub words: FxMap<String, Vec<u32>>,
}

impl Postings {
    pub fn add(&mut self, id: u32, doc: Counted) {
        let posting = |tf: u32| id << TF_BITS | tf.min(TF_MAX);
        for (key, tf) in doc.cjk {
            self.cjk.entry(key).or_default().push(posting(tf));
        }
        for (word, tf) in doc.words {
            self.words.entry(word).or_default().push(posting(tf));
        }
    }

    /// Each list in the order of its documents again, after documents were added out of
    /// order (counted again over kept ones).
    pub fn sort(&mut self) {
        let by_doc = |list: &mut Vec<u32>| {
            if !list.is_sorted_by_key(|p| p >> TF_BITS) {
                list.sort_unstable_by_key(|p| p >> TF_BITS);
            }
        };
        self.cjk.values_mut().for_each(by_doc);
        self.words.values_mut().for_each(by_doc);
    }

    /// Every term as text, with its list: words by stem (the lists of the words that share
    /// a stem merged, so a page's `river` and `rivers` count together), and the words whose
    /// stem differs and is not a word of the index itself, with their stem.
    pub fn into_terms(self, tokenizer: &Tokenizer) -> (Vec<TermList>, Vec<(String, String)>) {
        let mut stems: FxMap<String, Vec<Vec<u32>>> = FxMap::default();
        let mut aliases = Vec::new();
        for (word, list) in self.words {
            let stem = match tokenizer.stem(&word) {
                Some(stem) => {
                    aliases.push((word, stem.clone()));
                    stem
                }
                None => word,
            };
            stems.entry(stem).or_default().push(list);
        }
        aliases.retain(|(word, _)| !stems.contains_key(word));
        let cjk = self
            .cjk
            .into_iter()
            .map(|(key, list)| (cjk_text(key), list));
        let words = stems.into_iter().map(|(stem, lists)| (stem, merged(lists)));
        (cjk.chain(words).collect(), aliases)
    }
}

/// Posting lists of the same term merged: one posting per document, the counts summed.
fn merged(mut lists: Vec<Vec<u32>>) -> Vec<u32> {
    if lists.len() == 1 {
        return lists.pop().unwrap_or_default();
    }
    let mut all: Vec<u32> = lists.concat();
    all.sort_by_key(|p| p >> TF_BITS);
    let mut out: Vec<u32> = Vec::with_capacity(all.len());
    for posting in all {
        match out.last_mut() {
            Some(last) if *last >> TF_BITS == posting >> TF_BITS => {
                let tf = (*last & TF_MAX) + (posting & TF_MAX);
                *last = (*last & !TF_MAX) | tf.min(TF_MAX);
            }
            _ => out.push(posting),
        }
    }
    out
}

/// A language's counts, as the last build left them or as this one makes them.
#[derive(Default)]
pub struct LanguageCounts {
    /// Each document's hash, by number.
    pub hashes: Vec<u128>,
    /// Each document's length in terms, by number.
    pub lengths: Vec<u32>,
    pub postings: Postings,
}

impl LanguageCounts {
    /// The counts of the last build that hold for `hashes` (this build's documents): the
    /// documents whose hash is the same at the same number, and their postings. Returns
    /// them and, for each document, whether it must be counted.
    pub fn kept_for(mut self, hashes: Vec<u128>) -> (LanguageCounts, Vec<bool>) {
        let recount: Vec<bool> = hashes
            .iter()
            .enumerate()
            .map(|(id, hash)| self.hashes.get(id) != Some(hash))
            .collect();
        if recount.iter().any(|&r| r) || self.hashes.len() > hashes.len() {
            let kept = |posting: &u32| {
                let id = (posting >> TF_BITS) as usize;
                !recount.get(id).copied().unwrap_or(true)
            };
            self.postings.cjk.retain(|_, list| {
                list.retain(kept);
                !list.is_empty()
            });
            self.postings.words.retain(|_, list| {
                list.retain(kept);
                !list.is_empty()
            });
        }
        self.lengths.resize(hashes.len(), 0);
        self.hashes = hashes;
        (self, recount)
    }

    /// The counts in the layout of the module's doc.
    pub fn to_bytes(&self) -> Vec<u8> {
        let postings: usize = self.postings.cjk.values().map(Vec::len).sum::<usize>()
            + self.postings.words.values().map(Vec::len).sum::<usize>();
        let mut out = Vec::with_capacity(24 * self.hashes.len() + 4 * postings);
        let count = |out: &mut Vec<u8>, n: usize| {
            out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes())
        };
        let list = |out: &mut Vec<u8>, list: &[u32]| {
            count(out, list.len());
            for posting in list {
                out.extend_from_slice(&posting.to_le_bytes());
            }
        };
        count(&mut out, self.hashes.len());
        for (hash, length) in self.hashes.iter().zip(&self.lengths) {
            out.extend_from_slice(&hash.to_le_bytes());
            out.extend_from_slice(&length.to_le_bytes());
        }
        count(&mut out, self.postings.cjk.len());
        for (key, postings) in &self.postings.cjk {
            out.extend_from_slice(&key.to_le_bytes());
            list(&mut out, postings);
        }
        count(&mut out, self.postings.words.len());
        for (word, postings) in &self.postings.words {
            count(&mut out, word.len());
            out.extend_from_slice(word.as_bytes());
            list(&mut out, postings);
        }
        out
    }

    /// The counts [`Self::to_bytes`] wrote, or `None` if `bytes` are not such counts.
    pub fn from_bytes(bytes: &[u8]) -> Option<LanguageCounts> {
        let mut input = Reader(bytes);
        let docs = input.count()?;
        let mut counts = LanguageCounts::default();
        for _ in 0..docs {
            counts.hashes.push(u128::from_le_bytes(input.array()?));
            counts.lengths.push(input.u32()?);
        }
        // (A count is trusted no further than the bytes left could hold.)
        let room = |n: usize, input: &Reader| n.min(input.0.len() / 8);
        let terms = input.count()?;
        counts.postings.cjk =
            FxMap::with_capacity_and_hasher(room(terms, &input), Default::default());
        for _ in 0..terms {
            let key = input.u64()?;
            counts.postings.cjk.insert(key, input.u32s()?);
        }
        let words = input.count()?;
        counts.postings.words =
            FxMap::with_capacity_and_hasher(room(words, &input), Default::default());
        for _ in 0..words {
            let word = input.string()?;
            counts.postings.words.insert(word, input.u32s()?);
        }
        input.is_done().then_some(counts)
    }
}

/// The hash a document is known by between builds (see the module's doc).
pub fn hash(doc: &Document) -> u128 {
    let mut h = SipHasher13::new();
    let record = doc.record;
    // The text by its own hash, which a stored text carries (it is not read for this).
    h.write_u128(record.text.hash());
    let fields = [&record.url, &record.kind, &record.title];
    for field in fields.into_iter().chain(&doc.names).chain(&doc.aliases) {
        h.write_u64(field.len() as u64);
        h.write(field.as_bytes());
    }
    // The names and the other names, told apart.
    h.write_u64(doc.names.len() as u64);
    h.finish128().as_u128()
}
