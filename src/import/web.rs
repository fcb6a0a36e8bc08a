//! Text copied from a web page (or read from a saved page, a Word file, a PDF): the
//! page's clutter taken out line by line and listed, the lines that say when, where from
//! and by whom read, and the headline chosen by evidence.
//!
//! Works on lines before the layout stage: a removed line becomes a blank line, so the
//! line numbers of the notes stay those of the raw text.

use super::text::{has_prose_punct, looks_like_name};
use super::Note;
use crate::cjk::is_han;
use crate::date::{dates_in, Found};

mod clutter;
mod meta;

use clutter::*;
use meta::*;
pub use meta::{is_meta_line, names};

/// What the lines around the article say about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// The headline chosen by [`headline`], and its line.
    pub title: Option<(String, usize)>,
    /// The date of a publication line.
    pub published: Option<Found>,
    /// From `来源：` or a news agency's dateline.
    pub publication: Option<String>,
    pub reporters: Vec<String>,
}

/// The text with clutter and meta lines blanked, what they said, and a note for each
/// line taken out (with the line verbatim).
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub text: String,
    pub meta: Meta,
    pub notes: Vec<Note>,
    /// Whether the page showed signs of a web copy (meta lines, menus, widgets …): only
    /// then is the headline chosen here rather than by the newspaper layout.
    pub web: bool,
    /// The text showed it was cut off (`展开全文`, `未完`).
    pub cut_off: bool,
}

const LEAD_LABELS: [&str; 4] = ["摘要", "导读", "核心提示", "内容提要"];

/// Removes the web clutter of `raw`, reads its meta lines and chooses the headline.
/// `known_title` is the headline the file names itself (a page's `<title>`).
pub fn clean(raw: &str, known_title: Option<&str>) -> Cleaned {
    let lines: Vec<&str> = raw.lines().map(str::trim).collect();
    let mut out = Cleaned::default();
    let mut keep = vec![true; lines.len()];
    let mut in_related = false;
    let mut meta_lines = Vec::new();
    let mut dated: Vec<(usize, Found)> = Vec::new();
    for (i, &line) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        // Publication lines first: `记者 张三 李四` must not pass for a menu.
        if let Some(fields) = meta_line(line) {
            in_related = false;
            out.web = true;
            keep[i] = false;
            meta_lines.push(i);
            apply_meta(&fields, &mut out.meta);
            if let Some(date) = dates_in(line).into_iter().find(|d| d.year.is_some()) {
                dated.push((i, date));
            }
            out.notes.push(Note::new(
                i + 1,
                format!("已删去发布信息行（已读取）/ removed the publication line (read into the front matter): {line}"),
            ));
            continue;
        }
        let kind = clutter(line).or_else(|| {
            // A related list runs from its heading to the next running text.
            (in_related && !is_prose(line)).then_some(Clutter::Related)
        });
        in_related = match kind {
            Some(Clutter::Related) => true,
            Some(_) => in_related,
            None => false,
        };
        if let Some(kind) = kind {
            out.web |= kind.is_web();
            out.cut_off |= kind == Clutter::More;
            keep[i] = false;
            let (zh, en) = kind.label().split_once(" / ").unwrap_or((kind.label(), ""));
            out.notes.push(Note::new(
                i + 1,
                format!("已删去{zh} / removed {en}: {line}"),
            ));
        }
    }
    remove_repeated_leads(&lines, &mut keep, &mut out.notes);
    let title = headline(&lines, &keep, &meta_lines, known_title, out.web);
    out.web |= known_title.is_some();
    if let Some((text, at)) = &title {
        if let Some(at) = *at {
            keep[at] = false;
            if lines[at] != text {
                // The lead glued to the headline goes; the article still has it.
                out.notes.push(Note::new(
                    at + 1,
                    format!(
                        "标题行后粘连的导语已删去 / the lead glued to the headline was removed: {}",
                        &lines[at][text.len()..]
                    ),
                ));
            }
        }
        out.meta.title = Some((text.clone(), at.map_or(0, |a| a + 1)));
    }
    // The date printed under the headline, not the site's date of today at the top.
    let below_title = title.as_ref().and_then(|(_, at)| *at);
    out.meta.published = dated
        .iter()
        .find(|(i, _)| below_title.is_some_and(|t| *i > t))
        .or(dated.first())
        .map(|(_, d)| *d);
    let mut text = String::with_capacity(raw.len());
    for (i, line) in raw.lines().enumerate() {
        if keep[i] {
            text.push_str(line);
        }
        text.push('\n');
    }
    out.text = text;
    out
}

