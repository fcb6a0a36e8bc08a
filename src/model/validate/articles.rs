//! Articles: file names, front matter, the translation against its original.

use super::*;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::RawArticleFile;
use crate::messages::*;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn validate_articles(
    files: &[RawArticleFile],
    unreadable: &BTreeSet<(String, Lang)>,
    known: &Known,
    diags: &mut Diagnostics,
) -> Vec<Article> {
    // Problems with a file's name are placed at its first line: every message then reads
    // `path:line`, which editors and terminals open as a link.
    // slug → language → file
    let mut by_slug: BTreeMap<&str, BTreeMap<Lang, &RawArticleFile>> = BTreeMap::new();
    for file in files {
        let path = &file.front.path;
        if !is_valid_id(&file.slug) {
            diags.push(
                Diagnostic::error(path, 1, INVALID_SLUG.both(&[("slug", &file.slug)]))
                    .hint(crate::model::id_hint(&file.slug, SLUG_RULE.both(&[]))),
            );
            continue;
        }
        let langs = by_slug.entry(&file.slug).or_default();
        if let Some(first) = langs.get(&file.lang) {
            diags.push(
                Diagnostic::error(path, 1, DUPLICATE_SLUG.both(&[("slug", &file.slug)]))
                    .col(1)
                    .hint(DUPLICATE_SLUG_HINT.both(&[("path", &first.front.path.display())])),
            );
            // The file goes no further, but its own mistakes are reported in the same run.
            article_meta(file, known, diags, file.lang == Lang::Zh);
            article_text(file, diags);
            continue;
        }
        langs.insert(file.lang, file);
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
    langs: &BTreeMap<Lang, &RawArticleFile>,
    unreadable: &BTreeSet<(String, Lang)>,
    known: &Known,
    diags: &mut Diagnostics,
) -> Option<Article> {
    let Some(zh) = langs.get(&Lang::Zh) else {
        let zh_unreadable = unreadable.contains(&(slug.to_owned(), Lang::Zh));
        if let Some(en) = langs.get(&Lang::En).filter(|_| !zh_unreadable) {
            diags.push(
                Diagnostic::error(
                    &en.front.path,
                    1,
                    NO_CHINESE_ORIGINAL.both(&[("slug", &slug)]),
                )
                .hint(NO_CHINESE_ORIGINAL_HINT.both(&[("slug", &slug)])),
            );
        }
        return None;
    };
    let zh_meta = article_meta(zh, known, diags, true);
    let zh_text = article_text(zh, diags);
    let en_text = langs.get(&Lang::En).and_then(|en| {
        let en_meta = article_meta(en, known, diags, false);
        if let (Some(a), Some(b)) = (&zh_meta, &en_meta) {
            compare_meta(en, a, b, diags);
        }
        article_text(en, diags)
    });
    let (
        Meta {
            date,
            cities,
            topics,
            draft,
            added,
        },
        zh_text,
    ) = (zh_meta?, zh_text?);
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

/// What one file says of its article beside the text; `None` where a translation leaves
/// a field to its original.
#[derive(Debug, PartialEq)]
struct Meta {
    date: Option<PartialDate>,
    cities: Option<Vec<String>>,
    topics: Option<Vec<String>>,
    draft: bool,
    /// The day the article was added to the portal.
    added: Option<PartialDate>,
}

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
    // A key missing from a recovered front matter may be on the line left out, which is
    // reported already.
    let required = required && !file.recovered;
    let missing = |key: &str, example: &str| {
        f.error_at(f.first_line, MISSING_KEY.both(&[("key", &key)]))
            .hint(ADD_EXAMPLE.both(&[("example", &example)]))
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
                    INVALID_ADDED.both(&[("raw", &raw), ("why", &why)]),
                )
                .hint(ADDED_HINT.both(&[])),
            )
        })
        .ok()
    });
    let date = match &f.value.date {
        Some(raw) => match PartialDate::parse(&raw.to_string()) {
            Ok(d) => Some(d),
            Err(why) => {
                let (line, col) = f.value_position("date");
                diags.push(
                    f.error_at(line, INVALID_DATE.both(&[("raw", &raw), ("why", &why)]))
                        .col(col)
                        .hint(
                            crate::editorial::date_hint(&raw.to_string())
                                .unwrap_or_else(|| DATE_FORMAT_HINT.both(&[])),
                        ),
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
    let mut check_ids = |key: &str,
                         ids: &Option<Vec<String>>,
                         known: Option<&BTreeSet<&str>>,
                         names: &[(&str, &str)],
                         example: &str,
                         file_name: &str| {
        match ids {
            Some(ids) if ids.is_empty() => diags.push(
                f.error_at(f.line_of_key(key), EMPTY_LIST.both(&[("key", &key)]))
                    .hint(NAME_AT_LEAST_ONE.both(&[("example", &example)])),
            ),
            Some(ids) => {
                let Some(known) = known else { return };
                for (i, id) in ids.iter().enumerate() {
                    if known.contains(id.as_str()) {
                        continue;
                    }
                    let (line, col) = f.item_position(key, i);
                    diags.push(
                        f.error_at(
                            line,
                            match key {
                                "cities" => UNKNOWN_CITY_ID.both(&[("id", id)]),
                                _ => UNKNOWN_TOPIC_ID.both(&[("id", id)]),
                            },
                        )
                        .col(col)
                        .hint(unknown_id_hint(id, names, known, file_name)),
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
        known.city_names,
        "cities: [jinzhong]",
        "cities.yaml",
    );
    check_ids(
        "topics",
        &f.value.topics,
        known.topics,
        known.topic_names,
        "topics: [air]",
        "topics.yaml",
    );
    (diags.error_count() == before).then(|| Meta {
        date,
        cities: f.value.cities.clone(),
        topics: f.value.topics.clone(),
        draft: f.value.draft,
        added,
    })
}

fn compare_meta(en: &RawArticleFile, zh: &Meta, this: &Meta, diags: &mut Diagnostics) {
    let f = &en.front;
    let hint = || SAME_IN_BOTH_HINT.both(&[]);
    if this.added.is_some() && this.added != zh.added {
        diags.push(
            f.error_at(f.line_of_key("added"), ADDED_DIFFERS.both(&[]))
                .hint(hint()),
        );
    }
    if this.date.is_some() && this.date != zh.date {
        diags.push(
            f.error_at(f.line_of_key("date"), DATE_DIFFERS.both(&[]))
                .hint(hint()),
        );
    }
    if this.cities.is_some() && this.cities != zh.cities {
        diags.push(
            f.error_at(f.line_of_key("cities"), CITIES_DIFFER.both(&[]))
                .hint(hint()),
        );
    }
    if this.topics.is_some() && this.topics != zh.topics {
        diags.push(
            f.error_at(f.line_of_key("topics"), TOPICS_DIFFER.both(&[]))
                .hint(hint()),
        );
    }
    if f.value.draft != zh.draft && f.has_key("draft") {
        diags.push(
            f.error_at(f.line_of_key("draft"), DRAFT_DIFFERS.both(&[]))
                .hint(hint()),
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
        if file.recovered {
            return None;
        }
        diags.push(
            f.error_at(f.first_line, MISSING_KEY.both(&[("key", &"title")]))
                .hint(ADD_EXAMPLE.both(&[("example", &"title: 天朗气清映幸福")])),
        );
        return None;
    };
    let source = f.value.source.clone().unwrap_or_default();
    // Templates may link the source; a `javascript:` or `data:` URL would then run code
    // however well the text is escaped.
    if let Some(url) = source.url.as_deref().filter(|u| !is_web_url(u)) {
        diags.push(
            f.error_at(
                f.line_of_key("source.url"),
                NOT_A_WEB_ADDRESS.both(&[("url", &url)]),
            )
            .hint(WEB_ADDRESS_HINT.both(&[])),
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
pub(crate) fn is_web_url(url: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::is_web_url;

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
}
