//! Render: the `Site` into pages in memory, in parallel. Writes no files.

pub mod charts;
pub mod indicators;
pub mod markdown;
pub mod templates;
pub mod views;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Lang, Level, Site};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tera::{Context, Tera};
use views::*;

/// One output file, path relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Site-relative paths of every page (`articles/x/`, `en/`, ``), for link checks.
pub fn page_paths(site: &Site) -> Vec<String> {
    let lists = Lists::new(site);
    Page::all(site, &lists)
        .into_iter()
        .map(|p| match p {
            Page::NotFound => "404.html".to_owned(),
            _ => page_path(p.lang(), &p.rest(site)),
        })
        .collect()
}

/// What the later stages need to know of a rendered page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageInfo {
    /// Output path, e.g. `en/articles/x/index.html`.
    pub path: String,
    /// Absolute URL.
    pub url: String,
    /// The page's versions by language, this one included: (`hreflang`, absolute URL).
    pub alternates: Vec<(String, String)>,
    /// For search engines (not an untranslated stub, not the 404 page).
    pub indexable: bool,
    /// Goes into the site's own search index.
    pub searchable: bool,
}

/// The rendered portal: every file, and what is known of each page.
pub struct RenderedSite {
    pub files: Vec<OutputFile>,
    pub pages: Vec<PageInfo>,
}

/// Every page the portal has, before rendering.
#[derive(Debug, Clone, Copy)]
enum Page {
    Home(Lang),
    Article(Lang, usize),
    /// A place's page; the second number is the page of its article list (0-based).
    City(Lang, usize, usize),
    Cities(Lang),
    Topic(Lang, usize, usize),
    Topics(Lang),
    Indicator(Lang, usize),
    Indicators(Lang),
    Archive(Lang, usize),
    Search(Lang),
    NotFound,
}

/// Articles per page of a list: long lists are paginated, so a page's cost does not
/// grow with the site.
pub const PAGE_SIZE: usize = 30;

/// The articles each place and topic lists (positions in `site.articles`), computed once.
struct Lists {
    city: Vec<Vec<usize>>,
    topic: Vec<Vec<usize>>,
}

impl Lists {
    /// One pass over the articles: each is added to its places, their parent places up
    /// to the province, and its topics.
    fn new(site: &Site) -> Self {
        let mut city = vec![Vec::new(); site.cities.len()];
        let mut topic = vec![Vec::new(); site.topics.len()];
        for (i, article) in site.articles.iter().enumerate() {
            let mut places = BTreeSet::new();
            for id in &article.cities {
                let mut cur = Some(id.as_str());
                while let Some(id) = cur {
                    // A cycle in the registry is rejected by the model; stop anyway.
                    if !places.insert(id) {
                        break;
                    }
                    cur = site.city(id).and_then(|c| c.parent.as_deref());
                }
            }
            for id in places {
                if let Some(c) = site.city_position(id) {
                    city[c].push(i);
                }
            }
            for id in &article.topics {
                if let Some(t) = site.topic_position(id) {
                    if topic[t].last() != Some(&i) {
                        topic[t].push(i);
                    }
                }
            }
        }
        Lists { city, topic }
    }
}

fn page_count(items: usize) -> usize {
    items.div_ceil(PAGE_SIZE).max(1)
}

impl Page {
    fn all(site: &Site, lists: &Lists) -> Vec<Page> {
        let mut pages = vec![Page::NotFound];
        for lang in Lang::ALL {
            pages.extend([
                Page::Home(lang),
                Page::Cities(lang),
                Page::Topics(lang),
                Page::Indicators(lang),
                Page::Search(lang),
            ]);
            pages.extend((0..page_count(site.articles.len())).map(|p| Page::Archive(lang, p)));
            pages.extend((0..site.indicators.len()).map(|i| Page::Indicator(lang, i)));
            pages.extend((0..site.articles.len()).map(|i| Page::Article(lang, i)));
            for (i, list) in lists.city.iter().enumerate() {
                pages.extend((0..page_count(list.len())).map(|p| Page::City(lang, i, p)));
            }
            for (i, list) in lists.topic.iter().enumerate() {
                pages.extend((0..page_count(list.len())).map(|p| Page::Topic(lang, i, p)));
            }
        }
        pages
    }

