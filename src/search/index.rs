//! The index of one language: posting lists sharded by term hash, a document store, and
//! `meta.json`. File formats (read by `static/search.js`):
//!
//! - `meta.json`: `{"docs": n, "shards": s, "stop": [...], "version": "…"}`.
//! - `t/<shard>.json`: `{term: [doc, weight, doc - previous doc, weight, …]}` or, for a
//!   word whose stem differs, `{word: "stem"}`. A term's shard is
//!   `fnv1a32(term) % shards` (its UTF-8 bytes). The weight is the term's BM25 weight in
//!   that document ×50 (idf is left to the query side: it knows the list's length).
//! - `d/<doc>.json`: `{"u": url, "t": title, "k": kind, "d": date, "x": text}`.
//!
//! A shard also holds entries under keys that start with a mark no term starts with, in
//! the shard of the key's first term (a query fetches that shard anyway; `keys.rs`):
//! `"#晋中": [doc, …]` the pages of that name, `"=smog": ["heavy pollution", …]` the
//! equivalents of a word or phrase, `"~jinzhng": ["jinzhong"]` the words one letter away,
//! under each of their deletions. A traditional character points to its simplified
//! form like a word to its stem (`"穀": "谷"`). `meta.json` adds the pinyin endings of
//! `search.yaml` (`"suffix": {"he": "river"}`) when there are any.

use super::counts::{self, Counted, FxMap, LanguageCounts, TF_BITS, TF_MAX};
use super::entry::Entry;
use super::keys::Keys;
use super::tokens::{Term, Tokenizer, STOP_WORDS};
#[cfg(test)]
use super::Text;
use super::{Document, SearchRecord, TextFile};
use crate::model::SearchTerms;
use crate::output::OutputFile;
use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

/// BM25's parameters: how fast repeated terms saturate, how much length matters. `B` is
/// BM25's usual 0.75: at 0.5 a long methods note that names every pollutant many times
/// led the queries for a pollutant's name, ahead of its indicator page.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Weight of a term on a page that is not an article. Data and place pages are short and
/// cite articles by title, so without this a data page citing an article outranks the
/// article itself (on the relevance set: `Hedong`, `Fen River`).
const NOT_ARTICLE: f32 = 0.6;
/// A term in the title counts as this many in the text.
const TITLE_BOOST: u32 = 4;
/// Posting bytes aimed at per shard: a query fetches one shard per term.
const SHARD_BYTES: usize = 16 * 1024;
const MAX_SHARDS: usize = 4096;
/// Documents tokenized at once: bounds the memory held by per-document term counts.
const CHUNK: usize = 1024;
/// Documents a thread counts before another may take the rest of its share.
const DOCS_AT_ONCE: usize = 8;
/// Text kept per document for excerpts.
const MAX_TEXT_CHARS: usize = 30_000;
/// Shards made at once: enough to keep every thread busy, few enough to hold.
const SHARD_BATCH: usize = 64;

#[derive(Serialize)]
struct Meta<'a> {
    docs: usize,
    shards: usize,
    stop: &'a [&'a str],
    version: String,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    suffix: &'a std::collections::BTreeMap<String, String>,
}

#[derive(Serialize)]
struct Stored<'a> {
    u: &'a str,
    t: &'a str,
    k: &'a str,
    d: &'a str,
    x: &'a str,
}

