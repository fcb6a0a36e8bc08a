//! The search index: Pagefind run as a library over the rendered pages, one index per
//! language (it reads `<html lang>`), with Chinese word segmentation.

use crate::render::{OutputFile, PageInfo};
use anyhow::{anyhow, Context, Result};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::BTreeMap;

/// Folder of the index and of Pagefind's UI files in the output.
pub const SEARCH_DIR: &str = "pagefind";

/// Indexes the searchable pages among `files` and returns Pagefind's files.
/// `base_path` is the site's path (`/` or `/portal/`), so result links work under it.
pub fn search_index(
    files: &[OutputFile],
    pages: &[PageInfo],
    base_path: &str,
) -> Result<Vec<OutputFile>> {
    let by_path: BTreeMap<&str, &OutputFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut inputs = Vec::new();
    for page in pages.iter().filter(|p| p.searchable) {
        let file = by_path
            .get(page.path.as_str())
            .ok_or_else(|| anyhow!("page {} was not rendered", page.path))?;
        let html = String::from_utf8(file.bytes.clone()).context("a page is not UTF-8")?;
        let url = format!("{base_path}{}", page.path.trim_end_matches("index.html"));
        inputs.push((url, html));
    }
    // Pagefind is async on tokio: it gets a runtime of its own for this one job.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the search indexer")?;
    let synthetic = runtime.block_on(async move {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(false)
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| anyhow!("{e}"))?;
        for (url, html) in inputs {
            index
                .add_html_file(None, Some(url.clone()), html)
                .await
                .map_err(|e| anyhow!("cannot index {url}: {e}"))?;
        }
        index
            .get_files()
            .await
            .map_err(|e| anyhow!("cannot build the search index: {e}"))
    })?;
    let mut out: Vec<OutputFile> = synthetic
        .into_iter()
        .map(|f| OutputFile {
            path: format!(
                "{SEARCH_DIR}/{}",
                f.filename.to_string_lossy().replace('\\', "/")
            ),
            bytes: f.contents,
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}
