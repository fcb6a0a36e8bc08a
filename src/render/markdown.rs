//! Markdown → HTML with the portal's rules: CJK soft breaks dropped, heading anchors,
//! raw HTML escaped unless allowed, site-absolute links made relative to the base path.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// What rendering saw, so `check` can validate links without parsing HTML again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<Heading>,
    /// Link and image destinations as written in the Markdown.
    pub links: Vec<String>,
    pub images: Vec<String>,
}

pub struct MarkdownOptions<'a> {
    pub allow_html: bool,
    /// Prepended to links that start with `/`, e.g. `/portal/`.
    pub base_path: &'a str,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x2FA1F)
}

/// Anchor id of a heading: lowercase letters, digits and CJK characters joined by hyphens.
pub fn anchor_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric()
            || is_cjk(c) && !matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20)
        {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        "section".to_owned()
    } else {
        id.to_owned()
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

pub fn render(markdown: &str, opts: &MarkdownOptions) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut events: Vec<Event> = Parser::new_ext(markdown, options).collect();
    let mut out = Rendered::default();

    // A soft break between two CJK characters becomes nothing, not a space.
    for i in 0..events.len() {
        if matches!(events[i], Event::SoftBreak) {
            let before = events[..i].iter().rev().find_map(|e| match e {
                Event::Text(t) | Event::Code(t) => t.chars().last(),
                _ => None,
            });
            let after = events[i + 1..].iter().find_map(|e| match e {
                Event::Text(t) | Event::Code(t) => t.chars().next(),
                _ => None,
            });
            if before.is_some_and(is_cjk) && after.is_some_and(is_cjk) {
                events[i] = Event::Text(CowStr::Borrowed(""));
            }
        }
    }

    // Headings: give each an id (unique in the document) and collect the outline.
    let mut used = BTreeSet::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let level = *level;
            let end = events[i..]
                .iter()
                .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
                .map_or(events.len(), |p| p + i);
            let text: String = events[i + 1..end]
                .iter()
                .filter_map(|e| match e {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect();
            let base = id
                .as_ref()
                .map_or_else(|| anchor_id(&text), |s| s.to_string());
            let mut unique = base.clone();
            let mut n = 1;
            while !used.insert(unique.clone()) {
                unique = format!("{base}-{n}");
                n += 1;
            }
            out.toc.push(Heading {
                level: level_number(level),
                id: unique.clone(),
                text,
            });
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(unique));
            }
            i = end;
        }
        i += 1;
    }

    let events = events.into_iter().map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) if !opts.allow_html => Event::Text(html),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            out.links.push(dest_url.to_string());
            let dest_url = rebase(dest_url, opts.base_path);
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            out.images.push(dest_url.to_string());
            let dest_url = rebase(dest_url, opts.base_path);
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        other => other,
    });
    pulldown_cmark::html::push_html(&mut out.html, events);
    out
}

/// `/articles/x/` → `/portal/articles/x/`; other links stay as written.
fn rebase<'a>(url: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    match url.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => CowStr::from(format!("{base_path}{rest}")),
        _ => url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> Rendered {
        render(
            s,
            &MarkdownOptions {
                allow_html: false,
                base_path: "/portal/",
            },
        )
    }

    #[test]
    fn drops_soft_breaks_between_chinese_characters_only() {
        assert_eq!(md("空气质量\n持续改善").html, "<p>空气质量持续改善</p>\n");
        assert_eq!(md("clean\nair").html, "<p>clean\nair</p>\n");
        assert_eq!(md("改善。\n2025").html, "<p>改善。\n2025</p>\n");
    }

    #[test]
    fn escapes_raw_html_unless_allowed() {
        let out = md("<script>alert(1)</script>\n\na <b>b</b>");
        assert!(
            !out.html.contains("<script>") && out.html.contains("&lt;script&gt;"),
            "{}",
            out.html
        );
        assert!(out.html.contains("&lt;b&gt;"));
        let allowed = render(
            "a <b>b</b>",
            &MarkdownOptions {
                allow_html: true,
                base_path: "/",
            },
        );
        assert!(allowed.html.contains("<b>b</b>"));
    }

    #[test]
    fn headings_get_unique_anchors_and_an_outline() {
        let out = md("## 空气质量\n\n## 空气质量\n\n### PM2.5 Levels\n");
        assert!(out.html.contains(r#"<h2 id="空气质量">"#), "{}", out.html);
        assert!(out.html.contains(r#"<h2 id="空气质量-1">"#));
        assert!(out.html.contains(r#"<h3 id="pm2-5-levels">"#));
        assert_eq!(out.toc.len(), 3);
        assert_eq!(out.toc[2].level, 3);
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let out = md("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ y[^1]\n\n[^1]: note\n");
        assert!(out.html.contains("<table>"));
        assert!(out.html.contains("<del>x</del>"));
        assert!(out.html.contains("footnote-definition"));
    }

    #[test]
    fn site_links_follow_the_base_path_and_are_recorded() {
        let out = md("[a](/articles/x/) [b](https://e.org/) [c](#top) ![i](/img/a.png)");
        assert!(out.html.contains(r#"href="/portal/articles/x/""#));
        assert!(out.html.contains(r#"href="https://e.org/""#));
        assert!(out.html.contains(r#"src="/portal/img/a.png""#));
        assert_eq!(out.links, ["/articles/x/", "https://e.org/", "#top"]);
        assert_eq!(out.images, ["/img/a.png"]);
    }
}
