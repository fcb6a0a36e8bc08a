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
    /// The indicator the province map on the home page and the places list shows.
    pub map_indicator: Option<String>,
    /// How to reach the editors: an email address or a web address (optional).
    pub contact: Option<String>,
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

/// `search.yaml`: what readers type that the text words otherwise (optional file).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSearchTerms {
    /// Groups of words or phrases that mean the same for a reader (`[smog, heavy pollution]`).
    #[serde(default)]
    pub equivalents: Vec<Vec<String>>,
    /// Pinyin endings of geographic names and the English word a text translates them by
    /// (`he: river`), so that `Fenhe` finds `Fen River`.
    #[serde(default)]
    pub pinyin_suffixes: BTreeMap<String, String>,
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
///
/// Deserialized by hand rather than as an untagged enum: serde_yaml places an untagged
/// enum's mismatch at the start of the enclosing mapping, and the editor should be
/// pointed at the value itself (`date: [2025]`).
#[derive(Debug, Clone, PartialEq)]
pub enum RawScalar {
    Int(i64),
    Text(String),
}

impl<'de> Deserialize<'de> for RawScalar {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;

        impl serde::de::Visitor<'_> for ScalarVisitor {
            type Value = RawScalar;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date such as 2025-04-08, 2025-04 or 2025")
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<RawScalar, E> {
                Ok(RawScalar::Int(v))
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RawScalar, E> {
                i64::try_from(v)
                    .map(RawScalar::Int)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawScalar, E> {
                Ok(RawScalar::Text(v.to_owned()))
            }
        }

        deserializer.deserialize_any(ScalarVisitor)
    }
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
    /// Edition or page as printed: `第3版`, `Page 3`.
    pub edition: Option<String>,
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
    /// When the article was added to the portal (YYYY-MM-DD), as opposed to `date`, when
    /// it was printed.
    pub added: Option<RawScalar>,
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

/// Front matter of a page of `pages/` (the About page): a title and a summary only.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPageFront {
    pub title: String,
    pub summary: Option<String>,
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
    pub scope: Option<RawScope>,
    /// What makes the figure incomparable with whole published ones (`dust-excluded`).
    pub basis: Option<String>,
    pub source: String,
    /// The months of `year` the figure covers: `"5"` (May alone) or `"1-11"` (January to
    /// November); absent for the whole calendar year.
    pub months: Option<RawScalar>,
    pub derived: Option<RawDerived>,
    pub note: Option<RawBilingual>,
}

/// What part of a place a figure covers: a known key (`city`, `urban`…) or a part named
/// in both languages (`{zh: 汾河王庄桥南断面, en: "Fen River, Wangzhuangqiao South section"}`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawScope {
    Key(String),
    Named(RawBilingual),
}

/// How a figure was derived: a sum of printed numbers (`"66.9 - 6.7 percentage points"`),
/// shown in each page's language, or an explanation in both languages.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawDerived {
    Sum(String),
    Text(RawBilingual),
}

/// A unit: one text for both languages (`"%"`, `"µg/m³"`) or one per language
/// (`{zh: "万亩", en: "10,000 mu"}`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawUnit {
    Same(String),
    PerLanguage(RawBilingual),
}

/// A publication outside the portal that observations cite (`content/sources.yaml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPublication {
    pub id: String,
    pub kind: String,
    pub publisher: RawBilingual,
    pub title: RawBilingual,
    pub date: RawScalar,
    /// Left out only where the original publisher's page is not known and `reprint` is given.
    pub url: Option<String>,
    pub reprint: Option<RawReprint>,
}

/// A copy of a publication on another site: `reprint: {url: …, publisher: {zh: …, en: …}}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReprint {
    pub url: String,
    pub publisher: RawBilingual,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub id: String,
    pub name: RawBilingual,
    pub unit: RawUnit,
    pub better: String,
    pub topics: Vec<String>,
    pub definition: RawBilingual,
    pub standard: Option<RawStandard>,
    /// `water-class` for figures that code ordered classes; quantities need nothing.
    pub scale: Option<String>,
    #[serde(default)]
    pub observations: Vec<RawObservation>,
    /// Other names readers search the indicator by (`蓝天天数`, `blue sky days`).
    #[serde(default)]
    pub aliases: RawAliases,
}

/// Other names of a thing, per language (either may be left out).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAliases {
    #[serde(default)]
    pub zh: Vec<String>,
    #[serde(default)]
    pub en: Vec<String>,
}

/// UI strings of one language: key → text.
pub type RawStrings = BTreeMap<String, String>;

/// A YAML mapping whose keys must be unique. A plain `BTreeMap` keeps the last of two
/// equal keys without a word, so a key pasted twice into `i18n/zh.yaml` would pass
/// silently; structs already reject duplicate fields.
#[derive(Debug, Clone, PartialEq)]
pub struct UniqueKeys<V>(pub BTreeMap<String, V>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for UniqueKeys<V> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(std::marker::PhantomData<V>);

        impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for MapVisitor<V> {
            type Value = UniqueKeys<V>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping of keys to texts")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((key, value)) = map.next_entry::<String, V>()? {
                    if out.contains_key(&key) {
                        return Err(serde::de::Error::custom(format!("duplicate key `{key}`")));
                    }
                    out.insert(key, value);
                }
                Ok(UniqueKeys(out))
            }
        }

        deserializer.deserialize_map(MapVisitor(std::marker::PhantomData))
    }
}
