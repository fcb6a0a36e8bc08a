//! Model: the validated, cross-linked site. Plain data; no I/O, no rendering.

pub mod derived;
pub mod limits;
mod validate;

pub use crate::date::PartialDate;
pub use validate::{build_site, ModelOptions};

use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub use crate::lang::Lang;

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bilingual {
    pub zh: String,
    pub en: String,
}

impl Bilingual {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub title: Bilingual,
    pub description: Option<Bilingual>,
    pub publisher: Bilingual,
    /// Absolute, ending in `/`: `https://example.gov.cn/portal/`.
    pub base_url: String,
    /// The path part of `base_url`, ending in `/`: `/portal/`.
    pub base_path: String,
    pub allow_html: bool,
    /// Indicator ids shown on the home page (validated against the indicators).
    pub key_indicators: Vec<String>,
    /// The indicator of the province map on the home page and the places list
    /// (validated against the indicators); `None`: the one with the most prefectures.
    pub map_indicator: Option<String>,
    /// How to reach the editors, shown on the About page.
    pub contact: Option<Contact>,
}

/// An address where readers reach the editors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    /// As written in site.yaml: `editors@example.org` or `https://…`.
    pub text: String,
    /// `mailto:editors@example.org` or the web address.
    pub href: String,
}

impl Contact {
    /// An email address or an http(s) web address; `Err` says why not.
    pub fn parse(text: &str) -> Result<Contact, String> {
        let text = text.trim();
        if text.starts_with("https://") || text.starts_with("http://") {
            if text.contains(char::is_whitespace) || text.contains(['"', '<', '>']) {
                return Err(
                    "a web address may not contain spaces, quotes or angle brackets".into(),
                );
            }
            return Ok(Contact {
                text: text.to_owned(),
                href: text.to_owned(),
            });
        }
        let bad = |c: char| c.is_whitespace() || "\"<>,;:()[]\\/?#".contains(c);
        let is_email = text.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty()
                && !host.contains('@')
                && host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && !text.contains(bad)
        });
        if is_email {
            Ok(Contact {
                text: text.to_owned(),
                href: format!("mailto:{text}"),
            })
        } else {
            Err("it is neither an email address nor a web address starting with https://".into())
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Province,
    Prefecture,
    County,
}

#[derive(Debug, Clone)]
pub struct City {
    pub id: String,
    pub name: Bilingual,
    pub level: Level,
    pub parent: Option<String>,
    /// Places whose parent this is, in registry order.
    pub children: Vec<String>,
    pub aliases: Vec<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Topic {
    pub id: String,
    pub name: Bilingual,
    pub description: Bilingual,
}

#[derive(Debug, Clone, Default, Hash, Serialize)]
pub struct Source {
    pub publication: Option<String>,
    pub page_title: Option<String>,
    /// Edition or page as printed: `第3版`, `Page 3`.
    pub edition: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
}

/// One language version of an article.
#[derive(Debug, Clone, Hash)]
pub struct ArticleText {
    pub title: String,
    pub subtitle: Option<String>,
    pub source: Source,
    pub reporters: Vec<String>,
    pub people: Vec<Person>,
    pub summary: Option<String>,
    /// Markdown; shared with the loaded content, so rebuilding the model copies no text.
    /// Empty once `build` has rendered its pages ([`Site::forget_article_bodies`]).
    pub body: std::sync::Arc<str>,
    pub path: PathBuf,
    /// Line of the file where the body starts.
    pub body_line: usize,
}

#[derive(Debug, Clone, Hash)]
pub struct Article {
    pub slug: String,
    pub date: PartialDate,
    /// When the article was added to the portal: always a full date.
    pub added: Option<PartialDate>,
    pub cities: Vec<String>,
    pub topics: Vec<String>,
    pub draft: bool,
    pub zh: ArticleText,
    pub en: Option<ArticleText>,
}

impl Article {
    pub fn text(&self, lang: Lang) -> Option<&ArticleText> {
        match lang {
            Lang::Zh => Some(&self.zh),
            Lang::En => self.en.as_ref(),
        }
    }

