//! Pages of `pages/` that are neither articles nor lists: the About page. Each known
//! page needs both languages; a file of another name has no address and is an error.

use super::*;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::RawPageFile;
use crate::messages as M;

/// The pages the portal has a place for (`route.rs` gives each its address).
const KNOWN: [&str; 1] = ["about"];

/// The About page, if both its files are there and sound.
pub(super) fn validate_about(files: &[RawPageFile], diags: &mut Diagnostics) -> Option<InfoPage> {
    let mut zh = None;
    let mut en = None;
    for file in files {
        let path = &file.front.path;
        if !KNOWN.contains(&file.slug.as_str()) {
            diags.push(
                Diagnostic::error(path, 1, M::UNKNOWN_PAGE.both(&[("page", &file.slug)]))
                    .hint(M::UNKNOWN_PAGE_HINT.both(&[("pages", &KNOWN.join(", "))])),
            );
            continue;
        }
        let slot = match file.lang {
            Lang::Zh => &mut zh,
            Lang::En => &mut en,
        };
        let title = file.front.value.title.trim();
        if title.is_empty() {
            diags.push(
                file.front
                    .error_at(
                        file.front.line_of_key("title"),
                        M::PAGE_TITLE_EMPTY.both(&[]),
                    )
                    .hint(M::PAGE_TITLE_HINT.both(&[])),
            );
            continue;
        }
        *slot = Some(PageText {
            title: title.to_owned(),
            summary: file.front.value.summary.clone(),
            body: file.body.clone(),
            path: path.clone(),
            body_line: file.body_line,
        });
    }
    match (zh, en) {
        (Some(zh), Some(en)) => Some(InfoPage { zh, en }),
        (None, None) => None,
        (Some(one), None) | (None, Some(one)) => {
            diags.push(
                Diagnostic::error(&one.path, 1, M::ABOUT_ONE_LANGUAGE.both(&[]))
                    .hint(M::ABOUT_ONE_LANGUAGE_HINT.both(&[])),
            );
            None
        }
    }
}
