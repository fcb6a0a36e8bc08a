//! Render: the `Site` into pages in memory, in parallel. Writes no files.

pub mod bodies;
pub mod charts;
mod context;
pub mod feeds;
mod fold;
pub mod indicators;
pub mod markdown;
pub mod numbers;
pub mod sitemap;
mod tables;
mod template_cycles;
pub mod templates;
pub mod tilemap;
pub mod views;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Lang, Site};
use crate::output::OutputFile;
use crate::route::{open_data_file, search_index_dir, Route, Urls, STATIC_DIR};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use templates::Templates;
use views::*;

/// `text` as a URL's query writes it: letters, digits and `-._~` as they are, every other
/// byte of its UTF-8 as `%XX`.
fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Site-relative paths of every page (`articles/x/`, `en/`, ``), for link checks.
pub fn page_paths(site: &Site) -> Vec<String> {
    let lists = Lists::new(site);
    Page::all(site, &lists)
        .into_iter()
        .map(|p| p.route(site).path(p.lang()))
        .collect()
}

/// What the later stages need to know of a rendered page (`build` keeps it between runs).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PageInfo {
    /// Output path, e.g. `en/articles/x/index.html`.
    pub path: String,
    pub lang: Lang,
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
    About(Lang),
    NotFound,
}

/// Articles per page of a list: long lists are paginated, so a page's cost does not
/// grow with the site.
pub const PAGE_SIZE: usize = 30;
/// Pages a thread renders before another may take the rest of its share (see
/// `render_pages_each`).
const PAGES_AT_ONCE: usize = 8;

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
            if site.about.is_some() {
                pages.push(Page::About(lang));
            }
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
            | Page::Search(l)
            | Page::About(l) => l,
            Page::NotFound => Lang::Zh,
        }
    }

    /// Where the page lives.
    fn route(self, site: &Site) -> Route<'_> {
        match self {
            Page::Home(_) => Route::Home,
            Page::NotFound => Route::NotFound,
            Page::Article(_, i) => Route::Article(&site.articles[i].slug),
            Page::City(_, i, p) => Route::City(&site.cities[i].id, p),
            Page::Cities(_) => Route::Cities,
            Page::Topic(_, i, p) => Route::Topic(&site.topics[i].id, p),
            Page::Topics(_) => Route::Topics,
            Page::Indicator(_, i) => Route::Indicator(&site.indicators[i].id),
            Page::Indicators(_) => Route::Indicators,
            Page::Search(_) => Route::Search,
            Page::About(_) => Route::About,
            Page::Archive(_, p) => Route::Archive(p),
        }
    }

    /// The route the page's own links name (canonical URL, language switch, feed): its
    /// own, but for the 404 page, which is shown at any missing address and names the
    /// home page.
    fn linked_route(self, site: &Site) -> Route<'_> {
        match self {
            Page::NotFound => Route::Home,
            _ => self.route(site),
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
            Page::About(_) => "about.html",
            Page::NotFound => "404.html",
        }
    }

    fn output_path(self, site: &Site) -> String {
        self.route(site).output_path(self.lang())
    }
}

