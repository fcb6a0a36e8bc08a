//! The front-matter splitter on any text: never panics, and a split it accepts is
//! consistent with the text (yaml and body are the text's own slices, line numbers add up).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shanshui::load::frontmatter::split;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(s) = split(text) else {
        return;
    };
    let first_fence = text.find('\n').map_or(text.len(), |i| i + 1);
    assert!(
        text[first_fence..].starts_with(s.yaml),
        "yaml is not after the fence"
    );
    assert!(text.ends_with(s.body), "body is not the end of the text");
    assert!(first_fence + s.yaml.len() + s.body.len() <= text.len());
    assert_eq!(s.yaml_line, 2);
    assert_eq!(s.body_line, s.yaml.matches('\n').count() + 3, "body line");
    // The closing fence sits between yaml and body.
    let fence = &text[first_fence + s.yaml.len()..text.len() - s.body.len()];
    assert_eq!(fence.trim_end(), "---", "closing fence {fence:?}");
});
