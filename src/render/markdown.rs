//! Markdown → HTML with the portal's rules: CJK soft breaks dropped, heading anchors,
//! raw HTML escaped unless allowed, site-absolute links made relative to the base path.

use crate::cjk::joins_without_space;
use crate::route::{href_under, is_allowed_link_target};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link or image destination as written in the Markdown, and where: `line` 1-based
/// in the Markdown, `col` 1-based in characters, at the destination's first character
/// (at the `[` where the destination is not written beside it, as in `[a][ref]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub target: String,
    pub line: usize,
    pub col: usize,
    /// Byte offset of the destination in the Markdown, to show it without searching.
    pub offset: usize,
}

/// What rendering saw, so `check` can validate links and anchors without rendering or
/// parsing again: the heading ids are the anchors (`toc`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<Heading>,
    /// Link and image destinations as written in the Markdown, in order.
    pub links: Vec<Link>,
    pub images: Vec<Link>,
    /// The line (1-based) of the first element nested deeper than `MAX_DEPTH`; the
    /// caller reports it as an error (see `too_deep_error`). Nothing deeper is rendered.
    pub too_deep: Option<usize>,
}

/// How deep blocks and inlines may nest (quotes in lists in quotes…). Real articles stay
/// under ten; thousands would go past the browsers' own limits (Chromium flattens the tree beyond 512).
pub const MAX_DEPTH: usize = 64;

pub struct MarkdownOptions<'a> {
    pub allow_html: bool,
    /// Prepended to links that start with `/`, e.g. `/portal/`.
    pub base_path: &'a str,
    /// On a page in another language, the `lang` tag that runs of Chinese text are marked
    /// with (`<span lang="zh-CN">晋中</span>`), so that they are read out and hyphenated
    /// as Chinese: a name given in Chinese at first mention, an original title.
    pub mark_chinese: Option<&'a str>,
}

/// Anchor id of a heading: lowercase letters, digits and CJK characters joined by hyphens.
pub fn anchor_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric()
            || joins_without_space(c)
                && !matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20)
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

pub(super) const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

impl Rendered {
    /// Link and image targets refused (see `is_allowed_link_target`); they are written
    /// as `#`, and are errors of the article.
    pub fn refused(&self) -> impl Iterator<Item = &Link> {
        self.links
            .iter()
            .chain(&self.images)
            .filter(|l| !is_allowed_link_target(&l.target))
    }
}

pub fn render<'m>(markdown: &'m str, opts: &MarkdownOptions) -> Rendered {
    // One parse, with the source range of every event, for the positions of links.
    let (mut events, ranges): (Vec<Event>, Vec<std::ops::Range<usize>>) =
        Parser::new_ext(markdown, OPTIONS)
            .into_offset_iter()
            .unzip();
    let lines = LineStarts::new(markdown);
    if let Some(i) = too_deep(&events, opts.allow_html) {
        return Rendered {
            too_deep: Some(lines.line_col(ranges[i].start).0),
            ..Rendered::default()
        };
    }
    join_cjk_lines(&mut events);
    let mut out = Rendered {
        toc: assign_heading_ids(&mut events),
        ..Rendered::default()
    };

    // A link or image target: recorded where it is written, then refused or rebased.
    let target = |found: &mut Vec<Link>, dest: CowStr<'m>, range: &std::ops::Range<usize>| {
        let offset = destination_offset(markdown, &dest, range);
        let (line, col) = lines.line_col(offset);
        found.push(Link {
            target: dest.to_string(),
            line,
            col,
            offset,
        });
        refuse_or_rebase(dest, opts.base_path)
    };
    let events = events
        .into_iter()
        .zip(&ranges)
        .map(|(event, range)| match event {
            Event::Html(html) | Event::InlineHtml(html) if !opts.allow_html => Event::Text(html),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                dest_url: target(&mut out.links, dest_url, range),
                link_type,
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                dest_url: target(&mut out.images, dest_url, range),
                link_type,
                title,
                id,
            }),
            other => other,
        });
    // After raw HTML was escaped above: the spans added here are the renderer's own.
    match opts.mark_chinese {
        Some(tag) => pulldown_cmark::html::push_html(
            &mut out.html,
            mark_chinese_runs(events.collect(), tag).into_iter(),
        ),
        None => pulldown_cmark::html::push_html(&mut out.html, events),
    }
    out
}