/// Why a page could not be rendered: its template failed (and will fail every page that
/// uses it), or its content has problems of its own.
enum PageFailure {
    Template {
        name: &'static str,
        message: String,
        /// What to do, when the renderer knows better than a generic hint.
        hint: Option<&'static str>,
    },
    Content(Vec<Diagnostic>),
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
    templates: &'a Templates,
    views: Arc<Views>,
    /// Bodies rendered before (by `check`); the others are rendered with their page.
    bodies: Option<&'a bodies::Bodies>,
    /// Template contexts holding what every page of a language shares (Chinese, then
    /// English), handed from page to page: copying the UI strings into a fresh context
    /// for every page was a tenth of rendering.
    shared_contexts: [Mutex<Vec<tera::Context>>; 2],
    /// The templates with each language's shared values written in (Chinese, then English).
    folded: [fold::Folded; 2],
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, templates: &'a Templates) -> Self {
        Self::with_views(site, templates, Views::new(site))
    }

    /// A renderer over views built earlier from a site with the same lists and cards.
    pub fn with_views(site: &'a Site, templates: &'a Templates, views: Arc<Views>) -> Self {
        let folded = Lang::ALL.map(|lang| templates.folded(&views.shared(lang).common));
        Renderer {
            site,
            templates,
            views,
            bodies: None,
            shared_contexts: Default::default(),
            folded,
        }
    }

    /// The same renderer, taking article bodies from `bodies` where they are.
    pub fn with_bodies(self, bodies: &'a bodies::Bodies) -> Self {
        Renderer {
            bodies: Some(bodies),
            ..self
        }
    }

    /// An article text's body: rendered before, or now.
    fn body(
        &self,
        text: &crate::model::ArticleText,
        lang: Lang,
    ) -> std::borrow::Cow<'a, markdown::Rendered> {
        match self.bodies.and_then(|b| b.get(&text.path)) {
            Some(rendered) => std::borrow::Cow::Borrowed(rendered),
            None => {
                std::borrow::Cow::Owned(bodies::render_body(&self.site.config, &text.body, lang))
            }
        }
    }

    pub fn views(&self) -> Arc<Views> {
        Arc::clone(&self.views)
    }

    fn shared(&self, lang: Lang) -> &LangShared {
        self.views.shared(lang)
    }

    /// Renders the pages for which `keep(template, route)` holds (every page, unless
    /// `build` keeps the others from its last run), and every chart and data file, in
    /// parallel; `progress(done, total)` is called now and then. Each page goes to `each`
    /// as soon as it is rendered (see [`Self::render_pages_each`]); what it returns, and
    /// the charts and data files, are returned.
    pub fn render_all<T: Send>(
        &self,
        keep: &(dyn Fn(&str, Route) -> bool + Sync),
        progress: &(dyn Fn(usize, usize) + Sync),
        each: &(dyn Fn(OutputFile, PageInfo) -> T + Sync),
    ) -> Result<(Vec<T>, Vec<OutputFile>), Diagnostics> {
        let pages = self.render_pages_each(keep, progress, each)?;
        let mut files = Vec::new();
        let mut diags = Diagnostics::default();
        match indicators::chart_files(self.site) {
            Ok(charts) => files.extend(charts),
            Err(d) => diags.extend(d),
        }
        match indicators::data_files(self.site) {
            Ok(data) => files.extend(data),
            Err(d) => diags.extend(d),
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok((pages, files))
    }

    /// Renders the HTML pages for which `keep(template, route)` holds, in parallel.
    /// `serve` uses it to re-render only what a change affects.
    pub fn render_pages(
        &self,
        keep: &(dyn Fn(&str, Route) -> bool + Sync),
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<RenderedSite, Diagnostics> {
        let rendered = self.render_pages_each(keep, progress, &|file, info| (file, info))?;
        let (files, pages) = rendered.into_iter().unzip();
        Ok(RenderedSite { files, pages })
    }

    /// Renders the HTML pages for which `keep(template, route)` holds, in parallel, and
    /// hands each to `each` as soon as it is rendered, keeping only what `each` returns
    /// (`build` writes the page and keeps a compact record of it).
    pub fn render_pages_each<T: Send>(
        &self,
        keep: &(dyn Fn(&str, Route) -> bool + Sync),
        progress: &(dyn Fn(usize, usize) + Sync),
        each: &(dyn Fn(OutputFile, PageInfo) -> T + Sync),
    ) -> Result<Vec<T>, Diagnostics> {
        let pages: Vec<Page> = Page::all(self.site, &self.views.lists)
            .into_iter()
            .filter(|p| keep(p.template(), p.route(self.site)))
            .collect();
        let total = pages.len();
        let done = AtomicUsize::new(0);
        // In pieces of a few pages: rayon otherwise cuts the list into a few long runs,
        // and at the end one thread finished a run of its own while the other stood idle
        // (a tenth of a second at 10,000 articles). A thread can only take work that is
        // not yet started.
        let results: Vec<Result<T, PageFailure>> = pages
            .par_iter()
            .with_max_len(PAGES_AT_ONCE)
            .map(|&page| {
                let out = self
                    .render_page(page)
                    .map(|file| each(file, self.info(page)));
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if n.is_multiple_of(1000) {
                    progress(n, total);
                }
                out
            })
            .collect();
        let mut kept = Vec::with_capacity(total);
        // One template error fails every page that uses it: say it once per template.
        // (Its message names the page, so it is grouped by template alone.) A problem in
        // content is said once however many pages show it.
        let mut by_template: BTreeMap<&str, (String, Option<&str>, usize)> = BTreeMap::new();
        let mut in_content: BTreeMap<Diagnostic, usize> = BTreeMap::new();
        for r in results {
            match r {
                Ok(t) => kept.push(t),
                Err(PageFailure::Template {
                    name,
                    message,
                    hint,
                }) => {
                    by_template.entry(name).or_insert((message, hint, 0)).2 += 1;
                }
                Err(PageFailure::Content(ds)) => {
                    for d in ds {
                        *in_content.entry(d).or_insert(0) += 1;
                    }
                }
            }
        }
        let mut diags = Diagnostics::default();
        let placed = by_template
            .into_iter()
            .map(|(name, (message, hint, count))| {
                let d = self.templates.render_error(name, message);
                let d = match hint {
                    Some(hint) => d.hint(hint),
                    None => d,
                };
                (d, count)
            });
        for (mut d, count) in placed.chain(in_content) {
            if count > 1 {
                d.message
                    .push_str(&format!(" (and {} more pages)", count - 1));
            }
            diags.push(d);
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(kept)
    }

    /// What is known of every page, in the order they are rendered, without rendering
    /// them: `build` compares it with its last run's before keeping pages from it.
    pub fn page_infos(&self) -> Vec<PageInfo> {
        Page::all(self.site, &self.views.lists)
            .into_iter()
            .map(|page| self.info(page))
            .collect()
    }

    /// URLs, alternates and flags of a page.
    fn info(&self, page: Page) -> PageInfo {
        let site = self.site;
        let lang = page.lang();
        let route = page.linked_route(site);
        let url = |l: Lang| Urls::new(&site.config).url(l, route);
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
            lang,
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
                        | Page::About(_)
                ),
        }
    }

    /// Calls `render` with a page's whole context: its language's shared context with the
    /// page's `own` keys laid over it. Afterwards the shared context is as it was (a key
    /// the page replaced is put back, one it added removed) and goes to the next page.
    fn with_context<T>(
        &self,
        lang: Lang,
        own: tera::Context,
        render: impl FnOnce(&tera::Context) -> T,
    ) -> T {
        let common = &self.shared(lang).common;
        let pool = &self.shared_contexts[lang_index(lang)];
        let taken = pool.lock().unwrap_or_else(PoisonError::into_inner).pop();
        let mut ctx =
            taken.unwrap_or_else(|| tera::Context::from_value(common.clone()).unwrap_or_default());
        let keys = lay_over(&mut ctx, own);
        let result = render(&ctx);
        take_off(&mut ctx, keys, common);
        pool.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(ctx);
        result
    }

    fn render_page(&self, page: Page) -> Result<OutputFile, PageFailure> {
        let template = page.template();
        let own = self.context(page).map_err(PageFailure::Content)?;
        let folded = &self.folded[lang_index(page.lang())];
        let tera = match folded.holds_for(&own) {
            true => &folded.tera,
            false => &self.templates.tera,
        };
        // Rendered as bytes: `render` would check the whole page is UTF-8 again (2% of a
        // large build), and the page is written as bytes anyway.
        let mut html = Vec::new();
        self.with_context(page.lang(), own, |ctx| {
            tera.render_to(template, ctx, &mut html)
        })
        .map_err(|err| PageFailure::Template {
            name: template,
            message: format!(
                "cannot render {}: {}",
                page.output_path(self.site),
                templates::error_chain(&err)
            ),
            hint: None,
        })?;
        // An empty template (base.html emptied by mistake) would publish a blank site.
        if html.trim_ascii().is_empty() {
            return Err(PageFailure::Template {
                name: template,
                message: format!(
                    "cannot render {}: the page comes out empty; {template} or a template it extends or includes (base.html, partials/) renders nothing",
                    page.output_path(self.site)
                ),
                hint: Some("write the template's markup back, or delete your copy to use the default"),
            });
        }
        Ok(OutputFile {
            path: page.output_path(self.site),
            bytes: html,
        })
    }
}

