//! The content loader and validator on hostile files: the input is laid over a copy of
//! the demo fixture and `load_site` must answer with a site or with diagnostics, never
//! a panic.
//!
//! The input is split at 0xFF bytes (never part of UTF-8) into up to six files, in this
//! order: `articles/fuzz.zh.md`, `articles/fuzz.en.md`, `indicators/fuzz.yaml`,
//! `cities.yaml`, `topics.yaml`, `site.yaml`. Files the input does not reach keep the
//! demo's text (or do not exist).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shanshui::pipeline::{load_site, BuildOptions};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const SLOTS: [&str; 6] = [
    "articles/fuzz.zh.md",
    "articles/fuzz.en.md",
    "indicators/fuzz.yaml",
    "cities.yaml",
    "topics.yaml",
    "site.yaml",
];

struct Portal {
    root: PathBuf,
    /// The demo's text of each slot (`None`: the file is new).
    originals: Vec<Option<Vec<u8>>>,
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn portal() -> &'static Portal {
    static PORTAL: OnceLock<Portal> = OnceLock::new();
    PORTAL.get_or_init(|| {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/demo");
        // One folder per process, so parallel jobs do not share files.
        let root = std::env::temp_dir().join(format!("shanshui-fuzz-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        copy_dir(&fixture, &root);
        let content = root.join("content");
        let originals = SLOTS
            .iter()
            .map(|s| fs::read(content.join(s)).ok())
            .collect();
        Portal { root, originals }
    })
}

fuzz_target!(|data: &[u8]| {
    let portal = portal();
    let content = portal.root.join("content");
    let mut parts = data.split(|&b| b == 0xFF);
    for (slot, original) in SLOTS.iter().zip(&portal.originals) {
        let path = content.join(slot);
        match (parts.next(), original) {
            (Some(bytes), _) => fs::write(&path, bytes).expect("write"),
            (None, Some(text)) => fs::write(&path, text).expect("restore"),
            (None, None) => {
                let _ = fs::remove_file(&path);
            }
        }
    }
    match load_site(&BuildOptions::new(&portal.root)) {
        Ok((_site, warnings)) => assert!(!warnings.has_errors()),
        Err(diags) => {
            assert!(diags.has_errors(), "a failed load must say why");
            // Printing the diagnostics must not panic either.
            let _ = diags.to_string();
            // Every line named is a line of its file.
            for d in diags.0.iter().filter(|d| d.line > 0) {
                if let Ok(bytes) = fs::read(&d.path) {
                    // Line ends as the loader counts them: \r\n, \n or a lone \r.
                    let lone_cr = bytes
                        .iter()
                        .enumerate()
                        .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
                        .count();
                    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + lone_cr + 1;
                    assert!(
                        d.line <= lines,
                        "line {} of a {lines}-line file: {d}",
                        d.line
                    );
                }
            }
        }
    }
});
