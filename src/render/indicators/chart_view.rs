//! A chart as a page shows it, and where its figures come from: shared by the trend and
//! comparison drawings and the seasonal view.

use super::{citation_link, period_label, reprint_link};
use crate::model::{Lang, Observation, Site};
use serde::Serialize;

/// A chart on a page: its drawing (and the phone-width one), their pixel sizes so the page
/// keeps their space while they load, and the finding in words.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub src: String,
    pub size: (u32, u32),
    pub narrow_src: String,
    pub narrow_size: (u32, u32),
    /// The finding: the image's alt text.
    pub alt: String,
    /// What the reader should know beside it (how many places are shown).
    pub caption: String,
    /// Where the figures drawn were printed, each once, linked where it can be.
    pub sources: Vec<SourceLink>,
    /// The years the figures drawn cover: `2015–2024`, `Jan–Nov 2023`.
    pub period: String,
}

/// A publication or article cited, in the page's language.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceLink {
    pub title: String,
    pub href: Option<String>,
}

/// The sources of `drawn`, each once in the order first cited (a reprinted publication
/// followed by its copy, "reprinted by …"), and the period they cover.
pub(super) fn provenance(
    site: &Site,
    lang: Lang,
    drawn: &[&Observation],
) -> (Vec<SourceLink>, String) {
    let mut sources: Vec<SourceLink> = Vec::new();
    for o in drawn {
        let (title, href) = citation_link(site, lang, &o.source);
        if sources.iter().any(|s| s.title == title) {
            continue;
        }
        sources.push(SourceLink { title, href });
        if let Some(copy) = reprint_link(site, lang, &o.source) {
            sources.push(SourceLink {
                title: copy.text,
                href: Some(copy.href),
            });
        }
    }
    let first = drawn.iter().min_by_key(|o| o.year);
    let last = drawn.iter().max_by_key(|o| o.year);
    let period = match (first, last) {
        (Some(a), Some(b)) if a.year == b.year => period_label(lang, a.year, a.months),
        (Some(a), Some(b)) => format!(
            "{}–{}",
            period_label(lang, a.year, a.months),
            period_label(lang, b.year, b.months)
        ),
        _ => String::new(),
    };
    (sources, period)
}
