//! Atom feeds: the whole site, each place and each topic, per language.

use crate::model::{newest_first, Article, Lang, PartialDate, Site};
use crate::output::OutputFile;
use crate::render::views::auto_summary;
use crate::route::{FeedOf, Route, Urls};
use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};
use rayon::prelude::*;

/// Newest articles in a feed.
const FEED_LENGTH: usize = 50;

/// A partial date as its first day, at midnight in China (feeds need full timestamps).
fn timestamp(date: PartialDate) -> FixedDateTime {
    let text = format!("{}T00:00:00+08:00", date.first_day());
    FixedDateTime::parse_from_rfc3339(&text).unwrap_or_default()
}

fn entry(site: &Site, lang: Lang, article: &Article) -> Entry {
    let text = article.text(lang).unwrap_or(&article.zh);
    let url = Urls::new(&site.config).url(lang, Route::Article(&article.slug));
    let summary = text
        .summary
        .clone()
        .unwrap_or_else(|| auto_summary(&text.body, 300));
    let authors: Vec<Person> = if text.reporters.is_empty() {
        vec![Person {
            name: site.config.publisher.get(lang).to_owned(),
            ..Default::default()
        }]
    } else {
        text.reporters
            .iter()
            .map(|r| Person {
                name: r.clone(),
                ..Default::default()
            })
            .collect()
    };
    let mut entry = Entry::default();
    entry.set_id(url.clone());
    entry.set_title(Text::plain(text.title.clone()));
    // Published: the printed date; updated: when it became new on the portal, so that an
    // old report added today reaches feed readers as new.
    entry.set_updated(timestamp(article.recency()));
    entry.set_published(Some(timestamp(article.date)));
    entry.set_authors(authors);
    entry.set_summary(Some(Text::plain(summary)));
    entry.set_links(vec![Link {
        href: url,
        rel: "alternate".into(),
        mime_type: Some("text/html".into()),
        ..Default::default()
    }]);
    entry
}

/// The feed of `of` in `lang`; `newest` is every article's position, newest first.
fn feed(site: &Site, lang: Lang, of: FeedOf, newest: &[usize]) -> OutputFile {
    let site_title = site.config.title.get(lang);
    let title = match of {
        FeedOf::Site => site_title.to_owned(),
        FeedOf::City(id) => format!(
            "{} · {site_title}",
            site.city(id).map_or(id, |c| c.name.get(lang))
        ),
        FeedOf::Topic(id) => format!(
            "{} · {site_title}",
            site.topic(id).map_or(id, |t| t.name.get(lang))
        ),
    };
    let articles: Vec<&Article> = newest
        .iter()
        .map(|&i| &site.articles[i])
        .filter(|a| match of {
            FeedOf::Site => true,
            FeedOf::City(id) => site.article_in_city(a, id),
            FeedOf::Topic(id) => a.topics.iter().any(|t| t == id),
        })
        .take(FEED_LENGTH)
        .collect();
    let urls = Urls::new(&site.config);
    let self_url = urls.feed_url(lang, of);
    let mut feed = Feed::default();
    feed.set_id(self_url.clone());
    feed.set_title(Text::plain(title));
    feed.set_lang(Some(lang.tag().to_owned()));
    // The newest entry's date, so the feed is the same from one build to the next.
    feed.set_updated(
        articles
            .first()
            .map(|a| timestamp(a.recency()))
            .unwrap_or_default(),
    );
    feed.set_authors(vec![Person {
        name: site.config.publisher.get(lang).to_owned(),
        ..Default::default()
    }]);
    feed.set_links(vec![
        Link {
            href: self_url,
            rel: "self".into(),
            mime_type: Some("application/atom+xml".into()),
            ..Default::default()
        },
        Link {
            href: urls.url(lang, of.page()),
            rel: "alternate".into(),
            mime_type: Some("text/html".into()),
            ..Default::default()
        },
    ]);
    feed.set_entries(
        articles
            .iter()
            .map(|a| entry(site, lang, a))
            .collect::<Vec<_>>(),
    );
    let xml = feed.to_string();
    OutputFile {
        path: of.path(lang),
        bytes: xml.into_bytes(),
    }
}

/// Every feed of the site, made in parallel; the articles are put in order once.
pub fn feeds(site: &Site) -> Vec<OutputFile> {
    let newest = newest_first(&site.articles);
    let mut feeds = Vec::new();
    for lang in Lang::ALL {
        feeds.push((lang, FeedOf::Site));
        feeds.extend(site.cities.iter().map(|c| (lang, FeedOf::City(&c.id))));
        feeds.extend(site.topics.iter().map(|t| (lang, FeedOf::Topic(&t.id))));
    }
    feeds
        .into_par_iter()
        .map(|(lang, of)| feed(site, lang, of, &newest))
        .collect()
}
