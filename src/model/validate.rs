//! Raw content → `Site`. All validation lives here; every problem is collected.

use super::*;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::raw::*;
use crate::load::{Located, RawArticleFile, RawContent};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default)]
pub struct ModelOptions {
    /// Include articles marked `draft: true`.
    pub drafts: bool,
    /// Replaces `base_url` of site.yaml.
    pub base_url: Option<String>,
}

/// Validates raw content into a `Site`. Returns `None` when there are errors; the
/// diagnostics then say every one of them.
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
    let strings = validate_strings(raw, &mut diags);

    let city_ids: BTreeSet<&str> = cities.iter().map(|c| c.id.as_str()).collect();
    let topic_ids: BTreeSet<&str> = topics.iter().map(|t| t.id.as_str()).collect();
    // A registry that failed to load is reported once, not at every reference to it.
    let known = Known {
        cities: raw.cities.as_ref().map(|_| &city_ids),
        topics: raw.topics.as_ref().map(|_| &topic_ids),
    };

    let mut all_articles =
        validate_articles(&raw.articles, &raw.unreadable_articles, &known, &mut diags);
    let drafts: BTreeSet<String> = all_articles
        .iter()
        .filter(|a| a.draft)
        .map(|a| a.slug.clone())
        .collect();
    // Slugs of every Chinese file, valid or not, so a broken article is reported once.
    let every_slug: BTreeSet<String> = raw
        .articles
        .iter()
        .filter(|a| a.lang == "zh")
        .map(|a| a.slug.clone())
        .chain(
            raw.unreadable_articles
                .iter()
                .filter(|(_, l)| l == "zh")
                .map(|(s, _)| s.clone()),
        )
        .collect();
    if !opts.drafts {
        all_articles.retain(|a| !a.draft);
    }
    all_articles.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    let published: BTreeSet<&str> = all_articles.iter().map(|a| a.slug.as_str()).collect();

    let city_order: BTreeMap<&str, usize> = cities
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let publications = raw
        .publications
        .as_ref()
        .map(|l| super::publications::validate_publications(l, &every_slug, &mut diags))
        .unwrap_or_default();
    let publication_ids: BTreeSet<&str> = raw
        .publications
        .iter()
        .flat_map(|l| l.value.iter().map(|p| p.id.as_str()))
        .collect();
    let mut indicators = Vec::new();
    // Valid indicators by id, with their file.
    let mut indicator_ids: BTreeMap<String, &std::path::Path> = BTreeMap::new();
    for located in &raw.indicators {
        let refs = ArticleRefs {
            published: &published,
            drafts: &drafts,
            all: &every_slug,
            publications: &publication_ids,
        };
        if let Some(ind) = validate_indicator(located, &known, &refs, &city_order, &mut diags) {
            if let Some(first) = indicator_ids.get(&ind.id) {
                diags.push(
                    located
                        .error_at(
                            located.line_of_key("id"),
                            format!("duplicate indicator id `{}`", ind.id),
                        )
                        .hint(format!(
                            "{} has the same id, and both would be /indicators/{}/; keep one file per indicator",
                            first.display(),
                            ind.id
                        )),
                );
            } else {
                indicator_ids.insert(ind.id.clone(), &located.path);
                indicators.push(ind);
            }
        }
    }
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
    indicators.sort_by(|a, b| a.id.cmp(&b.id));
    if let Some(located) = &raw.publications {
        super::publications::check_all_cited(located, &indicators, &mut diags);
    }
    if let (Some(site_yaml), Some(config)) = (&raw.site, &config) {
        for id in config.key_indicators.iter().filter(|id| {
            !indicator_ids.contains_key(*id) && !broken_indicators.contains(id.as_str())
        }) {
            let known: BTreeSet<&str> = indicator_ids.keys().map(String::as_str).collect();
            diags.push(
                site_yaml
                    .error_at(
                        site_yaml.line_containing(id),
                        format!("unknown indicator `{id}` in key_indicators"),
                    )
                    .hint(format!("known indicators: {}", list(&known))),
            );
        }
    }

    if diags.has_errors() {
        return (None, diags);
    }
    let Some(config) = config else {
        return (None, diags);
    };
    let city_index = cities
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    let topic_index = topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.clone(), i))
        .collect();
    let article_index = all_articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.slug.clone(), i))
        .collect();
    let publication_index = publications
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    let site = Site {
        config,
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

/// Known ids; `None` when the registry itself could not be loaded.
struct Known<'a> {
    cities: Option<&'a BTreeSet<&'a str>>,
    topics: Option<&'a BTreeSet<&'a str>>,
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

fn validate_config(
    site: &Located<RawSite>,
    opts: &ModelOptions,
    diags: &mut Diagnostics,
) -> Option<Config> {
    let raw = &site.value;
    let mut ok = true;
    if let Some(default) = &raw.default_language {
        if default != "zh" {
            ok = false;
            diags.push(
                site.error_at(
                    site.line_of_key("default_language"),
                    format!("unsupported default language `{default}`"),
                )
                .hint("the portal is Chinese first: default_language: zh"),
            );
        }
    }
    if let Some(langs) = &raw.languages {
        if langs.iter().map(String::as_str).collect::<Vec<_>>() != ["zh", "en"] {
            ok = false;
            diags.push(
                site.error_at(
                    site.line_of_key("languages"),
                    format!("unsupported languages {langs:?}"),
                )
                .hint("shanshui builds Chinese and English: languages: [zh, en]"),
            );
        }
    }
    let (base_url, line) = match &opts.base_url {
        Some(url) => (url.clone(), 0),
        None => (raw.base_url.clone(), site.line_of_key("base_url")),
    };
    let base = match parse_base_url(&base_url) {
        Ok(b) => Some(b),
        Err(why) => {
            let d = if line == 0 {
                Diagnostic::error(
                    std::path::Path::new("--base-url"),
                    0,
                    format!("invalid base URL `{base_url}`: {why}"),
                )
            } else {
                site.error_at(line, format!("invalid base_url `{base_url}`: {why}"))
            };
            diags.push(d.hint(
                "an absolute URL such as https://example.gov.cn/ or https://example.gov.cn/portal/",
            ));
            None
        }
    };
    let (base_url, base_path) = base?;
    ok.then(|| Config {
        title: bilingual(&raw.title),
        description: raw.description.as_ref().map(bilingual),
        publisher: raw
            .publisher
            .as_ref()
            .map_or_else(|| bilingual(&raw.title), bilingual),
        base_url,
        base_path,
        allow_html: raw.allow_html,
        key_indicators: raw.key_indicators.clone().unwrap_or_default(),
    })
}

/// Returns the base URL ending in `/` and its path part.
pub(crate) fn parse_base_url(url: &str) -> Result<(String, String), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("it must start with http:// or https://")?;
    let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    if host.is_empty() || host.contains(|c: char| c.is_whitespace() || c == '?' || c == '#') {
        return Err("the host is missing or invalid".into());
    }
    if path.contains(['?', '#', '"', '\'', '<', '>', ' ', '\\'])
        || path.split('/').any(|s| s == ".." || s == ".")
    {
        return Err("the path may hold only plain segments".into());
    }
    let path = path.trim_end_matches('/');
    let base_path = if path.is_empty() {
        "/".to_owned()
    } else {
        format!("/{path}/")
    };
    let scheme = if url.starts_with("https://") {
        "https"
    } else {
        "http"
    };
    Ok((format!("{scheme}://{host}{base_path}"), base_path))
}

