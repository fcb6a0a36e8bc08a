//! The Markdown renderer on any text: never panics or overflows the stack, reports nesting
//! beyond the limit instead of rendering it, and whatever it renders carries no script:
//! raw HTML escaped, no link or image to a refused scheme, headings with only `id` and
//! `class` attributes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shanshui::render::markdown::{render, MarkdownOptions};
use shanshui::route::is_allowed_link_target;

/// The values of every `name="…"` attribute in `html` (pulldown-cmark always quotes).
fn attribute_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let key = format!(" {name}=\"");
    html.match_indices(&key)
        .filter_map(|(i, _)| {
            let rest = &html[i + key.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
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
    for url in attribute_values(&out.html, "href")
        .into_iter()
        .chain(attribute_values(&out.html, "src"))
    {
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
            assert!(rest.is_empty(), "heading attributes left: {rest:?} in <h{level}{tag}>");
        }
    }
});