    /// When the article was last new to a reader: the day it was added to the portal, or
    /// its printed date if that is later. An old report added today is new on the home
    /// page and in the feeds.
    pub fn recency(&self) -> PartialDate {
        self.added.map_or(self.date, |added| added.max(self.date))
    }
}

/// Article positions, the most recently new first (ties: newer printed date, then slug).
pub fn newest_first(articles: &[Article]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&a, &b| {
        articles[b]
            .recency()
            .cmp(&articles[a].recency())
            .then(a.cmp(&b))
    });
    order
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    Higher,
    Lower,
    /// Neither end is better: fines imposed, complaints handled, cases found. Figures
    /// rise and fall, and are never called better or worse.
    Neither,
}

impl Better {
    /// Whether a move by `diff` is for the better: `None` for no move, or where neither
    /// end is better.
    pub fn judge(self, diff: f64) -> Option<bool> {
        match self {
            _ if diff == 0.0 || diff.is_nan() => None,
            Better::Higher => Some(diff > 0.0),
            Better::Lower => Some(diff < 0.0),
            Better::Neither => None,
        }
    }

    /// The value as written in an indicator file and the open data.
    pub fn as_str(self) -> &'static str {
        match self {
            Better::Higher => "higher",
            Better::Lower => "lower",
            Better::Neither => "neither",
        }
    }
}

/// How an indicator's figures are read: as quantities, as ordered classes coded 1, 2, …, or
/// as places in a ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scale {
    #[default]
    Quantity,
    /// Surface water classes of GB 3838-2002: 1–5 for Class I–V, 6 for worse than Class V.
    WaterClass,
    /// A place in a ranking, 1 the best: a fall in the number is a rise in the ranking.
    Rank,
}

impl Scale {
    /// The word used in indicator files (`scale: water-class`).
    pub fn parse(text: &str) -> Option<Scale> {
        match text {
            "quantity" => Some(Scale::Quantity),
            "water-class" => Some(Scale::WaterClass),
            "rank" => Some(Scale::Rank),
            _ => None,
        }
    }

    /// For an ordinal scale, its highest code (the classes are 1..=n).
    pub fn classes(self) -> Option<u8> {
        match self {
            Scale::Quantity | Scale::Rank => None,
            Scale::WaterClass => Some(6),
        }
    }
}

/// A national standard or a target; it compares with whole-year figures only.
#[derive(Debug, Clone)]
pub struct Standard {
    pub value: f64,
    pub label: Bilingual,
}

/// The months of a year a figure covers, both inclusive (1–12). A figure without one covers
/// the whole calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Months {
    pub from: u8,
    pub to: u8,
}

impl Months {
    /// `"5"` or `"1-11"` (a hyphen or an en dash).
    pub fn parse(text: &str) -> Result<Months, String> {
        let month = |s: &str| match s.trim().parse::<u8>() {
            Ok(m @ 1..=12) => Ok(m),
            _ => Err(format!("`{s}` is not a month from 1 to 12")),
        };
        let (from, to) = match text.split_once(['-', '–']) {
            Some((a, b)) => (month(a)?, month(b)?),
            None => (month(text)?, month(text)?),
        };
        if from > to {
            return Err(format!("months `{text}` run backwards"));
        }
        if (from, to) == (1, 12) {
            return Err("months 1-12 are the whole year".into());
        }
        Ok(Months { from, to })
    }

    /// For the open data: `05` or `01-11`.
    pub fn code(self) -> String {
        if self.from == self.to {
            format!("{:02}", self.from)
        } else {
            format!("{:02}-{:02}", self.from, self.to)
        }
    }
}

