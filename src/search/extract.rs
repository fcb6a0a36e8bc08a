//! A rendered page → what the search index needs of it: the text of its `<main>`
//! (without what is marked `data-search-ignore`, scripts, styles and charts), its
//! `<h1>` (apart from the text) and the first `<time datetime>`. Block elements end words, so text from two
//! paragraphs does not run together (`index` + `Yuncheng` → `indexYuncheng`).

use anyhow::{anyhow, Result};
use std::borrow::Cow;

/// What a page says, as plain text.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PageText {
    pub title: String,
    pub date: Option<String>,
    pub text: String,
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
/// Elements that have no content and no end tag.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];
/// Elements whose content is read as text up to their end tag, as browsers read it
/// (with scripting on, `noscript` too): a `<b>` in a script is no element.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

fn is_one_of(name: &str, names: &[&str]) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// An element that is open, and what it changed when it started.
struct Open<'a> {
    name: &'a str,
    main: bool,
    ignored: bool,
    heading: bool,
    breaks: bool,
    /// Inside `<svg>` or `<math>`, where `<x/>` closes itself and no element is raw text.
    foreign: bool,
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

impl State {
    fn start(&mut self, open: &Open) {
        if open.breaks {
            self.text.push(' ');
        }
        self.main += u32::from(open.main);
        self.ignored += u32::from(open.ignored);
        self.heading += u32::from(open.heading);
    }

    fn end(&mut self, open: &Open) {
        self.main -= u32::from(open.main);
        self.ignored -= u32::from(open.ignored);
        self.heading -= u32::from(open.heading);
        if open.breaks {
            self.text.push(' ');
        }
    }

    /// Text as written (entities and white space are `clean`'s): the title is kept
    /// apart, as results show it above their excerpt.
    fn text(&mut self, text: &str) {
        if self.main > 0 && self.ignored == 0 && !text.is_empty() {
            match self.heading > 0 {
                true => self.title.push_str(text),
                false => self.text.push_str(text),
            }
        }
    }
}

/// A start tag's name and the attributes the index reads.
struct StartTag<'a> {
    name: &'a str,
    self_closing: bool,
    search_ignore: bool,
    hreflang: bool,
    datetime: Option<&'a str>,
}

