//! The whole importer on any text: raw page → drafts, with the demo's places and topics.
//! Never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shanshui::import::{convert, ImportOptions, Registry};
use shanshui::load::raw::{RawCity, RawTopic};
use std::sync::OnceLock;

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let content = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/demo/content"
        );
        let read = |name: &str| std::fs::read_to_string(format!("{content}/{name}")).expect(name);
        let cities: Vec<RawCity> = serde_yaml::from_str(&read("cities.yaml")).expect("cities");
        let topics: Vec<RawTopic> = serde_yaml::from_str(&read("topics.yaml")).expect("topics");
        Registry::new(&cities, &topics)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let opts = ImportOptions {
        source_file: "fuzz.txt".into(),
        ..Default::default()
    };
    for draft in convert(raw, registry(), &opts) {
        let _ = draft.text();
    }
});