/// A publication outside the portal that figures cite, kept once in `content/sources.yaml`.
#[derive(Debug, Clone)]
pub struct Publication {
    pub id: String,
    pub kind: PublicationKind,
    pub publisher: Bilingual,
    pub title: Bilingual,
    pub date: PartialDate,
    /// The original publisher's page; `None` where it is not known, and then `reprint` is
    /// the only place the publication can be read.
    pub url: Option<String>,
    /// A copy on another site, kept only where it is easier to reach or the original
    /// is gone; the publication is still named by its original publisher.
    pub reprint: Option<Reprint>,
}

/// Where a publication was reprinted, and by whom.
#[derive(Debug, Clone, PartialEq)]
pub struct Reprint {
    pub url: String,
    pub publisher: Bilingual,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PublicationKind {
    /// A release of a government department (monthly figures, rankings).
    OfficialRelease,
    /// An annual state-of-the-environment bulletin.
    Bulletin,
    /// A newspaper or news site.
    Press,
    /// A published data set from which the portal computes figures (its method is in
    /// content/EDITING.md).
    Dataset,
}

impl PublicationKind {
    /// The UI string that names the kind beside a source.
    pub fn ui_key(self) -> &'static str {
        match self {
            PublicationKind::OfficialRelease => "source_kind_official_release",
            PublicationKind::Bulletin => "source_kind_bulletin",
            PublicationKind::Press => "source_kind_press",
            PublicationKind::Dataset => "source_kind_dataset",
        }
    }
}

/// What an observation's `source` names: a portal article or an outside publication.
#[derive(Debug, Clone, Copy)]
pub enum Citation<'a> {
    Article(&'a Article),
    Publication(&'a Publication),
}

/// What part of a place a figure covers.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    /// The whole place: `province`, `city` or `county`, as written (adds nothing to the
    /// place's name).
    Whole(String),
    /// A part every place has, named by the UI string `scope_<key>`: `urban` (市城区).
    Part(String),
    /// A part of this place only, such as a river's monitoring section.
    Named(Bilingual),
}

impl Scope {
    pub const WHOLE: [&'static str; 3] = ["province", "city", "county"];
    pub const PARTS: [&'static str; 1] = ["urban"];

    /// For the open data and for sorting: the key, or a named part's Chinese name.
    pub fn code(&self) -> &str {
        match self {
            Scope::Whole(key) | Scope::Part(key) => key,
            Scope::Named(name) => &name.zh,
        }
    }
}

/// How a figure was computed where that makes it incomparable with figures of the same
/// place and scope; an observation without one is the whole figure as published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Basis {
    /// Sand-and-dust days removed before the figure was computed (扣除沙尘异常超标天).
    DustExcluded,
    /// The average of the prefectures' figures, not a figure of the province as a whole.
    CityAverage,
    /// China's national forest inventory (全国森林资源清查, every five years), not the
    /// province's own annual inventory.
    NationalInventory,
}

impl Basis {
    pub const ALL: [Basis; 3] = [
        Basis::DustExcluded,
        Basis::CityAverage,
        Basis::NationalInventory,
    ];

    /// The word in indicator files and the open data; the UI string is `basis_<code>`.
    pub fn code(self) -> &'static str {
        match self {
            Basis::DustExcluded => "dust-excluded",
            Basis::CityAverage => "city-average",
            Basis::NationalInventory => "national-inventory",
        }
    }

    pub fn parse(text: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.code() == text)
    }
}

#[derive(Debug, Clone)]
pub struct Observation {
    pub city: String,
    pub year: i32,
    /// `None`: the whole calendar year.
    pub months: Option<Months>,
    pub value: f64,
    pub scope: Option<Scope>,
    /// `None`: as published, whole figures.
    pub basis: Option<Basis>,
    /// Slug of the article, or id of the publication, that printed the figure.
    pub source: String,
    /// How the figure was derived, in each language (a sum is written out with the
    /// indicator's unit in that language).
    pub derived: Option<Bilingual>,
    pub note: Option<Bilingual>,
    /// Its place under `observations:` in the indicator's file (0-based), for a message
    /// to find its line.
    pub item: usize,
}

