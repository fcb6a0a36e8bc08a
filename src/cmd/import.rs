//! `shanshui import <file or folder>...`: raw text, saved web pages, Word files and PDFs
//! → draft articles, with a summary of each draft for the editor.

use super::{error, hint};
use crate::cli::{ImportArgs, TableArgs};
use crate::date::PartialDate;
pub(crate) use crate::import::files::read_yaml;
use crate::import::files::{load_registry, write_checked};
use crate::import::text::width;
use crate::import::{self, Draft, ImportOptions, Registry};
use crate::import::{input, record, table};
use crate::messages;
use std::fmt::Display;
use std::path::{Path, PathBuf};

/// Imports every file; returns false (exit 1) if any file could not be read or any
/// draft could not be written.
pub fn run(root: &Path, args: ImportArgs) -> bool {
    let date = match args.date.as_deref().map(PartialDate::parse) {
        Some(Err(why)) => {
            let date = args.date.unwrap_or_default();
            error(&messages::IMPORT_BAD_DATE.say(&[("date", &date), ("why", &why)]));
            hint(&messages::IMPORT_DATE_HINT.say(&[]));
            return false;
        }
        Some(Ok(d)) => Some(d),
        None => None,
    };
    let content = root.join("content");
    let registry = match load_registry(&content) {
        Ok(r) => r,
        Err(diags) => {
            crate::eprint_escaped!("{diags}");
            crate::eprintln_escaped!("{}", messages::IMPORT_NO_REGISTRY.say(&[]));
            return false;
        }
    };
    let out = args.out.unwrap_or_else(|| content.join("articles"));
    let recorded = import::recorded::Recorded::load(root);
    let files = match input::expand(&args.files) {
        Ok(f) => f,
        Err(message) => {
            error(&message);
            return false;
        }
    };
    let (tables, files): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .partition(|f| args.table.table.is_some() || table::is_table_file(&file_name(f)));
    let mut tables_ok = true;
    for file in &tables {
        tables_ok &= import_table(&content, file, &args.table);
    }
    if files.is_empty() {
        return tables_ok;
    }
    let (mut written, mut failed) = (0, 0);
    for file in &files {
        let opts = ImportOptions {
            date,
            source_file: file_name(file),
            keep_traditional: args.keep_traditional,
            ..ImportOptions::default()
        };
        let budget = std::time::Duration::from_secs(input::limits::SECONDS);
        let mut drafts = match import::read_and_convert(file, &registry, &opts, budget) {
            Ok(imported) => {
                let said = messages::IMPORT_READ_AS
                    .say(&[("file", &file.display()), ("how", &imported.read_as)]);
                crate::println_escaped!("{said}");
                imported.drafts
            }
            Err(message) => {
                error(&file_problem(&file.display(), &message));
                failed += 1;
                continue;
            }
        };
        import::recorded::annotate(&mut drafts, &recorded);
        if drafts.is_empty() {
            error(&messages::IMPORT_NO_TEXT.say(&[("file", &file.display())]));
            failed += 1;
            continue;
        }
        let said =
            messages::IMPORT_DRAFTS.say(&[("file", &file.display()), ("count", &drafts.len())]);
        crate::println_escaped!("{said}\n");
        for draft in &drafts {
            match write_checked(draft, &out) {
                Ok(path) => {
                    written += 1;
                    crate::print_escaped!("{}", summary(draft, &path, &registry));
                }
                Err(message) => {
                    failed += 1;
                    error(&file_problem(&draft.slug, &message));
                }
            }
        }
    }
    let mut done = messages::IMPORT_DONE.say(&[("written", &written)]);
    if failed > 0 {
        done += &messages::IMPORT_DONE_ERRORS.say(&[("failed", &failed)]);
    }
    crate::println_escaped!("{done}");
    if written > 0 {
        crate::println_escaped!("{}", messages::IMPORT_NEXT.say(&[]));
    }
    failed == 0 && tables_ok
}