fn validate_cities(located: &Located<Vec<RawCity>>, diags: &mut Diagnostics) -> Vec<City> {
    let mut cities: Vec<City> = Vec::new();
    let mut seen = BTreeSet::new();
    for raw in &located.value {
        let line = located.line_containing(&format!("id: {}", raw.id));
        let err = |msg: String| located.error_at(line, msg);
        if !is_valid_id(&raw.id) {
            diags.push(err(format!("invalid city id `{}`", raw.id)).hint("ids are lowercase pinyin such as jinzhong or pm25-change: a-z, 0-9 and single hyphens"));
            continue;
        }
        if !seen.insert(raw.id.clone()) {
            diags.push(
                err(format!("duplicate city id `{}`", raw.id)).hint("each place is listed once"),
            );
            continue;
        }
        let level = match raw.level.as_str() {
            "province" => Level::Province,
            "prefecture" => Level::Prefecture,
            "county" => Level::County,
            other => {
                diags.push(
                    err(format!("unknown level `{other}` for `{}`", raw.id))
                        .hint("level is province, prefecture or county"),
                );
                continue;
            }
        };
        for (name, value, range) in [
            ("lat", raw.lat, -90.0..=90.0),
            ("lon", raw.lon, -180.0..=180.0),
        ] {
            if let Some(v) = value {
                if !range.contains(&v) {
                    diags.push(
                        err(format!("{name} {v} of `{}` is out of range", raw.id))
                            .hint("decimal degrees, e.g. lat: 37.69, lon: 112.75"),
                    );
                }
            }
        }
        cities.push(City {
            id: raw.id.clone(),
            name: Bilingual {
                zh: raw.zh.clone(),
                en: raw.en.clone(),
            },
            level,
            parent: raw.parent.clone(),
            children: Vec::new(),
            aliases: raw.aliases.clone(),
            lat: raw.lat,
            lon: raw.lon,
        });
    }
    // Parents must exist and sit one level up.
    let levels: BTreeMap<String, Level> = cities.iter().map(|c| (c.id.clone(), c.level)).collect();
    let known: BTreeSet<&str> = levels.keys().map(String::as_str).collect();
    for city in &cities {
        let line = located.line_containing(&format!("id: {}", city.id));
        let expected = match city.level {
            Level::Province => None,
            Level::Prefecture => Some(Level::Province),
            Level::County => Some(Level::Prefecture),
        };
        match (&city.parent, expected) {
            (None, None) => {}
            (Some(p), None) => diags.push(located.error_at(line, format!("province `{}` cannot have a parent (`{p}`)", city.id)).hint("remove `parent`")),
            (None, Some(_)) => diags.push(located.error_at(line, format!("`{}` needs a parent", city.id)).hint(format!("known places: {}", list(&known)))),
            (Some(p), Some(want)) => match levels.get(p) {
                None => diags.push(located.error_at(line, format!("unknown parent `{p}` of `{}`", city.id)).hint(format!("known places: {}", list(&known)))),
                Some(&got) if got != want => diags.push(located.error_at(line, format!("parent `{p}` of `{}` is a {got:?}, expected a {want:?}", city.id).to_lowercase()).hint("a county's parent is a prefecture; a prefecture's parent is the province")),
                Some(_) => {}
            },
        }
    }
    let children: Vec<(String, String)> = cities
        .iter()
        .filter_map(|c| c.parent.clone().map(|p| (p, c.id.clone())))
        .collect();
    for (parent, child) in children {
        if let Some(p) = cities.iter_mut().find(|c| c.id == parent) {
            p.children.push(child);
        }
    }
    cities
}

