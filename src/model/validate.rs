//! Raw content → `Site`. All validation lives here, one file per kind of content;
//! every problem is collected.

mod articles;
mod config;
mod gate;
mod indicators;
mod pages;
mod publications;
mod registry;
mod strings;

use articles::validate_articles;
use config::validate_config;
use indicators::validate_indicator;
use registry::{validate_cities, validate_topics};
use strings::validate_strings;

use super::*;
use crate::diag::Diagnostics;
use crate::load::raw::*;
use crate::load::{Located, RawContent};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default)]
pub struct ModelOptions {
    /// Include articles marked `draft: true`.
    pub drafts: bool,
    /// Replaces `base_url` of site.yaml.
    pub base_url: Option<BaseUrl>,
    /// The UI string keys the code and templates use, to check `i18n/*.yaml` against
    /// (`None`: not checked, as when the templates could not be read).
    pub ui_keys: Option<BTreeSet<String>>,
}

/// Validates raw content into a `Site` of its valid parts (`None` without a valid
/// site.yaml); the diagnostics say every problem.
pub fn build_site(raw: &RawContent, opts: &ModelOptions) -> (Option<Site>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let config = raw
        .site
        .as_ref()
        .and_then(|s| validate_config(s, opts, &mut diags));
    let cities = raw
        .cities
        .as_ref()
        .map(|c| validate_cities(c, &mut diags))
        .unwrap_or_default();
    let topics = raw
        .topics
        .as_ref()
        .map(|t| validate_topics(t, &mut diags))
        .unwrap_or_default();
    let strings = validate_strings(raw, opts, &mut diags);

    let city_ids: BTreeSet<&str> = cities.iter().map(|c| c.id.as_str()).collect();
    let topic_ids: BTreeSet<&str> = topics.iter().map(|t| t.id.as_str()).collect();
    // A registry that failed to load is reported once, not at every reference to it.
    // Ids with their Chinese names, for "did you mean" when an id is unknown.
    let city_names: Vec<(&str, &str)> = cities
        .iter()
        .map(|c| (c.id.as_str(), c.name.zh.as_str()))
        .collect();
    let topic_names: Vec<(&str, &str)> = topics
        .iter()
        .map(|t| (t.id.as_str(), t.name.zh.as_str()))
        .collect();
    let known = Known {
        cities: raw.cities.as_ref().map(|_| &city_ids),
        topics: raw.topics.as_ref().map(|_| &topic_ids),
        city_names: &city_names,
        topic_names: &topic_names,
    };

    let (all_articles, drafts, every_slug) = validate_all_articles(raw, &known, opts, &mut diags);
    let published: BTreeSet<&str> = all_articles.iter().map(|a| a.slug.as_str()).collect();

    let city_order: BTreeMap<&str, usize> = cities
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let refused = publications::Refused::new(raw.refused_domains.as_ref(), &mut diags);
    publications::check_article_sources(&raw.articles, &refused, &mut diags);
    let publications = raw
        .publications
        .as_ref()
        .map(|l| publications::validate_publications(l, &every_slug, &refused, &mut diags))
        .unwrap_or_default();
    let publication_ids: BTreeSet<&str> = raw
        .publications
        .iter()
        .flat_map(|l| l.value.iter().map(|p| p.id.as_str()))
        .collect();
    let refs = ArticleRefs {
        published: &published,
        drafts: &drafts,
        all: &every_slug,
        publications: &publication_ids,
    };
    let (mut indicators, indicator_ids) =
        validate_all_indicators(raw, &known, &refs, &city_order, &mut diags);
    indicators.sort_by(|a, b| a.id.cmp(&b.id));
    // Citations are counted as written, so that an indicator refused for another mistake
    // does not make its sources look uncited; with an unreadable indicator file they are
    // not known, and nothing is said.
    if let (Some(located), true) = (&raw.publications, raw.unreadable_indicators.is_empty()) {
        publications::check_all_cited(located, &raw.indicators, &mut diags);
    }
    if let (Some(site_yaml), Some(config)) = (&raw.site, &config) {
        check_named_indicators(raw, site_yaml, config, &indicator_ids, &mut diags);
    }

    let about = pages::validate_about(&raw.pages, &mut diags);

    // With errors, the site still holds every valid part, so that `check` can look at
    // the links of the articles that are fine; `build` stops at the errors.
    let Some(config) = config else {
        return (None, diags);
    };
    let city_index = positions(&cities, |c| &c.id);
    let topic_index = positions(&topics, |t| &t.id);
    let article_index = positions(&all_articles, |a| &a.slug);
    let publication_index = positions(&publications, |p| &p.id);
    let search_terms = raw
        .search
        .as_ref()
        .map(|l| validate_search_terms(l, &mut diags))
        .unwrap_or_default();
    let site = Site {
        config,
        search_terms,
        about,
        cities,
        topics,
        articles: all_articles,
        indicators,
        publications,
        strings,
        city_index,
        topic_index,
        article_index,
        publication_index,
    };
    (Some(site), diags)
}