/// Byte offset of a link's destination in the Markdown: where `(dest` is written inside
/// the link's source range, or the range's start (`[`) for reference links and
/// destinations written differently (`<…>`, escapes).
fn destination_offset(markdown: &str, dest: &str, range: &std::ops::Range<usize>) -> usize {
    let source = markdown.get(range.clone()).unwrap_or("");
    source
        .rfind(&format!("({dest}"))
        .map(|i| i + 1)
        .or_else(|| source.rfind(dest).filter(|_| !dest.is_empty()))
        .map_or(range.start, |i| range.start + i)
}

/// The byte offsets where the lines of a text start, to turn offsets into positions.
/// Links are looked up in the order they are written, so the column of the last one is
/// kept and counted on from: a line of 4 MB holding 500,000 links is read once, not once
/// per link.
struct LineStarts<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last offset looked up and its column.
    last: std::cell::Cell<(usize, usize)>,
}

impl<'a> LineStarts<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineStarts {
            text,
            starts,
            last: std::cell::Cell::new((0, 1)),
        }
    }

    /// 1-based line and column (in characters) of byte `offset`.
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let (last_offset, last_col) = self.last.get();
        let (from, col) = if (start..=offset).contains(&last_offset) {
            (last_offset, last_col)
        } else {
            (start, 1)
        };
        let col = col + self.text.get(from..offset).map_or(0, |t| t.chars().count());
        self.last.set((offset, col));
        (line, col)
    }
}

/// The error for Markdown nested deeper than `MAX_DEPTH`, at `line` of the file `path`.
pub fn too_deep_error(path: &std::path::Path, line: usize) -> crate::diag::Diagnostic {
    crate::diag::Diagnostic::error(
        path,
        line,
        crate::messages::TOO_DEEP.both(&[("depth", &MAX_DEPTH)]),
    )
    .hint(crate::messages::TOO_DEEP_HINT.both(&[]))
}

/// The index of the first event that opens an element deeper than `MAX_DEPTH`: Markdown
/// elements, and the tags of raw HTML when it is let through.
fn too_deep(events: &[Event], allow_html: bool) -> Option<usize> {
    let mut depth = 0_usize;
    for (i, event) in events.iter().enumerate() {
        let steps = match event {
            Event::Start(_) => vec![1],
            Event::End(_) => vec![-1],
            Event::Html(html) | Event::InlineHtml(html) if allow_html => html_tag_steps(html),
            _ => continue,
        };
        for step in steps {
            depth = depth.saturating_add_signed(step);
            if depth > MAX_DEPTH {
                return Some(i);
            }
        }
    }
    None
}

/// +1 for each opening and -1 for each closing tag in a piece of raw HTML, in order.
/// Elements that never hold others (`<br>`, `<img>`…) and those whose end tag may be left
/// out (`<p>`, `<li>`, `<td>`…) are not counted, so unclosed paragraphs do not add up.
fn html_tag_steps(html: &str) -> Vec<isize> {
    const NOT_COUNTED: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot",
        "option", "optgroup", "rt", "rp", "colgroup", "caption",
    ];
    html.match_indices('<')
        .filter_map(|(i, _)| {
            let rest = &html[i + 1..];
            let (step, rest) = match rest.strip_prefix('/') {
                Some(r) => (-1, r),
                None => (1, rest),
            };
            let name: String = rest
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            let self_closing = rest.split('>').next().is_some_and(|t| t.ends_with('/'));
            let counted =
                !name.is_empty() && !NOT_COUNTED.contains(&name.as_str()) && !self_closing;
            counted.then_some(step)
        })
        .collect()
}

