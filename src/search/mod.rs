//! The site's own search index: Chinese by characters and character pairs, English by
//! stemmed words, ranked by BM25, sharded by term hash so that a query downloads only the
//! shards of its terms and the stored text of the results it shows. `static/search.js`
//! is the query side. README (Search) says why this design and what it was compared with.

mod extract;
mod index;
mod keys;
mod tokens;

use crate::model::{SearchTerms, Site};
use crate::output::OutputFile;
use crate::render::PageInfo;
use crate::route::Route;
use anyhow::{anyhow, Context, Result};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Folder of the index in the output.
pub const SEARCH_DIR: &str = "search-index";

/// A page as the index sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Path from the site's root, e.g. `/portal/en/articles/x/`.
    pub url: String,
    /// Language code (`zh`, `en`): each language has its own index.
    pub lang: String,
    pub title: String,
    /// `article`, `place`, `topic`, `indicator` or `page`.
    pub kind: String,
    pub date: Option<String>,
    pub text: String,
    /// The page's names a reader may type for it (a place's own name, short name, other
    /// names, pinyin): indexed like its title, and a query that is one of them puts the
    /// page first.
    pub names: Vec<String>,
}

/// The index files of `docs`, one index per language under `search-index/<lang>/`.
pub fn index_files(docs: Vec<Document>, terms: &SearchTerms) -> Vec<OutputFile> {
    let mut by_lang: BTreeMap<String, Vec<Document>> = BTreeMap::new();
    for doc in docs {
        by_lang.entry(doc.lang.clone()).or_default().push(doc);
    }
    by_lang
        .into_par_iter()
        .flat_map(|(lang, mut docs)| {
            // Ties go to articles, newest first.
            docs.sort_by(|a, b| {
                (a.kind != "article", b.date.as_deref(), &a.url).cmp(&(
                    b.kind != "article",
                    a.date.as_deref(),
                    &b.url,
                ))
            });
            index::language_index(&format!("{SEARCH_DIR}/{lang}"), docs, terms)
        })
        .collect()
}

/// The index of the searchable pages among the rendered `files` (minified or not).
pub fn index_rendered(
    files: &[OutputFile],
    pages: &[PageInfo],
    site: &Site,
) -> Result<Vec<OutputFile>> {
    let by_path: BTreeMap<&str, &[u8]> = files
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        .collect();
    index_pages(pages, site, |path| by_path.get(path).copied())
}

