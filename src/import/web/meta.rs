//! The lines of a copied page that say when, where from and by whom: dates, `来源：`,
//! reporters and page headers, read into the article's `Meta`.

use super::*;

/// The labelled fields of a publication line: `发布时间：2022-07-23 09:36:57 来源：中国环境报
/// 作者：张三`. None for a line that is not one.
pub(super) fn meta_line(line: &str) -> Option<Vec<(&'static str, String)>> {
    const LABELS: [&str; 20] = [
        "发布时间",
        "发布日期",
        "发表时间",
        "更新时间",
        "发布于",
        "时间",
        "日期",
        "文章来源",
        "本文来源",
        "信息来源",
        "稿件来源",
        "稿源",
        "来源",
        "出处",
        "作者",
        "本报记者",
        "记者",
        "通讯员",
        "浏览",
        "文",
    ];
    // Running text that holds a label (`本报讯 记者 王梅 近日，…。`) is not one.
    if line.chars().count() > 90 || line.contains('。') || line.matches('，').count() >= 2 {
        return None;
    }
    // A byline in brackets closes an article in print as on the web: the byline reader
    // takes all its names. One naming a source (`（来源：…）`) stays here.
    if is_bracket_byline(line) && !LABELS[..13].iter().any(|l| line.contains(l)) {
        return None;
    }
    // Label positions: a label followed by a colon (or, for the dates, by the date).
    let mut at: Vec<(usize, &'static str, usize)> = Vec::new();
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        let found = LABELS.iter().find_map(|l| {
            let after = rest.strip_prefix(l)?;
            let after_sep = after.trim_start_matches([':', '：', ' ', '\u{3000}', '/', '|', '｜']);
            let sep = after_sep.len() < after.len();
            let boundary =
                i == 0 || line[..i].ends_with([' ', '\u{3000}', '|', '｜', '】', ']', '丨']);
            // `来源：人民日报作者：张三`: a colon marks a label even without a space.
            let colon = after.starts_with([':', '：']) && i > 0;
            ((boundary && (sep || after_sep.starts_with(|c: char| c.is_ascii_digit()))) || colon)
                .then(|| (*l, line.len() - after_sep.len()))
        });
        match found {
            Some((label, value_at)) => {
                at.push((i, label, value_at));
                i = value_at.max(i + 1);
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    let mut fields: Vec<(&'static str, String)> = Vec::new();
    for (k, &(_, label, value_at)) in at.iter().enumerate() {
        let end = at.get(k + 1).map_or(line.len(), |n| n.0);
        let value = line[value_at..end]
            .trim()
            .trim_matches(['|', '｜', '丨', '【', '】', '（', '）', '(', ')'])
            .trim();
        fields.push((label, value.to_owned()));
    }
    let dated = !dates_in(line).is_empty();
    if let Some(paper) = page_header(line).or_else(|| publication_alone(line)) {
        return Some(vec![("来源", paper)]);
    }
    if fields.is_empty() {
        // A date and time alone on a line, maybe with a source: `2022-07-23 09:36 人民网`.
        let chars: Vec<char> = line.chars().collect();
        let date_like = chars
            .iter()
            .filter(|c| c.is_ascii_digit() || "-/:年月日 ".contains(**c))
            .count();
        if dated && date_like * 2 >= chars.len() && !has_prose_punct(line) {
            let rest: String = line
                .split_whitespace()
                .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
                .filter(|w| !["星期", "周", "礼拜"].iter().any(|d| w.starts_with(d)))
                .collect::<Vec<_>>()
                .join(" ");
            let mut f = vec![("时间", line.to_owned())];
            if !rest.is_empty() && rest.chars().count() <= 12 {
                f.push(("来源", rest));
            }
            return Some(f);
        }
        return None;
    }
    let first = at[0].0;
    // A sentence that happens to hold a label (`时间：…` inside text) is not one.
    if first > 0 && has_prose_punct(&line[..first]) {
        return None;
    }
    let useful = fields.iter().any(|(l, v)| {
        !v.is_empty()
            && match *l {
                "来源" | "文章来源" | "本文来源" | "信息来源" | "稿件来源" | "稿源" | "出处" => {
                    v.chars().count() <= 30
                }
                "作者" | "本报记者" | "记者" | "通讯员" | "文" => {
                    leading_names(v).is_some()
                }
                "浏览" => false,
                _ => !dates_in(v).is_empty(),
            }
    });
    useful.then_some(fields)
}

/// `（记者 王芳 通讯员 刘建国）`: a line that is a byline in brackets, not a menu or a
/// publication line.
pub(super) fn is_bracket_byline(line: &str) -> bool {
    let t = line.trim();
    t.starts_with(['（', '('])
        && t.ends_with(['）', ')'])
        && ["记者", "通讯员"].iter().any(|l| t.contains(l))
}

/// Whether `line` is a publication line (`发布时间：2022-07-23 来源：人民网`).
pub fn is_meta_line(line: &str) -> bool {
    meta_line(line).is_some()
}

/// A newspaper page's header: `山西经济日报  第3版  生态` → the paper's name.
pub(super) fn page_header(line: &str) -> Option<String> {
    let mut words = line.split_whitespace();
    let paper = words.next()?;
    let page = words.next()?;
    let paper_like = paper.ends_with(['报', '刊']) && (3..=10).contains(&paper.chars().count());
    let page_like =
        page.starts_with('第') && page.ends_with(['版', '期']) && page.chars().count() <= 6;
    (paper_like && page_like && paper.chars().all(is_han)).then(|| paper.to_owned())
}

/// A paper's or site's name alone on a line: `山西日报`, `山西新闻网`.
pub(super) fn publication_alone(line: &str) -> Option<String> {
    let n = line.chars().count();
    let named = [
        "日报",
        "晚报",
        "晨报",
        "时报",
        "导报",
        "商报",
        "新闻网",
        "在线",
    ]
    .iter()
    .any(|e| line.ends_with(e));
    ((4..=10).contains(&n) && named && line.chars().all(is_han)).then(|| line.to_owned())
}

pub(super) fn apply_meta(fields: &[(&'static str, String)], meta: &mut Meta) {
    for (label, value) in fields {
        match *label {
            "来源" | "文章来源" | "本文来源" | "信息来源" | "稿件来源" | "稿源" | "出处" =>
            {
                let name = value.split_whitespace().next().unwrap_or("");
                if !name.is_empty() && meta.publication.is_none() {
                    meta.publication = Some(name.trim_end_matches(['，', ',']).to_owned());
                }
            }
            "作者" | "本报记者" | "记者" | "通讯员" | "文" => {
                for n in leading_names(value).unwrap_or_default() {
                    if !meta.reporters.contains(&n) {
                        meta.reporters.push(n);
                    }
                }
            }
            "浏览" => {}
            _ => {}
        }
    }
}

/// The names that open a byline field, up to what is not a name: `郭晓燕 李建华  2025-06-03
/// 08:30` (the date of a publication line that follows them unlabelled) → both names.
fn leading_names(value: &str) -> Option<Vec<String>> {
    let words: Vec<&str> = value.split_whitespace().collect();
    (1..=words.len())
        .rev()
        .find_map(|n| names(&words[..n].join(" ")))
}

/// Names in a byline field: `张三 李四`, `张三、李四`, `记者 张三 通讯员 李四`. None when a
/// word is not a name (2–4 Han characters).
pub fn names(value: &str) -> Option<Vec<String>> {
    let words: Vec<&str> = value
        .split(|c: char| c.is_whitespace() || "、，,/；;".contains(c))
        .filter(|w| !w.is_empty())
        .filter(|w| {
            !matches!(
                *w,
                "记者" | "本报记者" | "通讯员" | "实习生" | "文" | "图" | "摄影" | "报道"
            )
        })
        .map(|w| w.trim_start_matches("记者").trim_start_matches("通讯员"))
        .collect();
    let plausible = |w: &&str| (2..=4).contains(&w.chars().count()) && w.chars().all(is_han);
    (!words.is_empty() && words.iter().all(plausible))
        .then(|| words.iter().map(|w| (*w).to_owned()).collect())
}
