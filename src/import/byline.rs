//! The dateline and byline at the start of a news text: `新华社太原4月5日电（记者 张三）`,
//! `本报北京3月28日电（记者寇江泽）`, `太原四月五日电（任丽娜）`, `本报讯 记者 张三 通讯员 李四`.

use super::text::has_prose_punct;
use super::web::names;
use crate::cjk::is_han;
use crate::date::dates_in;

/// What the start of the first paragraph says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dateline {
    /// A news agency or paper named by the dateline (`新华社`); none for `本报`.
    pub agency: Option<String>,
    pub reporters: Vec<String>,
    /// Where the dateline ends in the text (0 without one): the place it names is where
    /// the report was filed, not what it is about.
    pub end: usize,
}

/// Agencies and papers whose names open datelines; `本报` and the like name none.
const AGENCIES: [&str; 16] = [
    "新华社",
    "中新社",
    "中新网",
    "中国新闻网",
    "人民网",
    "新华网",
    "央视网",
    "央视新闻",
    "光明网",
    "人民日报",
    "光明日报",
    "经济日报",
    "中国环境报",
    "山西日报",
    "科技日报",
    "工人日报",
];
const OWN: [&str; 5] = ["本报", "本刊", "本台", "本网", "本站"];

pub fn dateline(first: &str) -> Dateline {
    let mut found = Dateline::default();
    let head: String = first.chars().take(30).collect();
    let marker = head
        .char_indices()
        .find(|&(p, c)| {
            (c == '讯' && head[..p].chars().all(is_han) && p > 0)
                || (c == '电' && !dates_in(&head[..p]).is_empty() && !has_prose_punct(&head[..p]))
        })
        .map(|(p, c)| (p, c.len_utf8()));
    if let Some((at, len)) = marker {
        let prefix = &head[..at];
        found.agency = agency(prefix);
        found.end = at + len;
        let after = first[at + len..].trim_start();
        found.reporters = bracket_names(after)
            .or_else(|| unbracketed_names(after))
            .unwrap_or_default();
        if found.agency.is_none() {
            found.agency = bracket_paper(after);
        }
    }
    if found.reporters.is_empty() {
        // `（记者寇江泽）` anywhere in the opening of the first paragraph.
        let opening: String = first.chars().take(80).collect();
        for (p, _) in opening.match_indices(['（', '(']) {
            if let Some(n) = bracket_names(&opening[p..]) {
                let inner = &opening[p..];
                if inner.contains("记者") || inner.contains("通讯员") {
                    found.reporters = n;
                    break;
                }
            }
        }
    }
    found
}

fn agency(prefix: &str) -> Option<String> {
    if OWN.iter().any(|o| prefix.starts_with(o)) {
        return None;
    }
    if let Some(a) = AGENCIES.iter().find(|a| prefix.starts_with(**a)) {
        return Some((*a).to_owned());
    }
    // `XX日报太原3月28日电`: up to the word that names a paper, agency or site.
    let end = prefix
        .char_indices()
        .find(|&(p, c)| "社网报台".contains(c) && p >= 3 && prefix[..p].chars().all(is_han))?;
    let name = &prefix[..end.0 + end.1.len_utf8()];
    (name.chars().count() <= 8).then(|| name.to_owned())
}

/// `（记者 张三 李四）`, `(记者寇江泽)`, `（任丽娜）` at the start of `text`.
fn bracket_names(text: &str) -> Option<Vec<String>> {
    let inner = text.strip_prefix(['（', '('])?;
    let close = inner.find(['）', ')'])?;
    let inner = &inner[..close];
    // `记者 张三`, `本报记者张三`, `人民日报记者 张三`: the names follow the first 记者.
    let inner = inner.trim();
    let inner = match inner.find("记者") {
        Some(at) if at <= 18 => &inner[at + "记者".len()..],
        _ => inner,
    };
    names(inner)
}

/// The paper named in a byline bracket: `（山西日报记者 孙磊 何静）` → `山西日报`.
fn bracket_paper(text: &str) -> Option<String> {
    let inner = text.strip_prefix(['（', '('])?;
    let at = inner.find("记者")?;
    let paper = inner[..at].trim();
    let named = paper.ends_with(['报', '社', '网', '台']) && !paper.starts_with("本");
    (named && (3..=8).contains(&paper.chars().count()) && paper.chars().all(is_han))
        .then(|| paper.to_owned())
}

/// `记者 张三 通讯员 李四 报道：` after a `讯`: the names after a label.
fn unbracketed_names(text: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut labelled = false;
    for word in text.split_whitespace().take(8) {
        let word = word.trim_end_matches(['：', ':']);
        let name = ["本报记者", "记者", "通讯员", "实习生"]
            .iter()
            .find_map(|l| word.strip_prefix(l));
        match name {
            Some(rest) => {
                labelled = true;
                if !rest.is_empty() {
                    out.extend(names(rest)?);
                }
            }
            None if labelled
                && names(word).is_some_and(|n| n.len() == 1)
                && word.chars().count() <= 3 =>
            {
                out.push(word.to_owned());
            }
            None => break,
        }
    }
    (labelled && !out.is_empty()).then_some(out)
}

