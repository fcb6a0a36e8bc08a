//! Small, serializable views of the model for templates, built once per language and
//! shared by every page that lists them.

use crate::cjk::joins_without_space;
use crate::model::{Article, Lang, Level, Site};
use crate::route::{Route, Urls};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
pub struct Link {
    pub href: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
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
        Lang::Zh => chinese_units(text) / 400,
        Lang::En => words(text) / 200,
    };
    units.max(1)
}

// The two counts below read bytes, not characters: they ran over every article's text for
// each page built, and decoding each character was most of their time. A character is
// decoded only where its first byte does not settle the answer. (`i` is then the start of
// a character, as every byte that is not a continuation byte is.)

/// The characters of `text` that [`is_counted_in_chinese`].
fn chinese_units(text: &str) -> usize {
    let counted_at = |i: usize| text[i..].chars().next().is_some_and(is_counted_in_chinese);
    let mut units = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        units += usize::from(match b {
            0..=0x7f => b.is_ascii_alphanumeric(),
            // The rest of a character, counted at its first byte.
            0x80..=0xbf => false,
            // U+5000 to U+9FFF: Han, most of a Chinese text.
            0xe5..=0xe9 => true,
            _ => counted_at(i),
        });
    }
    units
}

/// The words of `text` as `split_whitespace` cuts them.
fn words(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        let space = match b {
            // ASCII's white space as `char::is_whitespace` has it (with the vertical tab).
            0..=0x7f => matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' '),
            0x80..=0xbf => continue,
            _ => text[i..].chars().next().is_some_and(char::is_whitespace),
        };
        words += usize::from(!space && !in_word);
        in_word = !space;
    }
    words
}

/// A Han character, letter or digit. (Unicode's alphanumeric lookup is slow outside
/// ASCII, so ideographs, ASCII and the common Chinese punctuation are told apart first.)
fn is_counted_in_chinese(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    crate::cjk::is_han(c)
        || (!matches!(
            c,
            '，' | '。' | '、' | '：' | '；' | '（' | '）' | '“' | '”' | '《' | '》'
        ) && c.is_alphanumeric())
}

/// A summary from the body when the front matter has none: the text of the first
/// paragraph as a reader sees it (no link targets, no markup; wrapped Chinese lines
/// joined without a space), cut at a sentence end (。！？ or . ! ?) within `max`
/// characters.
pub fn auto_summary(body: &str, max: usize) -> String {
    let plain = first_paragraph_text(body);
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

/// The text of the first paragraph with any text, images left out; a line break is a
/// space, but between Chinese characters, which join without one.
fn first_paragraph_text(body: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    // Read as the page renders it (tables are no paragraph).
    let mut text = String::new();
    let (mut in_paragraph, mut in_image, mut pending_break) = (false, 0usize, false);
    for event in Parser::new_ext(body, super::markdown::OPTIONS) {
        match event {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) if !text.trim().is_empty() => break,
            Event::End(TagEnd::Paragraph) => in_paragraph = false,
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::SoftBreak | Event::HardBreak if in_paragraph => pending_break = true,
            Event::Text(t) | Event::Code(t) if in_paragraph && in_image == 0 => {
                if std::mem::take(&mut pending_break) {
                    let joins = text.chars().next_back().is_some_and(joins_without_space)
                        && t.chars().next().is_some_and(joins_without_space);
                    if !joins {
                        text.push(' ');
                    }
                }
                text.push_str(&t);
            }
            _ => {}
        }
    }
    text.trim().to_owned()
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
    fn summaries_are_the_text_a_reader_sees() {
        // Links keep their text, not their target; markup goes.
        assert_eq!(
            auto_summary(
                "见[汾河](/articles/fen/)与[报告](https://e.org/a.pdf \"t\")。",
                100
            ),
            "见汾河与报告。"
        );
        assert_eq!(
            auto_summary("See [the *river*](/en/articles/fen/) and `PM2.5`.", 100),
            "See the river and PM2.5."
        );
        // Wrapped Chinese lines join without a space; English ones with one.
        assert_eq!(
            auto_summary("太原市空气\n质量持续改善。", 100),
            "太原市空气质量持续改善。"
        );
        assert_eq!(
            auto_summary("Air quality\nimproved.", 100),
            "Air quality improved."
        );
        assert_eq!(auto_summary("PM2.5浓度\n下降。", 100), "PM2.5浓度下降。");
        // An image alone is no summary; the paragraph after it is.
        assert_eq!(
            auto_summary("![图](/static/a.png)\n\n正文。", 100),
            "正文。"
        );
        assert_eq!(auto_summary("| a |\n| - |\n| b |\n\n正文。", 100), "正文。");
    }

    #[test]
    fn reading_time_counts_characters_for_chinese_and_words_for_english() {
        assert_eq!(reading_minutes(&"字".repeat(1200), Lang::Zh), 3);
        // Letters and digits count, in any script; punctuation and spaces do not.
        let mixed = "汾河，PM2.5：〇々Ｘ１éz。 ".repeat(100);
        assert_eq!(reading_minutes(&mixed, Lang::Zh), 1200 / 400);
        assert_eq!(reading_minutes(&"word ".repeat(600), Lang::En), 3);
        assert_eq!(reading_minutes("", Lang::En), 1);
    }

    /// The byte-wise counts against the same counts made character by character, on
    /// seeded mixes of every kind of character they tell apart.
    #[test]
    fn the_counts_read_on_bytes_are_those_read_on_characters() {
        let pool: Vec<char> = "汾河字龍〇々䷀䷿一鿿㐀䶿豈﨩𠀀𪛖，。、：；（）“”《》　 \t\n\r\u{b}\u{c}\u{1c}\u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{2028}\u{202f}\u{205f}aZ09.,-'Ｘ１éüΩЖ♥😀\u{7f}"
            .chars()
            .collect();
        let mut rng = fastrand::Rng::with_seed(32);
        for _ in 0..3000 {
            let text: String = (0..rng.usize(0..40))
                .map(|_| pool[rng.usize(..pool.len())])
                .collect();
            assert_eq!(
                chinese_units(&text),
                text.chars().filter(|&c| is_counted_in_chinese(c)).count(),
                "{text:?}"
            );
            assert_eq!(words(&text), text.split_whitespace().count(), "{text:?}");
        }
    }
}