/// Imports the figures of one table into an indicator's file: shows the lines it would
/// add, and writes them only with `--write` and only when `check` finds nothing wrong
/// with them (a figure already recorded, another value for it, an unknown place).
fn import_table(content: &Path, file: &Path, args: &TableArgs) -> bool {
    let fail = |lines: &[String]| {
        for l in lines {
            error(&file_problem(&file.display(), l));
        }
        false
    };
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    if size > input::limits::FILE_BYTES {
        let megabytes = input::limits::FILE_BYTES >> 20;
        return fail(&[messages::IMPORT_TOO_LARGE.say(&[("megabytes", &megabytes)])]);
    }
    let tables = match std::fs::read(file)
        .map_err(|e| messages::IMPORT_CANNOT_READ.say(&[("why", &e)]))
        .and_then(|bytes| table::read(&ext, &bytes, input::Budget::standard()))
    {
        Ok(t) => t,
        Err(e) => return fail(&[e]),
    };
    let (raw, _) = crate::load::load(content);
    let request = record::Request {
        indicator: args.indicator.clone(),
        period: args.period.clone(),
        scope: args.scope.clone(),
        basis: args.basis.clone(),
        unit: args.unit.clone(),
        source: args.source.clone(),
        column: args.column.clone(),
        table: args.table,
    };
    let plan = match record::plan(&tables, &raw, &request) {
        Ok(p) => p,
        Err(errors) => return fail(&errors),
    };
    let said = messages::IMPORT_TABLE_PLAN.say(&[
        ("file", &file.display()),
        ("indicator", &plan.indicator),
        ("indicator_zh", &plan.indicator_zh),
        ("period", &plan.period),
        ("scope", &plan.scope),
        ("source", &plan.source),
    ]);
    crate::println_escaped!("{said}");
    for note in &plan.notes {
        crate::println_escaped!("  - {note}");
    }
    if !plan.source_known {
        error(&messages::IMPORT_UNKNOWN_SOURCE.say(&[
            ("file", &file.display()),
            ("source", &plan.source),
            ("entry", &draft_source(&plan.source, &tables)),
        ]));
        return false;
    }
    let problems = record::problems(&plan, &raw);
    if !problems.is_empty() {
        let first_new = plan.before.lines().count() + 1;
        error(
            &messages::IMPORT_TABLE_CONFLICT
                .say(&[("file", &file.display()), ("line", &first_new)]),
        );
        for d in &problems {
            crate::eprintln_escaped!("{d}");
        }
        return false;
    }
    let change = if args.write {
        messages::IMPORT_TABLE_WRITTEN
    } else {
        messages::IMPORT_TABLE_WOULD_ADD
    };
    let said = change.say(&[("count", &plan.rows.len()), ("path", &plan.path.display())]);
    crate::println_escaped!("{said}");
    for row in &plan.rows {
        crate::println_escaped!("+ {}    # {}", row.line, row.printed);
    }
    if !args.write {
        crate::println_escaped!("{}", messages::IMPORT_DRY_RUN.say(&[]));
        return true;
    }
    match record::write(&plan) {
        Ok(()) => true,
        Err(e) => fail(&[e]),
    }
}

/// A `sources.yaml` entry for a publication not yet listed, for the editor to complete.
fn draft_source(id: &str, tables: &[table::Table]) -> String {
    let title = tables.first().map_or("", |t| t.caption.as_str());
    format!(
        "- id: {id}\n  kind: press\n  publisher: {{zh: \"\", en: \"\"}}\n  title: {{zh: \"{}\", en: \"\"}}\n  date: YYYY-MM-DD\n  url: \"\"",
        title.replace('"', "'")
    )
}

/// A problem of one file (or draft), in the editor's language.
fn file_problem(path: &dyn Display, why: &dyn Display) -> String {
    messages::FILE_PROBLEM.say(&[("path", path), ("why", why)])
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// What an editor reads after an import: where the draft went and what to check.
fn summary(draft: &Draft, path: &Path, registry: &Registry) -> String {
    let name = |ids: &[String], zh: &dyn Fn(&str) -> Option<String>| {
        ids.iter()
            .map(|id| match zh(id) {
                Some(n) => format!("{n} {id}"),
                None => id.clone(),
            })
            .collect::<Vec<_>>()
            .join("、")
    };
    let city_zh = |id: &str| {
        registry
            .cities
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.zh.clone())
    };
    let topic_zh = |id: &str| {
        registry
            .topics
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.zh.clone())
    };
    let mut s = messages::IMPORT_WRITTEN.say(&[("path", &path.display())]) + "\n";
    // Labels padded by their printed width (a Chinese character takes two columns).
    let mut row = |label: messages::Message, value: &str| {
        let label = label.say(&[]);
        let pad = " ".repeat(12usize.saturating_sub(width(&label)));
        s.push_str(&format!("  {label}{pad}{value}\n"));
    };
    row(messages::IMPORT_TITLE, &draft.title);
    if let Some(sub) = &draft.subtitle {
        row(messages::IMPORT_SUBTITLE, sub);
    }
    row(
        messages::IMPORT_DATE,
        &draft.date.map(|d| d.to_string()).unwrap_or_default(),
    );
    row(messages::IMPORT_PLACES, &name(&draft.cities, &city_zh));
    row(messages::IMPORT_TOPICS, &name(&draft.topics, &topic_zh));
    if !draft.reporters.is_empty() {
        row(messages::IMPORT_REPORTERS, &draft.reporters.join("、"));
    }
    if !draft.people.is_empty() {
        let people: Vec<&str> = draft.people.iter().map(|p| p.name.as_str()).collect();
        row(messages::IMPORT_PEOPLE, &people.join("、"));
    }
    let chars: usize = draft.text().chars().filter(|c| !c.is_whitespace()).count();
    let paragraphs = draft.paragraphs();
    row(
        messages::IMPORT_PARAGRAPHS,
        &messages::IMPORT_PARAGRAPH_COUNT.say(&[("paragraphs", &paragraphs), ("chars", &chars)]),
    );
    let recorded = draft
        .facts
        .iter()
        .filter(|f| !f.recorded.is_empty())
        .count();
    row(
        messages::IMPORT_FIGURES,
        &messages::IMPORT_FIGURE_COUNT
            .say(&[("figures", &draft.facts.len()), ("recorded", &recorded)]),
    );
    if draft.warnings.is_empty() {
        row(
            messages::IMPORT_TO_CHECK,
            &messages::IMPORT_NOTHING_TO_CHECK.say(&[]),
        );
    } else {
        row(messages::IMPORT_TO_CHECK, &draft.warnings.len().to_string());
        for w in &draft.warnings {
            s.push_str(&format!("    - {w}\n"));
        }
    }
    s.push('\n');
    s
}
