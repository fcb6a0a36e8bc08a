//! What `build` keeps between runs, beside its output (`.<out>.cache/build.cache`), so
//! that after an edit to articles' text it renders only their pages and takes every other
//! page from the output as it is.
//!
//! The cache records the last build: a fingerprint of everything but the articles (the
//! generator, the build's options, every file of `content/` but the articles', of
//! `templates/` and of `static/`), each article's listing (what other pages show of it)
//! and source, and each page: what the sitemap needs of it, the stamp of its file in the
//! output, and its search record (the index is made from every page's). It is removed
//! before a build's swap and written after it, so a cache that exists describes the output
//! beside it. A cache that cannot be read, or was written by another version or binary, is
//! ignored: the build is then a full one.
//!
//! It also keeps the search index's counts (`crate::search::Counts`), with which the next
//! build counts the terms of the pages that changed alone.
//!
//! The file: `SHANSHUI`, the layout's number (u32), the length of the JSON that follows
//! and that of the counts (u64 each); that JSON (the state and the pages); the counts (for
//! each language, its code and its counts' bytes); then the pages' search records in the
//! same order, in a binary layout of their own ([`write_records`]), each with where its
//! text is in `texts`, the file of texts beside it (`crate::search::TextFile`). The texts
//! are most of the bytes (113 MB at 10,000 articles, against 35 MB of counts): a build
//! adds the texts of the pages it renders to that file and writes the rest of the cache
//! anew; only a build that keeps pages reads the records, and it checks that the texts
//! of those it keeps are still there, unchanged.

use crate::binary::Reader;
use crate::model::{Article, Lang, Site};
use crate::render::views::article_card;
use crate::render::PageInfo;
use crate::search::{Counts, SearchRecord, StoredText, Text, TextFile};
use crate::write::FileStamp;
use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use siphasher::sip128::{Hasher128, SipHasher13};
use std::collections::BTreeSet;
use std::fs;
use std::hash::Hasher;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The first bytes of a cache file.
const MAGIC: &[u8; 8] = b"SHANSHUI";
/// The layout of the cache file; a file of another layout is ignored.
const FORMAT: u32 = 4;
/// The magic, the layout, the JSON's length and the counts'.
const HEADER: usize = 8 + 4 + 8 + 8;

/// The last build, as the next one needs it.
#[derive(Debug, Serialize, Deserialize)]
pub struct Cache {
    state: State,
    /// Every page, in the order they are rendered.
    pages: Vec<CachedPage>,
    /// The search index's counts of the build.
    #[serde(skip)]
    counts: Counts,
    /// Where the search records start in the file it was loaded from.
    #[serde(skip)]
    records_at: u64,
}

/// What a build's output follows from: when two builds have the same state, their
/// outputs are the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// The generator, the build's options and every input file but the articles.
    inputs: String,
    /// Every article, in the site's order.
    articles: Vec<ArticleState>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct ArticleState {
    slug: String,
    /// What other pages show of the article (its card in both languages) and everything
    /// its front matter says (its date, when it was added, its places and topics…).
    listing: String,
    /// The listing and both texts: what the article's own pages show.
    source: String,
}

/// A page of the last build (its search record is kept apart: see the module's doc).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedPage {
    pub info: PageInfo,
    /// The page's file in the output, to take it from there unchanged.
    pub stamp: FileStamp,
}

/// What a build may keep from the last one: every page but those of `render`.
pub struct Plan<'a> {
    pub pages: &'a [CachedPage],
    /// The slugs of the articles whose text changed: their pages are rendered again.
    pub render: BTreeSet<String>,
}

impl Cache {
    pub fn new(state: State, pages: Vec<CachedPage>) -> Cache {
        Cache {
            state,
            pages,
            counts: Counts::new(),
            records_at: 0,
        }
    }

    /// The cache at `path` but its search records, or `None` when there is none, or it
    /// cannot be read, or another layout wrote it.
    pub fn load(path: &Path) -> Option<Cache> {
        let mut file = fs::File::open(path).ok()?;
        let mut header = [0; HEADER];
        file.read_exact(&mut header).ok()?;
        let mut header = Reader(&header);
        let magic = header.bytes(MAGIC.len())?;
        let format = header.u32()?;
        let (json_length, counts_length) = (header.u64()?, header.u64()?);
        if magic != MAGIC || format != FORMAT {
            return None;
        }
        let mut read = |length: u64| -> Option<Vec<u8>> {
            let mut bytes = Vec::new();
            (&mut file).take(length).read_to_end(&mut bytes).ok()?;
            (bytes.len() as u64 == length).then_some(bytes)
        };
        let mut cache: Cache = serde_json::from_slice(&read(json_length)?).ok()?;
        cache.counts = read_counts(&read(counts_length)?)?;
        cache.records_at = HEADER as u64 + json_length + counts_length;
        Some(cache)
    }

