//! Each language in its own typography, checked on the real portal built from `content/`:
//! English pages carry no Chinese outside an element marked `lang="zh…"`, and Chinese
//! pages use full-width punctuation next to Chinese characters.

mod common;

use common::*;
use scraper::{ElementRef, Html, Node};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The real portal, built once for all tests of this file (without the search index,
/// which adds no page).
fn portal() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = Path::new(env!("CARGO_TARGET_TMPDIR")).join("typography-site");
        let run = shanshui(
            &repo(),
            &[
                "build",
                "--no-search",
                "--out",
                site.to_str().expect("path"),
            ],
        );
        assert!(run.ok, "build failed:\n{}\n{}", run.stdout, run.stderr);
        site
    })
}

/// CJK ideographs and the punctuation of Chinese text (、。《》「」 and the full-width
/// forms ，：（）, and the curly quotes, which the English copy does not use).
fn is_chinese(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{2FFFF}'
        | '“' | '”' | '‘' | '’')
}

/// CJK ideographs only: what makes ASCII punctuation beside it a slip.
fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

/// A piece of text a reader sees or hears, with the language it is marked with.
struct Text {
    lang: String,
    text: String,
    /// Where it is: `text`, or the attribute it came from.
    place: &'static str,
}

/// Attributes read out or shown to a reader.
const READ_ATTRIBUTES: [&str; 3] = ["alt", "title", "aria-label"];

/// Every text node outside `<script>`/`<style>` (and `<code>`/`<pre>` when `skip_code`),
/// every read attribute, and the meta description, each with its inherited `lang`.
fn texts(html: &str, skip_code: bool) -> Vec<Text> {
    fn walk(el: ElementRef, lang: &str, skip_code: bool, out: &mut Vec<Text>) {
        let lang = el.value().attr("lang").unwrap_or(lang);
        let name = el.value().name();
        if matches!(name, "script" | "style" | "template")
            || (skip_code && matches!(name, "code" | "pre"))
        {
            return;
        }
        for attr in READ_ATTRIBUTES {
            if let Some(v) = el.value().attr(attr) {
                out.push(Text {
                    lang: lang.to_owned(),
                    text: v.to_owned(),
                    place: attr,
                });
            }
        }
        if name == "meta" && el.value().attr("name") == Some("description") {
            out.push(Text {
                lang: lang.to_owned(),
                text: el.value().attr("content").unwrap_or("").to_owned(),
                place: "meta description",
            });
        }
        for child in el.children() {
            match child.value() {
                Node::Text(t) => out.push(Text {
                    lang: lang.to_owned(),
                    text: t.to_string(),
                    place: "text",
                }),
                Node::Element(_) => {
                    if let Some(e) = ElementRef::wrap(child) {
                        walk(e, lang, skip_code, out);
                    }
                }
                _ => {}
            }
        }
    }
    let doc = Html::parse_document(html);
    let mut out = Vec::new();
    walk(doc.root_element(), "", skip_code, &mut out);
    out
}

fn is_chinese_lang(lang: &str) -> bool {
    lang == "zh" || lang.starts_with("zh-")
}

/// Up to 24 characters either side of the `at`-th character.
fn snippet(chars: &[char], at: usize) -> String {
    let from = at.saturating_sub(24);
    let to = (at + 25).min(chars.len());
    chars[from..to]
        .iter()
        .collect::<String>()
        .replace('\n', " ")
}

/// Chinese written in an English page outside a `lang="zh…"` element.
fn chinese_outside_lang_zh(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for t in texts(html, false) {
        if is_chinese_lang(&t.lang) {
            continue;
        }
        let chars: Vec<char> = t.text.chars().collect();
        if let Some(at) = chars.iter().position(|&c| is_chinese(c)) {
            found.push(format!("{}: «{}»", t.place, snippet(&chars, at)));
        }
    }
    found
}

