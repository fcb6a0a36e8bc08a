//! `content/sources.yaml`: the outside publications that figures cite. Each is kept once,
//! named by an id that observations give as their `source`, and must be cited by at least
//! one observation (a registry entry nothing uses is a sign of a typo on one side). No
//! source, of a figure or of an article, may link to a site on `content/refused-domains.txt`.

use super::articles::is_web_url;
use super::bilingual;
use super::{is_valid_id, PartialDate, Publication, PublicationKind, Reprint};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::raw::{RawIndicator, RawPublication};
use crate::load::{Located, RawArticleFile, RefusedDomains, REFUSED_DOMAINS};
use crate::messages::{self as M, Said};
use std::collections::{BTreeMap, BTreeSet};

/// The sites no source may link to (spam, machine-rewritten text), from
/// `content/refused-domains.txt`; a domain refuses its subdomains too.
#[derive(Debug, Default)]
pub(super) struct Refused<'a> {
    file: Option<&'a RefusedDomains>,
    /// (domain, line in the file), lowercase.
    domains: Vec<(String, usize)>,
}

impl<'a> Refused<'a> {
    /// Reads the list; a line that is not a plain domain is an error at that line.
    pub(super) fn new(file: Option<&'a RefusedDomains>, diags: &mut Diagnostics) -> Self {
        let mut domains = Vec::new();
        for (line, entry) in file.iter().flat_map(|f| &f.entries) {
            let domain = entry.to_ascii_lowercase();
            let plain = domain.contains('.')
                && domain.split('.').all(|label| {
                    !label.is_empty()
                        && !label.starts_with('-')
                        && label.chars().all(|c| c.is_alphanumeric() || c == '-')
                });
            if plain {
                domains.push((domain, *line));
            } else if let Some(f) = file {
                diags.push(
                    Diagnostic {
                        source_line: Some(entry.as_str().into()),
                        ..Diagnostic::error(
                            &f.path,
                            *line,
                            M::NOT_A_DOMAIN.both(&[("entry", entry)]),
                        )
                    }
                    .col(1)
                    .hint(M::DOMAIN_HINT.both(&[])),
                );
            }
        }
        Refused { file, domains }
    }

    /// What is wrong with linking `url`, if it is on a refused site.
    fn problem(&self, url: &str) -> Option<Said> {
        let (domain, line) = self.domain_of(url)?;
        let list = format!("{}:{line}", self.list_path());
        Some(M::REFUSED_SITE.both(&[("url", &url), ("domain", domain), ("list", &list)]))
    }

    /// The refused domain `url` is on, with its line in the list.
    fn domain_of(&self, url: &str) -> Option<&(String, usize)> {
        let host = host(url)?;
        self.domains.iter().find(|(d, _)| {
            host == *d
                || host
                    .strip_suffix(d.as_str())
                    .is_some_and(|rest| rest.ends_with('.'))
        })
    }

    fn list_path(&self) -> String {
        self.file.map_or_else(
            || format!("content/{REFUSED_DOMAINS}"),
            |f| f.path.display().to_string(),
        )
    }
}

/// An article whose `source.url` is on a refused site is an error at that address.
pub(super) fn check_article_sources(
    articles: &[RawArticleFile],
    refused: &Refused,
    diags: &mut Diagnostics,
) {
    for file in articles {
        let url = file
            .front
            .value
            .source
            .as_ref()
            .and_then(|s| s.url.as_deref());
        if let Some(problem) = url.and_then(|u| refused.problem(u)) {
            let (line, col) = file.front.value_position("source.url");
            diags.push(
                file.front
                    .error_at(line, problem)
                    .col(col)
                    .hint(M::REFUSED_HINT.both(&[])),
            );
        }
    }
}

/// The lowercase host of an http(s) address, without user or port.
fn host(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?.trim_end_matches('.');
    Some(host.to_lowercase())
}

/// Line of the `index`-th entry of the registry, as the YAML parser reads it. Each lookup
/// parses the file, so it is made only for a message.
fn entry_line(located: &Located<Vec<RawPublication>>, index: usize) -> usize {
    crate::load::position::sequence_item_line(&located.yaml, index)
        .map_or(located.first_line, |l| l + located.first_line - 1)
}

