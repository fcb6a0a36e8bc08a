//! The site's own search index: Chinese by characters and character pairs, English by
//! stemmed words, ranked by BM25, sharded by term hash so that a query downloads only the
//! shards of its terms and the stored text of the results it shows. `static/search.js`
//! is the query side. README (Search) says why this design and what it was compared with.

mod counts;
mod entry;
mod extract;
mod index;
mod keys;
mod texts;
mod tokens;

use crate::model::{Lang, Site};
use crate::output::OutputFile;
use crate::render::PageInfo;
use crate::route::{href_under, Route};
use anyhow::{anyhow, Context, Result};
use rayon::prelude::*;
use std::collections::BTreeMap;

pub use crate::route::SEARCH_DIR;
pub use texts::{StoredText, Text, TextFile};

/// What the index needs of one searchable page, made as the page is rendered (so the
/// build need not keep the pages' HTML for the index): its text without menus, and
/// a few facts for the result list. `build` keeps the records between runs, and their
/// text in a file of its own (see `texts.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRecord {
    /// Path from the site's root, e.g. `/portal/en/articles/x/`.
    pub url: String,
    /// Language code (`zh`, `en`): each language has its own index.
    pub lang: String,
    pub title: String,
    /// `article`, `place`, `topic`, `indicator` or `page`.
    pub kind: String,
    pub date: Option<String>,
    pub text: Text,
}

impl SearchRecord {
    /// The record of `page` from its rendered `html`, or `None` for a
    /// page that is not searched (the 404 page, an untranslated stub).
    pub fn of_page(page: &PageInfo, html: &[u8], base_path: &str) -> Result<Option<Self>> {
        if !page.searchable {
            return Ok(None);
        }
        let text =
            extract::page_text(html).with_context(|| format!("cannot index {}", page.path))?;
        let path = page.path.trim_end_matches("index.html");
        let kind = kind_of(Route::parse(path).map(|(_, route)| route));
        Ok(Some(SearchRecord {
            url: href_under(base_path, path),
            lang: page.lang.code().to_owned(),
            title: text.title,
            kind: kind.to_owned(),
            // Only an article has a date of its own: the first date on a place's or a
            // topic's page is that of the first article it lists.
            date: text.date.filter(|_| kind == "article"),
            text: Text::Held(text.text),
        }))
    }
}

/// A record with the names a reader may type for its page (a place's own name, short
/// name, other names, pinyin): indexed like its title, and a query that is one of them
/// puts the page first. An indicator's `aliases` in the registry also put it first, but
/// count as its text.
struct Document<'a> {
    record: &'a SearchRecord,
    names: Vec<String>,
    aliases: Vec<String>,
}

/// The index files of `records`, one index per language under `search-index/<lang>/`,
/// in no particular order.
pub fn index_records(records: Vec<SearchRecord>, site: &Site) -> Result<Vec<OutputFile>> {
    let files = std::sync::Mutex::new(Vec::new());
    emit_index(
        records.iter().collect(),
        site,
        &Counts::new(),
        None,
        &|file| {
            files
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(file)
        },
    )?;
    Ok(files
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner))
}

/// Each language's counts, by its code, as `build` keeps them between runs: what the index
/// needs of the pages it has seen (see `counts.rs`).
pub type Counts = BTreeMap<String, Vec<u8>>;