/// ASCII `: ( ) , ;` beside a Chinese character (spaces skipped) in Chinese text. Ratios
/// (1:2), Latin phrases and code are left alone: only a Chinese neighbour counts.
fn ascii_punctuation_in_chinese(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for t in texts(html, true) {
        if !is_chinese_lang(&t.lang) {
            continue;
        }
        let chars: Vec<char> = t.text.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if !matches!(c, ':' | '(' | ')' | ',' | ';') {
                continue;
            }
            let before = chars[..i].iter().rev().find(|c| **c != ' ');
            let after = chars[i + 1..].iter().find(|c| **c != ' ');
            // A URL's `://` is never punctuation.
            if c == ':' && chars[i + 1..].starts_with(&['/', '/']) {
                continue;
            }
            if before.is_some_and(|&b| is_ideograph(b)) || after.is_some_and(|&a| is_ideograph(a)) {
                found.push(format!("{}: `{c}` in «{}»", t.place, snippet(&chars, i)));
            }
        }
    }
    found
}

/// Runs `check` on every page of `pages` and lists each offending page with its findings.
fn report(site: &Path, pages: &[PathBuf], check: fn(&str) -> Vec<String>) -> Vec<String> {
    pages
        .iter()
        .filter_map(|page| {
            let found = check(&read(page));
            (!found.is_empty()).then(|| {
                let rel = page.strip_prefix(site).unwrap_or(page).display();
                format!("{rel}:\n  {}", found.join("\n  "))
            })
        })
        .collect()
}

#[test]
fn english_pages_mark_every_chinese_text_as_chinese() {
    let site = portal();
    let pages = html_files(&site.join("en"));
    assert!(pages.len() > 100, "only {} English pages", pages.len());
    let bad = report(site, &pages, chinese_outside_lang_zh);
    assert!(
        bad.is_empty(),
        "{} of {} English pages hold Chinese outside a lang=\"zh\" element:\n{}",
        bad.len(),
        pages.len(),
        bad.join("\n")
    );
}

#[test]
fn chinese_pages_use_full_width_punctuation() {
    let site = portal();
    let pages: Vec<PathBuf> = html_files(site)
        .into_iter()
        .filter(|p| !p.starts_with(site.join("en")))
        .collect();
    assert!(pages.len() > 100, "only {} Chinese pages", pages.len());
    let bad = report(site, &pages, ascii_punctuation_in_chinese);
    assert!(
        bad.is_empty(),
        "{} of {} Chinese pages put ASCII punctuation beside Chinese characters:\n{}",
        bad.len(),
        pages.len(),
        bad.join("\n")
    );
}

/// The two checks notice what they are for, and let pass what they should.
#[test]
fn the_checks_tell_slips_from_allowed_text() {
    let en = |body: &str| {
        chinese_outside_lang_zh(&format!(
            "<html lang=en><head><title>t</title></head><body>{body}</body></html>"
        ))
    };
    assert_eq!(en("<p>Xinjiang County (新绛)</p>").len(), 1);
    assert_eq!(en("<img alt=\"山西\" src=x>").len(), 1);
    assert_eq!(en("<p>Lingshi 汾河</p><p title=\"完成\">x</p>").len(), 2);
    assert!(en("<p>Xinjiang County (<span lang=zh-CN>新绛</span>)</p>").is_empty());
    assert!(en("<p>1:2, Class IV (2024)</p><script>var a='中文'</script>").is_empty());
    assert_eq!(
        chinese_outside_lang_zh(
            "<html lang=en><head><meta name=description content=\"推算\"></head></html>"
        )
        .len(),
        1
    );

    let zh = |body: &str| {
        ascii_punctuation_in_chinese(&format!(
            "<html lang=zh-CN><head><title>t</title></head><body>{body}</body></html>"
        ))
    };
    assert_eq!(zh("<p>完成造林面积: 24.04 万亩 (2024)</p>").len(), 2);
    assert_eq!(zh("<p>推算,见原文;另见</p>").len(), 2);
    assert!(zh("<p>完成造林面积：24.04万亩（2024）</p>").is_empty());
    assert!(zh("<p>比例 1:2，PM2.5 (fine particles)，https://a.cn</p>").is_empty());
    assert!(zh("<p><code>汾河:1</code></p><p lang=en>Fen River (汾河)</p>").is_empty());
}
