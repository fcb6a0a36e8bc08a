//! Small, serializable views of the model for templates, built once per language and
//! shared by every page that lists them.

use crate::model::{Article, Lang, Level, Site};
use crate::route::{Route, Urls};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub href: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleCard {
    pub slug: String,
    pub href: String,
    pub title: String,
    /// `lang` attribute of the title when it is not in the page's language.
    pub title_lang: Option<&'static str>,
    pub date: String,
    pub datetime: String,
    pub year: i32,
    pub summary: String,
    pub cities: Vec<Link>,
    pub topics: Vec<Link>,
    pub translated: bool,
}

/// Reading time in minutes: about 400 Chinese characters or 200 English words a minute.
pub fn reading_minutes(text: &str, lang: Lang) -> usize {
    let units = match lang {
        // The common ideographs first: Unicode's alphanumeric lookup is slow for them.
        Lang::Zh => {
            text.chars()
                .filter(|&c| crate::cjk::is_han(c) || c.is_alphanumeric())
                .count()
                / 400
        }
        Lang::En => text.split_whitespace().count() / 200,
    };
    units.max(1)
}

/// A summary from the body when the front matter has none: the first paragraph, cut at
/// a sentence end (。！？ or . ! ?) within `max` characters.
pub fn auto_summary(body: &str, max: usize) -> String {
    let para = body
        .split("\n\n")
        .map(str::trim)
        .find(|p| {
            !p.is_empty() && !p.starts_with('#') && !p.starts_with('|') && !p.starts_with('!')
        })
        .unwrap_or("");
    let plain: String = para
        .replace('\n', " ")
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '[' | ']'))
        .collect();
    if plain.chars().count() <= max {
        return plain;
    }
    let cut: String = plain.chars().take(max).collect();
    match cut
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '。' | '！' | '？' | '.' | '!' | '?'))
    {
        Some((i, c)) => cut[..i + c.len_utf8()].to_owned(),
        None => format!("{cut}…"),
    }
}

pub fn date_display(article: &Article, lang: Lang) -> String {
    match lang {
        Lang::Zh => article.date.display_zh(),
        Lang::En => article.date.display_en(),
    }
}

pub fn city_href(site: &Site, lang: Lang, id: &str) -> String {
    Urls::new(&site.config).href(lang, Route::City(id, 0))
}

pub fn topic_href(site: &Site, lang: Lang, id: &str) -> String {
    Urls::new(&site.config).href(lang, Route::Topic(id, 0))
}

pub fn article_href(site: &Site, lang: Lang, slug: &str) -> String {
    Urls::new(&site.config).href(lang, Route::Article(slug))
}

pub fn city_links(site: &Site, lang: Lang, ids: &[String]) -> Vec<Link> {
    ids.iter()
        .filter_map(|id| site.city(id))
        .map(|c| Link {
            href: city_href(site, lang, &c.id),
            text: c.name.get(lang).to_owned(),
        })
        .collect()
}

pub fn topic_links(site: &Site, lang: Lang, ids: &[String]) -> Vec<Link> {
    ids.iter()
        .filter_map(|id| site.topic(id))
        .map(|t| Link {
            href: topic_href(site, lang, &t.id),
            text: t.name.get(lang).to_owned(),
        })
        .collect()
}

pub fn article_card(site: &Site, lang: Lang, article: &Article) -> ArticleCard {
    let text = article.text(lang).unwrap_or(&article.zh);
    let translated = article.text(lang).is_some();
    let summary = text.summary.clone().unwrap_or_else(|| {
        auto_summary(
            &text.body,
            if translated && lang == Lang::En {
                240
            } else {
                100
            },
        )
    });
    ArticleCard {
        slug: article.slug.clone(),
        href: article_href(site, lang, &article.slug),
        title: text.title.clone(),
        title_lang: (!translated).then_some(Lang::Zh.tag()),
        date: date_display(article, lang),
        datetime: article.date.to_string(),
        year: article.date.year,
        summary,
        cities: city_links(site, lang, &article.cities),
        topics: topic_links(site, lang, &article.topics),
        translated,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CityView {
    pub id: String,
    pub href: String,
    pub name: String,
    /// The Chinese name, shown beside the English one on English pages (新绛县 beside
    /// "Xinjiang County", which could be read as the Xinjiang region).
    pub name_zh: String,
    pub level: Level,
    pub parent: Option<Link>,
    pub children: Vec<Link>,
    pub article_count: usize,
}

/// `article_count` counts the place's own articles and those of the places within it.
pub fn city_view(site: &Site, lang: Lang, index: usize, article_count: usize) -> CityView {
    let city = &site.cities[index];
    CityView {
        id: city.id.clone(),
        href: city_href(site, lang, &city.id),
        name: city.name.get(lang).to_owned(),
        name_zh: city.name.zh.clone(),
        level: city.level,
        parent: city
            .parent
            .as_deref()
            .and_then(|p| city_links(site, lang, &[p.to_owned()]).pop()),
        children: city_links(site, lang, &city.children),
        article_count,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicView {
    pub id: String,
    pub href: String,
    pub name: String,
    pub description: String,
    pub article_count: usize,
}

pub fn topic_view(site: &Site, lang: Lang, index: usize, article_count: usize) -> TopicView {
    let topic = &site.topics[index];
    TopicView {
        id: topic.id.clone(),
        href: topic_href(site, lang, &topic.id),
        name: topic.name.get(lang).to_owned(),
        description: topic.description.get(lang).to_owned(),
        article_count,
    }
}

/// A number as printed (`numbers::plain`), under the name the views have used.
pub use super::numbers::plain as format_value;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_cut_at_a_sentence_end() {
        assert_eq!(
            auto_summary("第一句话。第二句话很长很长。", 8),
            "第一句话。"
        );
        assert_eq!(
            auto_summary("## h\n\nShort. Longer one here.", 10),
            "Short."
        );
        assert_eq!(auto_summary("短", 10), "短");
        assert_eq!(auto_summary("没有标点的长句子没有标点", 4), "没有标点…");
    }

    #[test]
    fn reading_time_counts_characters_for_chinese_and_words_for_english() {
        assert_eq!(reading_minutes(&"字".repeat(1200), Lang::Zh), 3);
        assert_eq!(reading_minutes(&"word ".repeat(600), Lang::En), 3);
        assert_eq!(reading_minutes("", Lang::En), 1);
    }
}
