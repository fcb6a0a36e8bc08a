//! The site's own search index: Chinese by characters and character pairs, English by
//! stemmed words, ranked by BM25, sharded by term hash so that a query downloads only the
//! shards of its terms and the stored text of the results it shows. `static/search.js`
//! is the query side. README (Search) says why this design and what it was compared with.

mod extract;
mod index;
mod tokens;

use crate::output::OutputFile;
use crate::render::PageInfo;
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
}

/// The index files of `docs`, one index per language under `search-index/<lang>/`.
pub fn index_files(docs: Vec<Document>) -> Vec<OutputFile> {
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
            index::language_index(&format!("{SEARCH_DIR}/{lang}"), docs)
        })
        .collect()
}

/// The index of the searchable pages among the rendered `files` (minified or not).
/// `base_path` is the site's path (`/` or `/portal/`).
pub fn index_rendered(
    files: &[OutputFile],
    pages: &[PageInfo],
    base_path: &str,
) -> Result<Vec<OutputFile>> {
    let by_path: BTreeMap<&str, &[u8]> = files
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        .collect();
    index_pages(pages, base_path, |path| by_path.get(path).copied())
}

/// The index of the searchable `pages`, their HTML looked up by output path with `html`
/// (`serve` keeps its files in a map of its own).
pub fn index_pages<'a>(
    pages: &[PageInfo],
    base_path: &str,
    html: impl Fn(&str) -> Option<&'a [u8]> + Sync,
) -> Result<Vec<OutputFile>> {
    let docs = pages
        .par_iter()
        .filter(|p| p.searchable)
        .map(|page| {
            let bytes =
                html(&page.path).ok_or_else(|| anyhow!("page {} was not rendered", page.path))?;
            let text =
                extract::page_text(bytes).with_context(|| format!("cannot index {}", page.path))?;
            Ok(document(&page.path, base_path, text))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(index_files(docs))
}

/// The document of the page at `path` (its output path) with `text`.
fn document(path: &str, base_path: &str, text: extract::PageText) -> Document {
    let rest = path.trim_end_matches("index.html");
    let (lang, rest) = match rest.strip_prefix("en/") {
        Some(rest) => ("en", rest),
        None => ("zh", rest),
    };
    let kind = kind_of(rest);
    Document {
        url: format!("{base_path}{}", path.trim_end_matches("index.html")),
        lang: lang.to_owned(),
        title: text.title,
        kind: kind.to_owned(),
        // Only an article has a date of its own: the first date on a place's or a topic's
        // page is that of the first article it lists.
        date: text.date.filter(|_| kind == "article"),
        text: text.text,
    }
}

/// A page's kind from its path under the language's root.
fn kind_of(rest: &str) -> &'static str {
    match rest.split('/').next() {
        Some("articles") => "article",
        Some("cities") => "place",
        Some("topics") => "topic",
        Some("indicators") => "indicator",
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

    #[test]
    fn only_articles_keep_a_date() {
        let article = document("en/articles/a/index.html", "/p/", page("2025-03"));
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
            assert_eq!(document(path, "/", page("2025")).date, None, "{path}");
        }
    }
}