/// Every article, valid ones sorted newest first (drafts left out unless asked for), with
/// the publishing gate; the slugs of drafts, and of every Chinese file whether valid or
/// not (so a broken article is reported once, not at every reference to it).
fn validate_all_articles(
    raw: &RawContent,
    known: &Known,
    opts: &ModelOptions,
    diags: &mut Diagnostics,
) -> (Vec<Article>, BTreeSet<String>, BTreeSet<String>) {
    let mut all_articles = validate_articles(&raw.articles, &raw.unreadable_articles, known, diags);
    let drafts: BTreeSet<String> = all_articles
        .iter()
        .filter(|a| a.draft)
        .map(|a| a.slug.clone())
        .collect();
    gate::check(&raw.articles, &drafts, diags);
    // Slugs of every Chinese file, valid or not, so a broken article is reported once.
    let every_slug: BTreeSet<String> = raw
        .articles
        .iter()
        .filter(|a| a.lang == Lang::Zh)
        .map(|a| a.slug.clone())
        .chain(
            raw.unreadable_articles
                .iter()
                .filter(|(_, l)| *l == Lang::Zh)
                .map(|(s, _)| s.clone()),
        )
        .collect();
    if !opts.drafts {
        all_articles.retain(|a| !a.draft);
    }
    all_articles.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    (all_articles, drafts, every_slug)
}

/// Every valid indicator, and by id the file it came from (an id used twice is refused).
fn validate_all_indicators<'r>(
    raw: &'r RawContent,
    known: &Known,
    refs: &ArticleRefs,
    city_order: &BTreeMap<&str, usize>,
    diags: &mut Diagnostics,
) -> (Vec<Indicator>, BTreeMap<String, &'r std::path::Path>) {
    let mut indicators = Vec::new();
    // Valid indicators by id, with their file.
    let mut indicator_ids: BTreeMap<String, &std::path::Path> = BTreeMap::new();
    for located in &raw.indicators {
        if let Some(ind) = validate_indicator(located, known, refs, city_order, diags) {
            if let Some(first) = indicator_ids.get(&ind.id) {
                diags.push(
                    located
                        .error_at(
                            located.line_of_key("id"),
                            crate::messages::DUPLICATE_INDICATOR_ID.both(&[("id", &ind.id)]),
                        )
                        .hint(
                            crate::messages::DUPLICATE_INDICATOR_ID_HINT
                                .both(&[("path", &first.display())]),
                        ),
                );
            } else {
                indicator_ids.insert(ind.id.clone(), &located.path);
                indicators.push(ind);
            }
        }
    }
    (indicators, indicator_ids)
}