fn validate_topics(located: &Located<Vec<RawTopic>>, diags: &mut Diagnostics) -> Vec<Topic> {
    let mut seen = BTreeSet::new();
    let mut topics = Vec::new();
    for raw in &located.value {
        let line = located.line_containing(&format!("id: {}", raw.id));
        if !is_valid_id(&raw.id) {
            diags.push(
                located
                    .error_at(line, format!("invalid topic id `{}`", raw.id))
                    .hint("ids use a-z, 0-9 and single hyphens"),
            );
        } else if !seen.insert(raw.id.clone()) {
            diags.push(located.error_at(line, format!("duplicate topic id `{}`", raw.id)));
        } else {
            topics.push(Topic {
                id: raw.id.clone(),
                name: Bilingual {
                    zh: raw.zh.clone(),
                    en: raw.en.clone(),
                },
                description: bilingual(&raw.description),
            });
        }
    }
    topics
}

fn validate_strings(
    raw: &RawContent,
    diags: &mut Diagnostics,
) -> BTreeMap<Lang, BTreeMap<String, String>> {
    let mut strings = BTreeMap::new();
    let (Some(zh), Some(en)) = (raw.strings.get("zh"), raw.strings.get("en")) else {
        return strings;
    };
    for (this, other, other_name) in [(zh, en, "en"), (en, zh, "zh")] {
        for key in this.value.keys().filter(|k| !other.value.contains_key(*k)) {
            diags.push(
                this.error_at(
                    this.line_of_key(key),
                    format!("UI string `{key}` is missing from i18n/{other_name}.yaml"),
                )
                .hint("both languages need the same keys"),
            );
        }
    }
    strings.insert(Lang::Zh, zh.value.clone());
    strings.insert(Lang::En, en.value.clone());
    strings
}

