//! The UI strings of content/i18n/: the same keys in both languages, and the keys the
//! code and templates use.

use super::*;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::RawContent;
use crate::messages as M;
use std::collections::BTreeMap;

pub(super) fn validate_strings(
    raw: &RawContent,
    opts: &ModelOptions,
    diags: &mut Diagnostics,
) -> BTreeMap<Lang, BTreeMap<String, String>> {
    let mut strings = BTreeMap::new();
    let (Some(zh), Some(en)) = (raw.strings.get(&Lang::Zh), raw.strings.get(&Lang::En)) else {
        return strings;
    };
    for (this, other, other_lang) in [(zh, en, Lang::En), (en, zh, Lang::Zh)] {
        for key in this.value.keys().filter(|k| !other.value.contains_key(*k)) {
            diags.push(
                this.error_at(
                    this.line_of_key(key),
                    M::UI_STRING_MISSING_FROM.both(&[("key", key), ("lang", &other_lang.code())]),
                )
                .hint(M::UI_STRING_SAME_KEYS.both(&[])),
            );
        }
    }
    if let Some(used) = &opts.ui_keys {
        for (file, other) in [(zh, en), (en, zh)] {
            // A key that one file lacks is reported above, at the other file's line.
            for key in used
                .iter()
                .filter(|k| !file.value.contains_key(*k) && !other.value.contains_key(*k))
            {
                diags.push(
                    Diagnostic::error(&file.path, 0, M::UI_STRING_MISSING.both(&[("key", key)]))
                        .hint(M::UI_STRING_MISSING_HINT.both(&[("key", key)])),
                );
            }
            // Keys starting with `scope_` name a scope of the indicators (`scope_urban`);
            // those starting with `desk_` are the words of serve's editor's desk, not of
            // the built site.
            for key in file.value.keys().filter(|k| {
                !used.contains(*k) && !k.starts_with("scope_") && !k.starts_with("desk_")
            }) {
                diags.push(
                    file.error_at(
                        file.line_of_key(key),
                        M::UI_STRING_UNUSED.both(&[("key", key)]),
                    )
                    .hint(M::UI_STRING_UNUSED_HINT.both(&[])),
                );
            }
        }
    }
    strings.insert(Lang::Zh, zh.value.clone());
    strings.insert(Lang::En, en.value.clone());
    strings
}