    fn lang(self) -> Lang {
        match self {
            Page::Home(l)
            | Page::Article(l, _)
            | Page::City(l, ..)
            | Page::Cities(l)
            | Page::Topic(l, ..)
            | Page::Topics(l)
            | Page::Indicator(l, _)
            | Page::Indicators(l)
            | Page::Archive(l, _)
            | Page::Search(l) => l,
            Page::NotFound => Lang::Zh,
        }
    }

    /// Path of the page inside its language, ending in `/` (empty for home).
    fn rest(self, site: &Site) -> String {
        match self {
            Page::Home(_) | Page::NotFound => String::new(),
            Page::Article(_, i) => format!("articles/{}/", site.articles[i].slug),
            Page::City(_, i, p) => paged(&format!("cities/{}/", site.cities[i].id), p),
            Page::Cities(_) => "cities/".into(),
            Page::Topic(_, i, p) => paged(&format!("topics/{}/", site.topics[i].id), p),
            Page::Topics(_) => "topics/".into(),
            Page::Indicator(_, i) => indicators::indicator_dir(&site.indicators[i].id),
            Page::Indicators(_) => "indicators/".into(),
            Page::Search(_) => "search/".into(),
            Page::Archive(_, p) => paged("archive/", p),
        }
    }

    /// The template that renders the page.
    fn template(self) -> &'static str {
        match self {
            Page::Home(_) => "home.html",
            Page::Article(..) => "article.html",
            Page::City(..) => "city.html",
            Page::Cities(_) => "cities.html",
            Page::Topic(..) => "topic.html",
            Page::Topics(_) => "topics.html",
            Page::Indicator(..) => "indicator.html",
            Page::Indicators(_) => "indicators.html",
            Page::Archive(..) => "archive.html",
            Page::Search(_) => "search.html",
            Page::NotFound => "404.html",
        }
    }

    fn output_path(self, site: &Site) -> String {
        match self {
            Page::NotFound => "404.html".into(),
            _ => format!("{}index.html", page_path(self.lang(), &self.rest(site))),
        }
    }
}

/// What every page of one language shares, built once.
struct LangShared {
    common: Value,
    cards: Vec<ArticleCard>,
    cities: Vec<CityView>,
    topics: Vec<TopicView>,
    indicators: Vec<indicators::IndicatorView>,
}

/// The lists and views that many pages share, built once from a `Site`. `serve` keeps
/// them across an edit that leaves every article's card as it was.
pub struct Views {
    lists: Lists,
    zh: LangShared,
    en: LangShared,
}

impl Views {
    pub fn new(site: &Site) -> Arc<Self> {
        let lists = Lists::new(site);
        let (zh, en) = rayon::join(
            || LangShared::new(site, Lang::Zh, &lists),
            || LangShared::new(site, Lang::En, &lists),
        );
        Arc::new(Views { lists, zh, en })
    }

    fn shared(&self, lang: Lang) -> &LangShared {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

pub struct Renderer<'a> {
    site: &'a Site,
    tera: &'a Tera,
    views: Arc<Views>,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, tera: &'a Tera) -> Self {
        Self::with_views(site, tera, Views::new(site))
    }

    /// A renderer over views built earlier from a site with the same lists and cards.
    pub fn with_views(site: &'a Site, tera: &'a Tera, views: Arc<Views>) -> Self {
        Renderer { site, tera, views }
    }

    pub fn views(&self) -> Arc<Views> {
        Arc::clone(&self.views)
    }

    fn shared(&self, lang: Lang) -> &LangShared {
        self.views.shared(lang)
    }

