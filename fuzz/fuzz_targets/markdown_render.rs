//! The Markdown renderer on any text: never panics or overflows the stack, reports nesting
//! beyond the limit instead of rendering it, and whatever it renders carries no script:
//! raw HTML escaped, no link or image to a refused scheme, headings with only `id` and
//! `class` attributes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shanshui::render::markdown::{render, MarkdownOptions};
use shanshui::route::is_allowed_link_target;

/// The values of every `name="…"` attribute inside one tag's text (pulldown-cmark always
/// quotes).
fn attribute_values<'a>(tag: &'a str, name: &str) -> Vec<&'a str> {
    let key = format!(" {name}=\"");
    tag.match_indices(&key)
        .filter_map(|(i, _)| {
            let rest = &tag[i + key.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// The text inside every tag of `html`: text and attribute values have their `<` and `>`
/// escaped, so a `<` opens a tag. (Text may hold ` src="`: a quote needs no escaping there,
/// and the fuzzer found escaped raw HTML `<img src=")>` taken for an attribute.)
fn tags(html: &str) -> impl Iterator<Item = &str> {
    html.split('<')
        .skip(1)
        .map(|after| &after[..after.find('>').unwrap_or(after.len())])
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let out = render(
        text,
        &MarkdownOptions {
            allow_html: false,
            base_path: "/portal/",
            // Half the inputs as an English page shows them, Chinese runs marked.
            mark_chinese: (text.len() % 2 == 1).then_some("zh-CN"),
        },
    );
    if out.too_deep.is_some() {
        assert!(out.html.is_empty(), "nesting beyond the limit was rendered");
        return;
    }
    assert!(!out.html.contains("<script"), "raw HTML came through");
    for url in tags(&out.html).flat_map(|tag| {
        attribute_values(tag, "href")
            .into_iter()
            .chain(attribute_values(tag, "src"))
    }) {
        assert!(is_allowed_link_target(url), "refused target written: {url}");
    }
    // Every heading's attributes: ` id="…"` and at most one ` class="…"`, nothing else.
    for level in 1..=6 {
        let open = format!("<h{level}");
        for (i, _) in out.html.match_indices(&open) {
            let tag = &out.html[i + open.len()..];
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            let mut rest = tag.to_owned();
            for name in ["id", "class"] {
                if let Some(value) = attribute_values(tag, name).first() {
                    rest = rest.replacen(&format!(" {name}=\"{value}\""), "", 1);
                }
            }
            assert!(
                rest.is_empty(),
                "heading attributes left: {rest:?} in <h{level}{tag}>"
            );
        }
    }
});