/// A line of the article's text rather than a headline: running text that ends a
/// sentence or runs longer than headlines do (a headline may hold a comma).
fn is_body_line(line: &str) -> bool {
    is_prose(line) && (super::text::ends_sentence(line) || han_count(line) > 40)
}

/// Running text: the punctuation of sentences and some length.
fn is_prose(line: &str) -> bool {
    has_prose_punct(line) && han_count(line) >= 15
}

fn han_count(s: &str) -> usize {
    s.chars().filter(|&c| is_han(c)).count()
}

/// A lead printed twice (the page's summary box above the article): the first copy goes.
fn remove_repeated_leads(lines: &[&str], keep: &mut [bool], notes: &mut Vec<Note>) {
    for i in 0..lines.len() {
        let line = lines[i];
        if !keep[i] || line.chars().count() < 15 {
            continue;
        }
        let again = (i + 1..lines.len()).any(|j| keep[j] && lines[j].starts_with(line));
        if again {
            keep[i] = false;
            notes.push(Note::new(
                i + 1,
                format!(
                    "已删去{} / removed {}: {line}",
                    "重复的导语", "a repeated lead"
                ),
            ));
        }
    }
}

/// Organisations that end a kicker line (the body that issued the news).
fn is_organisation(text: &str) -> bool {
    ["局", "委员会", "办公室", "中心", "政府", "厅", "协会", "委"]
        .iter()
        .any(|e| text.ends_with(e))
        && text.chars().count() <= 16
}

/// Whether `line` opens an article: a dateline (`本报讯`, `北京3月28日电`).
fn is_dateline_start(line: &str) -> bool {
    let head: String = line.chars().take(24).collect();
    head.contains("讯")
        && head
            .find('讯')
            .is_some_and(|p| !has_prose_punct(&head[..p]))
        || head
            .find("电")
            .is_some_and(|p| !dates_in(&head[..p]).is_empty() && !has_prose_punct(&head[..p]))
}

/// The headline, chosen by evidence among the lines before the running text: its
/// length, no final punctuation, a publication line just below it, its words repeated
/// in the lead, closeness to the text; menus, links and spam are clutter already. With
/// `known_title` (from the file itself) the line that holds it wins. Returns the
/// headline and the line it is on (none when only the file names it).
fn headline(
    lines: &[&str],
    keep: &[bool],
    meta_lines: &[usize],
    known_title: Option<&str>,
    web: bool,
) -> Option<(String, Option<usize>)> {
    let body_at = (0..lines.len())
        .find(|&i| {
            keep[i]
                && (is_body_line(lines[i]) || is_dateline_start(lines[i]))
                && glued_title(lines[i], &lines[i + 1..]) == lines[i]
        })
        .unwrap_or(lines.len());
    let lead: &str = lines.get(body_at).copied().unwrap_or("");
    let candidates: Vec<usize> = (0..body_at)
        .filter(|&i| keep[i] && !lines[i].is_empty())
        .collect();
    if let Some(known) = known_title.map(str::trim).filter(|k| !k.is_empty()) {
        let at = candidates.iter().copied().find(|&i| lines[i] == known);
        return Some((known.to_owned(), at));
    }
    // Without signs of a web copy, a newspaper page's layout decides, except for the
    // plain shape of a copied article: one headline line, then one paragraph a line.
    let text_lines: Vec<&str> = lines[body_at.min(lines.len())..]
        .iter()
        .copied()
        .filter(|l| !l.is_empty())
        .collect();
    let sentence_ends = text_lines
        .iter()
        .filter(|l| super::text::ends_sentence(l))
        .count();
    let plain_copy = candidates.len() == 1
        && !text_lines.is_empty()
        && sentence_ends * 3 >= text_lines.len() * 2;
    let dateline_below = is_dateline_start(lead) && !candidates.is_empty();
    if !web && !plain_copy && !dateline_below {
        return None;
    }
    let mut best: Option<(i32, usize)> = None;
    let rest = &lines[body_at.min(lines.len())..];
    for (rank, &i) in candidates.iter().rev().enumerate() {
        let glued = glued_title(lines[i], rest);
        let line = glued.as_str();
        let n = line.chars().count();
        // A deck (`——…`) is the subtitle, never the headline.
        if !(4..=60).contains(&n) || line.is_ascii() || line.starts_with(['—', '－', '-']) {
            continue;
        }
        let mut score = 0;
        score += match n {
            8..=36 => 3,
            5..=7 | 37..=48 => 1,
            _ => -1,
        };
        if line.ends_with(['。', '；', '，', '、', '：', ':', ',']) {
            score -= 4;
        }
        if line.contains('。') {
            score -= 2;
        }
        let near_meta = meta_lines.iter().any(|&m| m > i && m <= i + 3)
            || meta_lines.iter().any(|&m| m + 1 == i);
        if near_meta {
            score += 2;
        }
        if shared_pairs(line, lead) >= 2 {
            score += 2;
        }
        if looks_like_name(line) || is_organisation(line) {
            score -= 3;
        }
        if line.starts_with(['【', '[']) && line.ends_with(['】', ']']) {
            score -= 2;
        }
        if line.starts_with(['—', '－', '-']) {
            score -= 3;
        }
        // The nearest lines to the text are the likeliest.
        score -= rank.min(3) as i32;
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, i));
        }
    }
    let (score, at) = best?;
    (score >= 2).then(|| (glued_title(lines[at], rest), Some(at)))
}