    /// The search index's counts, for a build from the same `inputs` (the same generator
    /// above all, which cuts text into terms); none for another.
    pub fn take_counts(&mut self, inputs: &Inputs) -> Counts {
        match self.state.inputs == inputs.0 {
            true => std::mem::take(&mut self.counts),
            false => Counts::new(),
        }
    }

    /// The search record of each page (`None` for a page not searched), in the order of
    /// the pages, read from the file the cache was loaded from, each text where it is in
    /// `texts`; `None` if they cannot be read, or a text is no longer there unchanged.
    pub fn records(&self, path: &Path, texts: &TextFile) -> Option<Vec<Option<SearchRecord>>> {
        let mut file = fs::File::open(path).ok()?;
        file.seek(SeekFrom::Start(self.records_at)).ok()?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).ok()?;
        let records = read_records(&bytes).filter(|records| records.len() == self.pages.len())?;
        let held = |record: &Option<SearchRecord>| match record.as_ref().map(|r| &r.text) {
            Some(Text::Stored(stored)) => texts.holds(stored),
            Some(Text::Held(_)) => false,
            None => true,
        };
        records.par_iter().all(held).then_some(records)
    }

    /// The file of texts beside the cache file at `path`.
    pub fn texts_path(path: &Path) -> PathBuf {
        path.with_file_name("texts")
    }

    /// Writes the cache, with `records` (one a page, in the order of the pages), beside
    /// `path` under a temporary name, which it returns: `build` writes it while the output
    /// is swapped, and puts it in place only after.
    pub fn write_aside(
        &self,
        path: &Path,
        records: &[Option<SearchRecord>],
        counts: &Counts,
    ) -> Result<PathBuf> {
        let dir = path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let temporary = path.with_extension("partial");
        let json = serde_json::to_vec(self).context("cannot write the build cache")?;
        let counts_length: u64 = counts
            .iter()
            .map(|(lang, bytes)| 4 + lang.len() as u64 + 8 + bytes.len() as u64)
            .sum::<u64>()
            + 4;
        let write = || -> std::io::Result<()> {
            let mut out = BufWriter::new(fs::File::create(&temporary)?);
            out.write_all(MAGIC)?;
            out.write_all(&FORMAT.to_le_bytes())?;
            out.write_all(&(json.len() as u64).to_le_bytes())?;
            out.write_all(&counts_length.to_le_bytes())?;
            out.write_all(&json)?;
            write_counts(&mut out, counts)?;
            write_records(&mut out, records)?;
            out.into_inner().map_err(|e| e.into_error())?;
            Ok(())
        };
        write().with_context(|| format!("cannot write {}", temporary.display()))?;
        Ok(temporary)
    }

    /// Puts a cache written by [`Self::write_aside`] in place at `path`.
    pub fn put_in_place(aside: &Path, path: &Path) -> Result<()> {
        fs::rename(aside, path).with_context(|| format!("cannot write {}", path.display()))
    }

    /// Removes the cache at `path` (the output is about to change), if there is one.
    pub fn forget(path: &Path) -> Result<()> {
        use std::io::ErrorKind::{NotADirectory, NotFound};
        match fs::remove_file(path) {
            // No cache, or no cache folder (something else by its name, which holds none).
            Err(err) if !matches!(err.kind(), NotFound | NotADirectory) => {
                Err(err).with_context(|| format!("cannot remove {}", path.display()))
            }
            _ => Ok(()),
        }
    }

    /// What a build in `now` may keep of this one: only when nothing but articles' text
    /// changed (the same inputs, the same articles in the same order, every listing the
    /// same). `None` means a full build.
    pub fn plan(&self, now: &State) -> Option<Plan<'_>> {
        let before = &self.state;
        let same_lists = before.inputs == now.inputs
            && before.articles.len() == now.articles.len()
            && before
                .articles
                .iter()
                .zip(&now.articles)
                .all(|(a, b)| a.slug == b.slug && a.listing == b.listing);
        if !same_lists {
            return None;
        }
        let render = before
            .articles
            .iter()
            .zip(&now.articles)
            .filter(|(a, b)| a.source != b.source)
            .map(|(_, b)| b.slug.clone())
            .collect();
        Some(Plan {
            pages: &self.pages,
            render,
        })
    }
}

