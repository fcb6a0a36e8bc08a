//! A draft as a file: front matter in the content format, the import notes as YAML
//! comments at the end of the front matter (YAML ignores them, the page never shows
//! them), and the body as Markdown. Also the slug.

use super::input::BOLD;
use super::{Body, Draft};
use crate::editorial::notes_heading;
use pinyin::ToPinyin;
use std::fmt::Write;

/// A YAML scalar for `s`: plain when that is unambiguous, else double-quoted (JSON's
/// string escapes are valid YAML).
pub fn yaml_str(s: &str) -> String {
    let risky_start =
        s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`~ ".contains(c) || c.is_ascii_digit());
    let risky_inside = s.contains(": ")
        || s.contains(" #")
        || s.contains(['\n', '\t', '"', '\\', '{', '}', '[', ']', ','])
        || s.ends_with([':', ' '])
        || s.chars().any(char::is_control);
    let reserved = matches!(
        s.to_ascii_lowercase().as_str(),
        "" | "null" | "~" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    );
    if risky_start || risky_inside || reserved {
        serde_json::to_string(s).unwrap_or_else(|_| format!("\"{}\"", s.escape_default()))
    } else {
        s.to_owned()
    }
}

/// A flow list of YAML scalars: `[a, "b: c"]`.
pub fn yaml_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| yaml_str(s)).collect();
    format!("[{}]", items.join(", "))
}

/// Escapes what Markdown would read as markup in running text, so the page shows the
/// text as printed.
pub fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == BOLD {
            out.push_str("**");
            continue;
        }
        if "\\`*_[]<>|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    // A paragraph that starts like a list item, heading or quote stays a paragraph.
    let starts_block = out.starts_with(['#', '-', '+', '=']) || {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && out[digits..].starts_with(['.', ')'])
    };
    if starts_block {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        out.insert(digits, '\\');
    }
    out
}

impl Draft {
    /// The file's text: front matter, import notes as YAML comments, Markdown body.
    pub fn to_markdown(&self) -> String {
        let mut s = String::from("---\n");
        let _ = writeln!(s, "title: {}", yaml_str(&self.title));
        if let Some(sub) = &self.subtitle {
            let _ = writeln!(s, "subtitle: {}", yaml_str(sub));
        }
        let date = self.date.map(|d| d.to_string()).unwrap_or_default();
        let _ = writeln!(s, "date: {}", yaml_str(&date));
        let _ = writeln!(s, "cities: {}", yaml_list(&self.cities));
        let _ = writeln!(s, "topics: {}", yaml_list(&self.topics));
        if self.publication.is_some() || self.page_title.is_some() {
            s.push_str("source:\n");
            if let Some(p) = &self.publication {
                let _ = writeln!(s, "  publication: {}", yaml_str(p));
            }
            if let Some(p) = &self.page_title {
                let _ = writeln!(s, "  page_title: {}", yaml_str(p));
            }
        }
        let _ = writeln!(s, "reporters: {}", yaml_list(&self.reporters));
        if self.people.is_empty() {
            s.push_str("people: []\n");
        } else {
            s.push_str("people:\n");
            for p in &self.people {
                let _ = writeln!(
                    s,
                    "  - {{name: {}, role: {}}}",
                    yaml_str(&p.name),
                    yaml_str(&p.role)
                );
            }
        }
        if let Some(summary) = &self.summary {
            let _ = writeln!(s, "summary: {}", yaml_str(summary));
        }
        s.push_str("draft: true\n");
        s.push_str(&self.notes_as_comments());
        s.push_str("---\n");
        for item in &self.body {
            s.push('\n');
            match item {
                Body::Heading(h) => {
                    let _ = writeln!(s, "## {}", markdown_text(h));
                }
                Body::Para(p, _) | Body::Byline(p) => {
                    let _ = writeln!(s, "{}", markdown_text(p));
                }
                Body::Table(t) => {
                    let _ = writeln!(s, "{t}");
                }
            }
        }
        s
    }

    /// The import notes: where the text came from, the facts found and what to check.
    fn notes_as_comments(&self) -> String {
        let mut s = String::new();
        let line = |s: &mut String, text: &str| {
            // One comment line per line of text, so nothing escapes the comment.
            for l in text.lines() {
                let _ = writeln!(s, "# {l}");
            }
        };
        s.push_str(&notes_heading(
            "（以 # 开头的行不会显示）/ import notes (lines starting with # are not shown) ──\n",
        ));
        line(
            &mut s,
            &format!(
                "原文 / source text: {}, 第{}–{}行 / lines {}–{}",
                self.source_file, self.lines.0, self.lines.1, self.lines.0, self.lines.1
            ),
        );
        if !self.facts.is_empty() {
            line(
                &mut s,
                "数字线索（可做成指标观测值）/ figures found (candidates for indicator observations):",
            );
            for f in &self.facts {
                line(
                    &mut s,
                    &format!("  - {}{} | {}", f.value, f.unit, f.sentence),
                );
                for r in &f.recorded {
                    line(&mut s, &format!("    {r}"));
                }
            }
        }
        if !self.warnings.is_empty() {
            line(&mut s, "请检查 / please check:");
            for w in &self.warnings {
                line(&mut s, &format!("  - {w}"));
            }
        }
        line(
            &mut s,
            "定稿时删去这些注释并把 draft 改为 false / when done, delete these notes and set draft: false",
        );
        s
    }
}