/// Reads a page as a browser's tokenizer does (tags, attributes in any quoting, comments,
/// raw text), without building a tree: an end tag closes the open element of its name and
/// those opened inside it; an end tag with none open is passed over. The pages are the
/// templates' and the Markdown's, so this is all the HTML they need; anything else still
/// gives text, never an error.
pub fn page_text(html: &[u8]) -> Result<PageText> {
    let html = std::str::from_utf8(main_part(html))
        .map_err(|e| anyhow!("cannot read a rendered page: {e}"))?;
    let mut state = State::default();
    let mut open: Vec<Open> = Vec::new();
    let mut at = 0;
    while at < html.len() {
        let Some(lt) = memchr::memchr(b'<', &html.as_bytes()[at..]).map(|lt| at + lt) else {
            state.text(&html[at..]);
            break;
        };
        state.text(&html[at..lt]);
        let rest = &html[lt..];
        let foreign = open.last().is_some_and(|o| o.foreign);
        at = lt
            + if let Some(comment) = rest.strip_prefix("<!--") {
                // `<!-->` and `<!--->` are whole comments.
                match (comment.starts_with('>'), comment.starts_with("->")) {
                    (true, _) => 5,
                    (_, true) => 6,
                    _ => comment.find("-->").map_or(rest.len(), |end| 4 + end + 3),
                }
            } else if let Some(cdata) = rest.strip_prefix("<![CDATA[").filter(|_| foreign) {
                let end = cdata.find("]]>").unwrap_or(cdata.len());
                state.text(&cdata[..end]);
                (9 + end + 3).min(rest.len())
            } else if rest.starts_with("<!") || rest.starts_with("<?") {
                rest.find('>').map_or(rest.len(), |end| end + 1)
            } else if let Some(end_tag) = rest.strip_prefix("</") {
                match tag_name(end_tag) {
                    Some(name) => {
                        if let Some(index) =
                            open.iter().rposition(|o| o.name.eq_ignore_ascii_case(name))
                        {
                            for element in open.drain(index..).rev() {
                                state.end(&element);
                            }
                        }
                        2 + name.len() + attributes(&end_tag[name.len()..]).0
                    }
                    // `</>` is nothing; `</3` and the like are comments.
                    None => rest.find('>').map_or(rest.len(), |end| end + 1),
                }
            } else if let Some(name) = tag_name(&rest[1..]) {
                let (len, tag) = start_tag(rest, name);
                let Some(tag) = tag else {
                    // A tag cut off by the end of the page is no tag.
                    break;
                };
                let element = Open {
                    name: tag.name,
                    main: tag.name.eq_ignore_ascii_case("main"),
                    ignored: is_one_of(tag.name, SKIPPED)
                    || tag.search_ignore
                    // A link to the page in the other language says so in that language.
                    || (tag.name.eq_ignore_ascii_case("a") && tag.hreflang),
                    heading: tag.name.eq_ignore_ascii_case("h1"),
                    breaks: !is_one_of(tag.name, INLINE),
                    foreign: foreign
                        || tag.name.eq_ignore_ascii_case("svg")
                        || tag.name.eq_ignore_ascii_case("math"),
                };
                if tag.name.eq_ignore_ascii_case("time") && state.main > 0 && state.date.is_none() {
                    state.date = tag.datetime.map(str::to_owned);
                }
                state.start(&element);
                let empty = is_one_of(tag.name, VOID) || (tag.self_closing && element.foreign);
                if empty {
                    len
                } else if !element.foreign && is_one_of(tag.name, RAW_TEXT) {
                    // Its text runs to its end tag, which closes it.
                    let body = &rest[len..];
                    let end = raw_text_end(body, tag.name);
                    state.text(&body[..end]);
                    state.end(&element);
                    let after = &body[end..];
                    len + end
                        + match after.is_empty() {
                            true => 0,
                            false => {
                                2 + tag.name.len() + attributes(&after[2 + tag.name.len()..]).0
                            }
                        }
                } else {
                    open.push(element);
                    len
                }
            } else {
                // A `<` that starts no tag is text.
                state.text("<");
                1
            };
    }
    Ok(PageText {
        title: clean(&state.title),
        date: state.date,
        text: clean(&state.text),
    })
}

/// The name of the tag `text` starts with (after its `<` or `</`): a letter, then
/// everything up to white space, `/` or `>`.
fn tag_name(text: &str) -> Option<&str> {
    if !text.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let end = text
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(text.len());
    Some(&text[..end])
}

/// The start tag at the head of `text` (`<name …>`): its length and what the index reads
/// of it, or no tag if the page ends inside it.
fn start_tag<'a>(text: &'a str, name: &'a str) -> (usize, Option<StartTag<'a>>) {
    let mut tag = StartTag {
        name,
        self_closing: false,
        search_ignore: false,
        hreflang: false,
        datetime: None,
    };
    let from = 1 + name.len();
    let (len, closed) = attributes_with(&text[from..], |attribute, value| {
        if attribute.eq_ignore_ascii_case("data-search-ignore") {
            tag.search_ignore = true;
        } else if attribute.eq_ignore_ascii_case("hreflang") {
            tag.hreflang = true;
        } else if attribute.eq_ignore_ascii_case("datetime") && tag.datetime.is_none() {
            tag.datetime = Some(value);
        }
    });
    tag.self_closing = closed == Closed::SelfClosing;
    let tag = (closed != Closed::Cut).then_some(tag);
    (from + len, tag)
}

#[derive(PartialEq, Eq)]
enum Closed {
    ByGt,
    SelfClosing,
    /// The page ended inside the tag.
    Cut,
}

