//! The publishing gate, placed: an article set to publish that still holds what import
//! left for the editor (its notes, the placeholder title, or in English mostly Chinese
//! text) is an error at the line it is about. Part of validation, so `build`, `check`
//! and `serve` all refuse it. A draft may hold them.

use crate::diag::Diagnostics;
use crate::editorial::{self, GateProblem};
use crate::load::RawArticleFile;
use std::collections::BTreeSet;

/// `drafts` are the slugs of the valid articles marked draft: a translation inherits the
/// flag of its Chinese original. A file not among them counts by its own `draft` key.
pub(super) fn check(
    articles: &[RawArticleFile],
    drafts: &BTreeSet<String>,
    diags: &mut Diagnostics,
) {
    for file in articles {
        let front = &file.front;
        let draft = front.value.draft || drafts.contains(&file.slug);
        let title = front.value.title.as_deref().unwrap_or_default();
        let problems = editorial::publishing_gate(
            draft,
            file.lang == crate::lang::Lang::En,
            title,
            &front.yaml,
            &file.body,
        );
        for problem in problems {
            let line = match problem {
                GateProblem::ImportNotes => front
                    .yaml
                    .lines()
                    .position(editorial::is_notes_heading)
                    .map_or(front.first_line, |i| i + front.first_line),
                GateProblem::PlaceholderTitle => front.line_of_key("title"),
                GateProblem::MostlyChinese => file.body_line,
            };
            diags.push(
                front
                    .error_at(line, problem.message())
                    .hint(crate::messages::GATE_HINT.both(&[])),
            );
        }
    }
}
