//! The publishing gate, placed: an article set to publish that still holds what import
//! left for the editor (its notes, the placeholder title, or in English mostly Chinese
//! text) is an error at the line it is about. Part of validation, so `build`, `check`
//! and `serve` all refuse it. A draft may hold them.

use crate::diag::Diagnostics;
use crate::editorial::{self, GateProblem};
use crate::load::RawArticleFile;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// `drafts` are the slugs of the valid articles marked draft: a translation inherits the
/// flag of its Chinese original. A file not among them counts by its own `draft` key.
pub(super) fn check(
    articles: &[RawArticleFile],
    drafts: &BTreeSet<String>,
    diags: &mut Diagnostics,
) {
    // In parallel (it reads every English article whole), then reported in file order.
    let found: Vec<Vec<GateProblem>> = articles
        .par_iter()
        .map(|file| {
            let front = &file.front;
            editorial::publishing_gate(
                front.value.draft || drafts.contains(&file.slug),
                file.lang == crate::lang::Lang::En,
                front.value.title.as_deref().unwrap_or_default(),
                &front.yaml,
                &file.body,
            )
        })
        .collect();
    for (file, problems) in articles.iter().zip(found) {
        let front = &file.front;
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
