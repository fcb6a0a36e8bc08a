//! `shanshui import <file or folder>...`: raw text, saved web pages, Word files and PDFs
//! → draft articles, with a summary of each draft for the editor.

use crate::cli::{ImportArgs, TableArgs};
use crate::date::PartialDate;
pub(crate) use crate::import::files::read_yaml;
use crate::import::files::{load_registry, write_checked};
use crate::import::text::width;
use crate::import::{self, Draft, ImportOptions, Registry};
use crate::import::{input, record, table};
use std::path::{Path, PathBuf};

/// Imports every file; returns false (exit 1) if any file could not be read or any
/// draft could not be written.
pub fn run(root: &Path, args: ImportArgs) -> bool {
    let date = match args.date.as_deref().map(PartialDate::parse) {
        Some(Err(why)) => {
            crate::eprintln_escaped!(
                "错误 / error: --date {}: {why}",
                args.date.unwrap_or_default()
            );
            crate::eprintln_escaped!(
                "    = hint: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. --date 2025-04"
            );
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
            crate::eprintln_escaped!(
                "导入失败 / import failed: the registries of places and topics could not be read."
            );
            return false;
        }
    };
    let out = args.out.unwrap_or_else(|| content.join("articles"));
    let recorded = import::recorded::Recorded::load(root);
    let files = match input::expand(&args.files) {
        Ok(f) => f,
        Err(message) => {
            crate::eprintln_escaped!("错误 / error: {message}");
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
                crate::println_escaped!("{}: 读作 / read as {}", file.display(), imported.read_as);
                imported.drafts
            }
            Err(message) => {
                crate::eprintln_escaped!("错误 / error: {}: {message}", file.display());
                failed += 1;
                continue;
            }
        };
        import::recorded::annotate(&mut drafts, &recorded);
        if drafts.is_empty() {
            crate::eprintln_escaped!(
                "错误 / error: {}: 没有找到正文，未写入 / no running text found, nothing written",
                file.display()
            );
            failed += 1;
            continue;
        }
        crate::println_escaped!(
            "{} → {} 篇草稿 / {} draft(s)\n",
            file.display(),
            drafts.len(),
            drafts.len()
        );
        for draft in &drafts {
            match write_checked(draft, &out) {
                Ok(path) => {
                    written += 1;
                    crate::print_escaped!("{}", summary(draft, &path, &registry));
                }
                Err(message) => {
                    failed += 1;
                    crate::eprintln_escaped!("错误 / error: {}: {message}", draft.slug);
                }
            }
        }
    }
    crate::println_escaped!(
        "完成 / done: 写入 {written} 篇草稿 / {written} draft(s) written{}",
        if failed > 0 {
            format!(", {failed} 个错误 / {failed} error(s)")
        } else {
            String::new()
        }
    );
    if written > 0 {
        crate::println_escaped!("下一步 / next: 逐篇核对“请检查”各项，再运行 shanshui serve 预览（草稿也会显示） / check each draft's notes, then preview with `shanshui serve` (it shows drafts)");
    }
    failed == 0 && tables_ok
}

/// Imports the figures of one table into an indicator's file: shows the lines it would
/// add, and writes them only with `--write` and only when `check` finds nothing wrong
/// with them (a figure already recorded, another value for it, an unknown place).
fn import_table(content: &Path, file: &Path, args: &TableArgs) -> bool {
    let fail = |lines: &[String]| {
        for l in lines {
            crate::eprintln_escaped!("错误 / error: {}: {l}", file.display());
        }
        false
    };
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    if size > input::limits::FILE_BYTES {
        return fail(&[format!(
            "文件太大 / the file is larger than {} MB",
            input::limits::FILE_BYTES >> 20
        )]);
    }
    let tables = match std::fs::read(file)
        .map_err(|e| format!("cannot read the file: {e}"))
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
    crate::println_escaped!(
        "{}: 表格 / table → {} {}\n  时期 / period {}, 范围 / scope {}, 来源 / source {}",
        file.display(),
        plan.indicator,
        plan.indicator_zh,
        plan.period,
        plan.scope,
        plan.source
    );
    for note in &plan.notes {
        crate::println_escaped!("  - {note}");
    }
    if !plan.source_known {
        crate::eprintln_escaped!(
            "错误 / error: {}: 来源 {} 还不存在；请先把下面的条目补全后加入 content/sources.yaml / the source {} does not exist yet: complete this entry and add it to content/sources.yaml first:\n{}",
            file.display(),
            plan.source,
            plan.source,
            draft_source(&plan.source, &tables)
        );
        return false;
    }
    let problems = record::problems(&plan, &raw);
    if !problems.is_empty() {
        let first_new = plan.before.lines().count() + 1;
        crate::eprintln_escaped!(
            "错误 / error: {}: 与已记录的数字重复或冲突，未写入；第{first_new}行起是导入将添加的行 / already recorded or in conflict with what is recorded, nothing written; the lines from {first_new} on are those the import would add:",
            file.display()
        );
        for d in &problems {
            crate::eprintln_escaped!("{d}");
        }
        return false;
    }
    crate::println_escaped!(
        "{} {} 行 / {} line(s) {} {}:",
        if args.write { "写入" } else { "将写入" },
        plan.rows.len(),
        plan.rows.len(),
        if args.write {
            "written to"
        } else {
            "would be added to"
        },
        plan.path.display()
    );
    for row in &plan.rows {
        crate::println_escaped!("+ {}    # {}", row.line, row.printed);
    }
    if !args.write {
        crate::println_escaped!(
            "试运行，未写入 / dry run, nothing written: add --write to write these lines"
        );
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
    let mut s = format!("已写入 / written: {}\n", path.display());
    // Labels padded by their printed width (a Chinese character takes two columns).
    let mut row = |label: &str, value: &str| {
        let pad = " ".repeat(22usize.saturating_sub(width(label)));
        s.push_str(&format!("  {label}{pad}{value}\n"));
    };
    row("标题 / title", &draft.title);
    if let Some(sub) = &draft.subtitle {
        row("副标题 / subtitle", sub);
    }
    row(
        "日期 / date",
        &draft.date.map(|d| d.to_string()).unwrap_or_default(),
    );
    row("地点 / places", &name(&draft.cities, &city_zh));
    row("主题 / topics", &name(&draft.topics, &topic_zh));
    if !draft.reporters.is_empty() {
        row("记者 / reporters", &draft.reporters.join("、"));
    }
    if !draft.people.is_empty() {
        let people: Vec<&str> = draft.people.iter().map(|p| p.name.as_str()).collect();
        row("人物 / people", &people.join("、"));
    }
    let chars: usize = draft.text().chars().filter(|c| !c.is_whitespace()).count();
    row(
        "段落 / paragraphs",
        &format!("{}（{chars} 字 / characters）", draft.paragraphs()),
    );
    let recorded = draft
        .facts
        .iter()
        .filter(|f| !f.recorded.is_empty())
        .count();
    row(
        "数字 / figures",
        &format!(
            "{}（{recorded} 个已记录，见草稿注释 / {recorded} already recorded, see the draft's notes）",
            draft.facts.len()
        ),
    );
    if draft.warnings.is_empty() {
        row("请检查 / check", "无 / nothing");
    } else {
        row("请检查 / check", &draft.warnings.len().to_string());
        for w in &draft.warnings {
            s.push_str(&format!("    - {w}\n"));
        }
    }
    s.push('\n');
    s
}