/// A soft break between two CJK characters becomes nothing, not a space. One pass each
/// way finds the text characters around every break.
fn join_cjk_lines(events: &mut [Event]) {
    let edge = |e: &Event, last: bool| match e {
        Event::Text(t) | Event::Code(t) if last => t.chars().last(),
        Event::Text(t) | Event::Code(t) => t.chars().next(),
        _ => None,
    };
    let mut before = vec![None; events.len()];
    let mut seen = None;
    for (i, e) in events.iter().enumerate() {
        before[i] = seen;
        seen = edge(e, true).or(seen);
    }
    let mut after = None;
    for i in (0..events.len()).rev() {
        if matches!(events[i], Event::SoftBreak)
            && before[i].is_some_and(joins_without_space)
            && after.is_some_and(joins_without_space)
        {
            events[i] = Event::Text(CowStr::Borrowed(""));
        }
        after = edge(&events[i], false).or(after);
    }
}

/// Characters that belong to a run of Chinese: CJK, and the curly quotes that Chinese
/// text uses (the English copy writes straight quotes).
fn is_chinese_run_char(c: char) -> bool {
    crate::cjk::is_han(c) || crate::cjk::is_cjk_punctuation(c) || matches!(c, '“' | '”' | '‘' | '’')
}

/// Splits each text event around its runs of Chinese and wraps every run in a span with
/// the `lang` tag. A space between two Chinese characters stays inside the run. Image
/// descriptions and code are left as they are (an `alt` cannot hold markup).
fn mark_chinese_runs<'a>(events: Vec<Event<'a>>, tag: &str) -> Vec<Event<'a>> {
    let open = format!("<span lang=\"{tag}\">");
    let mut out = Vec::with_capacity(events.len());
    let mut in_image = 0usize;
    let mut in_code_block = false;
    for event in events {
        match &event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            _ => {}
        }
        let Event::Text(text) = &event else {
            out.push(event);
            continue;
        };
        // (ASCII text, most of an English page, holds no Chinese: one vectorised pass says so.)
        let has_chinese = !text.is_ascii() && text.chars().any(is_chinese_run_char);
        if in_image > 0 || in_code_block || !has_chinese {
            out.push(event);
            continue;
        }
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let chinese_at = |i: usize| chars.get(i).is_some_and(|&(_, c)| is_chinese_run_char(c));
        let mut plain_from = 0;
        let mut i = 0;
        while i < chars.len() {
            if !chinese_at(i) {
                i += 1;
                continue;
            }
            let start = chars[i].0;
            let mut end = i;
            while chinese_at(end + 1)
                || (chars.get(end + 1).is_some_and(|&(_, c)| c == ' ') && chinese_at(end + 2))
            {
                end += 1;
            }
            let stop = chars.get(end + 1).map_or(text.len(), |&(at, _)| at);
            if plain_from < start {
                out.push(Event::Text(CowStr::from(
                    text[plain_from..start].to_owned(),
                )));
            }
            out.push(Event::InlineHtml(CowStr::from(open.clone())));
            out.push(Event::Text(CowStr::from(text[start..stop].to_owned())));
            out.push(Event::InlineHtml(CowStr::Borrowed("</span>")));
            plain_from = stop;
            i = end + 1;
        }
        if plain_from < text.len() {
            out.push(Event::Text(CowStr::from(text[plain_from..].to_owned())));
        }
    }
    out
}