/// The slug: date, main place and the pinyin of the title's first four Chinese
/// characters, e.g. `2025-03-26-jinzhong-yangchenzhili`. ASCII `[a-z0-9-]` only.
pub fn slug(date: &str, city: &str, title: &str) -> String {
    let mut words: Vec<String> = vec![date.to_owned(), city.to_owned()];
    let syllables: String = title
        .to_pinyin()
        .flatten()
        .take(4)
        .map(|p| p.plain().replace('ü', "v"))
        .collect();
    words.push(syllables);
    let joined = words.join("-");
    let mut slug = String::new();
    for c in joined.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        "draft".to_owned()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::raw::RawFrontMatter;
    use crate::load::{frontmatter, parse_yaml};
    use crate::model::is_valid_id;
    use std::path::Path;

    #[test]
    fn risky_yaml_text_is_quoted_and_reads_back_the_same() {
        for s in [
            "太原：一城绿韵织锦绣",
            "key: value",
            "2025",
            "yes",
            "- list",
            "# not a comment",
            "他说\"好\"",
            "[a, b]",
            "a, b",
            "",
        ] {
            let yaml = format!("title: {}\n", yaml_str(s));
            let parsed: RawFrontMatter = serde_yaml::from_str(&yaml).unwrap();
            assert_eq!(parsed.title.as_deref(), Some(s), "{yaml}");
        }
        assert_eq!(
            yaml_str("扬尘治理再加码 力保空气质量再提升"),
            "扬尘治理再加码 力保空气质量再提升"
        );
    }

    #[test]
    fn markdown_markup_in_text_is_escaped() {
        assert_eq!(markdown_text("a*b*_c_"), "a\\*b\\*\\_c\\_");
        assert_eq!(markdown_text("1. 第一"), "1\\. 第一");
        assert_eq!(markdown_text("# 话题"), "\\# 话题");
        assert_eq!(markdown_text("1年单项优秀。"), "1年单项优秀。");
        assert_eq!(
            markdown_text("今年，\u{E000}太原\u{E000}*好*"),
            "今年，**太原**\\*好\\*"
        );
    }

    #[test]
    fn slugs_are_ascii_ids() {
        let s = slug(
            "2025-03-26",
            "jinzhong",
            "扬尘治理再加码 力保空气质量再提升",
        );
        assert_eq!(s, "2025-03-26-jinzhong-yangchenzhili");
        assert!(is_valid_id(&s));
        assert!(is_valid_id(&slug("2025", "lvliang", "绿色“低碳”")));
        assert!(is_valid_id(&slug("2025", "taiyuan", "Ab Cd!")));
        assert!(is_valid_id(&slug("", "", "")));
    }

    #[test]
    fn a_draft_with_hostile_text_loads_with_the_projects_loader() {
        let draft = Draft {
            slug: "x".into(),
            title: "标题: 带冒号 # 和井号".into(),
            subtitle: Some("- 破折号开头".into()),
            date: crate::model::PartialDate::parse("2025-03").ok(),
            cities: vec!["jinzhong".into()],
            topics: vec!["air".into()],
            publication: Some("科学导报".into()),
            page_title: None,
            reporters: vec!["王梅".into()],
            people: vec![super::super::Person {
                name: "裴国欣".into(),
                role: "科长, 主任: 兼".into(),
            }],
            summary: Some("“引号”开头：摘要".into()),
            body: vec![
                Body::Heading("小标题".into()),
                Body::Para("正文 --- 内容".into(), 3),
            ],
            facts: vec![super::super::Fact {
                value: "66.9".into(),
                unit: "%".into(),
                sentence: "比例为66.9%\n---\n".into(),
                at: 3,
                recorded: vec![
                    "已记录 / recorded: good-days-ratio.yaml, jinzhong 2024 = 66.9".into(),
                ],
            }],
            warnings: vec!["第3行: 多行\n---".into()],
            source_file: "raw.txt".into(),
            lines: (1, 9),
        };
        let text = draft.to_markdown();
        let split = frontmatter::split(&text).unwrap();
        let fm: RawFrontMatter = parse_yaml(Path::new("x.zh.md"), split.yaml, 2)
            .unwrap()
            .value;
        assert_eq!(fm.title.as_deref(), Some("标题: 带冒号 # 和井号"));
        assert_eq!(fm.subtitle.as_deref(), Some("- 破折号开头"));
        assert_eq!(fm.date.map(|d| d.to_string()).as_deref(), Some("2025-03"));
        assert_eq!(fm.people[0].role.as_deref(), Some("科长, 主任: 兼"));
        assert!(fm.draft);
        assert!(split.body.contains("## 小标题"));
        assert!(split.yaml.contains("# 数字线索"));
        assert!(split
            .yaml
            .contains("#     已记录 / recorded: good-days-ratio.yaml"));
    }
}