/// A dateline printed on a line of its own, as agencies print features: `新华社太原5月12日电
/// 题：汾河岸边绿意浓`, maybe followed by the reporters' line (`新华社记者王晓东、李娜`). Its
/// headline (after `题：`) takes the dateline's line, the reporters' line is emptied, and
/// the dateline and reporters open the first paragraph in the common form
/// (`新华社太原5月12日电（记者 王晓东、李娜）初夏时节，…`), so that neither is glued into the
/// text. Line numbers stay. Returns the text and a note for each line so moved.
pub fn lift_own_line_datelines(raw: &str) -> (String, Vec<super::Note>) {
    let mut lines: Vec<String> = raw.lines().map(str::to_owned).collect();
    let mut notes = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim().to_owned();
        let found = dateline(&line);
        let rest = line[found.end..].trim();
        let title = rest
            .strip_prefix("题：")
            .or_else(|| rest.strip_prefix("题:"))
            .map(str::trim);
        let alone = found.end > 0 && (rest.is_empty() || title.is_some_and(|t| !t.is_empty()));
        if !alone || has_prose_punct(title.unwrap_or("")) {
            i += 1;
            continue;
        }
        let next =
            |from: usize| (from..lines.len().min(from + 3)).find(|&k| !lines[k].trim().is_empty());
        let Some(mut body) = next(i + 1) else { break };
        let reporters = reporters_line(lines[body].trim());
        let reporter_line = reporters.as_ref().map(|_| body);
        if reporters.is_some() {
            match next(body + 1) {
                Some(b) => body = b,
                None => break,
            }
        }
        let head = line[..found.end].trim_end();
        let opening = match &reporters {
            Some(names) => format!("{head}（记者 {}）", names.join("、")),
            None => format!("{head} "),
        };
        lines[body] = format!("{opening}{}", lines[body].trim_start());
        if let Some(r) = reporter_line {
            lines[r].clear();
        }
        lines[i] = title.unwrap_or("").to_owned();
        notes.push(super::Note::new(
            i + 1,
            format!("电头单独成行，已移到正文第一段开头（题目作标题）/ the dateline stood on a line of its own: it now opens the first paragraph (its 题 is the headline): {line}"),
        ));
        i = body + 1;
    }
    let mut text = lines.join("\n");
    if raw.ends_with('\n') {
        text.push('\n');
    }
    (text, notes)
}

/// `新华社记者王晓东、李娜`, `记者 张三 李四`: a line that names the reporters only.
fn reporters_line(line: &str) -> Option<Vec<String>> {
    let at = line.find("记者")?;
    let before = &line[..at];
    let label = before.is_empty()
        || (before.chars().count() <= 8
            && before.chars().all(is_han)
            && before.ends_with(['社', '报', '网', '台']));
    label.then(|| names(&line[at + "记者".len()..])).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dateline_on_its_own_line_opens_the_text() {
        let raw = "新华社太原5月12日电 题：汾河岸边绿意浓\n新华社记者王晓东、李娜\n初夏时节，汾河水清。\n";
        let (text, notes) = lift_own_line_datelines(raw);
        assert_eq!(
            text,
            "汾河岸边绿意浓\n\n新华社太原5月12日电（记者 王晓东、李娜）初夏时节，汾河水清。\n"
        );
        assert_eq!(notes.len(), 1);
        let raw = "本报太原5月12日电\n初夏时节，汾河水清。";
        assert_eq!(
            lift_own_line_datelines(raw).0,
            "\n本报太原5月12日电 初夏时节，汾河水清。"
        );
        // A dateline that opens its paragraph is left as it is.
        let raw = "新华社太原5月12日电（记者 王晓东）初夏时节，汾河水清。\n";
        assert_eq!(lift_own_line_datelines(raw).0, raw);
    }

    fn d(s: &str) -> (Option<String>, Vec<String>) {
        let x = dateline(s);
        (x.agency, x.reporters)
    }

    #[test]
    fn datelines_and_bylines_in_the_common_forms() {
        assert_eq!(
            d("新华社太原4月5日电（记者 张三、李四）山西省近日出台方案。"),
            (Some("新华社".into()), vec!["张三".into(), "李四".into()])
        );
        assert_eq!(
            d("本报北京3月28日电（记者寇江泽）生态环境部28日发布。"),
            (None, vec!["寇江泽".into()])
        );
        assert_eq!(
            d("太原四月五日电（任丽娜）记者从省厅获悉。"),
            (None, vec!["任丽娜".into()])
        );
        assert_eq!(
            d("本报讯 记者 张三 通讯员 李四 近日，太原市召开会议。"),
            (None, vec!["张三".into(), "李四".into()])
        );
        assert_eq!(
            d("近日，记者从太原市生态环境局获悉（记者 王强）。"),
            (None, vec!["王强".into()])
        );
        assert_eq!(
            d("本报讯（山西日报记者 孙磊 何静）记者获悉。"),
            (Some("山西日报".into()), vec!["孙磊".into(), "何静".into()])
        );
        assert_eq!(
            d("科学导报讯 3月27日，吕梁市召开会议。"),
            (Some("科学导报".into()), vec![])
        );
        assert_eq!(
            d("会议强调，要切实提高认识（下称“认识”）。"),
            (None, vec![])
        );
    }
}