    /// Renders every page, chart and data file in parallel; `progress(done, total)` is
    /// called now and then.
    pub fn render_all(
        &self,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<RenderedSite, Diagnostics> {
        let mut rendered = self.render_pages(&|_, _| true, progress)?;
        let mut diags = Diagnostics::default();
        match indicators::chart_files(self.site) {
            Ok(charts) => rendered.files.extend(charts),
            Err(d) => diags.extend(d),
        }
        match indicators::data_files(self.site) {
            Ok(data) => rendered.files.extend(data),
            Err(d) => diags.extend(d),
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(rendered)
    }

    /// Renders the HTML pages for which `keep(template, output path)` holds, in parallel.
    /// `serve` uses it to re-render only what a change affects.
    pub fn render_pages(
        &self,
        keep: &(dyn Fn(&str, &str) -> bool + Sync),
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<RenderedSite, Diagnostics> {
        let pages: Vec<Page> = Page::all(self.site, &self.views.lists)
            .into_iter()
            .filter(|p| keep(p.template(), &p.output_path(self.site)))
            .collect();
        let total = pages.len();
        let done = AtomicUsize::new(0);
        let results: Vec<Result<OutputFile, Vec<Diagnostic>>> = pages
            .par_iter()
            .map(|&page| {
                let out = self.render_page(page);
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if n.is_multiple_of(1000) {
                    progress(n, total);
                }
                out
            })
            .collect();
        let mut files = Vec::with_capacity(total);
        let mut diags = Diagnostics::default();
        // One template error fails every page that uses it: say it once per template.
        // (Its message names the page, so it is grouped by template alone.)
        let mut failed: BTreeMap<(std::path::PathBuf, String), (Diagnostic, usize)> =
            BTreeMap::new();
        for r in results {
            match r {
                Ok(f) => files.push(f),
                Err(ds) => {
                    for d in ds {
                        let per_template = d.path.starts_with("templates");
                        let key = (
                            d.path.clone(),
                            if per_template {
                                String::new()
                            } else {
                                d.message.clone()
                            },
                        );
                        failed.entry(key).or_insert((d, 0)).1 += 1;
                    }
                }
            }
        }
        for (_, (mut d, count)) in failed {
            if count > 1 {
                d.message
                    .push_str(&format!(" (and {} more pages)", count - 1));
            }
            diags.push(d);
        }
        if diags.has_errors() {
            return Err(diags);
        }
        let pages = pages.into_iter().map(|p| self.info(p)).collect();
        Ok(RenderedSite { files, pages })
    }

    /// URLs, alternates and flags of a page.
    fn info(&self, page: Page) -> PageInfo {
        let site = self.site;
        let lang = page.lang();
        let rest = page.rest(site);
        let url = |l: Lang| format!("{}{}", site.config.base_url, page_path(l, &rest));
        let exists_in = |l: Lang| match page {
            Page::Article(_, i) => site.articles[i].text(l).is_some(),
            Page::NotFound => l == lang,
            _ => true,
        };
        let mut alternates: Vec<(String, String)> = Lang::ALL
            .into_iter()
            .filter(|&l| exists_in(l))
            .map(|l| (l.tag().to_owned(), url(l)))
            .collect();
        alternates.sort();
        PageInfo {
            path: page.output_path(site),
            url: url(lang),
            alternates,
            indexable: exists_in(lang) && !matches!(page, Page::NotFound | Page::Search(_)),
            searchable: exists_in(lang)
                && matches!(
                    page,
                    Page::Article(..)
                        | Page::City(_, _, 0)
                        | Page::Topic(_, _, 0)
                        | Page::Indicator(..)
                ),
        }
    }

    fn render_page(&self, page: Page) -> Result<OutputFile, Vec<Diagnostic>> {
        let template = page.template();
        let ctx = self.context(page)?;
        let html = self.tera.render(template, &ctx).map_err(|err| {
            vec![Diagnostic::error(std::path::Path::new("templates").join(template).as_path(), 0, format!("cannot render {}: {}", page.output_path(self.site), templates::error_chain(&err)))
                .hint("a template uses a variable or filter that does not exist; compare it with the default template")]
        })?;
        Ok(OutputFile {
            path: page.output_path(self.site),
            bytes: html.into_bytes(),
        })
    }

    /// The page's template context; problems in its content (a refused link) as errors.
    fn context(&self, page: Page) -> Result<Context, Vec<Diagnostic>> {
        let site = self.site;
        let lang = page.lang();
        let shared = self.shared(lang);
        let mut ctx = Context::from_value(shared.common.clone()).unwrap_or_default();
        let rest = page.rest(site);
        let base = &site.config.base_path;
        let this_href = format!("{base}{}", page_path(lang, &rest));
        let other = lang.other();
        let other_href = format!("{base}{}", page_path(other, &rest));
        let info = self.info(page);
        let exists_in_other = info.alternates.len() > 1;
        let t = |key: &str| site.strings[&lang].get(key).cloned().unwrap_or_default();
        // The feed a page offers: its place's or topic's, else the site's.
        let feed = match page {
            Page::City(_, i, _) => format!(
                "{base}{}",
                page_path(lang, &format!("cities/{}/feed.xml", site.cities[i].id))
            ),
            Page::Topic(_, i, _) => format!(
                "{base}{}",
                page_path(lang, &format!("topics/{}/feed.xml", site.topics[i].id))
            ),
            _ => format!("{base}{}feed.xml", lang.prefix()),
        };
        ctx.insert("feed", &feed);
        ctx.insert("site_feed", &format!("{base}{}feed.xml", lang.prefix()));

        let (title, description) = match page {
            Page::Home(_) => {
                ctx.insert("latest", &shared.cards.iter().take(10).collect::<Vec<_>>());
                ctx.insert("key_figures", &key_figures(site, lang, &shared.indicators));
                ctx.insert("cities", &prefectures(&shared.cities));
                ctx.insert("topics", &shared.topics);
                (
                    String::new(),
                    site.config
                        .description
                        .as_ref()
                        .map(|d| d.get(lang).to_owned())
                        .unwrap_or_default(),
                )
            }
            Page::Article(_, i) => {
                let article = &site.articles[i];
                ctx.insert("json_ld", &json_ld(site, lang, article, &info));
                let card = &shared.cards[i];
                ctx.insert("article", card);
                ctx.insert("newer", &i.checked_sub(1).map(|j| &shared.cards[j]));
                ctx.insert("older", &shared.cards.get(i + 1));
                ctx.insert("figures", &article_figures(site, lang, &article.slug));
                let added = article.added.map(|d| {
                    let text = match lang {
                        Lang::Zh => d.display_zh(),
                        Lang::En => d.display_en(),
                    };
                    json!({"datetime": d.to_string(), "text": text})
                });
                ctx.insert("added", &added);
                match article.text(lang) {
                    Some(text) => {
                        let body = markdown::render(
                            &text.body,
                            &markdown::MarkdownOptions {
                                allow_html: site.config.allow_html,
                                base_path: base,
                            },
                        );
                        if !body.refused.is_empty() {
                            return Err(refused_links(text, &body.refused));
                        }
                        ctx.insert("translated", &true);
                        ctx.insert("body", &body.html);
                        ctx.insert("toc", &body.toc);
                        ctx.insert("subtitle", &text.subtitle);
                        ctx.insert("source", &text.source);
                        ctx.insert("reporters", &text.reporters);
                        ctx.insert("people", &text.people);
                        ctx.insert("reading_minutes", &reading_minutes(&text.body, lang));
                    }
                    None => {
                        ctx.insert("translated", &false);
                        ctx.insert("original_href", &other_href);
                    }
                }
                ctx.insert("has_other", &exists_in_other);
                (card.title.clone(), card.summary.clone())
            }
            Page::City(_, i, p) => {
                let city = &site.cities[i];
                let view = &shared.cities[i];
                let list = &self.views.lists.city[i];
                ctx.insert("city", view);
                ctx.insert("articles", &page_of(list, p, &shared.cards));
                ctx.insert(
                    "pager",
                    &pager(base, lang, &format!("cities/{}/", city.id), p, list.len()),
                );
                // The figures of a place are on the first page of its list.
                let figures = if p == 0 {
                    indicators::city_indicators(site, lang, &city.id)
                } else {
                    Vec::new()
                };
                ctx.insert("indicators", &figures);
                let level_key = match city.level {
                    Level::Province => "level_province",
                    Level::Prefecture => "level_prefecture",
                    Level::County => "level_county",
                };
                ctx.insert("level_label", &t(level_key));
                (
                    view.name.clone(),
                    format!("{}{}", view.name, t("city_description_suffix")),
                )
            }
            Page::Cities(_) => {
                ctx.insert("tree", &city_tree(&shared.cities));
                (t("cities"), t("cities_description"))
            }
            Page::Topic(_, i, p) => {
                let topic = &site.topics[i];
                let list = &self.views.lists.topic[i];
                ctx.insert("topic", &shared.topics[i]);
                ctx.insert("articles", &page_of(list, p, &shared.cards));
                ctx.insert(
                    "pager",
                    &pager(base, lang, &format!("topics/{}/", topic.id), p, list.len()),
                );
                let of_topic: Vec<_> = site
                    .indicators
                    .iter()
                    .zip(&shared.indicators)
                    .filter(|(ind, _)| p == 0 && ind.topics.contains(&topic.id))
                    .map(|(_, v)| v)
                    .collect();
                ctx.insert("indicators", &of_topic);
                (
                    shared.topics[i].name.clone(),
                    shared.topics[i].description.clone(),
                )
            }
            Page::Topics(_) => {
                ctx.insert("topics", &shared.topics);
                (t("topics"), t("topics_description"))
            }
            Page::Indicator(_, i) => {
                let view = &shared.indicators[i];
                ctx.insert("indicator", view);
                (view.name.clone(), view.definition.clone())
            }
            Page::Indicators(_) => {
                let groups: Vec<_> = indicators::by_topic(site)
                    .into_iter()
                    .map(|(topic, items)| json!({"topic": &shared.topics[topic], "indicators": items.iter().map(|&i| &shared.indicators[i]).collect::<Vec<_>>()}))
                    .collect();
                ctx.insert("groups", &groups);
                (t("indicators"), t("indicators_description"))
            }
            Page::Archive(_, p) => {
                let end = ((p + 1) * PAGE_SIZE).min(shared.cards.len());
                ctx.insert("years", &by_year(&shared.cards[p * PAGE_SIZE..end]));
                ctx.insert(
                    "pager",
                    &pager(base, lang, "archive/", p, shared.cards.len()),
                );
                (t("archive"), t("archive_description"))
            }
            Page::Search(_) => {
                // Pagefind UI's strings, from the portal's own UI strings.
                let keys = [
                    ("placeholder", "search_ui_placeholder"),
                    ("clear_search", "search_ui_clear"),
                    ("load_more", "search_ui_load_more"),
                    ("search_label", "search_ui_label"),
                    ("filters_label", "search_ui_filters"),
                    ("zero_results", "search_ui_zero"),
                    ("many_results", "search_ui_many"),
                    ("one_result", "search_ui_one"),
                    ("alt_search", "search_ui_alt"),
                    ("search_suggestion", "search_ui_suggestion"),
                    ("searching", "search_ui_searching"),
                ];
                let translations: std::collections::BTreeMap<&str, String> =
                    keys.iter().map(|(k, v)| (*k, t(v))).collect();
                ctx.insert("search_translations", &translations);
                (t("search"), t("search_description"))
            }
            Page::NotFound => {
                ctx.insert("en", &site.strings[&Lang::En]);
                ctx.insert("en_root", &format!("{base}{}", Lang::En.prefix()));
                (t("not_found_title"), String::new())
            }
        };
        let alternates: Vec<_> = info
            .alternates
            .iter()
            .map(|(l, h)| json!({"hreflang": l, "href": h}))
            .collect();
        ctx.insert(
            "page",
            &json!({
                "title": title,
                "description": description,
                "href": this_href,
                "canonical": info.url,
                "alt_href": other_href,
                "alternates": alternates,
                "og_type": if matches!(page, Page::Article(..)) { "article" } else { "website" },
                // An English stub of an untranslated article is not for search engines.
                "indexable": info.indexable,
                "searchable": info.searchable,
                "is_404": matches!(page, Page::NotFound),
            }),
        );
        Ok(ctx)
    }
}

impl LangShared {
    fn new(site: &Site, lang: Lang, lists: &Lists) -> Self {
        let base = &site.config.base_path;
        let other = lang.other();
        let common = json!({
            "lang": lang.code(),
            "lang_tag": lang.tag(),
            "other_lang": other.code(),
            "other_lang_tag": other.tag(),
            "t": site.strings[&lang],
            "site_title": site.config.title.get(lang),
            "publisher": site.config.publisher.get(lang),
            "base": base,
            "root": format!("{base}{}", lang.prefix()),
            "other_root": format!("{base}{}", other.prefix()),
        });
        LangShared {
            common,
            cards: site
                .articles
                .par_iter()
                .map(|a| article_card(site, lang, a))
                .collect(),
            cities: (0..site.cities.len())
                .map(|i| city_view(site, lang, i, lists.city[i].len()))
                .collect(),
            topics: (0..site.topics.len())
                .map(|i| topic_view(site, lang, i, lists.topic[i].len()))
                .collect(),
            indicators: site
                .indicators
                .iter()
                .map(|ind| indicators::indicator_view(site, lang, ind))
                .collect(),
        }
    }
}

/// Errors for the link targets that Markdown rendering refused, at their file lines.
fn refused_links(text: &crate::model::ArticleText, refused: &[(String, usize)]) -> Vec<Diagnostic> {
    refused
        .iter()
        .map(|(target, line)| {
            let line = text.body_line + line - 1;
            let mut d = Diagnostic::error(
                &text.path,
                line,
                format!("link target `{target}` is not a web address, a site path or an anchor"),
            )
            .hint("link to https://… or http://…, mailto:…, a page of the portal (/articles/<slug>/) or a heading (#…)");
            d.source_line = text.body.lines().nth(line - text.body_line).map(str::to_owned);
            d
        })
        .collect()
}

fn prefectures(cities: &[CityView]) -> Vec<&CityView> {
    cities
        .iter()
        .filter(|c| c.level == Level::Prefecture)
        .collect()
}

#[derive(Serialize)]
struct CityNode<'a> {
    city: &'a CityView,
    children: Vec<CityNode<'a>>,
}

/// Province → prefectures → counties, in registry order.
fn city_tree(cities: &[CityView]) -> Vec<CityNode<'_>> {
    fn node<'a>(cities: &'a [CityView], city: &'a CityView) -> CityNode<'a> {
        let children = cities
            .iter()
            .filter(|c| c.parent.as_ref().is_some_and(|p| p.href == city.href))
            .map(|c| node(cities, c))
            .collect();
        CityNode { city, children }
    }
    cities
        .iter()
        .filter(|c| c.parent.is_none())
        .map(|c| node(cities, c))
        .collect()
}

/// `cities/x/` for the first page of a list, `cities/x/page/2/` for the second.
fn paged(first: &str, page: usize) -> String {
    if page == 0 {
        first.to_owned()
    } else {
        format!("{first}page/{}/", page + 1)
    }
}

/// The cards of page `page` of a list.
fn page_of<'a>(list: &[usize], page: usize, cards: &'a [ArticleCard]) -> Vec<&'a ArticleCard> {
    list.iter()
        .skip(page * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|&i| &cards[i])
        .collect()
}