impl State {
    /// The state of a build of `site` from its `inputs`. `build` hashes the files before
    /// it renders (so a file saved during the build makes the next build a full one), and
    /// the articles, which it holds, when it needs them.
    pub fn with_inputs(inputs: Inputs, site: &Site) -> State {
        let articles = site
            .articles
            .par_iter()
            .map(|article| {
                let listing = listing(site, article);
                let mut h = hasher();
                h.write(listing.as_bytes());
                for text in [Some(&article.zh), article.en.as_ref()]
                    .into_iter()
                    .flatten()
                {
                    write_field(&mut h, text.body.as_bytes());
                }
                ArticleState {
                    slug: article.slug.clone(),
                    listing,
                    source: hex(&h),
                }
            })
            .collect();
        State {
            inputs: inputs.0,
            articles,
        }
    }
}

/// Room a file of texts may have for texts no record holds any more, past as many bytes
/// as the records' texts: a rebuild adds the texts of the pages it renders after those of
/// the last build, so the file grows by an edit's texts each time until it is copied anew.
const TEXTS_SLACK: u64 = 1 << 20;

/// Puts `texts`, the file of `records`' texts, in place beside the cache file at `path`
/// before the cache that names its texts is written: a new file (a full build's) is
/// renamed into place; the file of the last build, which this build added to, stays, or
/// is copied anew with only the records' texts once most of it is texts no record holds
/// (`records` then say where their texts are in the copy).
pub fn settle_texts(
    texts: &TextFile,
    records: &mut [Option<SearchRecord>],
    path: &Path,
) -> Result<()> {
    let in_place = Cache::texts_path(path);
    let rename = |from: &Path| {
        fs::rename(from, &in_place).with_context(|| format!("cannot write {}", in_place.display()))
    };
    if texts.path() != in_place {
        return rename(texts.path());
    }
    let held: u64 = records
        .iter()
        .flatten()
        .map(|r| match &r.text {
            Text::Stored(text) => u64::from(text.len),
            Text::Held(_) => 0,
        })
        .sum();
    if texts.bytes_held() <= 2 * held + TEXTS_SLACK {
        return Ok(());
    }
    let copy = TextFile::create(&in_place.with_extension("partial"))?;
    records.par_iter_mut().flatten().try_for_each(|record| {
        if let Text::Stored(text) = &record.text {
            record.text = Text::Stored(copy.put(&texts.read(text)?)?);
        }
        anyhow::Ok(())
    })?;
    rename(copy.path())
}

/// The hash of everything a build's output follows from but the articles (see [`State`]).
#[derive(Clone)]
pub struct Inputs(String);

impl Inputs {
    /// The inputs of a build of the portal at `root`, `options` describing the build's
    /// options; `None` when they cannot be known (a file that cannot be read, no way to
    /// tell this program from another): such a build keeps nothing.
    pub fn of(root: &Path, options: &str) -> Option<Inputs> {
        inputs_fingerprint(root, options).map(Inputs)
    }
}

/// The counts of each language: how many languages (u32), then for each its code (its
/// length, u32, then its bytes) and its counts (their length, u64, then the bytes).
fn write_counts(out: &mut impl Write, counts: &Counts) -> std::io::Result<()> {
    let length = |n: usize| u32::try_from(n).map_err(std::io::Error::other);
    out.write_all(&length(counts.len())?.to_le_bytes())?;
    for (lang, bytes) in counts {
        out.write_all(&length(lang.len())?.to_le_bytes())?;
        out.write_all(lang.as_bytes())?;
        out.write_all(&(bytes.len() as u64).to_le_bytes())?;
        out.write_all(bytes)?;
    }
    Ok(())
}

/// The counts [`write_counts`] wrote, or `None` if `bytes` are not such counts.
fn read_counts(bytes: &[u8]) -> Option<Counts> {
    let mut input = Reader(bytes);
    let mut counts = Counts::new();
    for _ in 0..input.u32()? {
        let lang = input.string()?;
        let length = usize::try_from(input.u64()?).ok()?;
        counts.insert(lang, input.bytes(length)?.to_vec());
    }
    input.is_done().then_some(counts)
}