/// `key_indicators` and `map_indicator` in site.yaml name indicators that exist (one that
/// exists but is broken was reported already and is not unknown).
fn check_named_indicators(
    raw: &RawContent,
    site_yaml: &Located<RawSite>,
    config: &Config,
    indicator_ids: &BTreeMap<String, &std::path::Path>,
    diags: &mut Diagnostics,
) {
    // Indicators that exist but are broken (already reported) are not unknown.
    let broken_indicators: BTreeSet<&str> = raw
        .indicators
        .iter()
        .map(|l| l.value.id.as_str())
        .chain(
            raw.indicators
                .iter()
                .filter_map(|l| l.path.file_stem()?.to_str()),
        )
        .chain(raw.unreadable_indicators.iter().map(String::as_str))
        .collect();
    // `key_indicators` and `map_indicator` as written in site.yaml, so positions are theirs.
    let named = config
        .key_indicators
        .iter()
        .enumerate()
        .map(|(i, id)| {
            (
                site_yaml.item_position("key_indicators", i),
                "key_indicators",
                id,
            )
        })
        .chain(config.map_indicator.iter().map(|id| {
            (
                site_yaml.value_position("map_indicator"),
                "map_indicator",
                id,
            )
        }));
    for ((line, col), key, id) in named.filter(|(_, _, id)| {
        !indicator_ids.contains_key(*id) && !broken_indicators.contains(id.as_str())
    }) {
        let known: BTreeSet<&str> = indicator_ids.keys().map(String::as_str).collect();
        diags.push(
            site_yaml
                .error_at(
                    line,
                    crate::messages::UNKNOWN_INDICATOR.both(&[("id", id), ("key", &key)]),
                )
                .col(col)
                .hint(crate::messages::KNOWN_INDICATORS.both(&[("ids", &list(&known))])),
        );
    }
}

/// Each item's position in `items` by its id, for lookups by id.
fn positions<T>(items: &[T], id: impl Fn(&T) -> &String) -> BTreeMap<String, usize> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| (id(item).clone(), i))
        .collect()
}

/// `search.yaml`: each group of equivalents has two or more members, none empty.
fn validate_search_terms(
    located: &crate::load::Located<crate::load::raw::RawSearchTerms>,
    diags: &mut Diagnostics,
) -> super::SearchTerms {
    let mut equivalents = Vec::new();
    for (i, group) in located.value.equivalents.iter().enumerate() {
        let members: Vec<String> = group.iter().map(|m| m.trim().to_owned()).collect();
        if members.len() < 2 || members.iter().any(String::is_empty) {
            let (line, col) = located.item_position("equivalents", i);
            diags.push(
                located
                    .error_at(line, crate::messages::EQUIVALENTS_GROUP.both(&[]))
                    .col(col)
                    .hint(crate::messages::EQUIVALENTS_HINT.both(&[])),
            );
            continue;
        }
        equivalents.push(members);
    }
    super::SearchTerms {
        equivalents,
        pinyin_suffixes: located.value.pinyin_suffixes.clone(),
    }
}

/// Known ids; `None` when the registry itself could not be loaded.
struct Known<'a> {
    cities: Option<&'a BTreeSet<&'a str>>,
    topics: Option<&'a BTreeSet<&'a str>>,
    /// (id, Chinese name) of each place and topic.
    city_names: &'a [(&'a str, &'a str)],
    topic_names: &'a [(&'a str, &'a str)],
}

/// The hint for an unknown id: the nearest known ids (or the id of a Chinese name given
/// instead) when there are any, then every known id.
fn unknown_id_hint(
    id: &str,
    names: &[(&str, &str)],
    known: &BTreeSet<&str>,
    file: &str,
) -> crate::messages::Said {
    let all = crate::messages::KNOWN_IDS.both(&[("file", &file), ("ids", &list(known))]);
    // "Did you mean" is said in both languages at once, before either.
    match crate::editorial::did_you_mean(id, names) {
        Some(meant) => crate::messages::Said {
            en: format!("{} {}", meant.en, all.en),
            // Chinese takes no space after its full-width question mark.
            zh: Some(format!(
                "{}{}",
                meant.text_in(Lang::Zh),
                all.text_in(Lang::Zh)
            )),
        },
        None => all,
    }
}

struct ArticleRefs<'a> {
    published: &'a BTreeSet<&'a str>,
    drafts: &'a BTreeSet<String>,
    all: &'a BTreeSet<String>,
    /// Ids of `sources.yaml`'s entries.
    publications: &'a BTreeSet<&'a str>,
}

fn list(ids: &BTreeSet<&str>) -> String {
    ids.iter().copied().collect::<Vec<_>>().join(", ")
}

pub(super) fn bilingual(b: &RawBilingual) -> Bilingual {
    Bilingual {
        zh: b.zh.clone(),
        en: b.en.clone(),
    }
}