#[derive(Serialize)]
struct PagerLink {
    number: usize,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct Pager {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    /// The first, the last, and the pages near the current one; `None` marks a gap.
    links: Vec<Option<PagerLink>>,
}

/// Links between the pages of a list of `items` articles, or `None` if it has one page.
fn pager(base: &str, lang: Lang, first: &str, page: usize, items: usize) -> Option<Pager> {
    let total = page_count(items);
    if total < 2 {
        return None;
    }
    let href = |p: usize| format!("{base}{}", page_path(lang, &paged(first, p)));
    let mut links = Vec::new();
    let mut last_shown = None;
    for p in 0..total {
        if p == 0 || p + 1 == total || p.abs_diff(page) <= 2 {
            if last_shown.is_some_and(|l: usize| p > l + 1) {
                links.push(None);
            }
            links.push(Some(PagerLink {
                number: p + 1,
                href: href(p),
                current: p == page,
            }));
            last_shown = Some(p);
        }
    }
    Some(Pager {
        current: page + 1,
        total,
        prev: page.checked_sub(1).map(href),
        next: (page + 1 < total).then(|| href(page + 1)),
        links,
    })
}

#[derive(Serialize)]
struct YearGroup<'a> {
    year: i32,
    articles: Vec<&'a ArticleCard>,
}