/// The search records, one a page: how many (u32), the length of each in bytes (u32
/// each), then each: 0 (no record) or its fields in order, the date preceded by 0 (none)
/// or 1, each field its length (u32) then its bytes: the strings in UTF-8, the text as
/// where it is in the file of texts ([`stored_bytes`]). (The lengths let the records be
/// read in parallel.) A text that is not in that file cannot be written.
fn write_records(out: &mut impl Write, records: &[Option<SearchRecord>]) -> std::io::Result<()> {
    let length = |n: usize| u32::try_from(n).map_err(std::io::Error::other);
    let encoded: Vec<Vec<u8>> = records.iter().map(encode).collect::<std::io::Result<_>>()?;
    out.write_all(&length(records.len())?.to_le_bytes())?;
    for record in &encoded {
        out.write_all(&length(record.len())?.to_le_bytes())?;
    }
    for record in &encoded {
        out.write_all(record)?;
    }
    Ok(())
}

/// The bytes of one record of [`write_records`]: none, an empty url; else its fields,
/// the date preceded by whether there is one.
fn encode(record: &Option<SearchRecord>) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut field = |bytes: &[u8]| -> std::io::Result<()> {
        let length = u32::try_from(bytes.len()).map_err(std::io::Error::other)?;
        out.extend_from_slice(&length.to_le_bytes());
        out.extend_from_slice(bytes);
        Ok(())
    };
    // A record is marked by its url, never empty (`/` at least).
    let Some(r) = record else {
        field(b"")?;
        return Ok(out);
    };
    let Text::Stored(text) = &r.text else {
        return Err(std::io::Error::other(
            "a page's search text is not in the file of texts",
        ));
    };
    for text in [&r.url, &r.lang, &r.title, &r.kind] {
        field(text.as_bytes())?;
    }
    match &r.date {
        Some(date) => {
            field(b"1")?;
            field(date.as_bytes())?;
        }
        None => field(b"")?,
    }
    field(&stored_bytes(text))?;
    Ok(out)
}

/// Where a text is in the file of texts, as bytes: its place (u64), length and CRC-32
/// (u32 each) and hash (u128).
fn stored_bytes(text: &StoredText) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(32);
    bytes.extend_from_slice(&text.at.to_le_bytes());
    bytes.extend_from_slice(&text.len.to_le_bytes());
    bytes.extend_from_slice(&text.crc.to_le_bytes());
    bytes.extend_from_slice(&text.hash.to_le_bytes());
    bytes
}

/// The place of a text that [`stored_bytes`] wrote, all of `bytes`.
fn read_stored(bytes: &[u8]) -> Option<StoredText> {
    let mut input = Reader(bytes);
    let text = StoredText {
        at: input.u64()?,
        len: input.u32()?,
        crc: input.u32()?,
        hash: u128::from_le_bytes(input.array()?),
    };
    input.is_done().then_some(text)
}

/// The records [`write_records`] wrote, or `None` if `bytes` are not such records.
fn read_records(bytes: &[u8]) -> Option<Vec<Option<SearchRecord>>> {
    let mut input = Reader(bytes);
    let lengths = input.u32s()?;
    let mut slices = Vec::with_capacity(lengths.len());
    for length in lengths {
        slices.push(input.bytes(usize::try_from(length).ok()?)?);
    }
    if !input.is_done() {
        return None;
    }
    slices.into_par_iter().map(read_record).collect()
}

/// One record of [`write_records`], all of `bytes`.
fn read_record(bytes: &[u8]) -> Option<Option<SearchRecord>> {
    let mut fields = Reader(bytes);
    let url = fields.string()?;
    let record = match url.is_empty() {
        true => None,
        false => {
            let (lang, title, kind) = (fields.string()?, fields.string()?, fields.string()?);
            let date = match fields.field()? {
                b"" => None,
                _ => Some(fields.string()?),
            };
            Some(SearchRecord {
                url,
                lang,
                title,
                kind,
                date,
                text: Text::Stored(read_stored(fields.field()?)?),
            })
        }
    };
    fields.is_done().then_some(record)
}

