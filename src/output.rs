//! What every stage after the model hands on: files of the output folder, in memory,
//! and the static files carried in the binary.

/// One output file, path relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Default static files, by path under `static/`.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../static/style.css")),
    ("search.js", include_bytes!("../static/search.js")),
    ("favicon.svg", include_bytes!("../static/favicon.svg")),
];