/// The length of a tag's attributes and its closing `>` (of the `text` after its name).
fn attributes(text: &str) -> (usize, Closed) {
    attributes_with(text, |_, _| {})
}

/// Reads the attributes after a tag's name up to its closing `>`, handing each name and
/// value (empty for none; in quotes, without them) to `each`.
fn attributes_with<'a>(text: &'a str, mut each: impl FnMut(&'a str, &'a str)) -> (usize, Closed) {
    let bytes = text.as_bytes();
    let mut at = 0;
    loop {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        match bytes.get(at) {
            None => return (bytes.len(), Closed::Cut),
            Some(b'>') => return (at + 1, Closed::ByGt),
            Some(b'/') if bytes.get(at + 1) == Some(&b'>') => return (at + 2, Closed::SelfClosing),
            Some(b'/') => {
                at += 1;
                continue;
            }
            _ => {}
        }
        // A name runs to white space, `/`, `>` or an `=` after its first character.
        let name_start = at;
        at += 1;
        while at < bytes.len()
            && !matches!(bytes[at], b'/' | b'>' | b'=')
            && !bytes[at].is_ascii_whitespace()
        {
            at += 1;
        }
        let name = &text[name_start..at];
        let mut value = "";
        let mut look = at;
        while look < bytes.len() && bytes[look].is_ascii_whitespace() {
            look += 1;
        }
        if bytes.get(look) == Some(&b'=') {
            at = look + 1;
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let start = at + 1;
                    let end =
                        memchr::memchr(quote, &bytes[start..]).map_or(bytes.len(), |e| start + e);
                    value = &text[start..end];
                    at = (end + 1).min(bytes.len());
                }
                _ => {
                    let start = at;
                    while at < bytes.len() && bytes[at] != b'>' && !bytes[at].is_ascii_whitespace()
                    {
                        at += 1;
                    }
                    value = &text[start..at];
                }
            }
        }
        each(name, value);
    }
}

/// Where the raw text of element `name` ends in `body`: at its end tag (`</name` followed
/// by white space, `/` or `>`, in any case), or at the end of the page.
fn raw_text_end(body: &str, name: &str) -> usize {
    let bytes = body.as_bytes();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&bytes[from..], b"</").map(|at| from + at) {
        let after = at + 2 + name.len();
        let named = bytes
            .get(at + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        if named
            && bytes
                .get(after)
                .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
        {
            return at;
        }
        from = at + 2;
    }
    bytes.len()
}

/// The part of a page from its `<main` to its last `</main>`: nothing outside it is
/// text to search, and reading the head and the menus took a third of the time. (A `<`
/// in the head is escaped, JSON-LD's too, and the templates are loaded without their HTML
/// comments, so the first `<main` is the element.) The whole page when no `<main` is found,
/// so that a template spelling it otherwise (`<MAIN>`) is read as before.
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

/// What [`clean`] makes of a byte: part of a word, ASCII white space, or the first byte of
/// a character that may be one of Unicode's other spaces (U+0085, U+00A0, U+1680,
/// U+2000-U+205F, U+3000).
const WORD: u8 = 0;
const SPACE: u8 = 1;
const MAYBE_SPACE: u8 = 2;
const BYTE_CLASS: [u8; 256] = {
    let mut class = [WORD; 256];
    let spaces = [b'\t', b'\n', 0x0b, 0x0c, b'\r', b' '];
    let mut i = 0;
    while i < spaces.len() {
        class[spaces[i] as usize] = SPACE;
        i += 1;
    }
    class[0xc2] = MAYBE_SPACE;
    class[0xe1] = MAYBE_SPACE;
    class[0xe2] = MAYBE_SPACE;
    class[0xe3] = MAYBE_SPACE;
    class
};

/// The entities the pages' own escaping writes, decoded without html-escape's search of
/// every named entity (its search was a sixth of reading a page's text).
const COMMON_ENTITIES: [(&str, char); 6] = [
    ("amp;", '&'),
    ("lt;", '<'),
    ("gt;", '>'),
    ("quot;", '"'),
    ("#39;", '\''),
    ("#x27;", '\''),
];

