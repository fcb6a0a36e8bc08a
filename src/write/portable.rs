//! The portable copy (`build --portable`): every page's links rewritten by
//! [`Urls::portable`], so the copy opens from a folder or a USB stick over `file://`.

use crate::output::OutputFile;
use crate::route::Urls;
use anyhow::{anyhow, Result};
use lol_html::{element, rewrite_str, RewriteStrSettings};

/// The attributes that hold a link to a file of the site: `data-index` is the search
/// index's folder, `data-other-search` the other language's search page.
const LINK_ATTRIBUTES: [&str; 5] = ["href", "src", "action", "data-index", "data-other-search"];

/// Rewrites the links of `file` in place if it is an HTML file.
pub fn make_portable(file: &mut OutputFile, urls: Urls) -> Result<()> {
    if !file.path.ends_with(".html") {
        return Ok(());
    }
    let html =
        std::str::from_utf8(&file.bytes).map_err(|e| anyhow!("{}: not UTF-8: {e}", file.path))?;
    let rewritten = rewrite_str(
        html,
        RewriteStrSettings::new().append_element_content_handler(element!("*", |el| {
            for name in LINK_ATTRIBUTES {
                let link = el.get_attribute(name);
                if let Some(new) = link.and_then(|l| urls.portable(&l, &file.path)) {
                    el.set_attribute(name, &new)?;
                }
            }
            Ok(())
        })),
    )
    .map_err(|e| anyhow!("{}: cannot rewrite its links: {e}", file.path))?;
    file.bytes = rewritten.into_bytes();
    Ok(())
}