fn validate_articles(
    files: &[RawArticleFile],
    unreadable: &BTreeSet<(String, String)>,
    known: &Known,
    diags: &mut Diagnostics,
) -> Vec<Article> {
    // Problems with a file's name are placed at its first line: every message then reads
    // `path:line`, which editors and terminals open as a link.
    // slug → language → file
    let mut by_slug: BTreeMap<&str, BTreeMap<&str, &RawArticleFile>> = BTreeMap::new();
    for file in files {
        let path = &file.front.path;
        if !is_valid_id(&file.slug) {
            diags.push(
                Diagnostic::error(path, 1, format!("invalid article slug `{}`", file.slug))
                    .hint("the file name is the URL: lowercase a-z, 0-9 and single hyphens, e.g. jinzhong-air-2025.zh.md"),
            );
            continue;
        }
        if file.lang != "zh" && file.lang != "en" {
            diags.push(
                Diagnostic::error(
                    path,
                    1,
                    format!("unknown language `{}` in the file name", file.lang),
                )
                .hint("articles are <slug>.zh.md (Chinese original) and <slug>.en.md (English)"),
            );
            continue;
        }
        let langs = by_slug.entry(&file.slug).or_default();
        if let Some(first) = langs.get(file.lang.as_str()) {
            diags.push(
                Diagnostic::error(path, 1, format!("duplicate article slug `{}`", file.slug)).hint(
                    format!(
                        "{} has the same file name; rename one of them",
                        first.front.path.display()
                    ),
                ),
            );
            continue;
        }
        langs.insert(&file.lang, file);
    }

    // Each article is checked on its own, in parallel; the problems are sorted later.
    let by_slug: Vec<_> = by_slug.into_iter().collect();
    let checked: Vec<(Option<Article>, Diagnostics)> = by_slug
        .par_iter()
        .map(|(slug, langs)| {
            let mut diags = Diagnostics::default();
            let article = check_article(slug, langs, unreadable, known, &mut diags);
            (article, diags)
        })
        .collect();
    let mut articles = Vec::with_capacity(checked.len());
    for (article, d) in checked {
        diags.extend(d);
        articles.extend(article);
    }
    articles
}

/// One article from its Chinese file and, if there is one, its translation.
fn check_article(
    slug: &str,
    langs: &BTreeMap<&str, &RawArticleFile>,
    unreadable: &BTreeSet<(String, String)>,
    known: &Known,
    diags: &mut Diagnostics,
) -> Option<Article> {
    let Some(zh) = langs.get("zh") else {
        let zh_unreadable = unreadable.contains(&(slug.to_owned(), "zh".to_owned()));
        if let Some(en) = langs.get("en").filter(|_| !zh_unreadable) {
            diags.push(
                Diagnostic::error(
                    &en.front.path,
                    1,
                    format!("`{slug}.en.md` has no Chinese original"),
                )
                .hint(format!(
                    "every article needs {slug}.zh.md; the English file is its translation"
                )),
            );
        }
        return None;
    };
    let zh_meta = article_meta(zh, known, diags, true);
    let zh_text = article_text(zh, diags);
    let en_text = langs.get("en").and_then(|en| {
        let en_meta = article_meta(en, known, diags, false);
        if let (Some(a), Some(b)) = (&zh_meta, &en_meta) {
            compare_meta(en, a, b, diags);
        }
        article_text(en, diags)
    });
    let ((date, cities, topics, draft, added), zh_text) = (zh_meta?, zh_text?);
    Some(Article {
        slug: slug.to_owned(),
        date: date.unwrap_or(PartialDate {
            year: 0,
            month: None,
            day: None,
        }),
        added,
        cities: cities.unwrap_or_default(),
        topics: topics.unwrap_or_default(),
        draft,
        zh: zh_text,
        en: en_text,
    })
}

type Meta = (
    Option<PartialDate>,
    Option<Vec<String>>,
    Option<Vec<String>>,
    bool,
    Option<PartialDate>,
);

