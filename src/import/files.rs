//! What `import` does with files around the conversion, shared by the command and the
//! editor's desk: the place and topic registries read alone, and a draft checked and
//! written.

use super::{write_draft, Draft, Registry};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::raw::{RawCity, RawFrontMatter, RawTopic};
use crate::load::{frontmatter, parse_yaml, read_text};
use crate::messages;
use std::path::{Path, PathBuf};

/// Reads `cities.yaml` and `topics.yaml` only: the rest of the content need not be valid
/// to import.
pub fn load_registry(content: &Path) -> Result<Registry, Diagnostics> {
    let mut diags = Diagnostics::default();
    let cities = read_yaml::<Vec<RawCity>>(&content.join("cities.yaml"), &mut diags);
    let topics = read_yaml::<Vec<RawTopic>>(&content.join("topics.yaml"), &mut diags);
    match (cities, topics) {
        (Some(c), Some(t)) => Ok(Registry::new(&c, &t)),
        _ => Err(diags),
    }
}

pub fn read_yaml<T: serde::de::DeserializeOwned>(
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<T> {
    let text = read_text(path, diags)?;
    parse_yaml::<T>(path, &text, 1)
        .map(|l| l.value)
        .map_err(|d| diags.push(d))
        .ok()
}

/// Checks that the draft's front matter reads back as the content format, then writes it.
pub fn write_checked(draft: &Draft, out: &Path) -> Result<PathBuf, String> {
    if draft.date.is_none() {
        return Err(messages::IMPORT_NO_DATE_NOT_WRITTEN.say(&[]));
    }
    let text = draft.to_markdown();
    let split = frontmatter::split(&text)
        .map_err(|e| messages::IMPORT_DRAFT_UNPARSABLE.say(&[("why", &format!("{e:?}"))]))?;
    let probe = Path::new("draft.zh.md");
    if let Err(d) = parse_yaml::<RawFrontMatter>(probe, split.yaml, split.yaml_line) {
        let d: Diagnostic = d;
        return Err(messages::IMPORT_DRAFT_UNPARSABLE.say(&[("why", &d)]));
    }
    write_draft(draft, out).map_err(|e| {
        messages::IMPORT_CANNOT_WRITE_INTO.say(&[("folder", &out.display()), ("why", &e)])
    })
}