/// The files of one language's index, under `dir` (e.g. `search-index/zh`), and its counts
/// for the next build. `docs` are in the order ties are broken in (best first); each is
/// dropped once its terms are counted and its text stored, so the build holds the text
/// once. `previous` are the counts the last build left (see `counts.rs`): only the
/// documents that differ from its are counted. Each file goes to `emit` as soon as it is
/// made (from several threads): the index's files are never all held at once. A text
/// stored in a file is read from `texts` when its document's turn comes.
pub fn language_index(
    dir: &str,
    mut docs: Vec<Document<'_>>,
    lexicon: &SearchTerms,
    previous: Option<&[u8]>,
    texts: Option<&TextFile>,
    emit: &(dyn Fn(OutputFile) + Sync),
) -> Result<Vec<u8>> {
    let tokenizer = Tokenizer::default();
    let mut keys = Keys::new(&tokenizer);
    keys.add_equivalents(&lexicon.equivalents);
    let total = docs.len();
    let hashes = docs.par_iter().map(counts::hash).collect();
    let previous = previous
        .and_then(LanguageCounts::from_bytes)
        .unwrap_or_default();
    let kept_any = !previous.hashes.is_empty();
    let (mut counts, recount) = previous.kept_for(hashes);
    let mut factors = Vec::with_capacity(total);
    let mut first = 0;
    while !docs.is_empty() {
        let chunk: Vec<Document<'_>> = docs.drain(..CHUNK.min(docs.len())).collect();
        let counted: Vec<Option<Counted>> = chunk
            .par_iter()
            // (In pieces, so that no thread is left idle at the chunk's end.)
            .with_max_len(DOCS_AT_ONCE)
            .enumerate()
            .map(|(k, d)| {
                let text = d.record.text.read(texts)?;
                emit(store(dir, first + k, d.record, &text));
                Ok(recount[first + k].then(|| count(&tokenizer, d, &text)))
            })
            .collect::<Result<_>>()?;
        for (k, doc) in counted.into_iter().enumerate() {
            let id = u32::try_from(first + k).unwrap_or(u32::MAX);
            factors.push(if chunk[k].record.kind == "article" {
                1.0
            } else {
                NOT_ARTICLE
            });
            if let Some(doc) = doc {
                counts.lengths[first + k] = doc.length.max(1);
                counts.postings.add(id, doc);
            }
            let d = &chunk[k];
            keys.add_page(id, &d.names);
            keys.add_aliases(id, &d.aliases);
            if d.record.kind != "article" {
                keys.add_vocabulary(&d.record.title);
            }
        }
        first += chunk.len();
    }
    if kept_any {
        counts.postings.sort();
    }
    let saved = counts.to_bytes();
    let lengths = counts.lengths;
    let average = lengths.iter().map(|&l| l as f32).sum::<f32>() / lengths.len().max(1) as f32;

    let (terms, aliases) = counts.postings.into_terms(&tokenizer);
    let estimate: usize = terms.iter().map(|(t, p)| t.len() + 6 * p.len()).sum();
    let shards = (estimate / SHARD_BYTES)
        .clamp(1, MAX_SHARDS)
        .next_power_of_two();
    // Each shard's terms with their lists, or a word's stem; written out in parallel.
    let mut by_shard: Vec<Vec<(String, Entry)>> = (0..shards).map(|_| Vec::new()).collect();
    for (term, list) in terms {
        by_shard[shard_of(&term, shards)].push((term, Entry::List(list)));
    }
    for (surface, stem) in aliases {
        by_shard[shard_of(&surface, shards)].push((surface, Entry::Alias(stem)));
    }
    for (traditional, simplified) in crate::cjk::traditional_to_simplified() {
        let mut key = [0; 4];
        let key = traditional.encode_utf8(&mut key);
        by_shard[shard_of(key, shards)]
            .push((key.to_owned(), Entry::Alias(simplified.to_string())));
    }
    for (key, first, entry) in keys.into_entries() {
        by_shard[shard_of(&first, shards)].push((key, entry));
    }
    let weight = |posting: u32| {
        let (doc, tf) = (posting >> TF_BITS, posting & TF_MAX);
        let doc = doc as usize;
        (doc, bm25(tf, lengths[doc], average, factors[doc]))
    };

    // The shards are made in parallel a batch at a time and emitted in order: the
    // version is a hash of their bytes in order, and a batch is all that is held.
    let mut version = 0xcbf2_9ce4_8422_2325_u64;
    let mut numbered = by_shard.into_iter().enumerate();
    loop {
        let batch: Vec<(usize, Vec<(String, Entry)>)> =
            numbered.by_ref().take(SHARD_BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let files: Vec<OutputFile> = batch
            .into_par_iter()
            .map(|(n, terms)| shard_file(dir, n, terms, weight))
            .collect();
        version = files.iter().fold(version, |h, f| fnv1a64(h, &f.bytes));
        files.into_par_iter().for_each(emit);
    }
    let meta = Meta {
        docs: total,
        shards,
        stop: STOP_WORDS,
        version: format!("{version:016x}"),
        suffix: &lexicon.pinyin_suffixes,
    };
    emit(OutputFile {
        path: format!("{dir}/meta.json"),
        bytes: serde_json::to_vec(&meta).unwrap_or_default(),
    });
    Ok(saved)
}

/// Shard `n`'s file: its terms, sorted, each with its list, stem or entry.
fn shard_file(
    dir: &str,
    n: usize,
    mut terms: Vec<(String, Entry)>,
    weight: impl Fn(u32) -> (usize, u32) + Copy,
) -> OutputFile {
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut json = String::from("{");
    for (k, (term, entry)) in terms.into_iter().enumerate() {
        if k > 0 {
            json.push(',');
        }
        json.push_str(&serde_json::to_string(&term).unwrap_or_default());
        json.push(':');
        match entry {
            Entry::List(list) => write_list(&mut json, &list, weight),
            Entry::Alias(stem) => json.push_str(&serde_json::to_string(&stem).unwrap_or_default()),
            Entry::Docs(docs) => json.push_str(&serde_json::to_string(&docs).unwrap_or_default()),
            Entry::Words(words) => {
                json.push_str(&serde_json::to_string(&words).unwrap_or_default())
            }
        }
    }
    json.push('}');
    OutputFile {
        path: format!("{dir}/t/{n:x}.json"),
        bytes: json.into_bytes(),
    }
}

/// A posting list as `[doc, weight, doc - previous doc, weight, …]`.
fn write_list(json: &mut String, list: &[u32], weight: impl Fn(u32) -> (usize, u32)) {
    json.push('[');
    let mut previous = 0;
    // (itoa: `write!` took longer than the rest of the list; there are millions of them.)
    let mut number = itoa::Buffer::new();
    for (n, &posting) in list.iter().enumerate() {
        let (doc, weight) = weight(posting);
        if n > 0 {
            json.push(',');
        }
        json.push_str(number.format(doc - previous));
        json.push(',');
        json.push_str(number.format(weight));
        previous = doc;
    }
    json.push(']');
}

/// A document's stored fields, for the result list and its excerpt (`text` is its text).
fn store(dir: &str, id: usize, d: &SearchRecord, text: &str) -> OutputFile {
    // A text of no more bytes than the limit has no more characters either.
    let end = match text.len() <= MAX_TEXT_CHARS {
        true => text.len(),
        false => text
            .char_indices()
            .nth(MAX_TEXT_CHARS)
            .map_or(text.len(), |(at, _)| at),
    };
    let stored = Stored {
        u: &d.url,
        t: &d.title,
        k: &d.kind,
        d: d.date.as_deref().unwrap_or(""),
        x: &text[..end],
    };
    OutputFile {
        path: format!("{dir}/d/{id}.json"),
        bytes: serde_json::to_vec(&stored).unwrap_or_default(),
    }
}

fn count(tokenizer: &Tokenizer, doc: &Document, text: &str) -> Counted {
    // Room for the terms of a page of Chinese (distinct pairs: about a tenth of its
    // bytes) or of English (a twentieth), so the maps seldom grow.
    let mut cjk: FxMap<u64, u32> =
        FxMap::with_capacity_and_hasher(text.len() / 10, Default::default());
    let mut words: FxMap<String, u32> =
        FxMap::with_capacity_and_hasher(text.len() / 20, Default::default());
    let mut length = 0;
    let mut add = |term: Term, times: u32| {
        length += 1;
        match term {
            Term::Cjk(key) => *cjk.entry(key).or_insert(0) += times,
            Term::Word(word) => match words.get_mut(word) {
                Some(n) => *n += times,
                None => {
                    words.insert(word.to_owned(), times);
                }
            },
        }
    };
    tokenizer.terms(&doc.record.title, |t| add(t, TITLE_BOOST));
    for name in &doc.names {
        tokenizer.terms(name, |t| add(t, TITLE_BOOST));
    }
    // Other names count as text, not as title: an alias that shares a word with a query
    // (`share of smog days` for `smog`) should not put its page above the pages about it.
    for alias in &doc.aliases {
        tokenizer.terms(alias, |t| add(t, 1));
    }
    tokenizer.terms(text, |t| add(t, 1));
    Counted {
        cjk: cjk.into_iter().collect(),
        words: words.into_iter().collect(),
        length,
    }
}

/// BM25's weight of a term seen `tf` times in a document of `length` terms, times the
/// page's `factor`, ×50 as an integer (1–110).
fn bm25(tf: u32, length: u32, average: f32, factor: f32) -> u32 {
    let tf = tf as f32;
    let w = factor * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length as f32 / average));
    ((w * 50.0).round() as u32).max(1)
}