/// Everything other pages may show of `article`, hashed: its front matter (all of it,
/// bodies left out) and its card in both languages (which holds the summary taken from
/// the body when the front matter has none). `serve` compares it too: while every
/// article's listing is the same, the lists, neighbours and citations stay as they were.
/// (Hashed through the derived `Hash`, which takes in every field a later one adds; it
/// was the `Debug` text once, which took 0.15 s at 10,000 articles to escape.)
pub fn listing(site: &Site, article: &Article) -> String {
    let mut front = article.clone();
    for text in [Some(&mut front.zh), front.en.as_mut()]
        .into_iter()
        .flatten()
    {
        text.body = Arc::from("");
    }
    let cards = Lang::ALL.map(|lang| article_card(site, lang, article));
    let mut h = hasher();
    std::hash::Hash::hash(&(front, cards), &mut h);
    hex(&h)
}

fn hasher() -> SipHasher13 {
    SipHasher13::new()
}

/// Writes `bytes` with its length first, so that two fields cannot run into each other.
fn write_field(h: &mut SipHasher13, bytes: &[u8]) {
    h.write_u64(bytes.len() as u64);
    h.write(bytes);
}

fn hex(h: &SipHasher13) -> String {
    format!("{:032x}", h.finish128().as_u128())
}

/// The generator (this program's version and file), the build's options and every input
/// file but the articles' Markdown: their paths and bytes.
fn inputs_fingerprint(root: &Path, options: &str) -> Option<String> {
    let mut h = hasher();
    write_field(&mut h, env!("CARGO_PKG_VERSION").as_bytes());
    // A binary built from other code (a rebuilt development version) renders otherwise.
    let exe = std::env::current_exe().ok()?;
    let meta = fs::metadata(&exe).ok()?;
    let modified = meta.modified().ok()?;
    write_field(&mut h, exe.as_os_str().as_encoded_bytes());
    write_field(&mut h, format!("{} {modified:?}", meta.len()).as_bytes());
    write_field(&mut h, options.as_bytes());
    for dir in ["content", "templates", "static"] {
        let articles = root.join("content").join("articles");
        for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
            let entry = match entry {
                Ok(entry) => entry,
                // A folder that is not there is an input like any other: none.
                Err(err) if err.depth() == 0 && err.io_error().is_some_and(is_not_found) => break,
                Err(_) => return None,
            };
            let path = entry.path();
            let is_article = path.starts_with(&articles)
                && path.extension().is_some_and(|e| e == "md")
                && entry.file_type().is_file();
            if entry.file_type().is_dir() || is_article {
                continue;
            }
            write_field(&mut h, path.as_os_str().as_encoded_bytes());
            let bytes = match entry.file_type().is_symlink() {
                true => fs::read_link(path)
                    .ok()?
                    .into_os_string()
                    .into_encoded_bytes(),
                false => fs::read(path).ok()?,
            };
            write_field(&mut h, &bytes);
        }
    }
    Some(hex(&h))
}

