//! `content/sources.yaml`: the outside publications that figures cite. Each is kept once,
//! named by an id that observations give as their `source`, and must be cited by at least
//! one observation (a registry entry nothing uses is a sign of a typo on one side).

use super::validate::{bilingual, is_web_url};
use super::{is_valid_id, PartialDate, Publication, PublicationKind};
use crate::diag::Diagnostics;
use crate::load::raw::{RawIndicator, RawPublication};
use crate::load::Located;
use std::collections::{BTreeMap, BTreeSet};

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
            other => {
                error(
                    format!("unknown source kind `{other}`"),
                    "write kind: official-release, bulletin or press",
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
        if diags.error_count() == before {
            if let (Some(kind), Some(date)) = (kind, date) {
                out.push(Publication {
                    id: raw.id.clone(),
                    kind,
                    publisher: bilingual(&raw.publisher),
                    title: bilingual(&raw.title),
                    date,
                    url: raw.url.clone(),
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