/// Which figure an observation gives, among an indicator's: place, period, scope (a whole
/// place however written) and basis. Two observations of one indicator with one key are
/// one figure recorded twice (`check` reports them); import's figure hints look up what
/// a text's figure would be by the same key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FigureKey<'a> {
    pub city: &'a str,
    pub year: i32,
    pub months: Option<Months>,
    /// `""` for the whole place, else the part's code.
    pub scope: &'a str,
    pub basis: Option<Basis>,
}

impl Observation {
    pub fn figure_key(&self) -> FigureKey<'_> {
        let scope = match &self.scope {
            None | Some(Scope::Whole(_)) => "",
            Some(scope) => scope.code(),
        };
        FigureKey {
            city: &self.city,
            year: self.year,
            months: self.months,
            scope,
            basis: self.basis,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    pub name: Bilingual,
    pub unit: Bilingual,
    pub better: Better,
    pub topics: Vec<String>,
    pub definition: Bilingual,
    pub standard: Option<Standard>,
    pub scale: Scale,
    /// Sorted by city (registry order), then year.
    pub observations: Vec<Observation>,
    /// Other names readers search the indicator by, in Chinese and in English.
    pub aliases: Aliases,
    pub path: PathBuf,
}

/// Other names of a thing, per language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Aliases {
    pub zh: Vec<String>,
    pub en: Vec<String>,
}