/// How many two-character words of `title` the lead repeats.
fn shared_pairs(title: &str, lead: &str) -> usize {
    let chars: Vec<char> = title.chars().filter(|&c| is_han(c)).collect();
    let mut seen = std::collections::HashSet::new();
    chars
        .windows(2)
        .filter(|w| seen.insert((w[0], w[1])))
        .filter(|w| lead.contains(&format!("{}{}", w[0], w[1])))
        .count()
}

/// A headline line that runs on into the start of the article (`标题正文第一句…`): the
/// part before the text the article repeats.
fn glued_title(line: &str, rest: &[&str]) -> String {
    for (k, _) in line.char_indices().skip(6).take(40) {
        let head = &line[..k];
        if head.contains(['。', '，', '；']) {
            break;
        }
        // A summary box may end its copy of the lead with an ellipsis.
        let tail = line[k..].trim_end_matches(['…', '.', '。']);
        // The article repeats it at the start of a paragraph, maybe after its dateline.
        let repeated = rest
            .iter()
            .any(|r| r.find(tail).is_some_and(|at| r[..at].chars().count() <= 30));
        // A lead has the punctuation of sentences; a headline the article repeats does not.
        let lead_like = tail.contains(['，', '。', '；']);
        if tail.chars().count() >= 12 && lead_like && repeated {
            return head.trim_end().to_owned();
        }
    }
    line.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removed(raw: &str) -> Vec<String> {
        clean(raw, None)
            .notes
            .iter()
            .map(|n| n.message.rsplit(": ").next().unwrap_or("").to_owned())
            .collect()
    }

    #[test]
    fn clutter_lines_are_removed_and_listed_verbatim() {
        let raw = "首页 新闻 投资 干货 消费 评论\n当前位置：首页 > 环保 > 正文\n汾河治理再上新台阶\n发布时间：2022-07-23 09:36:57 来源：山西日报 作者：张晓明\n【字号 大 中 小】 打印 关闭\n本报讯 今年以来，太原市持续推进汾河流域综合治理，水质明显改善。\n受访者供图\n河道两岸绿树成荫。（李华 摄）\n责任编辑：王芳\n版权所有 © 山西日报社 晋ICP备12345号\n上一篇：太原新增公园绿地\n相关阅读\n太原加快推进生态修复\n分享到：微信 微博 QQ空间\n";
        let c = clean(raw, None);
        let gone = removed(raw);
        for line in [
            "首页 新闻 投资 干货 消费 评论",
            "当前位置：首页 > 环保 > 正文",
            "【字号 大 中 小】 打印 关闭",
            "受访者供图",
            "河道两岸绿树成荫。（李华 摄）",
            "责任编辑：王芳",
            "版权所有 © 山西日报社 晋ICP备12345号",
            "上一篇：太原新增公园绿地",
            "相关阅读",
            "太原加快推进生态修复",
            "分享到：微信 微博 QQ空间",
        ] {
            assert!(
                gone.iter().any(|g| g == line),
                "{line} not removed: {gone:?}"
            );
            assert!(!c.text.contains(line));
        }
        assert!(c.text.contains("本报讯 今年以来"));
        assert_eq!(
            c.meta.title.as_ref().map(|t| t.0.as_str()),
            Some("汾河治理再上新台阶")
        );
        assert_eq!(c.meta.publication.as_deref(), Some("山西日报"));
        assert_eq!(c.meta.reporters, ["张晓明"]);
        assert_eq!(
            c.meta
                .published
                .and_then(|d| d.partial())
                .map(|d| d.to_string())
                .as_deref(),
            Some("2022-07-23")
        );
        assert_eq!(c.text.lines().count(), raw.lines().count());
    }

    #[test]
    fn the_headline_is_chosen_by_evidence_not_position() {
        let raw = "山西新闻网\n昨日热点：一图读懂省两会\n晋中：扬尘治理再加码\n时间:2022-03-29\n3月28日，晋中市生态环境局召开扬尘治理工作会议，部署扬尘治理工作。\n";
        let c = clean(raw, None);
        assert_eq!(
            c.meta.title.map(|t| t.0).as_deref(),
            Some("晋中：扬尘治理再加码")
        );
    }

    #[test]
    fn a_newspaper_page_without_web_signs_is_left_to_the_layout() {
        let raw = "聚焦 晋中市两会\n绿水青山织锦绣 满目盛景入画来\n市生态环境局大气科科长裴国欣：良好的空气质量是最公平的公共产品，今年我们将持续改善。\n";
        let c = clean(raw, None);
        assert!(!c.web);
        assert_eq!(c.meta.title, None);
        assert!(c.notes.is_empty());
    }

    #[test]
    fn a_copied_headline_with_a_comma_is_still_the_headline() {
        let raw = "山西：推进黄河流域治理，打造沿黄生态廊道\n\n近日，山西省出台方案，提出推进黄河流域生态保护和高质量发展，建设沿黄生态廊道。\n\n方案要求各市加快推进水土流失治理。\n";
        let c = clean(raw, None);
        assert_eq!(
            c.meta.title.map(|t| t.0).as_deref(),
            Some("山西：推进黄河流域治理，打造沿黄生态廊道")
        );
    }

    #[test]
    fn the_date_under_the_headline_wins_over_the_sites_date_of_today() {
        let raw = "2026年11月30日 星期一\n汾河治理再上新台阶\n记者 张三 李四\n发布时间：2023-07-23\n本报讯 太原市持续推进汾河治理，水质明显改善，沿岸生态持续向好。\n";
        let c = clean(raw, None);
        let date = c
            .meta
            .published
            .and_then(|d| d.partial())
            .map(|d| d.to_string());
        assert_eq!(date.as_deref(), Some("2023-07-23"));
        assert_eq!(c.meta.reporters, ["张三", "李四"]);
    }

    #[test]
    fn a_lead_glued_to_the_headline_is_cut_off_it() {
        let raw = "去年全国PM2.5浓度下降\n生态环境部发布2021年全国生态环境质量状况生态环境部28日发布的数据显示，2021年全国地级及以上城市细颗粒物平均浓度下降\n发布日期: 2022-03-29 来源: 人民日报\n本报北京3月28日电（记者寇江泽）生态环境部28日发布的数据显示，2021年全国地级及以上城市细颗粒物平均浓度下降，优良天数比例提高。\n";
        let c = clean(raw, None);
        assert_eq!(
            c.meta.title.map(|t| t.0).as_deref(),
            Some("生态环境部发布2021年全国生态环境质量状况")
        );
        assert!(!c.text.contains("生态环境部发布"));
        let raw = "汾河治理再上新台阶今年以来，太原市持续推进汾河治理\n来源：山西日报\n今年以来，太原市持续推进汾河治理，水质明显改善，沿岸生态持续向好。\n";
        let c = clean(raw, None);
        assert_eq!(
            c.meta.title.map(|t| t.0).as_deref(),
            Some("汾河治理再上新台阶")
        );
    }

    #[test]
    fn a_byline_in_brackets_gives_every_name_of_its_fields() {
        // The first label follows the bracket, not a space (held-out county release):
        // not a publication line, but a byline of its own.
        assert_eq!(meta_line("（记者 王芳 通讯员 刘建国）"), None);
        assert!(meta_line("（来源：运城日报 记者 李华）").is_some());
        let text = "平遥县完成锅炉改造\n发布时间：2024-11-20 09:30  来源：晋中日报\n本报讯 平遥县近日完成古城周边燃煤锅炉的清洁能源改造。\n县生态环境分局负责人介绍，今冬起古城区域将不再使用燃煤锅炉供暖。\n（记者 王芳 通讯员 刘建国）\n";
        let drafts = super::super::convert(text, &Default::default(), &Default::default());
        assert_eq!(drafts[0].reporters, ["王芳", "刘建国"]);
    }

    #[test]
    fn words_of_running_text_are_not_widgets_or_menus() {
        for line in [
            "会议强调，要切实压实责任。",
            "本报讯 记者 王梅 通讯员 张三 近日，晋中市召开会议，部署今年任务。",
            "大中小学生参与植树活动",
            "扬尘治理再加码 力保空气质量再提升",
            "守护绿水青山 绘就生态画卷",
            "2025年，全市空气质量综合指数为4.35。",
        ] {
            assert_eq!(clutter(line), None, "{line}");
            assert_eq!(meta_line(line), None, "{line}");
        }
    }
}