fn is_not_found(err: &std::io::Error) -> bool {
    err.kind() == std::io::ErrorKind::NotFound
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(articles: &[(&str, &str, &str)]) -> State {
        State {
            inputs: "inputs".into(),
            articles: articles
                .iter()
                .map(|(slug, listing, source)| ArticleState {
                    slug: (*slug).into(),
                    listing: (*listing).into(),
                    source: (*source).into(),
                })
                .collect(),
        }
    }

    #[test]
    fn only_edits_to_articles_texts_alone_keep_the_last_build() {
        let before = state(&[("a", "la", "sa"), ("b", "lb", "sb"), ("c", "lc", "sc")]);
        let cache = Cache::new(before.clone(), Vec::new());
        let render = |now: &State| {
            cache
                .plan(now)
                .map(|p| p.render.into_iter().collect::<Vec<_>>())
        };
        assert_eq!(render(&before), Some(vec![]));
        let texts = state(&[("a", "la", "sa"), ("b", "lb", "sb2"), ("c", "lc", "sc2")]);
        assert_eq!(render(&texts), Some(vec!["b".to_owned(), "c".to_owned()]));
        // A listing, the order, the set of articles or any other input: a full build.
        for now in [
            state(&[("a", "la", "sa"), ("b", "lb2", "sb2"), ("c", "lc", "sc")]),
            state(&[("b", "lb", "sb"), ("a", "la", "sa"), ("c", "lc", "sc")]),
            state(&[("a", "la", "sa"), ("b", "lb", "sb")]),
            State {
                inputs: "other".into(),
                ..before.clone()
            },
        ] {
            assert!(render(&now).is_none(), "{now:?}");
        }
    }

    #[test]
    fn a_cache_written_aside_and_put_in_place_loads_as_it_was() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("index.html"), "<p>x</p>").unwrap();
        let stamp = FileStamp::in_output(tmp.path(), "index.html").unwrap();
        let page = |path: &str| CachedPage {
            info: PageInfo {
                path: path.into(),
                lang: Lang::En,
                url: "https://example.org/".into(),
                alternates: vec![("zh-CN".into(), "https://example.org/zh/\"quoted\"".into())],
                indexable: true,
                searchable: true,
            },
            stamp,
        };
        let path = tmp.path().join("cache").join("build.cache");
        let texts = TextFile::create(&Cache::texts_path(&path)).unwrap();
        let record = |date: Option<&str>, text: &str| SearchRecord {
            url: "/p/".into(),
            lang: "zh".into(),
            title: "标题".into(),
            kind: "article".into(),
            date: date.map(str::to_owned),
            text: Text::Stored(texts.put(text).unwrap()),
        };
        let records = vec![
            Some(record(Some("2025-01-02"), "正文\u{0}text")),
            None,
            Some(record(None, "")),
        ];
        let pages = vec![page("index.html"), page("404.html"), page("b/index.html")];
        let cache = Cache::new(state(&[("a", "la", "sa")]), pages.clone());
        let counts = Counts::from([
            ("en".to_owned(), vec![1, 2, 3]),
            ("zh".to_owned(), Vec::new()),
        ]);
        let aside = cache.write_aside(&path, &records, &counts).unwrap();
        assert!(Cache::load(&path).is_none(), "not in place before the swap");
        Cache::put_in_place(&aside, &path).unwrap();
        let mut loaded = Cache::load(&path).unwrap();
        assert_eq!(loaded.state, cache.state);
        assert_eq!(loaded.pages.len(), 3);
        for (loaded, page) in loaded.pages.iter().zip(&pages) {
            assert_eq!(loaded.info, page.info);
            assert_eq!(loaded.stamp, page.stamp);
        }
        assert_eq!(loaded.records(&path, &texts), Some(records.clone()));
        // A text no longer in its file as it was: no records.
        let other = tmp.path().join("other-texts");
        fs::write(&other, "正文\u{0}texT").unwrap();
        assert_eq!(
            loaded.records(&path, &TextFile::open(&other).unwrap()),
            None
        );
        // A text held in memory is not written into the cache.
        let held = Some(SearchRecord {
            text: Text::Held("正文".into()),
            ..record(None, "")
        });
        assert!(cache.write_aside(&path, &[held], &counts).is_err());
        let other = Inputs("other".into());
        assert_eq!(
            loaded.take_counts(&other),
            Counts::new(),
            "another generator's"
        );
        assert_eq!(loaded.take_counts(&Inputs("inputs".into())), counts);
    }

    #[test]
    fn a_cache_that_cannot_be_read_is_none() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("build.cache");
        assert!(Cache::load(&path).is_none());
        let cache = Cache::new(state(&[("a", "la", "sa")]), Vec::new());
        let aside = cache.write_aside(&path, &[], &Counts::new()).unwrap();
        Cache::put_in_place(&aside, &path).unwrap();
        assert!(Cache::load(&path).is_some());
        let bytes = fs::read(&path).unwrap();
        let mut other_format = bytes.clone();
        other_format[8..12].copy_from_slice(&(FORMAT + 1).to_le_bytes());
        let mut other_magic = bytes.clone();
        other_magic[0] = b'X';
        for damaged in [
            bytes[..bytes.len() / 2].to_vec(),
            bytes[..HEADER - 1].to_vec(),
            Vec::new(),
            other_format,
            other_magic,
        ] {
            fs::write(&path, damaged).unwrap();
            assert!(Cache::load(&path).is_none());
        }
        Cache::forget(&path).unwrap();
        Cache::forget(&path).unwrap();
        assert!(!path.exists());
        // A file where the cache's folder goes: no cache, and nothing to forget.
        let not_a_folder = tmp.path().join("file");
        fs::write(&not_a_folder, "x").unwrap();
        assert!(Cache::load(&not_a_folder.join("build.cache")).is_none());
        Cache::forget(&not_a_folder.join("build.cache")).unwrap();
    }

    #[test]
    fn damaged_records_are_none_and_must_be_one_a_page() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("build.cache");
        let texts = TextFile::create(&Cache::texts_path(&path)).unwrap();
        let record = SearchRecord {
            url: "/".into(),
            lang: "en".into(),
            title: "T".into(),
            kind: "page".into(),
            date: None,
            text: Text::Stored(texts.put("words").unwrap()),
        };
        let cache = Cache::new(state(&[]), Vec::new());
        let aside = cache
            .write_aside(&path, &[Some(record)], &Counts::new())
            .unwrap();
        Cache::put_in_place(&aside, &path).unwrap();
        let loaded = Cache::load(&path).unwrap();
        assert_eq!(loaded.records(&path, &texts), None, "one record, no page");
        let bytes = fs::read(&path).unwrap();
        let start = loaded.records_at as usize;
        let records = &bytes[start..];
        assert!(read_records(records).is_some_and(|r| r.len() == 1));
        for end in 1..records.len() {
            assert_eq!(read_records(&records[..end]), None, "cut at {end}");
        }
        // The title, `T` (a field of one byte), not UTF-8.
        let mut not_utf8 = records.to_vec();
        let title = records
            .windows(5)
            .position(|w| w == [1, 0, 0, 0, b'T'])
            .unwrap()
            + 4;
        not_utf8[title] = 0xff;
        assert_eq!(read_records(&not_utf8), None);
    }

    #[test]
    fn the_file_of_texts_is_put_in_place_and_copied_anew_once_mostly_dead() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("build.cache");
        let in_place = Cache::texts_path(&path);
        let record = |text: Text| {
            Some(SearchRecord {
                url: "/a/".into(),
                lang: "zh".into(),
                title: "T".into(),
                kind: "article".into(),
                date: None,
                text,
            })
        };
        let text_of = |file: &TextFile, record: &Option<SearchRecord>| {
            let text = &record.as_ref().unwrap().text;
            text.read(Some(file)).unwrap().into_owned()
        };
        // A full build's new file is renamed into place.
        let fresh = TextFile::create(&in_place.with_extension("partial")).unwrap();
        let mut records = vec![record(Text::Stored(fresh.put("汾河").unwrap())), None];
        settle_texts(&fresh, &mut records, &path).unwrap();
        assert_eq!(fs::read_to_string(&in_place).unwrap(), "汾河");
        // A rebuild adds to it; while the texts no record holds stay few, it stays.
        let file = TextFile::open(&in_place).unwrap();
        let dead = "旧".repeat(100_000);
        file.put(&dead).unwrap();
        let mut records = vec![record(Text::Stored(file.put("空气质量").unwrap()))];
        settle_texts(&file, &mut records, &path).unwrap();
        assert_eq!(fs::metadata(&in_place).unwrap().len(), file.bytes_held());
        // Once they are most of it, the file is copied with the records' texts alone.
        for _ in 0..4 {
            file.put(&dead).unwrap();
        }
        let live = "水质".repeat(1000);
        let mut records = vec![
            record(Text::Stored(file.put(&live).unwrap())),
            None,
            record(Text::Stored(file.put("空气质量").unwrap())),
        ];
        settle_texts(&file, &mut records, &path).unwrap();
        let copied = TextFile::open(&in_place).unwrap();
        assert_eq!(copied.bytes_held(), (live.len() + "空气质量".len()) as u64);
        assert_eq!(text_of(&copied, &records[0]), live);
        assert_eq!(text_of(&copied, &records[2]), "空气质量");
        assert!(records[1].is_none());
    }

    #[test]
    fn counts_read_back_as_written_and_damaged_ones_are_none() {
        let counts = Counts::from([
            ("en".to_owned(), b"counts".to_vec()),
            ("zh".to_owned(), Vec::new()),
        ]);
        let mut bytes = Vec::new();
        write_counts(&mut bytes, &counts).unwrap();
        assert_eq!(read_counts(&bytes), Some(counts));
        for end in 0..bytes.len() {
            assert_eq!(read_counts(&bytes[..end]), None, "cut at {end}");
        }
        bytes.push(0);
        assert_eq!(read_counts(&bytes), None, "a byte too many");
    }
}