impl Aliases {
    pub fn get(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A page that is neither an article nor a list (the About page), in both languages.
#[derive(Debug, Clone)]
pub struct InfoPage {
    pub zh: PageText,
    pub en: PageText,
}

impl InfoPage {
    pub fn text(&self, lang: Lang) -> &PageText {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone)]
pub struct PageText {
    pub title: String,
    pub summary: Option<String>,
    /// Markdown.
    pub body: std::sync::Arc<str>,
    pub path: PathBuf,
    /// Line of the file where the body starts.
    pub body_line: usize,
}

/// The whole portal, validated. Built once, then shared read-only by the renderer.
/// What search counts as the same: groups of equivalent words or phrases, and the
/// English word for a pinyin ending of a geographic name (`he` → `river`).
#[derive(Debug, Clone, Default)]
pub struct SearchTerms {
    pub equivalents: Vec<Vec<String>>,
    pub pinyin_suffixes: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Registry order: province, then prefectures each followed by its counties.
    pub cities: Vec<City>,
    pub topics: Vec<Topic>,
    /// Newest first; ties by slug.
    pub articles: Vec<Article>,
    pub indicators: Vec<Indicator>,
    /// Outside publications cited by observations, in the order of `sources.yaml`.
    pub publications: Vec<Publication>,
    /// The About page (`content/pages/about.*.md`), if the portal has one.
    pub about: Option<InfoPage>,
    /// UI strings per language.
    pub strings: BTreeMap<Lang, BTreeMap<String, String>>,
    /// What search counts as the same (`content/search.yaml`).
    pub search_terms: SearchTerms,
    city_index: BTreeMap<String, usize>,
    topic_index: BTreeMap<String, usize>,
    article_index: BTreeMap<String, usize>,
    publication_index: BTreeMap<String, usize>,
}

impl Site {
    /// Lets go of every article's Markdown, leaving the bodies empty: `build` does once
    /// the pages that show them are rendered, so that it holds nothing per page it no
    /// longer needs (the bodies are most of the model: 1 GB at 100,000 articles).
    pub fn forget_article_bodies(&mut self) {
        let empty: std::sync::Arc<str> = std::sync::Arc::from("");
        for article in &mut self.articles {
            for text in [Some(&mut article.zh), article.en.as_mut()]
                .into_iter()
                .flatten()
            {
                text.body = empty.clone();
            }
        }
    }

    pub fn city(&self, id: &str) -> Option<&City> {
        self.city_index.get(id).map(|&i| &self.cities[i])
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topic_index.get(id).map(|&i| &self.topics[i])
    }

    /// Position of a place in `cities`.
    pub fn city_position(&self, id: &str) -> Option<usize> {
        self.city_index.get(id).copied()
    }

    /// Position of a topic in `topics`.
    pub fn topic_position(&self, id: &str) -> Option<usize> {
        self.topic_index.get(id).copied()
    }

    pub fn article(&self, slug: &str) -> Option<&Article> {
        self.article_index.get(slug).map(|&i| &self.articles[i])
    }

    pub fn publication(&self, id: &str) -> Option<&Publication> {
        self.publication_index
            .get(id)
            .map(|&i| &self.publications[i])
    }

    /// The article or publication an observation's `source` names (`None` for a draft
    /// article left out of this build).
    pub fn citation(&self, source: &str) -> Option<Citation<'_>> {
        self.article(source)
            .map(Citation::Article)
            .or_else(|| self.publication(source).map(Citation::Publication))
    }

    /// Position of an article in `articles` (newest first).
    pub fn article_position(&self, slug: &str) -> Option<usize> {
        self.article_index.get(slug).copied()
    }

    /// Whether the article is about `city` or one of the places under it.
    pub fn article_in_city(&self, article: &Article, city: &str) -> bool {
        article.cities.iter().any(|c| {
            let mut cur = Some(c.as_str());
            while let Some(id) = cur {
                if id == city {
                    return true;
                }
                cur = self.city(id).and_then(|p| p.parent.as_deref());
            }
            false
        })
    }
}

/// Ids and slugs: lowercase ASCII letters and digits in hyphen-separated words, so they
/// are safe as one path segment (no `..`, no `/`).
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && !is_reserved_on_windows(id)
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Names Windows keeps for devices (`con`, `nul`, `aux`, `prn`, `com0`–`com9`,
/// `lpt0`–`lpt9`): a folder of the site so named cannot be opened or copied there, and an
/// id becomes a folder (`cities/con/`).
pub fn is_reserved_on_windows(id: &str) -> bool {
    matches!(id, "con" | "nul" | "aux" | "prn")
        || (id.len() == 4
            && (id.starts_with("com") || id.starts_with("lpt"))
            && id.as_bytes()[3].is_ascii_digit())
}

/// The hint for an id refused by `is_valid_id`: `usual` (the id's allowed characters),
/// or why a Windows device name is refused.
pub fn id_hint(id: &str, usual: crate::messages::Said) -> crate::messages::Said {
    if is_reserved_on_windows(id) {
        crate::messages::WINDOWS_DEVICE_NAME.both(&[("id", &id)])
    } else {
        usual
    }
}

/// An absolute base URL, ending in `/`, and its path part (`/` or `/portal/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    pub url: String,
    pub path: String,
}

impl BaseUrl {
    /// Checks a base URL (from site.yaml or `--base-url`) and adds the trailing `/`.
    pub fn parse(url: &str) -> Result<BaseUrl, String> {
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or("it must start with http:// or https://")?;
        let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
        limits::check_base_url(host, path)?;
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
        Ok(BaseUrl {
            url: format!("{scheme}://{host}{base_path}"),
            path: base_path,
        })
    }
}

#[cfg(test)]
mod tests {
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

    fn parse_base_url(url: &str) -> Result<(String, String), String> {
        BaseUrl::parse(url).map(|b| (b.url, b.path))
    }

    use super::*;

    #[test]
    fn ids_are_single_safe_path_segments() {
        for ok in [
            "jinzhong",
            "pm25-change",
            "a1",
            "con-county",
            "com10",
            "console",
            "lpt",
        ] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in [
            "", "..", "a/b", "a--b", "-a", "a-", "Jinzhong", "晋中", "a b", "a.b", "a_b", "con",
            "nul", "aux", "prn", "com1", "com0", "lpt9",
        ] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }
}