/// Date, cities, topics, draft flag and date added of one file; required (but for
/// `added`) in the Chinese file, and optional in the translation (which then inherits them).
fn article_meta(
    file: &RawArticleFile,
    known: &Known,
    diags: &mut Diagnostics,
    required: bool,
) -> Option<Meta> {
    let f = &file.front;
    let before = diags.error_count();
    let missing = |key: &str, example: &str| {
        f.error_at(f.first_line, format!("missing front-matter key `{key}`"))
            .hint(format!("add e.g. `{example}`"))
    };
    let date = match &f.value.date {
        Some(raw) => match PartialDate::parse(&raw.to_string()) {
            Ok(d) => Some(d),
            Err(why) => {
                diags.push(
                    f.error_at(
                        f.line_of_key("date"),
                        format!("invalid date `{raw}`: {why}"),
                    )
                    .hint("write YYYY-MM-DD, YYYY-MM or YYYY, e.g. date: 2025-04"),
                );
                None
            }
        },
        None if required => {
            diags.push(missing("date", "date: 2025-04"));
            None
        }
        None => None,
    };
    let added = f.value.added.as_ref().and_then(|raw| {
        let full = PartialDate::parse(&raw.to_string()).and_then(|d| match d.day {
            Some(_) => Ok(d),
            None => Err("give the day, not only the year or month".to_owned()),
        });
        full.map_err(|why| {
            diags.push(
                f.error_at(
                    f.line_of_key("added"),
                    format!("invalid date added `{raw}`: {why}"),
                )
                .hint("write the day the article was added to the portal, e.g. added: 2026-11-26"),
            )
        })
        .ok()
    });
    let mut check_ids = |key: &str,
                         ids: &Option<Vec<String>>,
                         known: Option<&BTreeSet<&str>>,
                         example: &str,
                         file_name: &str| {
        match ids {
            Some(ids) if ids.is_empty() => diags.push(
                f.error_at(f.line_of_key(key), format!("`{key}` is empty"))
                    .hint(format!("name at least one, e.g. `{example}`")),
            ),
            Some(ids) => {
                let Some(known) = known else { return };
                for id in ids.iter().filter(|id| !known.contains(id.as_str())) {
                    let line = f.line_of_key(key);
                    let line = crate::diag::line_containing(&f.yaml, id)
                        .filter(|&l| l + f.first_line > line)
                        .map_or(line, |l| l + f.first_line - 1);
                    diags.push(
                        f.error_at(
                            line,
                            format!(
                                "unknown {} id `{id}`",
                                key.trim_end_matches('s').replace("citie", "city")
                            ),
                        )
                        .hint(format!("known ids (from {file_name}): {}", list(known))),
                    );
                }
            }
            None if required => diags.push(missing(key, example)),
            None => {}
        }
    };
    check_ids(
        "cities",
        &f.value.cities,
        known.cities,
        "cities: [jinzhong]",
        "cities.yaml",
    );
    check_ids(
        "topics",
        &f.value.topics,
        known.topics,
        "topics: [air]",
        "topics.yaml",
    );
    (diags.error_count() == before).then(|| {
        (
            date,
            f.value.cities.clone(),
            f.value.topics.clone(),
            f.value.draft,
            added,
        )
    })
}

fn compare_meta(en: &RawArticleFile, zh: &Meta, this: &Meta, diags: &mut Diagnostics) {
    let f = &en.front;
    let hint =
        "dates, ids and the draft flag are the same in both languages; change them in both files";
    if this.4.is_some() && this.4 != zh.4 {
        diags.push(
            f.error_at(
                f.line_of_key("added"),
                "the date added differs from the Chinese file",
            )
            .hint(hint),
        );
    }
    if this.0.is_some() && this.0 != zh.0 {
        diags.push(
            f.error_at(
                f.line_of_key("date"),
                "the date differs from the Chinese file",
            )
            .hint(hint),
        );
    }
    if this.1.is_some() && this.1 != zh.1 {
        diags.push(
            f.error_at(
                f.line_of_key("cities"),
                "`cities` differ from the Chinese file",
            )
            .hint(hint),
        );
    }
    if this.2.is_some() && this.2 != zh.2 {
        diags.push(
            f.error_at(
                f.line_of_key("topics"),
                "`topics` differ from the Chinese file",
            )
            .hint(hint),
        );
    }
    if f.value.draft != zh.3 && crate::diag::line_of_key(&f.yaml, "draft").is_some() {
        diags.push(
            f.error_at(
                f.line_of_key("draft"),
                "`draft` differs from the Chinese file",
            )
            .hint(hint),
        );
    }
}

