//! The YAML loader on documents full of anchors and aliases: whatever they expand to, it
//! answers (a value or a located error) within the time and memory libFuzzer allows
//! (`fuzz/run.sh`: 20 s, 4 GB), and a refusal for expansion names the file's lines.
//!
//! The input is used twice: as written, and with every `*` and `&` followed by a letter
//! so that most inputs hold anchors and aliases (`&a [*a, *a]`), nested as the fuzzer
//! likes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shanshui::load::parse_yaml;
use shanshui::load::raw::{RawCity, RawFrontMatter, RawIndicator};
use std::path::Path;

fn load_every_kind(yaml: &str) {
    let path = Path::new("x.yaml");
    let lines = yaml.lines().count().max(1);
    let check = |line: Option<usize>| {
        if let Some(line) = line {
            assert!(line >= 2 && line <= lines + 1, "line {line} of {lines}");
        }
    };
    // Front matter starts at line 2 of its file; registries and indicators at line 1.
    check(parse_yaml::<RawFrontMatter>(path, yaml, 2).err().map(|d| d.line));
    let _ = parse_yaml::<Vec<RawCity>>(path, yaml, 1);
    let _ = parse_yaml::<RawIndicator>(path, yaml, 1);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    load_every_kind(text);
    let aliased = text.replace('*', "*a").replace('&', "&a ");
    load_every_kind(&aliased);
});
