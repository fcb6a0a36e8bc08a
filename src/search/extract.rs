//! A rendered page → what the search index needs of it: the text of its `<main>`
//! (without what is marked `data-search-ignore`, scripts, styles and charts), its
//! `<h1>` (apart from the text) and the first `<time datetime>`. Block elements end words, so text from two
//! paragraphs does not run together (`index` + `Yuncheng` → `indexYuncheng`).

use anyhow::{anyhow, Result};
use lol_html::{doc_text, element, HtmlRewriter, Settings};
use std::cell::RefCell;
use std::rc::Rc;

/// What a page says, as plain text.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PageText {
    pub title: String,
    pub date: Option<String>,
    pub text: String,
}

#[derive(Default)]
struct State {
    main: u32,
    ignored: u32,
    heading: u32,
    title: String,
    date: Option<String>,
    text: String,
}

/// Elements whose content is not text to search.
/// `nav` holds the breadcrumbs ("Home › Data › …"), which every page of a section shares.
const SKIPPED: &[&str] = &[
    "script", "style", "svg", "noscript", "template", "button", "nav",
];
/// Elements inside a line of text: everything else separates words.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
];

pub fn page_text(html: &[u8]) -> Result<PageText> {
    let html = main_part(html);
    let state = Rc::new(RefCell::new(State::default()));
    let on_element = Rc::clone(&state);
    let on_text = Rc::clone(&state);
    let mut rewriter = HtmlRewriter::new(
        Settings::new()
            .append_element_content_handler(element!("*", move |el| {
                let name = el.tag_name();
                let main = name == "main";
                // A link to the page in the other language says so in that language.
                let ignored = SKIPPED.contains(&name.as_str())
                    || el.has_attribute("data-search-ignore")
                    || (name == "a" && el.has_attribute("hreflang"));
                let heading = name == "h1";
                let breaks = !INLINE.contains(&name.as_str());
                {
                    let mut s = on_element.borrow_mut();
                    if name == "time" && s.main > 0 && s.date.is_none() {
                        s.date = el.get_attribute("datetime");
                    }
                    if breaks {
                        s.text.push(' ');
                    }
                    s.main += u32::from(main);
                    s.ignored += u32::from(ignored);
                    s.heading += u32::from(heading);
                }
                // An element inside a line of text that changes nothing needs no end
                // handler (most of them: links, times, spans).
                if !el.can_have_content() || !(main || ignored || heading || breaks) {
                    return Ok(());
                }
                let state = Rc::clone(&on_element);
                if let Some(handlers) = el.end_tag_handlers() {
                    let handler: lol_html::EndTagHandler<'static> = Box::new(move |_| {
                        let mut s = state.borrow_mut();
                        s.main -= u32::from(main);
                        s.ignored -= u32::from(ignored);
                        s.heading -= u32::from(heading);
                        if breaks {
                            s.text.push(' ');
                        }
                        Ok(())
                    });
                    handlers.push(handler);
                }
                Ok(())
            }))
            .append_document_content_handler(doc_text!(move |chunk| {
                let mut s = on_text.borrow_mut();
                // The title is kept apart: results show it above their excerpt.
                if s.main > 0 && s.ignored == 0 {
                    if s.heading > 0 {
                        s.title.push_str(chunk.as_str());
                    } else {
                        s.text.push_str(chunk.as_str());
                    }
                }
                Ok(())
            })),
        |_: &[u8]| {},
    );
    rewriter
        .write(html)
        .and_then(|()| rewriter.end())
        .map_err(|e| anyhow!("cannot read a rendered page: {e}"))?;
    let s = state.take();
    Ok(PageText {
        title: clean(&s.title),
        date: s.date,
        text: clean(&s.text),
    })
}

/// The part of a page from its `<main` to its last `</main>`: nothing outside it is
/// text to search, and reading the head and the menus took a third of the time. (A `<`
/// in the head is escaped, JSON-LD's too, and the templates are loaded without their HTML
/// comments, so the first `<main` is the element.) The whole page when no `<main` is found, so that a template
/// spelling it otherwise (`<MAIN>`) is read as before.
fn main_part(html: &[u8]) -> &[u8] {
    let mut from = 0;
    let start = loop {
        let Some(at) = memchr::memmem::find(&html[from..], b"<main").map(|at| from + at) else {
            return html;
        };
        // `<main>`, `<main class=…>`, not `<mainly>`.
        if matches!(
            html.get(at + 5),
            Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
        ) {
            break at;
        }
        from = at + 5;
    };
    let end = match memchr::memmem::rfind(&html[start..], b"</main>") {
        Some(last) => start + last + "</main>".len(),
        None => html.len(),
    };
    &html[start..end]
}