/// Valid publications in file order; `article_slugs` are every article's slug (an id equal
/// to one would make `source:` ambiguous).
pub(super) fn validate_publications(
    located: &Located<Vec<RawPublication>>,
    article_slugs: &BTreeSet<String>,
    refused: &Refused,
    diags: &mut Diagnostics,
) -> Vec<Publication> {
    // Id → position of its first entry.
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, raw) in located.value.iter().enumerate() {
        let before = diags.error_count();
        let mut error = |message: Said, hint: Said| {
            let line = entry_line(located, i);
            diags.push(located.error_at(line, message).hint(hint));
        };
        if !is_valid_id(&raw.id) {
            error(
                M::INVALID_SOURCE_ID.both(&[("id", &raw.id)]),
                super::id_hint(&raw.id, M::SOURCE_ID_RULE.both(&[])),
            );
        } else if let Some(first) = seen.insert(&raw.id, i) {
            error(
                M::DUPLICATE_SOURCE_ID
                    .both(&[("id", &raw.id), ("line", &entry_line(located, first))]),
                M::DUPLICATE_SOURCE_ID_HINT.both(&[]),
            );
        } else if article_slugs.contains(&raw.id) {
            error(
                M::SOURCE_ID_IS_SLUG.both(&[("id", &raw.id)]),
                M::SOURCE_ID_IS_SLUG_HINT.both(&[]),
            );
        }
        let kind = match raw.kind.as_str() {
            "official-release" => Some(PublicationKind::OfficialRelease),
            "bulletin" => Some(PublicationKind::Bulletin),
            "press" => Some(PublicationKind::Press),
            "dataset" => Some(PublicationKind::Dataset),
            other => {
                error(
                    M::UNKNOWN_SOURCE_KIND.both(&[("kind", &other)]),
                    M::SOURCE_KIND_HINT.both(&[]),
                );
                None
            }
        };
        let date = match PartialDate::parse(&raw.date.to_string()) {
            Ok(date) => Some(date),
            Err(e) => {
                error(
                    M::SOURCE_DATE.both(&[("date", &raw.date), ("why", &e)]),
                    M::SOURCE_DATE_HINT.both(&[]),
                );
                None
            }
        };
        match (&raw.url, &raw.reprint) {
            (Some(url), _) if !is_web_url(url) => error(
                M::NOT_WEB_ADDRESS.both(&[("url", url)]),
                M::SOURCE_URL_HINT.both(&[]),
            ),
            // Where the original publisher's page is not known, a copy may stand alone,
            // still named as the original publisher's publication.
            (None, None) => error(
                M::SOURCE_WITHOUT_ADDRESS.both(&[("id", &raw.id)]),
                M::SOURCE_WITHOUT_ADDRESS_HINT.both(&[]),
            ),
            _ => {}
        }
        let reprint = raw.reprint.as_ref().map(|r| Reprint {
            url: r.url.clone(),
            publisher: bilingual(&r.publisher),
        });
        if let Some(r) = reprint.as_ref().filter(|r| !is_web_url(&r.url)) {
            let (line, col) = located.item_value_position(i, &["reprint", "url"]);
            diags.push(
                located
                    .error_at(line, M::NOT_WEB_ADDRESS.both(&[("url", &r.url)]))
                    .col(col)
                    .hint(M::REPRINT_URL_HINT.both(&[])),
            );
        }
        let urls = raw
            .url
            .iter()
            .map(|url| (url, &["url"][..]))
            .chain(reprint.iter().map(|r| (&r.url, &["reprint", "url"][..])));
        for (url, key) in urls {
            if let Some(problem) = refused.problem(url) {
                let (line, col) = located.item_value_position(i, key);
                diags.push(
                    located
                        .error_at(line, problem)
                        .col(col)
                        .hint(M::REFUSED_HINT.both(&[])),
                );
            }
        }
        if diags.error_count() == before {
            if let (Some(kind), Some(date)) = (kind, date) {
                out.push(Publication {
                    id: raw.id.clone(),
                    kind,
                    publisher: bilingual(&raw.publisher),
                    title: bilingual(&raw.title),
                    date,
                    url: raw.url.clone(),
                    reprint,
                });
            }
        }
    }
    out
}

/// A publication no observation cites is an error at its entry.
pub(super) fn check_all_cited(
    located: &Located<Vec<RawPublication>>,
    indicators: &[Located<RawIndicator>],
    diags: &mut Diagnostics,
) {
    let cited: BTreeSet<&str> = indicators
        .iter()
        .flat_map(|ind| ind.value.observations.iter().map(|o| o.source.as_str()))
        .collect();
    for (i, raw) in located.value.iter().enumerate() {
        if !cited.contains(raw.id.as_str()) {
            diags.push(
                located
                    .error_at(
                        entry_line(located, i),
                        M::SOURCE_NOT_CITED.both(&[("id", &raw.id)]),
                    )
                    .hint(M::SOURCE_NOT_CITED_HINT.both(&[])),
            );
        }
    }
}
