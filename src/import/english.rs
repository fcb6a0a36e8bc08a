//! The English file of a Chinese article, for a translator: its front matter without
//! its comments and as a draft, the figures and places of its text listed with the
//! English names the portal uses, and the Chinese body to translate. Written by
//! `translate` and offered by the editor's desk when an article has no English yet.

use super::{tag, Registry};
use crate::load::frontmatter;
use crate::load::raw::RawCity;
use std::fmt::Write as _;

/// The English file for the Chinese article `zh_text`: its front matter without its
/// comments and as a draft, the figures and places for the translator, and the Chinese
/// body to translate.
pub fn scaffold(zh_text: &str, cities: &[RawCity], registry: &Registry) -> Result<String, String> {
    let split = frontmatter::split(zh_text).map_err(|e| format!("no front matter: {e:?}"))?;
    let mut s = String::from("---\n");
    for line in split.yaml.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') || line.starts_with("draft:") {
            continue;
        }
        // Comments after values are the Chinese template's; they go too.
        let line = match line.find(" #") {
            Some(at) if !line[..at].contains('"') => line[..at].trim_end(),
            _ => line,
        };
        s.push_str(line);
        s.push('\n');
    }
    s.push_str("draft: true\n");
    let body = split.body;
    s.push_str("# 译者须知 / for the translator: translate title, subtitle, summary, people's roles (names in pinyin) and every paragraph below; keep the figures as they are\n");
    let facts = tag::facts(body);
    if !facts.is_empty() {
        s.push_str("# 数字 / figures:\n");
        for f in &facts {
            let _ = writeln!(s, "#   - {}{}", f.value, f.unit);
        }
    }
    let places = tag::cities(body, registry);
    if !places.is_empty() {
        s.push_str("# 地名 / places (the portal's English names):\n");
        for (id, _) in &places {
            if let Some(c) = cities.iter().find(|c| &c.id == id) {
                let _ = writeln!(s, "#   - {} → {} ({id})", c.zh, c.en);
            }
        }
    }
    s.push_str("---\n");
    s.push_str(body);
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_scaffold_carries_the_front_matter_and_lists_figures_and_places() {
        let cities = vec![RawCity {
            id: "taiyuan".into(),
            zh: "太原市".into(),
            en: "Taiyuan".into(),
            level: "prefecture".into(),
            parent: None,
            aliases: vec!["太原".into()],
            lat: None,
            lon: None,
        }];
        let registry = Registry::new(&cities, &[]);
        let zh = "---\ntitle: 太原空气改善   # 标题\ndate: 2025-03\ncities: [taiyuan]\ntopics: [air]\ndraft: false\n# ── 导入说明 ──\n---\n\n2025年，太原市优良天数比例为66.9%。\n";
        let en = scaffold(zh, &cities, &registry).unwrap();
        assert!(en.starts_with("---\ntitle: 太原空气改善\ndate: 2025-03\ncities: [taiyuan]\ntopics: [air]\ndraft: true\n"), "{en}");
        assert!(en.contains("#   - 66.9%"));
        assert!(en.contains("#   - 太原市 → Taiyuan (taiyuan)"));
        assert!(en.ends_with("---\n\n2025年，太原市优良天数比例为66.9%。\n"));
        assert!(!en.contains("导入说明"));
        assert!(scaffold("no front matter", &cities, &registry).is_err());
    }
}