fn by_year(cards: &[ArticleCard]) -> Vec<YearGroup<'_>> {
    let mut groups: Vec<YearGroup> = Vec::new();
    for card in cards {
        match groups.last_mut() {
            Some(g) if g.year == card.year => g.articles.push(card),
            _ => groups.push(YearGroup {
                year: card.year,
                articles: vec![card],
            }),
        }
    }
    groups
}

#[derive(Serialize)]
struct Figure {
    indicator: String,
    indicator_href: String,
    city: String,
    /// The year, or the months of it, that the figure covers.
    year: String,
    value: String,
    unit: String,
    scope: Option<String>,
    source_title: String,
    source_href: Option<String>,
}

fn figure(
    site: &Site,
    lang: Lang,
    ind: &crate::model::Indicator,
    obs: &crate::model::Observation,
) -> Figure {
    let (source_title, source_href) = indicators::citation_link(site, lang, &obs.source);
    Figure {
        indicator: ind.name.get(lang).to_owned(),
        indicator_href: indicators::indicator_href(site, lang, &ind.id),
        city: site
            .city(&obs.city)
            .map(|c| c.name.get(lang).to_owned())
            .unwrap_or_default(),
        year: indicators::period_label(lang, obs.year, obs.months),
        value: format_value(obs.value),
        unit: ind.unit.get(lang).to_owned(),
        scope: indicators::scope_label(site, lang, obs.scope.as_deref()),
        source_title,
        source_href,
    }
}