/// `raw` with its character references decoded, as `html_escape::decode_html_entities`
/// decodes them. It is read a piece at a time, each from one `&` to the next: no reference
/// holds a `&`, so each piece decodes on its own as it would within the whole.
fn decode_entities(raw: &str) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b'&', raw.as_bytes()) else {
        return Cow::Borrowed(raw);
    };
    let mut decoded = String::with_capacity(raw.len());
    decoded.push_str(&raw[..first]);
    let mut rest = &raw[first..];
    while !rest.is_empty() {
        let end = memchr::memchr(b'&', &rest.as_bytes()[1..]).map_or(rest.len(), |at| at + 1);
        let (piece, next) = rest.split_at(end);
        let name = &piece[1..];
        match COMMON_ENTITIES
            .iter()
            .find(|(entity, _)| name.starts_with(entity))
        {
            Some((entity, c)) => {
                decoded.push(*c);
                decoded.push_str(&name[entity.len()..]);
            }
            None => decoded.push_str(&html_escape::decode_html_entities(piece)),
        }
        rest = next;
    }
    Cow::Owned(decoded)
}

/// Entities decoded, runs of white space (Unicode's) as one space, none at either end.
fn clean(raw: &str) -> String {
    let decoded = decode_entities(raw);
    let text: &str = &decoded;
    let mut clean = String::with_capacity(text.len());
    // Runs between spaces are copied whole. Read by bytes: only a byte that starts one of
    // Unicode's spaces outside ASCII (U+0085, U+00A0, U+1680, U+2000-U+205F, U+3000) is
    // decoded, which `split_whitespace` did for every character of every page.
    let bytes = text.as_bytes();
    let mut word_start = None;
    let mut at = 0;
    while at < bytes.len() {
        // Inside a word, its bytes are passed over by their class alone, with no branch on
        // what each one is (a byte that continues a character is never a first byte).
        if word_start.is_some() {
            while at < bytes.len() && BYTE_CLASS[usize::from(bytes[at])] == WORD {
                at += 1;
            }
            if at == bytes.len() {
                break;
            }
        }
        let (space, len) = match BYTE_CLASS[usize::from(bytes[at])] {
            WORD => (false, 1),
            SPACE => (true, 1),
            _ => match text[at..].chars().next() {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => (false, 1),
            },
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
        // Any mix of them, and of characters whose first byte is a space's (U+00A9, U+2014,
        // U+3002), reads as Rust's `split_whitespace` reads it.
        let pieces: Vec<&str> = spaces
            .iter()
            .chain(&words)
            .copied()
            .chain(["©", "。", "\u{2060}"])
            .collect();
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..2000 {
            let raw: String = (0..rng.usize(0..12))
                .map(|_| pieces[rng.usize(..pieces.len())])
                .collect();
            let expected: Vec<String> = html_escape::decode_html_entities(&raw)
                .split_whitespace()
                .map(str::to_owned)
                .collect();
            assert_eq!(clean(&raw), expected.join(" "), "{raw:?}");
        }
    }

    /// Seeded mixes of references (whole, cut short, without `;`, numeric, unknown) and
    /// text decode as html-escape decodes them.
    #[test]
    fn entities_decode_as_html_escape_decodes_them() {
        let pieces = [
            "&",
            ";",
            "#",
            "x",
            "a",
            "汾",
            " ",
            "&amp;",
            "&amp",
            "&lt;",
            "&gt;",
            "&quot;",
            "&quot",
            "&#39;",
            "&#x27;",
            "&#x2F;",
            "&#20998;",
            "&#x6C7E;",
            "&nbsp;",
            "&copy",
            "&notin;",
            "&not",
            "&ampamp;",
            "&bogus;",
            "&#;",
            "&#x;",
            "&#1114112;",
            "&#0;",
        ];
        assert_eq!(decode_entities("no reference"), "no reference");
        let mut rng = fastrand::Rng::with_seed(39);
        for _ in 0..5000 {
            let raw: String = (0..rng.usize(0..10))
                .map(|_| pieces[rng.usize(..pieces.len())])
                .collect();
            assert_eq!(
                decode_entities(&raw),
                html_escape::decode_html_entities(&raw),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn tags_are_read_as_a_browser_reads_them() {
        let text = |html: &str| page_text(html.as_bytes()).unwrap().text;
        // Attributes in any quoting, with `>` and `/` inside their values.
        assert_eq!(
            text(
                r#"<main><p title="a > b" data-x='c > d' e=/f/>one</p><p data-search-ignore = "">two</p></main>"#
            ),
            "one"
        );
        // Comments (`<!-->` is a whole one), doctype-like tags and a `<` that starts no tag.
        assert_eq!(
            text("<main><!-- <p>x</p> --><!-->a<!--->b<?php c ?><!x>1 < 2 <3 </ 4></main>"),
            "ab1 < 2 <3"
        );
        // Raw text runs to its own end tag, in any case; an element inside it is text.
        assert_eq!(
            text("<main><script>if (a</b) '</scriptx>'</SCRIPT >x<textarea><b>y</b></textarea></main>"),
            "x <b>y</b>"
        );
        // In SVG and MathML `<x/>` closes itself and nothing is raw text; CDATA is text.
        assert_eq!(
            text("<main><math><mi/><title><mi>m</mi></title><![CDATA[<n>]]></math><div/>d</main>"),
            "m <n> d"
        );
        // An end tag closes what was opened inside its element; one with none open is
        // passed over (and so does not end a word).
        assert_eq!(
            text("<main><div data-search-ignore><p>a<span>b</div>c</span></p>d</main>"),
            "cd"
        );
        // A tag the page ends inside is no tag; an element left open is still read.
        assert_eq!(text("<main><p>a<b>b</main"), "ab");
        assert_eq!(text("<main><p>a<svg"), "a");
        assert_eq!(text("<main><p>a<script>b"), "a");
        assert_eq!(text("<MAIN><H1>T</H1><P>b</P></MAIN>"), "b");
        let page = page_text(
            b"<main><TIME DATETIME='2024-11'>x</TIME><time datetime=2023>y</time></main>",
        )
        .unwrap();
        assert_eq!(page.date.as_deref(), Some("2024-11"));
        assert!(page_text(b"<main>\xff</main>").is_err());
    }

    #[test]
    fn any_mix_of_tags_and_text_is_read_without_a_panic() {
        let parts = [
            "<",
            ">",
            "</",
            "/>",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "=",
            "\"",
            "'",
            "/",
            " ",
            "\n",
            "a",
            "汾河",
            "&amp;",
            "<main>",
            "</main>",
            "<svg>",
            "</svg>",
            "<math>",
            "<script>",
            "</script",
            "<textarea>",
            "</textarea>",
            "<p data-search-ignore>",
            "</p>",
            "<h1>",
            "</h1>",
            "<time datetime=",
            "<br/>",
            "<div/>",
            "<a hreflang=en>",
            "</a>",
        ];
        let mut rng = fastrand::Rng::with_seed(26);
        for _ in 0..20_000 {
            let html: String = (0..rng.usize(1..40))
                .map(|_| parts[rng.usize(..parts.len())])
                .collect();
            let page = page_text(html.as_bytes()).unwrap();
            assert!(
                !page.text.starts_with(' ') && !page.text.ends_with(' '),
                "{html:?}"
            );
        }
    }

    #[test]
    fn breadcrumbs_and_the_other_language_link_are_not_text() {
        let html = br#"<main><nav class=crumbs><ol><li><a href=/>Home</a></li><li>Data</li></ol></nav><h1>Soil</h1><p><a href=/x/ hreflang=zh>Read this in Chinese</a></p><p>Clean land</p></main>"#;
        let page = page_text(html).unwrap();
        assert_eq!(page.text, "Clean land");
    }
}
