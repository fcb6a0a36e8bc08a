//! Template contexts: what each kind of page gives its template, and the small views
//! (pager, figures, place tree, JSON-LD) only pages need.

mod wayfinding;

use super::bodies::BodyText;
use super::views::*;
use super::{indicators, page_count, tilemap, Page, PageInfo, Renderer, PAGE_SIZE};
use crate::diag::Diagnostic;
use crate::model::{Lang, Level, Site};
use crate::route::{FeedOf, Route, Urls};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use tera::Context;

impl Renderer<'_> {
    /// The page's own template context, over which its language's shared one is laid when
    /// it is rendered (see `Renderer::render_page`); problems in its content (a refused
    /// link) as errors.
    pub(super) fn context(&self, page: Page) -> Result<Context, Vec<Diagnostic>> {
        let site = self.site;
        let lang = page.lang();
        let shared = self.shared(lang);
        let mut ctx = Context::new();
        let route = page.linked_route(site);
        let urls = Urls::new(&site.config);
        let this_href = urls.href(lang, route);
        let other_href = urls.other_href(lang, route);
        let info = self.info(page);
        let t = |key: &str| site.strings[&lang].get(key).cloned().unwrap_or_default();
        ctx.insert("feed", &urls.feed_href(lang, route.feed()));
        ctx.insert("site_feed", &urls.feed_href(lang, FeedOf::Site));

        let (title, description) = match page {
            Page::Home(_) => {
                let newest = crate::model::newest_first(&site.articles);
                let latest: Vec<_> = newest.iter().take(10).map(|&i| &shared.cards[i]).collect();
                ctx.insert("latest", &latest);
                let updated = newest.first().map(|&i| {
                    let d = site.articles[i].recency();
                    json!({"datetime": d.to_string(), "text": d.display(lang)})
                });
                ctx.insert("updated", &updated);
                ctx.insert("key_figures", &key_figures(site, lang));
                ctx.insert("cities", &prefectures(&shared.cities));
                ctx.insert("topics", &shared.topics);
                ctx.insert("tile_map", &wayfinding::site_tile_map(site, lang));
                (
                    String::new(),
                    site.config
                        .description
                        .as_ref()
                        .map(|d| d.get(lang).to_owned())
                        .unwrap_or_default(),
                )
            }
            Page::Article(_, i) => self.article_context(&mut ctx, lang, i, &info, &other_href)?,
            Page::City(_, i, p) => self.city_context(&mut ctx, lang, i, p, route),
            Page::Cities(_) => {
                ctx.insert("tree", &city_tree(&shared.cities));
                ctx.insert("tile_map", &wayfinding::site_tile_map(site, lang));
                (t("cities"), t("cities_description"))
            }
            Page::Topic(_, i, p) => {
                let topic = &site.topics[i];
                let list = &self.views.lists.topic[i];
                ctx.insert("topic", &shared.topics[i]);
                ctx.insert("articles", &page_of(list, p, &shared.cards));
                ctx.insert("pager", &pager(urls, lang, route, list.len()));
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
                let ind = &site.indicators[i];
                let map = (tilemap::prefecture_count(site, ind) >= tilemap::MIN_PREFECTURES)
                    .then(|| tilemap::tile_map(site, lang, ind))
                    .flatten();
                ctx.insert("tile_map", &map);
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
                ctx.insert("pager", &pager(urls, lang, route, shared.cards.len()));
                (t("archive"), t("archive_description"))
            }
            Page::Search(_) => (t("search"), t("search_description")),
            Page::About(_) => self.about_context(&mut ctx, lang)?,
            Page::NotFound => {
                ctx.insert("en", &site.strings[&Lang::En]);
                ctx.insert("en_root", &urls.href(Lang::En, Route::Home));
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

    /// An article: its body rendered here (refused link targets are its errors), its
    /// neighbours in time, and the figures it is the source of.
    fn article_context(
        &self,
        ctx: &mut Context,
        lang: Lang,
        i: usize,
        info: &PageInfo,
        other_href: &str,
    ) -> Result<(String, String), Vec<Diagnostic>> {
        let site = self.site;
        let shared = self.shared(lang);
        let article = &site.articles[i];
        ctx.insert("json_ld", &json_ld(site, lang, article, info));
        let card = &shared.cards[i];
        ctx.insert("article", card);
        ctx.insert("newer", &i.checked_sub(1).map(|j| &shared.cards[j]));
        ctx.insert("older", &shared.cards.get(i + 1));
        let mut figures = article_figures(site, lang, &article.slug);
        // The place and period most figures share is said once, in the caption.
        let shared = shared_place_and_period(&mut figures);
        ctx.insert(
            "figures_compact",
            &figures_fit_phone(&figures, shared.is_some()),
        );
        ctx.insert("figures_shared", &shared);
        ctx.insert("figures", &super::tables::Rows::split(figures));
        let added = article
            .added
            .map(|d| json!({"datetime": d.to_string(), "text": d.display(lang)}));
        ctx.insert("added", &added);
        match article.text(lang) {
            Some(text) => {
                let body = self.body(text, lang);
                let errors = super::bodies::body_errors(BodyText::of(text, lang), &body);
                if !errors.is_empty() {
                    return Err(errors);
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
                ctx.insert("original_href", other_href);
            }
        }
        ctx.insert("has_other", &(info.alternates.len() > 1));
        Ok((card.title.clone(), card.summary.clone()))
    }

    /// A place: a page of its articles, and on the first its figures.
    fn city_context(
        &self,
        ctx: &mut Context,
        lang: Lang,
        i: usize,
        p: usize,
        route: Route,
    ) -> (String, String) {
        let site = self.site;
        let shared = self.shared(lang);
        let urls = Urls::new(&site.config);
        let t = |key: &str| site.strings[&lang].get(key).cloned().unwrap_or_default();
        let city = &site.cities[i];
        let view = &shared.cities[i];
        let list = &self.views.lists.city[i];
        ctx.insert("city", view);
        ctx.insert("articles", &page_of(list, p, &shared.cards));
        ctx.insert("pager", &pager(urls, lang, route, list.len()));
        // The figures of a place are on the first page of its list.
        let figures = if p == 0 {
            indicators::city_indicators(site, lang, &city.id)
        } else {
            Vec::new()
        };
        ctx.insert("indicators", &figures);
        let seasonal = if p == 0 {
            indicators::seasonal_views(site, lang, &city.id)
        } else {
            Vec::new()
        };
        ctx.insert("seasonal", &seasonal);
        let level_key = match city.level {
            Level::Province => "level_province",
            Level::Prefecture => "level_prefecture",
            Level::County => "level_county",
        };
        ctx.insert("level_label", &t(level_key));
        if list.is_empty() {
            self.empty_city_context(ctx, lang, i);
        }
        (
            view.name.clone(),
            format!("{}{}", view.name, t("city_description_suffix")),
        )
    }
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

/// Province → prefectures → counties, in registry order; children grouped by their
/// parent's link once, so 10,000 places take linear time.
fn city_tree(cities: &[CityView]) -> Vec<CityNode<'_>> {
    let mut children_of: BTreeMap<&str, Vec<&CityView>> = BTreeMap::new();
    for city in cities {
        if let Some(parent) = &city.parent {
            children_of
                .entry(parent.href.as_str())
                .or_default()
                .push(city);
        }
    }
    fn node<'a>(
        children_of: &BTreeMap<&str, Vec<&'a CityView>>,
        city: &'a CityView,
    ) -> CityNode<'a> {
        let children = children_of
            .get(city.href.as_str())
            .map(|list| list.iter().map(|c| node(children_of, c)).collect())
            .unwrap_or_default();
        CityNode { city, children }
    }
    cities
        .iter()
        .filter(|c| c.parent.is_none())
        .map(|c| node(&children_of, c))
        .collect()
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

/// Links between the pages of the list at `route` of `items` articles, or `None` if it
/// has one page.
fn pager(urls: Urls, lang: Lang, route: Route, items: usize) -> Option<Pager> {
    let total = page_count(items);
    if total < 2 {
        return None;
    }
    let page = match route {
        Route::City(_, p) | Route::Topic(_, p) | Route::Archive(p) => p,
        _ => 0,
    };
    let href = |p: usize| urls.href(lang, route.with_page(p));
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
    /// Number and unit as the page writes them (`22.897 million yuan`).
    figure: String,
    scope: Option<String>,
    /// The figure's note, shown beside it.
    note: Option<String>,
    /// Of another place or period than the one the table's caption gives for most rows.
    elsewhere: bool,
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
        figure: indicators::figure(site, lang, ind, obs.value).to_string(),
        scope: indicators::qualifier(site, lang, obs),
        note: obs.note.as_ref().map(|n| n.get(lang).to_owned()),
        elsewhere: false,
        source_title,
        source_href,
    }
}

/// The home page's key indicators at a glance: those named in `key_indicators` of
/// site.yaml, or else the eight with the most observations.
fn key_figures(site: &Site, lang: Lang) -> Vec<indicators::Glance> {
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
    chosen
        .into_iter()
        .filter_map(|i| indicators::glance(site, lang, &site.indicators[i]))
        .collect()
}

/// The place (with its scope) and period most of an article's figures share, when at least
/// half of them do; the table says it once, and only the others on their rows.
#[derive(Serialize, PartialEq)]
struct Shared {
    city: String,
    scope: Option<String>,
    year: String,
}

impl Shared {
    fn of(f: &Figure) -> Self {
        Shared {
            city: f.city.clone(),
            scope: f.scope.clone(),
            year: f.year.clone(),
        }
    }
}

/// The figures' most common place and period (the first on a tie), if half share it, with
/// each figure marked `elsewhere` where it differs.
fn shared_place_and_period(figures: &mut [Figure]) -> Option<Shared> {
    let count = |s: &Shared| figures.iter().filter(|f| Shared::of(f) == *s).count();
    let (common, n) = figures
        .iter()
        .map(|f| {
            let s = Shared::of(f);
            let n = count(&s);
            (s, n)
        })
        .rev()
        .max_by_key(|(_, n)| *n)?;
    if n * 2 < figures.len() {
        return None;
    }
    for f in figures.iter_mut() {
        f.elsewhere = Shared::of(f) != common;
    }
    Some(common)
}

/// Whether an article's table of figures fits a phone as a table (indicator, place, period,
/// figure; without place and period when they are `shared`), or is stacked.
fn figures_fit_phone(figures: &[Figure], shared: bool) -> bool {
    let column = |wraps: bool, cell: &dyn Fn(&Figure) -> String| super::tables::Column {
        cells: figures.iter().map(|f| vec![cell(f)]).collect(),
        wraps,
        at_least: 0.0,
    };
    // A figure of another place or period than the caption's says so under its indicator.
    let mut columns = vec![super::tables::Column {
        cells: figures
            .iter()
            .map(|f| {
                let mut lines = vec![f.indicator.clone()];
                if shared && f.elsewhere {
                    lines.push(format!(
                        "{}（{}）{}",
                        f.city,
                        f.scope.clone().unwrap_or_default(),
                        f.year
                    ));
                }
                lines
            })
            .collect(),
        wraps: true,
        at_least: 0.0,
    }];
    if !shared {
        // The scope follows the place in brackets.
        columns.push(column(true, &|f| match &f.scope {
            Some(scope) => format!("{}（{scope}）", f.city),
            None => f.city.clone(),
        }));
        columns.push(column(true, &|f| f.year.clone()));
    }
    // A figure stays on one line; its note wraps beside it in a block at least 7 em wide.
    let noted = figures.iter().any(|f| f.note.is_some());
    columns.push(super::tables::Column {
        at_least: if noted { 7.0 } else { 0.0 },
        ..column(false, &|f| f.figure.clone())
    });
    super::tables::fits_phone(&columns)
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
        ld["isBasedOn"] =
            json!(Urls::new(&site.config).url(Lang::Zh, Route::Article(&article.slug)));
        ld["translationOfWork"] = ld["isBasedOn"].clone();
    }
    let raw = serde_json::to_string(&ld).ok()?;
    Some(
        raw.replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026"),
    )
}