fn article_text(file: &RawArticleFile, diags: &mut Diagnostics) -> Option<ArticleText> {
    let f = &file.front;
    let Some(title) = f
        .value
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    else {
        diags.push(
            f.error_at(f.first_line, "missing front-matter key `title`")
                .hint("add e.g. `title: 天朗气清映幸福`"),
        );
        return None;
    };
    let source = f.value.source.clone().unwrap_or_default();
    // Templates may link the source; a `javascript:` or `data:` URL would then run code
    // however well the text is escaped.
    if let Some(url) = source.url.as_deref().filter(|u| !is_web_url(u)) {
        diags.push(
            f.error_at(
                f.line_of_key("url"),
                format!("source url `{url}` is not a web address"),
            )
            .hint("write the full address of the page, starting with https:// or http://"),
        );
        return None;
    }
    Some(ArticleText {
        title: title.to_owned(),
        subtitle: f.value.subtitle.clone().filter(|s| !s.trim().is_empty()),
        source: Source {
            publication: source.publication,
            page_title: source.page_title,
            edition: source.edition,
            url: source.url,
        },
        reporters: f.value.reporters.clone(),
        people: f
            .value
            .people
            .iter()
            .map(|p| Person {
                name: p.name.clone(),
                role: p.role.clone(),
            })
            .collect(),
        summary: f.value.summary.clone().filter(|s| !s.trim().is_empty()),
        body: file.body.clone(),
        path: f.path.clone(),
        body_line: file.body_line,
    })
}

/// An absolute http(s) URL with a host and nothing that could leave an attribute.
pub(super) fn is_web_url(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty()
        && !url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
        })
}

fn validate_indicator(
    located: &Located<RawIndicator>,
    known: &Known,
    refs: &ArticleRefs,
    city_order: &BTreeMap<&str, usize>,
    diags: &mut Diagnostics,
) -> Option<Indicator> {
    let raw = &located.value;
    let before = diags.error_count();
    let stem = located
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if !is_valid_id(&raw.id) {
        diags.push(
            located
                .error_at(
                    located.line_of_key("id"),
                    format!("invalid indicator id `{}`", raw.id),
                )
                .hint("ids use a-z, 0-9 and single hyphens"),
        );
    } else if raw.id != stem {
        diags.push(
            located
                .error_at(
                    located.line_of_key("id"),
                    format!(
                        "indicator id `{}` differs from its file name `{stem}.yaml`",
                        raw.id
                    ),
                )
                .hint(format!(
                    "rename the file to {}.yaml or change the id",
                    raw.id
                )),
        );
    }
    let better = match raw.better.as_str() {
        "higher" => Better::Higher,
        "lower" => Better::Lower,
        other => {
            diags.push(
                located
                    .error_at(
                        located.line_of_key("better"),
                        format!("`better: {other}` is neither higher nor lower"),
                    )
                    .hint("write better: higher or better: lower"),
            );
            Better::Higher
        }
    };
    if let Some(topics) = known.topics {
        for t in raw.topics.iter().filter(|t| !topics.contains(t.as_str())) {
            diags.push(
                located
                    .error_at(
                        located.line_of_key("topics"),
                        format!("unknown topic id `{t}`"),
                    )
                    .hint(format!("known ids (from topics.yaml): {}", list(topics))),
            );
        }
    }
    if let Some(s) = &raw.standard {
        if !s.value.is_finite() {
            diags.push(
                located
                    .error_at(
                        located.line_of_key("standard"),
                        "the standard's value is not a number",
                    )
                    .hint("write a number, e.g. value: 35"),
            );
        }
    }
    let is_change = raw.id.ends_with("-change");
    let this_year = date::current_year();
    let mut observations = Vec::new();
    for (i, obs) in raw.observations.iter().enumerate() {
        // Lines of observations: the i-th `- ` item under `observations:`, found by its source.
        let line = nth_item_line(located, i);
        let err = |msg: String| located.error_at(line, msg);
        let count = diags.error_count();
        if let Some(cities) = known.cities.filter(|c| !c.contains(obs.city.as_str())) {
            diags.push(
                err(format!("unknown city id `{}`", obs.city))
                    .hint(format!("known ids (from cities.yaml): {}", list(cities))),
            );
        }
        if !obs.value.is_finite() {
            diags.push(
                err(format!("value `{}` is not a number", obs.value))
                    .hint("write the figure as printed, e.g. value: 66.9"),
            );
        } else if obs.value < 0.0 && !is_change {
            diags.push(err(format!("negative value {} for a level", obs.value)).hint("only change indicators (ids ending in -change) may be negative; check the sign"));
        }
        if obs.year < 1949 || obs.year > i64::from(this_year) {
            diags.push(
                err(format!("year {} is impossible", obs.year)).hint(format!(
                    "the year the figure describes, between 1949 and {this_year}"
                )),
            );
        }
        let months = match obs.months.as_ref().map(|m| Months::parse(&m.to_string())) {
            Some(Err(e)) => {
                diags.push(err(format!("months: {e}")).hint(
                    "the months of the year the figure covers: \"5\" for May, \"1-11\" for January to November; leave months out for the whole year",
                ));
                None
            }
            Some(Ok(m)) => Some(m),
            None => None,
        };
        if refs.publications.contains(obs.source.as_str()) {
            // An outside publication: checked in sources.yaml.
        } else if !refs.all.contains(&obs.source) {
            diags.push(err(format!("observation cites `{}`, which is neither an article nor a source", obs.source)).hint("source is the slug of the article that printed the figure (its file name without .zh.md), or the id of a publication in content/sources.yaml"));
        } else if refs.drafts.contains(&obs.source) && !refs.published.contains(obs.source.as_str())
        {
            diags.push(
                Diagnostic::warning(
                    &located.path,
                    line,
                    format!(
                        "observation cites the draft `{}`; it is shown without a link",
                        obs.source
                    ),
                )
                .hint("publish the article (draft: false) or cite another"),
            );
        }
        if diags.error_count() == count {
            observations.push(Observation {
                city: obs.city.clone(),
                year: obs.year as i32,
                months,
                value: obs.value,
                scope: obs.scope.clone(),
                source: obs.source.clone(),
                derived: obs.derived.clone(),
                note: obs.note.as_ref().map(bilingual),
            });
        }
    }
    observations.sort_by(|a, b| {
        let pos = |c: &str| city_order.get(c).copied().unwrap_or(usize::MAX);
        pos(&a.city)
            .cmp(&pos(&b.city))
            .then(a.year.cmp(&b.year))
            .then(a.months.cmp(&b.months))
            .then(a.scope.cmp(&b.scope))
    });
    (diags.error_count() == before).then(|| Indicator {
        id: raw.id.clone(),
        name: bilingual(&raw.name),
        unit: match &raw.unit {
            RawUnit::Same(unit) => Bilingual {
                zh: unit.clone(),
                en: unit.clone(),
            },
            RawUnit::PerLanguage(unit) => bilingual(unit),
        },
        better,
        topics: raw.topics.clone(),
        definition: bilingual(&raw.definition),
        standard: raw.standard.as_ref().map(|s| Standard {
            value: s.value,
            label: bilingual(&s.label),
        }),
        observations,
        path: located.path.clone(),
    })
}