/// The shard of a term: FNV-1a (32 bits) of its UTF-8 bytes; `shards` is a power of two.
pub fn shard_of(term: &str, shards: usize) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for &b in term.as_bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h as usize & (shards - 1)
}

fn fnv1a64(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_hash_is_fnv1a() {
        // The reference values of FNV-1a 32: "" → 811c9dc5, "a" → e40c292c.
        assert_eq!(shard_of("", 1 << 31), 0x811c_9dc5 & 0x7fff_ffff);
        assert_eq!(shard_of("a", 1 << 31), 0xe40c_292c & 0x7fff_ffff);
    }

    fn record(url: &str, kind: &str, title: &str, text: &str) -> SearchRecord {
        SearchRecord {
            url: url.into(),
            lang: "zh".into(),
            title: title.into(),
            kind: kind.into(),
            date: None,
            text: Text::Held(text.into()),
        }
    }

    /// The files of an index of `records` (each page named by `names`), by path, and its
    /// counts. With `previous` counts, the texts are stored in a file first, as `build`
    /// keeps them, and read from there.
    fn index(
        records: &[SearchRecord],
        names: &[&[&str]],
        previous: Option<&[u8]>,
    ) -> (Vec<(String, Vec<u8>)>, Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        let texts = TextFile::create(&dir.path().join("texts")).unwrap();
        let stored: Vec<SearchRecord> = records
            .iter()
            .map(|r| {
                let text = r.text.read(None).unwrap();
                SearchRecord {
                    text: Text::Stored(texts.put(&text).unwrap()),
                    ..r.clone()
                }
            })
            .collect();
        let records = match previous {
            Some(_) => &stored[..],
            None => records,
        };
        let docs = records
            .iter()
            .zip(names)
            .map(|(record, names)| Document {
                record,
                names: names.iter().map(|n| n.to_string()).collect(),
                aliases: Vec::new(),
            })
            .collect();
        let files = std::sync::Mutex::new(Vec::new());
        let terms = SearchTerms::default();
        let counts = language_index("i", docs, &terms, previous, Some(&texts), &|f| {
            files.lock().unwrap().push((f.path, f.bytes))
        })
        .unwrap();
        let mut files = files.into_inner().unwrap();
        files.sort();
        (files, counts)
    }

    #[test]
    fn an_index_made_with_the_last_counts_is_the_index_made_without() {
        let words = [
            "river",
            "rivers",
            "water",
            "汾河",
            "水质",
            "air",
            "空气质量",
            "Ozone",
        ];
        let mut rng = fastrand::Rng::with_seed(7);
        let mut text = |n: usize| -> String {
            (0..n)
                .map(|_| words[rng.usize(..words.len())])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let before: Vec<SearchRecord> = (0..40)
            .map(|i| record(&format!("/a{i}/"), "article", &text(2), &text(30)))
            .collect();
        let names: Vec<&[&str]> = vec![&[]; 60];
        let (_, counts) = index(&before, &names, None);
        // Texts edited, a title changed, a page's names, pages removed and added: every
        // kind of difference a document can have at a number.
        type Edit = Box<dyn Fn(&mut Vec<SearchRecord>, &mut Vec<&[&str]>)>;
        let mut edits: Vec<Edit> = vec![
            Box::new(|r, _| {
                let text = format!("{} river 汾河", r[3].text.read(None).unwrap());
                r[3].text = Text::Held(text);
            }),
            Box::new(|r, _| r[0].title = "水质 Ozone".into()),
            Box::new(|r, _| r[39].kind = "place".into()),
            Box::new(|_, n| n[5] = &["空气质量", "air"]),
            Box::new(|r, _| {
                r.remove(7);
            }),
            Box::new(|r, _| r.truncate(30)),
            Box::new(|r, _| r.push(record("/new/", "article", "rivers", "water water"))),
            Box::new(|r, _| r.insert(0, record("/first/", "article", "", "air 空气"))),
        ];
        edits.push(Box::new(|r, _| r.clear()));
        for (k, edit) in edits.iter().enumerate() {
            let mut after = before.clone();
            let mut after_names = names.clone();
            edit(&mut after, &mut after_names);
            let (fresh, fresh_counts) = index(&after, &after_names, None);
            let (kept, kept_counts) = index(&after, &after_names, Some(&counts));
            assert!(!fresh.is_empty(), "edit {k}");
            assert!(fresh == kept, "edit {k}: the files differ");
            // The same counts, maybe in another order: the same index again from either.
            let again = |counts: &[u8]| index(&after, &after_names, Some(counts)).0;
            assert!(
                again(&fresh_counts) == fresh && again(&kept_counts) == fresh,
                "edit {k}"
            );
        }
    }

    #[test]
    fn counts_that_cannot_be_read_are_not_used() {
        let records = [record("/a/", "article", "河", "汾河 river")];
        let (files, counts) = index(&records, &[&[]], None);
        for end in 0..counts.len() {
            let (cut, _) = index(&records, &[&[]], Some(&counts[..end]));
            assert!(cut == files, "cut at {end}");
        }
        let mut longer = counts.clone();
        longer.push(0);
        assert!(index(&records, &[&[]], Some(&longer)).0 == files);
    }

    #[test]
    fn longer_documents_weigh_a_term_less() {
        assert!(bm25(1, 10, 100.0, 1.0) > bm25(1, 1000, 100.0, 1.0));
        assert!(bm25(5, 100, 100.0, 1.0) > bm25(1, 100, 100.0, 1.0));
    }
}
