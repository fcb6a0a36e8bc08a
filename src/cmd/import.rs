//! `shanshui import <file or folder>...`: raw text, saved web pages, Word files and PDFs
//! → draft articles, with a summary of each draft for the editor.

use crate::cli::ImportArgs;
use crate::date::PartialDate;
pub(crate) use crate::import::files::read_yaml;
use crate::import::files::{load_registry, write_checked};
use crate::import::input;
use crate::import::text::width;
use crate::import::{self, Draft, ImportOptions, Registry};
use std::path::Path;

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
    let files = match input::expand(&args.files) {
        Ok(f) => f,
        Err(message) => {
            crate::eprintln_escaped!("错误 / error: {message}");
            return false;
        }
    };
    let (mut written, mut failed) = (0, 0);
    for file in &files {
        let read = match input::read(file) {
            Ok(read) => read,
            Err(message) => {
                crate::eprintln_escaped!("错误 / error: {}: {message}", file.display());
                failed += 1;
                continue;
            }
        };
        let opts = ImportOptions {
            date,
            source_file: file_name(file),
            title: read.title,
            keep_traditional: args.keep_traditional,
            read_notes: read.notes,
            publication: read.publication,
        };
        crate::println_escaped!("{}: 读作 / read as {}", file.display(), read.read_as);
        let drafts = import::convert(&read.text, &registry, &opts);
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
    failed == 0
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
    row("数字 / figures", &draft.facts.len().to_string());
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