/// The index of the searchable `pages`, their HTML looked up by output path with `html`
/// (`serve` keeps its files in a map of its own).
pub fn index_pages<'a>(
    pages: &[PageInfo],
    site: &Site,
    html: impl Fn(&str) -> Option<&'a [u8]> + Sync,
) -> Result<Vec<OutputFile>> {
    let base_path = &site.config.base_path;
    let docs = pages
        .par_iter()
        .filter(|p| p.searchable)
        .map(|page| {
            let bytes =
                html(&page.path).ok_or_else(|| anyhow!("page {} was not rendered", page.path))?;
            record(page, base_path, bytes)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(index_records(docs, site))
}

/// The compact record the index needs of one searchable page, from its (minified) HTML:
/// what `build` keeps of a page after writing it.
pub fn record(page: &PageInfo, base_path: &str, html: &[u8]) -> Result<Document> {
    let text = extract::page_text(html).with_context(|| format!("cannot index {}", page.path))?;
    Ok(document(page, base_path, text))
}

/// The index files of the searchable pages' records, in the order of the pages.
pub fn index_records(mut docs: Vec<Document>, site: &Site) -> Vec<OutputFile> {
    let names = page_names(site);
    for doc in docs
        .iter_mut()
        .filter(|d| d.kind == "place" || d.kind == "topic")
    {
        if let Some(names) = names.get(&(doc.lang.clone(), doc.title.clone())) {
            doc.names.clone_from(names);
        }
    }
    index_files(docs, &site.search_terms)
}

/// The document of `page` with its `text`.
fn document(page: &PageInfo, base_path: &str, text: extract::PageText) -> Document {
    let path = page.path.trim_end_matches("index.html");
    let kind = kind_of(Route::parse(path).map(|(_, route)| route));
    Document {
        url: format!("{base_path}{path}"),
        lang: page.lang.code().to_owned(),
        title: text.title,
        kind: kind.to_owned(),
        // Only an article has a date of its own: the first date on a place's or a topic's
        // page is that of the first article it lists.
        date: text.date.filter(|_| kind == "article"),
        text: text.text,
        names: Vec::new(),
    }
}

/// The names of place and topic pages, by language and the page's title (a place's
/// English page is titled with both names: `Taiyuan 太原市`).
fn page_names(site: &Site) -> BTreeMap<(String, String), Vec<String>> {
    let mut names = BTreeMap::new();
    for city in &site.cities {
        let (zh, en) = (&city.name.zh, &city.name.en);
        let mut zh_names = vec![zh.clone()];
        let mut en_names = vec![en.clone()];
        // `Qi County` → `Qi`; the pinyin of 祁县 and of its short form 祁 (`qixian`, `qi`).
        if let Some(short) = en.strip_suffix(" County").or(en.strip_suffix(" District")) {
            en_names.push(short.to_owned());
        }
        for name in std::iter::once(zh).chain(&city.aliases) {
            if name.chars().any(crate::cjk::is_han) {
                zh_names.push(name.clone());
                en_names.push(keys::pinyin(name, ""));
                if let Some(short) = name.strip_suffix(['市', '县', '区', '省']) {
                    if short.chars().count() >= 2 {
                        en_names.push(keys::pinyin(short, ""));
                    }
                }
            } else {
                en_names.push(name.clone());
            }
        }
        zh_names.dedup();
        en_names.dedup();
        let en_title = if en == zh {
            en.clone()
        } else {
            format!("{en} {zh}")
        };
        names.insert(("zh".to_owned(), zh.clone()), zh_names);
        names.insert(("en".to_owned(), en_title), en_names);
    }
    for topic in &site.topics {
        names.insert(
            ("zh".to_owned(), topic.name.zh.clone()),
            vec![topic.name.zh.clone()],
        );
        names.insert(
            ("en".to_owned(), topic.name.en.clone()),
            vec![topic.name.en.clone()],
        );
    }
    names
}

/// A page's kind from its path under the language's root.
fn kind_of(route: Option<Route>) -> &'static str {
    match route {
        Some(Route::Article(_)) => "article",
        Some(Route::City(..)) => "place",
        Some(Route::Topic(..)) => "topic",
        Some(Route::Indicator(_)) => "indicator",
        _ => "page",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(date: &str) -> extract::PageText {
        extract::PageText {
            title: "T".into(),
            date: Some(date.into()),
            text: "x".into(),
        }
    }

    fn info(path: &str) -> PageInfo {
        PageInfo {
            path: path.into(),
            lang: if path.starts_with("en/") {
                crate::lang::Lang::En
            } else {
                crate::lang::Lang::Zh
            },
            url: String::new(),
            alternates: Vec::new(),
            indexable: true,
            searchable: true,
        }
    }

    #[test]
    fn only_articles_keep_a_date() {
        let article = document(&info("en/articles/a/index.html"), "/p/", page("2025-03"));
        assert_eq!(
            (
                article.url.as_str(),
                article.lang.as_str(),
                article.kind.as_str()
            ),
            ("/p/en/articles/a/", "en", "article")
        );
        assert_eq!(article.date.as_deref(), Some("2025-03"));
        for path in ["cities/x/index.html", "en/topics/air/index.html"] {
            assert_eq!(
                document(&info(path), "/", page("2025")).date,
                None,
                "{path}"
            );
        }
    }
}