/// Line of the `index`-th list item under `observations:` in an indicator file.
fn nth_item_line(located: &Located<RawIndicator>, index: usize) -> usize {
    let start = located.line_of_key("observations");
    let mut seen = 0;
    for (i, line) in located
        .yaml
        .lines()
        .enumerate()
        .skip(start.saturating_sub(located.first_line) + 1)
    {
        if line.trim_start().starts_with("- ") {
            if seen == index {
                return i + located.first_line;
            }
            seen += 1;
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::{is_web_url, parse_base_url};

    #[test]
    fn source_urls_are_web_addresses() {
        for ok in [
            "https://a.cn/x?y=1#z",
            "http://a.cn",
            "https://报纸.cn/版面/1.html",
        ] {
            assert!(is_web_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,<script>",
            "//a.cn/x",
            "https://",
            "https:///x",
            "https://a.cn/\"onmouseover=x",
            "https://a.cn/a b",
            "",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }

    #[test]
    fn base_urls_get_a_trailing_slash_and_a_path() {
        assert_eq!(
            parse_base_url("https://a.cn").unwrap(),
            ("https://a.cn/".into(), "/".into())
        );
        assert_eq!(
            parse_base_url("https://a.cn/portal").unwrap(),
            ("https://a.cn/portal/".into(), "/portal/".into())
        );
        assert_eq!(
            parse_base_url("http://127.0.0.1:8080/x/y/").unwrap().1,
            "/x/y/"
        );
        for bad in [
            "a.cn",
            "ftp://a.cn/",
            "https:///x",
            "https://a.cn/../x",
            "https://a.cn/p\"x",
        ] {
            assert!(parse_base_url(bad).is_err(), "{bad}");
        }
    }
}
