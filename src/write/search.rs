//! The search index: Pagefind run as a library over the rendered pages, one index per
//! language (it reads `<html lang>`), with Chinese word segmentation.
//!
//! Pagefind indexes one page at a time behind a lock, so the two languages are indexed
//! by two indexers in parallel and their outputs merged: each language's files are its
//! own, the UI files are the same, and `pagefind-entry.json` lists both languages.

use crate::model::Lang;
use crate::output::OutputFile;
use crate::render::PageInfo;
use anyhow::{anyhow, bail, Context, Result};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::BTreeMap;

/// Folder of the index and of Pagefind's UI files in the output.
pub const SEARCH_DIR: &str = "pagefind";
const ENTRY: &str = "pagefind-entry.json";

/// Indexes the searchable pages among `files` and returns Pagefind's files.
/// `base_path` is the site's path (`/` or `/portal/`), so result links work under it.
pub fn search_index(
    files: &[OutputFile],
    pages: &[PageInfo],
    base_path: &str,
) -> Result<Vec<OutputFile>> {
    let by_path: BTreeMap<&str, &OutputFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    // Pages by language: English pages live under en/, Chinese ones at the root.
    let mut groups: [Vec<(String, String)>; 2] = [Vec::new(), Vec::new()];
    for page in pages.iter().filter(|p| p.searchable) {
        let file = by_path
            .get(page.path.as_str())
            .ok_or_else(|| anyhow!("page {} was not rendered", page.path))?;
        let html = String::from_utf8(file.bytes.clone()).context("a page is not UTF-8")?;
        let url = format!("{base_path}{}", page.path.trim_end_matches("index.html"));
        groups[usize::from(page.lang == Lang::En)].push((url, html));
    }
    let outputs: Vec<Result<Vec<OutputFile>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = groups
            .into_iter()
            .filter(|inputs| !inputs.is_empty())
            .map(|inputs| scope.spawn(move || index_pages(inputs)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow!("the search indexer crashed")))
            })
            .collect()
    });
    let mut merged: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut entries = Vec::new();
    for output in outputs {
        for file in output? {
            if file.path.ends_with(ENTRY) {
                entries.push(file.bytes);
            } else {
                merged.entry(file.path).or_insert(file.bytes);
            }
        }
    }
    merged.insert(format!("{SEARCH_DIR}/{ENTRY}"), merge_entries(&entries)?);
    Ok(merged
        .into_iter()
        .map(|(path, bytes)| OutputFile { path, bytes })
        .collect())
}

/// One Pagefind index over `inputs` (URL, HTML), in a tokio runtime of its own.
fn index_pages(inputs: Vec<(String, String)>) -> Result<Vec<OutputFile>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the search indexer")?;
    let files = runtime.block_on(async move {
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
    Ok(files
        .into_iter()
        .map(|f| OutputFile {
            path: format!(
                "{SEARCH_DIR}/{}",
                f.filename.to_string_lossy().replace('\\', "/")
            ),
            bytes: f.contents,
        })
        .collect())
}

/// One `pagefind-entry.json` listing the languages of all the indexers.
fn merge_entries(entries: &[Vec<u8>]) -> Result<Vec<u8>> {
    let mut merged: Option<serde_json::Value> = None;
    for bytes in entries {
        let entry: serde_json::Value =
            serde_json::from_slice(bytes).context("Pagefind wrote an unreadable entry file")?;
        match merged.as_mut() {
            None => merged = Some(entry),
            Some(all) => {
                let (Some(into), Some(from)) = (
                    all["languages"].as_object_mut(),
                    entry["languages"].as_object(),
                ) else {
                    bail!("Pagefind's entry file has no languages");
                };
                into.extend(from.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
    }
    let merged = merged.ok_or_else(|| anyhow!("the search index is empty"))?;
    serde_json::to_vec(&merged).context("cannot write the search entry file")
}