/// [`index_records`], each file handed to `emit` as soon as it is made, from several
/// threads (`build` writes it then, so the index is never held whole); with the last
/// build's counts, `previous`, and the counts of this one returned, for the next.
/// (The records are borrowed: `build` keeps them for its cache.) A text stored in a
/// file is read from `texts`; one that cannot be is an error.
pub fn emit_index(
    records: Vec<&SearchRecord>,
    site: &Site,
    previous: &Counts,
    texts: Option<&TextFile>,
    emit: &(dyn Fn(OutputFile) + Sync),
) -> Result<Counts> {
    let names = page_names(site);
    let aliases = indicator_aliases(site);
    let mut by_lang: BTreeMap<String, Vec<Document>> = BTreeMap::new();
    for record in records {
        let page = (record.lang.clone(), record.title.clone());
        let aliases = match record.kind.as_str() {
            "indicator" => aliases.get(&page).cloned().unwrap_or_default(),
            _ => Vec::new(),
        };
        let names = match record.kind.as_str() {
            "place" | "topic" | "indicator" => names
                .get(&page)
                .cloned()
                // A page the registries do not name is named by its title.
                .unwrap_or_else(|| vec![record.title.clone()]),
            _ => Vec::new(),
        };
        let doc = Document {
            record,
            names,
            aliases,
        };
        by_lang
            .entry(doc.record.lang.clone())
            .or_default()
            .push(doc);
    }
    let terms = &site.search_terms;
    by_lang
        .into_par_iter()
        .map(|(lang, mut docs)| {
            // Ties go to articles, newest first.
            docs.sort_by(|a, b| {
                let (a, b) = (&a.record, &b.record);
                (a.kind != "article", b.date.as_deref(), &a.url).cmp(&(
                    b.kind != "article",
                    a.date.as_deref(),
                    &b.url,
                ))
            });
            let dir = format!("{SEARCH_DIR}/{lang}");
            let previous = previous.get(&lang).map(Vec::as_slice);
            let counts = index::language_index(&dir, docs, terms, previous, texts, emit)?;
            Ok((lang, counts))
        })
        .collect()
}

/// The index of the searchable `pages`, their HTML looked up by output path with `html`
/// (`serve` keeps its files in a map of its own).
pub fn index_pages<'a>(
    pages: &[PageInfo],
    site: &Site,
    html: impl Fn(&str) -> Option<&'a [u8]> + Sync,
) -> Result<Vec<OutputFile>> {
    let base_path = &site.config.base_path;
    let records = pages
        .par_iter()
        .filter(|p| p.searchable)
        .map(|page| {
            let bytes =
                html(&page.path).ok_or_else(|| anyhow!("page {} was not rendered", page.path))?;
            SearchRecord::of_page(page, bytes, base_path)
        })
        .filter_map(Result::transpose)
        .collect::<Result<Vec<_>>>()?;
    index_records(records, site)
}