/// Gives each heading an id unique in the document and returns the outline. Of the
/// attributes an editor may write after a heading (`{#id .class key=value}`) only the id
/// and the classes are kept, cleaned to letters, digits, `-` and `_`: any other would
/// let content add event handlers (`onfocus=…`) to the page.
fn assign_heading_ids(events: &mut [Event]) -> Vec<Heading> {
    let mut toc = Vec::new();
    let mut used = HashSet::new();
    // Per base id, the next suffix to try: identical headings cost one step each.
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading { level, id, .. }) = &events[i] else {
            i += 1;
            continue;
        };
        let level = *level;
        let own_id = id.as_deref().map(safe_token).filter(|t| !t.is_empty());
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
        let base = own_id.unwrap_or_else(|| anchor_id(&text));
        let unique = loop {
            let n = next_suffix.entry(base.clone()).or_insert(0);
            let candidate = if *n == 0 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            *n += 1;
            if used.insert(candidate.clone()) {
                break candidate;
            }
        };
        toc.push(Heading {
            level: level_number(level),
            id: unique.clone(),
            text,
        });
        if let Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) = &mut events[i]
        {
            *id = Some(CowStr::from(unique));
            *classes = classes
                .iter()
                .map(|c| safe_token(c))
                .filter(|c| !c.is_empty())
                .map(CowStr::from)
                .collect();
            attrs.clear();
        }
        i = end + 1;
    }
    toc
}

/// Letters, digits (CJK included), `-` and `_` of `s`; nothing else.
fn safe_token(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        .collect()
}

fn refuse_or_rebase<'a>(url: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    if is_allowed_link_target(&url) {
        rebase(url, base_path)
    } else {
        CowStr::from("#")
    }
}