/// Entities decoded, runs of white space (Unicode's) as one space, none at either end.
fn clean(raw: &str) -> String {
    let decoded = html_escape::decode_html_entities(raw);
    let text: &str = &decoded;
    let mut clean = String::with_capacity(text.len());
    // Runs between spaces are copied whole. Read by bytes: only a byte that starts one of
    // Unicode's spaces outside ASCII (U+0085, U+00A0, U+1680, U+2000-U+205F, U+3000) is
    // decoded, which `split_whitespace` did for every character of every page.
    let mut word_start = None;
    let mut at = 0;
    while at < text.len() {
        let byte = text.as_bytes()[at];
        let (space, len) = match byte {
            0xc2 | 0xe1 | 0xe2 | 0xe3 => match text[at..].chars().next() {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => (false, 1),
            },
            _ => (char::from(byte).is_ascii_whitespace() || byte == 0x0b, 1),
        };
        match (space, word_start) {
            (true, Some(start)) => {
                if !clean.is_empty() {
                    clean.push(' ');
                }
                clean.push_str(&text[start..at]);
                word_start = None;
            }
            (false, None) => word_start = Some(at),
            _ => {}
        }
        at += len;
    }
    if let Some(start) = word_start {
        if !clean.is_empty() {
            clean.push(' ');
        }
        clean.push_str(&text[start..]);
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_text_title_and_date_without_ignored_parts() {
        let html = br#"<html><body><header>Menu</header><main><p class=kicker data-search-ignore>Air</p><h1>Blue &amp; white</h1><dl><dd><time datetime=2025-03>March</time></dd></dl><p>The index</p><p>Yuncheng <b>water</b></p><svg><text>12</text></svg><script>var x</script></main><footer>Foot</footer></body></html>"#;
        let page = page_text(html).unwrap();
        assert_eq!(page.title, "Blue & white");
        assert_eq!(page.date.as_deref(), Some("2025-03"));
        assert_eq!(page.text, "March The index Yuncheng water");
    }

    #[test]
    fn only_the_main_element_is_read() {
        let html = br#"<head><title>T</title><script>var a = "<mainly>"</script></head><body><p>Menu</p><main id=main><p>Inside</p></main><footer><h1>Foot</h1></footer></body>"#;
        let page = page_text(html).unwrap();
        assert_eq!(page.text, "Inside");
        assert_eq!(page.title, "");
        assert_eq!(main_part(b"<p>no main</p>"), b"<p>no main</p>");
        let upper = page_text(b"<p>Menu</p><MAIN><p>Inside</p></MAIN>").unwrap();
        assert_eq!(upper.text, "Inside");
        assert_eq!(main_part(b"<main>open"), b"<main>open");
    }

    #[test]
    fn clean_makes_every_run_of_unicode_white_space_one_space() {
        let spaces = [
            "\t", "\n", "\u{b}", "\u{c}", "\r", " ", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}",
            "\u{200a}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}",
        ];
        let words = ["汾河", "a&amp;b", "é", "\u{200b}", "·", "—", "　x"];
        for space in spaces {
            let raw = format!("{space}{}{space}{space}", words.join(space));
            let expected: Vec<String> = html_escape::decode_html_entities(&raw)
                .split_whitespace()
                .map(str::to_owned)
                .collect();
            assert_eq!(clean(&raw), expected.join(" "), "{space:?}");
        }
        assert_eq!(clean(""), "");
        assert_eq!(clean(" \u{3000} "), "");
        assert_eq!(clean("x"), "x");
    }

    #[test]
    fn breadcrumbs_and_the_other_language_link_are_not_text() {
        let html = br#"<main><nav class=crumbs><ol><li><a href=/>Home</a></li><li>Data</li></ol></nav><h1>Soil</h1><p><a href=/x/ hreflang=zh>Read this in Chinese</a></p><p>Clean land</p></main>"#;
        let page = page_text(html).unwrap();
        assert_eq!(page.text, "Clean land");
    }
}