/// The names of place, topic and indicator pages, by language and the page's title (a place's
/// English page is titled with both names: `Taiyuan 太原市`).
fn page_names(site: &Site) -> BTreeMap<(String, String), Vec<String>> {
    let mut names = BTreeMap::new();
    for city in &site.cities {
        let (zh, en) = (&city.name.zh, &city.name.en);
        let (zh_names, en_names) = place_names(city);
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
    for indicator in &site.indicators {
        for lang in [Lang::Zh, Lang::En] {
            let name = indicator.name.get(lang);
            names.insert(
                (lang.code().to_owned(), name.to_owned()),
                indicator_names(name),
            );
        }
    }
    names
}

/// The other names the registry gives each indicator, by language and the page's title.
fn indicator_aliases(site: &Site) -> BTreeMap<(String, String), Vec<String>> {
    let mut aliases = BTreeMap::new();
    for indicator in &site.indicators {
        for lang in [Lang::Zh, Lang::En] {
            aliases.insert(
                (lang.code().to_owned(), indicator.name.get(lang).to_owned()),
                indicator.aliases.get(lang).to_vec(),
            );
        }
    }
    aliases
}

/// An indicator's names: its name, the name without what it puts in brackets (`Ozone
/// concentration` for `Ozone (O₃) concentration`, `二氧化碳排放量` for
/// `二氧化碳排放量（模型估算）`).
fn indicator_names(name: &str) -> Vec<String> {
    let mut names = vec![name.to_owned()];
    let mut bare = String::new();
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            c if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    let bare = bare.split_whitespace().collect::<Vec<_>>().join(" ");
    if !bare.is_empty() && bare != name {
        names.push(bare);
    }
    names
}

/// A place's names in Chinese and in English: its name, short name and aliases, and in
/// English their pinyin and the name with the kind of place its Chinese name ends with
/// (`Taiyuan City` for 太原市, `Shanxi Province` for 山西省), as readers type it.
fn place_names(city: &crate::model::City) -> (Vec<String>, Vec<String>) {
    let (zh, en) = (&city.name.zh, &city.name.en);
    let mut zh_names = vec![zh.clone()];
    let mut en_names = vec![en.clone()];
    // `Qi County` → `Qi`; the pinyin of 祁县 and of its short form 祁 (`qixian`, `qi`).
    if let Some(short) = en.strip_suffix(" County").or(en.strip_suffix(" District")) {
        en_names.push(short.to_owned());
    }
    for (ending, kind) in [('市', "City"), ('省', "Province")] {
        if zh.ends_with(ending) && !en.ends_with(kind) {
            en_names.push(format!("{en} {kind}"));
        }
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
    (zh_names, en_names)
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
    fn a_place_is_named_with_and_without_its_kind() {
        let city = |zh: &str, en: &str, aliases: &[&str]| crate::model::City {
            id: String::new(),
            name: crate::model::Bilingual {
                zh: zh.into(),
                en: en.into(),
            },
            level: crate::model::Level::Prefecture,
            parent: None,
            children: Vec::new(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            lat: None,
            lon: None,
        };
        let (zh, en) = place_names(&city("太原市", "Taiyuan", &["并州"]));
        assert_eq!(zh, ["太原市", "并州"]);
        assert_eq!(
            en,
            [
                "Taiyuan",
                "Taiyuan City",
                "taiyuanshi",
                "taiyuan",
                "bingzhou"
            ]
        );
        let (_, en) = place_names(&city("山西省", "Shanxi", &[]));
        assert!(en.contains(&"Shanxi Province".to_owned()), "{en:?}");
        let (_, en) = place_names(&city("祁县", "Qi County", &[]));
        assert_eq!(en, ["Qi County", "Qi", "qixian"]);
    }

    #[test]
    fn an_indicator_is_named_with_and_without_its_brackets() {
        assert_eq!(
            indicator_names("Ozone (O₃) concentration"),
            ["Ozone (O₃) concentration", "Ozone concentration"]
        );
        assert_eq!(
            indicator_names("二氧化碳排放量（模型估算）"),
            ["二氧化碳排放量（模型估算）", "二氧化碳排放量"]
        );
        assert_eq!(indicator_names("森林覆盖率"), ["森林覆盖率"]);
    }

    #[test]
    fn only_articles_keep_a_date() {
        let html = |date: &str| {
            format!("<main><h1>T</h1><time datetime=\"{date}\">{date}</time><p>x</p></main>")
        };
        let record = |path: &str, date: &str| {
            SearchRecord::of_page(&info(path), html(date).as_bytes(), "/p/")
                .ok()
                .flatten()
        };
        let article = record("en/articles/a/index.html", "2025-03-01");
        let article = article.as_ref();
        assert_eq!(
            article.map(|a| (a.url.as_str(), a.lang.as_str(), a.kind.as_str())),
            Some(("/p/en/articles/a/", "en", "article"))
        );
        assert_eq!(article.and_then(|a| a.date.as_deref()), Some("2025-03-01"));
        for path in ["cities/x/index.html", "en/topics/air/index.html"] {
            let page = record(path, "2025-01-01");
            assert_eq!(page.map(|p| p.date), Some(None), "{path}");
        }
    }

    #[test]
    fn a_page_not_searched_has_no_record() {
        let mut page = info("404.html");
        page.searchable = false;
        assert!(matches!(
            SearchRecord::of_page(&page, b"<main>x</main>", "/"),
            Ok(None)
        ));
    }
}
