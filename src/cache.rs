//! What `build` keeps between runs, beside its output (`.<out>.cache/build.json`), so that
//! after an edit to articles' text it renders only their pages and takes every other page
//! from the output as it is.
//!
//! The cache records the last build: a fingerprint of everything but the articles (the
//! generator, the build's options, every file of `content/` but the articles', of
//! `templates/` and of `static/`), each article's listing (what other pages show of it)
//! and source, and each page: what the sitemap needs of it, and the stamp of its file in
//! the output (the search index reads a kept page's file again). It is removed before a
//! build's swap and written after it, so a cache that exists describes the output beside
//! it. A cache that cannot be read, or was written by another version or binary, is
//! ignored: the build is then a full one.

use crate::model::{Article, Lang, Site};
use crate::render::views::article_card;
use crate::render::PageInfo;
use crate::write::FileStamp;
use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use siphasher::sip128::{Hasher128, SipHasher13};
use std::collections::BTreeSet;
use std::fs;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The layout of the cache file; a file of another layout is ignored.
const FORMAT: u32 = 2;

/// The last build, as the next one needs it.
#[derive(Debug, Serialize, Deserialize)]
pub struct Cache {
    format: u32,
    state: State,
    /// Every page, in the order they are rendered.
    pages: Vec<CachedPage>,
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

/// A page of the last build. (Not its search record: a kept page's is read from its file
/// again. Keeping the records made the cache hold every page's text, 114 MB at 10,000
/// articles, and writing it cost a full build 5% of its time.)
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
            format: FORMAT,
            state,
            pages,
        }
    }

    /// The cache at `path`, or `None` when there is none, or it cannot be read, or another
    /// layout wrote it.
    pub fn load(path: &Path) -> Option<Cache> {
        let bytes = fs::read(path).ok()?;
        let cache: Cache = serde_json::from_slice(&bytes).ok()?;
        (cache.format == FORMAT).then_some(cache)
    }

    /// Writes the cache beside `path` under a temporary name, which it returns: `build`
    /// writes it while the output is swapped, and puts it in place only after.
    pub fn write_aside(&self, path: &Path) -> Result<PathBuf> {
        let dir = path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let temporary = path.with_extension("json.partial");
        let json = serde_json::to_vec(self).context("cannot write the build cache")?;
        fs::write(&temporary, json)
            .with_context(|| format!("cannot write {}", temporary.display()))?;
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
                let mut h = hasher();
                h.write(listing(site, article).as_bytes());
                let listing = hex(&h);
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

/// Everything other pages may show of `article`, written out: its front matter (all of
/// it, bodies left out) and its card in both languages (which holds the summary taken
/// from the body when the front matter has none). `serve` compares it too: while every
/// article's listing is the same, the lists, neighbours and citations stay as they were.
pub fn listing(site: &Site, article: &Article) -> String {
    let mut front = article.clone();
    for text in [Some(&mut front.zh), front.en.as_mut()]
        .into_iter()
        .flatten()
    {
        text.body = Arc::from("");
    }
    let cards = Lang::ALL.map(|lang| article_card(site, lang, article));
    format!("{front:?}{cards:?}")
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
        let page = CachedPage {
            info: PageInfo {
                path: "index.html".into(),
                lang: Lang::En,
                url: "https://example.org/".into(),
                alternates: vec![("zh-CN".into(), "https://example.org/zh/\"quoted\"".into())],
                indexable: true,
                searchable: true,
            },
            stamp,
        };
        let cache = Cache::new(state(&[("a", "la", "sa")]), vec![page.clone()]);
        let path = tmp.path().join("cache").join("build.json");
        let aside = cache.write_aside(&path).unwrap();
        assert!(Cache::load(&path).is_none(), "not in place before the swap");
        Cache::put_in_place(&aside, &path).unwrap();
        let loaded = Cache::load(&path).unwrap();
        assert_eq!(loaded.state, cache.state);
        assert_eq!(loaded.pages.len(), 1);
        assert_eq!(loaded.pages[0].info, page.info);
        assert_eq!(loaded.pages[0].stamp, page.stamp);
    }

    #[test]
    fn a_cache_that_cannot_be_read_is_none() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("build.json");
        assert!(Cache::load(&path).is_none());
        let cache = Cache::new(state(&[("a", "la", "sa")]), Vec::new());
        let aside = cache.write_aside(&path).unwrap();
        Cache::put_in_place(&aside, &path).unwrap();
        assert!(Cache::load(&path).is_some());
        let text = fs::read_to_string(&path).unwrap();
        for damaged in [
            text[..text.len() / 2].to_owned(),
            String::new(),
            text.replacen(
                &format!("\"format\":{FORMAT}"),
                &format!("\"format\":{}", FORMAT + 1),
                1,
            ),
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
        assert!(Cache::load(&not_a_folder.join("build.json")).is_none());
        Cache::forget(&not_a_folder.join("build.json")).unwrap();
    }
}