/// A language's place in the renderer's per-language arrays: [`Lang::ALL`]'s order.
fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Zh => 0,
        Lang::En => 1,
    }
}

impl LangShared {
    fn new(site: &Site, lang: Lang, lists: &Lists) -> Self {
        let urls = Urls::new(&site.config);
        let base = urls.base_path();
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
            "root": urls.href(lang, Route::Home),
            // The links of menus and headers, from the route table: templates spell no path.
            "urls": {
                "cities": urls.href(lang, Route::Cities),
                "topics": urls.href(lang, Route::Topics),
                "indicators": urls.href(lang, Route::Indicators),
                "archive": urls.href(lang, Route::Archive(0)),
                "search": urls.href(lang, Route::Search),
                // The section every article's page is in (`/articles/`).
                "articles": urls.href(lang, Route::Article("")).trim_end_matches('/').to_owned() + "/",
                "data_csv": urls.href_of(&open_data_file("csv")),
                "data_json": urls.href_of(&open_data_file("json")),
                "search_index": urls.href_of(&search_index_dir(lang)),
                "static": urls.href_of(STATIC_DIR),
            },
            "other_root": urls.href(other, Route::Home),
            "about_href": site.about.as_ref().map(|_| urls.href(lang, Route::About)),
            // Where "Report a problem with this page" leads: a mail to the editors naming
            // the page (base.html adds it), else the About page's section on corrections.
            "report_mail": site.config.contact.as_ref().filter(|c| c.href.starts_with("mailto:")).map(|c| {
                let subject = site.strings[&lang].get("report_subject").map_or("", String::as_str);
                format!("{}?subject={}&body=", c.href, percent_encoded(subject))
            }),
            // (The section is the heading marked `{#corrections}` in about.<lang>.md; an
            // About page without one is linked as a whole.)
            "corrections_href": site.about.as_ref().map(|about| {
                let anchor = if about.text(lang).body.contains("{#corrections}") { "#corrections" } else { "" };
                format!("{}{anchor}", urls.href(lang, Route::About))
            }),
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

/// Lays a page's `own` keys over `shared` (replacing what it has under the same names);
/// the keys, for [`take_off`].
fn lay_over(shared: &mut tera::Context, own: tera::Context) -> Vec<String> {
    let own = own.into_json();
    let keys = own
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    shared.extend(tera::Context::from_value(own).unwrap_or_default());
    keys
}

/// Makes `shared` what `common` says again after a page laid `keys` over it: a key the
/// page replaced is put back, one it added removed.
fn take_off(shared: &mut tera::Context, keys: Vec<String>, common: &Value) {
    for key in keys {
        match common.get(&key) {
            Some(value) => shared.insert(key, value),
            None => {
                shared.remove(&key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The portal's and the demo's every page, rendered with the templates as written and
    /// with each language's shared values written in (`fold`), are the same bytes.
    #[test]
    fn every_page_is_the_same_with_the_shared_values_written_in() {
        let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for root in [repo.to_path_buf(), repo.join("tests/fixtures/demo")] {
            let opts = crate::pipeline::BuildOptions::new(&root);
            let (site, _) = crate::pipeline::load_site(&opts).expect("the site loads");
            let templates = templates::load_templates(&root.join("templates")).expect("loads");
            let renderer = Renderer::new(&site, &templates);
            let pages = Page::all(&site, &renderer.views.lists);
            for &page in &pages {
                let own = renderer.context(page).expect("a context");
                let folded = &renderer.folded[lang_index(page.lang())];
                assert!(folded.holds_for(&own), "{}", page.output_path(&site));
                let render = |tera: &tera::Tera| {
                    let mut out = Vec::new();
                    renderer
                        .with_context(page.lang(), own.clone(), |ctx| {
                            tera.render_to(page.template(), ctx, &mut out)
                        })
                        .expect("renders");
                    out
                };
                let (as_written, written_in) = (render(&templates.tera), render(&folded.tera));
                assert!(as_written == written_in, "{}", page.output_path(&site));
            }
            assert!(
                pages.len() > 30,
                "{} pages in {}",
                pages.len(),
                root.display()
            );
        }
    }

    #[test]
    fn a_page_laid_over_the_shared_context_leaves_nothing_behind() {
        let common = json!({"lang": "zh", "t": {"home": "首页"}, "title": "站点"});
        let fresh = tera::Context::from_value(common.clone()).unwrap();
        let mut shared = fresh.clone();
        let mut own = tera::Context::new();
        own.insert("latest", &["a", "b"]);
        own.insert("title", "文章");
        let keys = lay_over(&mut shared, own);
        assert_eq!(shared.get("title"), Some(&json!("文章")));
        assert_eq!(shared.get("latest"), Some(&json!(["a", "b"])));
        assert_eq!(shared.get("t"), Some(&json!({"home": "首页"})));
        take_off(&mut shared, keys, &common);
        assert_eq!(shared, fresh);
    }
}