/// The home page's key figures: the latest of each indicator named in `key_indicators`
/// of site.yaml, or else of the eight indicators with the most observations.
fn key_figures<'a>(
    site: &Site,
    lang: Lang,
    views: &'a [indicators::IndicatorView],
) -> Vec<&'a indicators::IndicatorView> {
    let chosen: Vec<usize> = if site.config.key_indicators.is_empty() {
        let mut by_count: Vec<usize> = (0..site.indicators.len()).collect();
        by_count.sort_by_key(|&i| std::cmp::Reverse(site.indicators[i].observations.len()));
        by_count.truncate(8);
        by_count
    } else {
        site.config
            .key_indicators
            .iter()
            .filter_map(|id| site.indicators.iter().position(|i| &i.id == id))
            .collect()
    };
    let _ = lang;
    chosen
        .into_iter()
        .map(|i| &views[i])
        .filter(|v| v.latest.is_some())
        .collect()
}

/// Figures that an article is the source of.
fn article_figures(site: &Site, lang: Lang, slug: &str) -> Vec<Figure> {
    site.indicators
        .iter()
        .flat_map(|ind| {
            ind.observations
                .iter()
                .filter(|o| o.source == slug)
                .map(move |o| (ind, o))
        })
        .map(|(ind, o)| figure(site, lang, ind, o))
        .collect()
}

