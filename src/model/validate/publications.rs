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
                        ..Diagnostic::error(&f.path, *line, format!("`{entry}` is not a domain"))
                    }
                    .col(1)
                    .hint("write the site's domain alone, one a line: example.com (its subdomains are refused with it)"),
                );
            }
        }
        Refused { file, domains }
    }

    /// What is wrong with linking `url`, if it is on a refused site.
    fn problem(&self, url: &str) -> Option<String> {
        let (domain, line) = self.domain_of(url)?;
        Some(format!(
            "`{url}` is on a refused site: {domain} ({}:{line})",
            self.list_path()
        ))
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

const REFUSED_HINT: &str = "link the original publisher's page instead; if only copies exist, keep the most reputable one that is not refused, and never a site that carries spam or rewritten text";

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
                    .hint(REFUSED_HINT),
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
        let mut error = |message: String, hint: &str| {
            let line = entry_line(located, i);
            diags.push(located.error_at(line, message).hint(hint.to_owned()));
        };
        if !is_valid_id(&raw.id) {
            error(
                format!("invalid source id `{}`", raw.id),
                &super::id_hint(
                    &raw.id,
                    "ids use a-z, 0-9 and single hyphens, e.g. sxdee-2023-12-air-ranking",
                ),
            );
        } else if let Some(first) = seen.insert(&raw.id, i) {
            error(
                format!(
                    "duplicate source id `{}` (first on line {})",
                    raw.id,
                    entry_line(located, first)
                ),
                "give each publication one entry and one id",
            );
        } else if article_slugs.contains(&raw.id) {
            error(
                format!("source id `{}` is also an article's slug", raw.id),
                "an observation's source would be ambiguous: choose another id",
            );
        }
        let kind = match raw.kind.as_str() {
            "official-release" => Some(PublicationKind::OfficialRelease),
            "bulletin" => Some(PublicationKind::Bulletin),
            "press" => Some(PublicationKind::Press),
            "dataset" => Some(PublicationKind::Dataset),
            other => {
                error(
                    format!("unknown source kind `{other}`"),
                    "write kind: official-release, bulletin, press or dataset",
                );
                None
            }
        };
        let date = match PartialDate::parse(&raw.date.to_string()) {
            Ok(date) => Some(date),
            Err(e) => {
                error(
                    format!("source date `{}`: {e}", raw.date),
                    "the publication's date as printed: 2024-01-04, 2024-01 or 2024",
                );
                None
            }
        };
        if !is_web_url(&raw.url) {
            error(
                format!("`{}` is not a web address", raw.url),
                "the address of the page where the figures were read, starting with https:// or http://",
            );
        }
        let reprint = raw.reprint.as_ref().map(|r| Reprint {
            url: r.url.clone(),
            publisher: bilingual(&r.publisher),
        });
        if let Some(r) = reprint.as_ref().filter(|r| !is_web_url(&r.url)) {
            let (line, col) = located.item_value_position(i, &["reprint", "url"]);
            diags.push(
                located
                    .error_at(line, format!("`{}` is not a web address", r.url))
                    .col(col)
                    .hint("the address of the copy, starting with https:// or http://"),
            );
        }
        let urls = [(&raw.url, &["url"][..])]
            .into_iter()
            .chain(reprint.iter().map(|r| (&r.url, &["reprint", "url"][..])));
        for (url, key) in urls {
            if let Some(problem) = refused.problem(url) {
                let (line, col) = located.item_value_position(i, key);
                diags.push(located.error_at(line, problem).col(col).hint(REFUSED_HINT));
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
                        format!("source `{}` is cited by no observation", raw.id),
                    )
                    .hint("cite it in an indicator file (source: ID) or remove the entry"),
            );
        }
    }
}