/// `/articles/x/` → `/portal/articles/x/`; other links stay as written.
fn rebase<'a>(url: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    match url.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => CowStr::from(href_under(base_path, rest)),
        _ => url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_site_and_anchor_links_are_allowed() {
        for ok in [
            "https://example.org/a",
            "HTTP://example.org",
            "mailto:editor@example.org",
            "/articles/x/",
            "../x/",
            "#section",
            "?q=汾河",
            "x/y:z",
            "//example.org/a",
        ] {
            assert!(is_allowed_link_target(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " java\tscript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(!is_allowed_link_target(bad), "{bad}");
        }
    }

    #[test]
    fn refused_targets_are_written_as_hash_and_reported_with_their_line() {
        let r = md("第一段。\n\n[详情](javascript:alert(1)) [好](https://a.cn)\n\n![图](data:image/png;base64,AA)\n");
        assert!(
            !r.html.contains("javascript") && !r.html.contains("data:"),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"https://a.cn\""));
        let refused: Vec<_> = r
            .refused()
            .map(|l| (l.target.as_str(), l.line, l.col))
            .collect();
        // 详情]( is five characters before the link's own first one.
        assert_eq!(
            refused,
            [
                ("javascript:alert(1)", 3, 6),
                ("data:image/png;base64,AA", 5, 6)
            ]
        );
    }

    #[test]
    fn links_are_recorded_where_their_destination_is_written() {
        let r = md(
            "第一行\n参见[汾河](/articles/nope/)。\n\n> [a][r] and <https://e.org/>\n\n[r]: /x/\n",
        );
        let at: Vec<_> = r
            .links
            .iter()
            .map(|l| (l.target.as_str(), l.line, l.col))
            .collect();
        // Columns count characters: 参见[汾河]( is six, so the target starts at the 8th.
        assert_eq!(
            at,
            [
                ("/articles/nope/", 2, 8),
                ("/x/", 4, 3),
                ("https://e.org/", 4, 15)
            ]
        );
    }

    fn md(s: &str) -> Rendered {
        render(
            s,
            &MarkdownOptions {
                mark_chinese: None,
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
    fn runs_of_chinese_are_marked_on_english_pages() {
        let en = |s: &str| {
            render(
                s,
                &MarkdownOptions {
                    allow_html: false,
                    base_path: "/",
                    mark_chinese: Some("zh-CN"),
                },
            )
            .html
        };
        assert_eq!(
            en("Jinzhong 晋中 and the *plan* (《晋中市碳达峰实施方案》)."),
            "<p>Jinzhong <span lang=\"zh-CN\">晋中</span> and the <em>plan</em> (<span lang=\"zh-CN\">《晋中市碳达峰实施方案》</span>).</p>\n"
        );
        assert_eq!(
            en("Title 绿水青山 满目盛景, then <b>x</b>"),
            "<p>Title <span lang=\"zh-CN\">绿水青山 满目盛景</span>, then &lt;b&gt;x&lt;/b&gt;</p>\n"
        );
        // Image descriptions and code stay as written.
        assert_eq!(
            en("![汾河](/a.png) `汾河`"),
            "<p><img src=\"/a.png\" alt=\"汾河\" /> <code>汾河</code></p>\n"
        );
        assert_eq!(md("晋中 Jinzhong").html, "<p>晋中 Jinzhong</p>\n");
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
                mark_chinese: None,
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
        let targets = |ls: &[Link]| ls.iter().map(|l| l.target.clone()).collect::<Vec<_>>();
        assert_eq!(
            targets(&out.links),
            ["/articles/x/", "https://e.org/", "#top"]
        );
        assert_eq!(targets(&out.images), ["/img/a.png"]);
    }

    #[test]
    fn heading_attributes_keep_only_a_clean_id_and_classes() {
        let out = md("## 标题 {#x\" autofocus onfocus=alert(1) .note .x\"y data-a=b style=x}\n\n## b {onclick=alert(1)}\n");
        // Read the output as a browser would, and look at every attribute of every element.
        let doc = scraper::Html::parse_fragment(&out.html);
        let all = scraper::Selector::parse("*").unwrap();
        let mut headings = 0;
        for el in doc.select(&all) {
            for (name, _) in el.value().attrs() {
                assert!(matches!(name, "id" | "class"), "{name} in {}", out.html);
            }
            if el.value().name() == "h2" {
                headings += 1;
            }
        }
        assert_eq!(headings, 2);
        assert!(
            out.html.contains(r#"<h2 id="x" class="note xy">"#),
            "{}",
            out.html
        );
        assert!(out.html.contains(r#"<h2 id="b">"#), "{}", out.html);
    }

    #[test]
    fn nesting_beyond_the_limit_is_reported_with_its_line_and_not_rendered() {
        let fine = format!("a\n\n{}x\n", "> ".repeat(MAX_DEPTH - 2));
        assert_eq!(md(&fine).too_deep, None);
        // Raw HTML counts when it is let through (its nesting reaches the page).
        let html = |s: &str| {
            render(
                s,
                &MarkdownOptions {
                    mark_chinese: None,
                    allow_html: true,
                    base_path: "/",
                },
            )
        };
        let divs = format!("a\n\n{}x\n", "<div><span>".repeat(3000));
        assert_eq!(html(&divs).too_deep, Some(3));
        let closed = format!("a\n\n{}x{}\n", "<div>".repeat(3000), "</div>".repeat(3000));
        assert_eq!(
            html(&closed).too_deep,
            Some(3),
            "the depth inside one block counts"
        );
        assert_eq!(md(&divs).too_deep, None, "escaped, it is only text");
        let paragraphs = "<p>段落\n\n<br><img src=a.png>\n\n".repeat(500);
        assert_eq!(html(&paragraphs).too_deep, None);
        assert_eq!(html(&"<div>x</div>\n\n".repeat(500)).too_deep, None);
        for deep in [
            format!("a\n\n{}x\n", "> ".repeat(5000)),
            format!("a\n\n{}x\n", "- ".repeat(5000)),
            format!("a\n\n{}x{}\n", "*a **b ".repeat(3000), "** c*".repeat(3000)),
        ] {
            let out = md(&deep);
            assert_eq!(out.too_deep, Some(3));
            assert!(out.html.is_empty());
        }
    }

    #[test]
    fn identical_headings_take_linear_time() {
        let many = "## 同\n\n".repeat(20_000);
        let started = std::time::Instant::now();
        let out = md(&format!("## 同-1\n\n{many}"));
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
        let ids: HashSet<&str> = out.toc.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids.len(), 20_001);
        assert_eq!(out.toc[1].id, "同");
        assert_eq!(out.toc[2].id, "同-2");
        assert_eq!(out.toc[20_000].id, "同-20000");
    }
}
