//! Content as written: YAML parsed into `Raw*` structs, nothing checked beyond syntax
//! and key names (unknown keys are errors, so a typo cannot pass silently).

use serde::Deserialize;
use std::collections::BTreeMap;

/// A pair of texts, one per language.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawBilingual {
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub title: RawBilingual,
    pub description: Option<RawBilingual>,
    pub base_url: String,
    pub default_language: Option<String>,
    pub languages: Option<Vec<String>>,
    /// Lets raw HTML in Markdown through; off by default, so it is escaped.
    #[serde(default)]
    pub allow_html: bool,
    /// Name of the publisher, for metadata and the footer.
    pub publisher: Option<RawBilingual>,
    /// Indicators whose latest figure the home page shows, in order.
    pub key_indicators: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCity {
    pub id: String,
    pub zh: String,
    pub en: String,
    pub level: String,
    pub parent: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTopic {
    pub id: String,
    pub zh: String,
    pub en: String,
    pub description: RawBilingual,
    /// Words that mark a text as being about the topic (used by `import` to tag drafts).
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// A YAML scalar that may be written as a number (`2025`) or a string (`2025-04`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum RawScalar {
    Int(i64),
    Text(String),
}

impl std::fmt::Display for RawScalar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RawScalar::Int(n) => write!(f, "{n}"),
            RawScalar::Text(s) => f.write_str(s),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub publication: Option<String>,
    pub page_title: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPerson {
    pub name: String,
    pub role: Option<String>,
}

/// Front matter of an article file. Required keys are `Option` here so that their
/// absence is reported by the model with a hint, not by serde.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub date: Option<RawScalar>,
    pub cities: Option<Vec<String>>,
    pub topics: Option<Vec<String>>,
    pub source: Option<RawSource>,
    #[serde(default)]
    pub reporters: Vec<String>,
    #[serde(default)]
    pub people: Vec<RawPerson>,
    pub summary: Option<String>,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStandard {
    pub value: f64,
    pub label: RawBilingual,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawObservation {
    pub city: String,
    pub year: i64,
    pub value: f64,
    pub scope: Option<String>,
    pub source: String,
    pub derived: Option<String>,
    pub note: Option<RawBilingual>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub id: String,
    pub name: RawBilingual,
    pub unit: String,
    pub better: String,
    pub topics: Vec<String>,
    pub definition: RawBilingual,
    pub standard: Option<RawStandard>,
    #[serde(default)]
    pub observations: Vec<RawObservation>,
}

/// UI strings of one language: key → text.
pub type RawStrings = BTreeMap<String, String>;
