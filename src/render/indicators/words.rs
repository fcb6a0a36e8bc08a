//! Indicators' words in the page's language: UI strings, periods, places, scopes and bases,
//! sources, and figures with their units.

use super::compare;
use super::specs;
use crate::model::{Basis, Citation, Indicator, Lang, Months, Observation, Scale, Scope, Site};
use crate::render::numbers::{self, Figure};
use crate::render::views::{article_href, Link};

pub(super) fn t<'a>(site: &'a Site, lang: Lang, key: &str) -> &'a str {
    site.strings
        .get(&lang)
        .and_then(|s| s.get(key))
        .map_or("", String::as_str)
}

/// Fills `{name}` placeholders of a UI string.
pub(super) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_owned(), |s, (k, v)| {
        s.replace(&format!("{{{k}}}"), v)
    })
}

/// A scope in the page's language: `urban` → 市城区, a monitoring section by its name; a
/// scope that is the whole place adds nothing.
pub(crate) fn scope_label(site: &Site, lang: Lang, scope: Option<&Scope>) -> Option<String> {
    match scope? {
        Scope::Whole(_) => None,
        Scope::Part(key) => Some(
            site.strings[&lang]
                .get(&format!("scope_{key}"))
                .cloned()
                .unwrap_or_else(|| key.clone()),
        ),
        Scope::Named(name) => Some(name.get(lang).to_owned()),
    }
}

/// A basis in the page's language (UI string `basis_dust_excluded`).
pub(crate) fn basis_label(site: &Site, lang: Lang, basis: Basis) -> &str {
    t(
        site,
        lang,
        &format!("basis_{}", basis.code().replace('-', "_")),
    )
}

/// What sets a figure apart from the whole published figures of its place, in the page's
/// language: its scope and its basis (`市城区、扣除沙尘天气影响`); `None` for a whole figure.
pub(crate) fn qualifier(site: &Site, lang: Lang, obs: &Observation) -> Option<String> {
    let parts: Vec<String> = scope_label(site, lang, obs.scope.as_ref())
        .into_iter()
        .chain(obs.basis.map(|b| basis_label(site, lang, b).to_owned()))
        .collect();
    (!parts.is_empty()).then(|| parts.join(t(site, lang, "list_separator")))
}

pub(super) fn place_label(site: &Site, lang: Lang, obs: &Observation) -> String {
    let city = site
        .city(&obs.city)
        .map_or(obs.city.as_str(), |c| c.name.get(lang));
    match qualifier(site, lang, obs) {
        Some(scope) => format!(
            "{city}{}",
            fill(t(site, lang, "scope_suffix"), &[("scope", &scope)])
        ),
        None => city.to_owned(),
    }
}

/// The period as a sentence names it: `2024年` / `2024`, `2023年1—11月` / `Jan–Nov 2023`.
pub(crate) fn period_words(lang: Lang, year: i32, months: Option<Months>) -> String {
    match (lang, months) {
        (Lang::Zh, None) => format!("{year}年"),
        _ => period_label(lang, year, months),
    }
}

/// A month's short name in the page's language: `1月`, `Jan`.
pub(crate) fn month_name(lang: Lang, month: u8) -> String {
    const EN_MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let m = month.clamp(1, 12);
    match lang {
        Lang::Zh => format!("{m}月"),
        Lang::En => EN_MONTHS[usize::from(m - 1)].to_owned(),
    }
}

/// The period a figure covers, in the page's language: `2023`, `2023年1—11月` / `Jan–Nov 2023`.
pub(crate) fn period_label(lang: Lang, year: i32, months: Option<Months>) -> String {
    let en = |m: u8| month_name(Lang::En, m);
    match (lang, months) {
        (_, None) => year.to_string(),
        (Lang::Zh, Some(m)) if m.from == m.to => format!("{year}年{}月", m.from),
        (Lang::Zh, Some(m)) => format!("{year}年{}—{}月", m.from, m.to),
        (Lang::En, Some(m)) if m.from == m.to => format!("{} {year}", en(m.from)),
        (Lang::En, Some(m)) => format!("{}–{} {year}", en(m.from), en(m.to)),
    }
}

/// What a comparison or map leaves out by being older: `更新的数据：2025年：11个中的2个` /
/// `Newer figures: 2025: 2 of 11`; `None` when nothing newer is known.
pub(crate) fn newer_words(site: &Site, lang: Lang, c: &compare::Comparison) -> Option<String> {
    if c.newer.is_empty() {
        return None;
    }
    let items: Vec<String> = c
        .newer
        .iter()
        .map(|n| {
            fill(
                t(site, lang, "compare_newer_item"),
                &[
                    ("period", &period_words(lang, n.year, n.months)),
                    ("n", &n.places.to_string()),
                    ("total", &c.total.to_string()),
                ],
            )
        })
        .collect();
    Some(fill(
        t(site, lang, "compare_newer"),
        &[("list", &items.join(t(site, lang, "chart_list_separator")))],
    ))
}

/// Title and link of what an observation cites, in the page's language.
pub(crate) fn citation_link(site: &Site, lang: Lang, source: &str) -> (String, Option<String>) {
    match site.citation(source) {
        Some(Citation::Article(a)) => (
            a.text(lang).unwrap_or(&a.zh).title.clone(),
            Some(article_href(site, lang, &a.slug)),
        ),
        // The kind says whether the figures were printed or computed from a data set.
        Some(Citation::Publication(p)) => (
            format!(
                "{}{}{}{}",
                p.publisher.get(lang),
                t(site, lang, "chart_colon"),
                p.title.get(lang),
                t(site, lang, "bracketed").replace("{text}", t(site, lang, p.kind.ui_key()))
            ),
            p.url.clone(),
        ),
        // A draft article, left out of this build.
        None => (source.to_owned(), None),
    }
}

/// The copy of a cited publication on another site, as "reprinted by …" in the page's
/// language.
pub(crate) fn reprint_link(site: &Site, lang: Lang, source: &str) -> Option<Link> {
    let r = site.publication(source)?.reprint.as_ref()?;
    Some(Link {
        href: r.url.clone(),
        text: fill(
            t(site, lang, "reprinted_by"),
            &[("publisher", r.publisher.get(lang))],
        ),
    })
}

/// A figure with its unit as the page writes it: a class by its name, other figures by
/// `numbers::figure` (English pages multiply out 万 and 亿, rankings are ordinals).
pub(crate) fn figure(site: &Site, lang: Lang, ind: &Indicator, v: f64) -> Figure {
    match specs::class_scale(site, lang, ind.scale).and_then(|s| s.name(v).map(str::to_owned)) {
        Some(name) => Figure {
            value: name,
            unit: String::new(),
        },
        None => numbers::figure(lang, v, figure_unit(lang, ind), ind.scale == Scale::Rank),
    }
}

/// The unit written after a figure; none after a class's name, which includes it.
pub(crate) fn figure_unit(lang: Lang, ind: &Indicator) -> &str {
    if ind.scale.classes().is_some() {
        ""
    } else {
        ind.unit.get(lang)
    }
}