/// JSON-LD of an article (schema.org `NewsArticle`), safe to put inside a `<script>`
/// element: `<`, `>` and `&` are written as JSON escapes.
fn json_ld(
    site: &Site,
    lang: Lang,
    article: &crate::model::Article,
    info: &PageInfo,
) -> Option<String> {
    let text = article.text(lang)?;
    let authors: Vec<Value> = text
        .reporters
        .iter()
        .map(|r| json!({"@type": "Person", "name": r}))
        .collect();
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": text.title,
        "datePublished": article.date.to_string(),
        "inLanguage": lang.tag(),
        "url": info.url,
        "mainEntityOfPage": info.url,
        "publisher": {"@type": "Organization", "name": site.config.publisher.get(lang)},
        "author": if authors.is_empty() { json!({"@type": "Organization", "name": site.config.publisher.get(lang)}) } else { Value::Array(authors) },
    });
    if let Some(summary) = &text.summary {
        ld["description"] = json!(summary);
    }
    if let Some(publication) = &text.source.publication {
        ld["isPartOf"] = json!({"@type": "Periodical", "name": publication});
    }
    if lang != Lang::Zh {
        // A translation is based on the Chinese original.
        ld["isBasedOn"] = json!(format!(
            "{}articles/{}/",
            site.config.base_url, article.slug
        ));
        ld["translationOfWork"] = ld["isBasedOn"].clone();
    }
    let raw = serde_json::to_string(&ld).ok()?;
    Some(
        raw.replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026"),
    )
}
