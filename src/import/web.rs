//! Text copied from a web page (or read from a saved page, a Word file, a PDF): the
//! page's clutter taken out line by line and listed, the lines that say when, where from
//! and by whom read, and the headline chosen by evidence.
//!
//! Works on lines before the layout stage: a removed line becomes a blank line, so the
//! line numbers of the notes stay those of the raw text.

use super::dates::{dates_in, Found};
use super::text::{has_prose_punct, looks_like_name};
use super::Note;
use crate::cjk::is_han;

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

/// Why a line is not part of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clutter {
    Navigation,
    Widget,
    Copyright,
    Caption,
    Related,
    Link,
    Editor,
    Lead,
    OriginalTitle,
    End,
    More,
}

impl Clutter {
    fn label(self) -> &'static str {
        match self {
            Clutter::Navigation => "导航菜单 / navigation",
            Clutter::Widget => "网页按钮 / page widget",
            Clutter::Copyright => "版权或转载声明 / copyright or reprint notice",
            Clutter::Caption => "图片说明或图片来源 / photo caption or credit",
            Clutter::Related => "相关文章列表 / related articles",
            Clutter::Link => "链接或广告 / link or advertisement",
            Clutter::Editor => "编辑署名 / editor's credit",
            Clutter::Lead => "重复的导语 / repeated lead",
            Clutter::OriginalTitle => "原标题 / original headline",
            Clutter::End => "结束标记 / end mark",
            Clutter::More => {
                "“阅读全文”提示（正文可能不全）/ “read more” prompt (the text may be cut off)"
            }
        }
    }

    /// Clutter that shows the text is a web copy (captions and editors' credits are on
    /// newspaper pages too).
    fn is_web(self) -> bool {
        !matches!(self, Clutter::Caption | Clutter::Editor | Clutter::End)
    }
}

const PREV_NEXT: [&str; 6] = ["上一篇", "下一篇", "上一条", "下一条", "上一页", "下一页"];
const RELATED_HEADS: [&str; 12] = [
    "相关阅读",
    "相关新闻",
    "相关文章",
    "相关链接",
    "相关报道",
    "推荐阅读",
    "热门推荐",
    "热点推荐",
    "猜你喜欢",
    "热门文章",
    "精彩推荐",
    "更多阅读",
];
const COPYRIGHT: [&str; 17] = [
    "版权所有",
    "copyright",
    "©",
    "icp备",
    "icp证",
    "公网安备",
    "未经授权",
    "未经许可",
    "禁止转载",
    "不得转载",
    "转载请注明",
    "转载务必",
    "违法和不良信息",
    "免责声明",
    "本文仅代表",
    "版权归",
    "如有侵权",
];
const CAPTION_MARKS: [&str; 8] = [
    "供图",
    "资料图片",
    "资料图",
    "图片来源",
    "图源：",
    "视觉中国",
    "图片由",
    "配图",
];
const WIDGET_WORDS: [&str; 64] = [
    "我要评论",
    "发表评论",
    "网友评论",
    "条评论",
    "评论",
    "点赞",
    "收藏",
    "分享到",
    "分享",
    "微信扫一扫",
    "扫一扫",
    "扫码",
    "二维码",
    "朋友圈",
    "qq空间",
    "微信",
    "微博",
    "qq",
    "打印本页",
    "打印",
    "关闭窗口",
    "关闭",
    "字号",
    "字体",
    "默认",
    "超大",
    "放大",
    "缩小",
    "浏览次数",
    "浏览量",
    "浏览",
    "阅读量",
    "阅读数",
    "阅读",
    "点击数",
    "点击量",
    "点击",
    "返回顶部",
    "返回",
    "顶部",
    "首页",
    "登录",
    "注册",
    "下载",
    "客户端",
    "app",
    "关注",
    "举报",
    "我要纠错",
    "纠错",
    "我要",
    "复制链接",
    "链接",
    "在手机上看",
    "手机看",
    "手机",
    "听新闻",
    "播报",
    "次",
    "大",
    "中",
    "小",
    "【",
    "】",
];
/// Phrases that only widgets say, whatever else a short line holds.
const WIDGET_PHRASES: [&str; 8] = [
    "扫一扫",
    "扫码",
    "二维码",
    "关注我们",
    "点击上方",
    "蓝字",
    "手机打开",
    "在看",
];
const SPAM_MARKS: [&str; 8] = [
    "http://",
    "https://",
    "www.",
    "加微信",
    "微信号",
    "长按识别",
    "关注公众号",
    "点击下方",
];
const MORE_MARKS: [&str; 5] = [
    "展开全文",
    "阅读全文",
    "查看全文",
    "点击查看全文",
    "余下全文",
];
const EDITOR_LABELS: [&str; 11] = [
    "责任编辑",
    "值班编辑",
    "编辑",
    "责编",
    "审核",
    "校对",
    "初审",
    "复审",
    "终审",
    "主编",
    "编审",
];
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

/// Why `line` is clutter, if it is.
fn clutter(line: &str) -> Option<Clutter> {
    let lower = line.to_lowercase();
    let n = line.chars().count();
    let bare = line.trim_matches(|c: char| "【】[]()（）<>《》:：|｜ ".contains(c));
    if PREV_NEXT.iter().any(|p| bare.starts_with(p)) {
        return Some(Clutter::Related);
    }
    if n <= 12 && RELATED_HEADS.iter().any(|h| bare.starts_with(h)) {
        return Some(Clutter::Related);
    }
    if n <= 120 && COPYRIGHT.iter().any(|c| lower.contains(c)) {
        return Some(Clutter::Copyright);
    }
    if n <= 20 && MORE_MARKS.iter().any(|m| line.contains(m)) {
        return Some(Clutter::More);
    }
    if matches!(bare, "完" | "全文完" | "未完待续") {
        return Some(if bare == "未完待续" {
            Clutter::More
        } else {
            Clutter::End
        });
    }
    if is_caption(line) {
        return Some(Clutter::Caption);
    }
    if n <= 40 && is_editor_line(bare) {
        return Some(Clutter::Editor);
    }
    if bare.starts_with("原标题") || bare.starts_with("原题") {
        return Some(Clutter::OriginalTitle);
    }
    if LEAD_LABELS.iter().any(|l| {
        bare.strip_prefix(l)
            .is_some_and(|r| r.starts_with([':', '：', '】', ']']))
    }) {
        return Some(Clutter::Lead);
    }
    if (n <= 80 || han_count(line) < 30) && SPAM_MARKS.iter().any(|m| lower.contains(m)) {
        return Some(Clutter::Link);
    }
    if is_breadcrumb(line) || is_menu(line) {
        return Some(Clutter::Navigation);
    }
    if n <= 40 && is_widget(&lower) {
        return Some(Clutter::Widget);
    }
    if n <= 25 && WIDGET_PHRASES.iter().any(|p| line.contains(p)) {
        return Some(Clutter::Widget);
    }
    None
}

/// `受访者供图`, `（张三 摄）`, `新华社记者 李四 摄`, `图为…`, `▲…`.
fn is_caption(line: &str) -> bool {
    let n = line.chars().count();
    if n <= 60 && CAPTION_MARKS.iter().any(|m| line.contains(m)) {
        return true;
    }
    if n <= 150
        && (line.starts_with("图为")
            || line.starts_with("图：")
            || line.starts_with("图/")
            || line.starts_with(['▲', '△', '↑']))
    {
        return true;
    }
    // A photographer's credit ends the line: `… 张三 摄`, `（张三摄）`.
    let end = line.trim_end_matches([')', '）', ']', '】']).trim_end();
    let Some(before) = end.strip_suffix('摄') else {
        return false;
    };
    let name: String = before
        .trim_end()
        .chars()
        .rev()
        .take_while(|&c| is_han(c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let name_len = name.chars().count();
    (2..=4).contains(&name_len) && n <= 150
}

/// `责任编辑：张三`, `编辑 李四`, `（责任编辑：王五）`.
fn is_editor_line(bare: &str) -> bool {
    EDITOR_LABELS.iter().any(|label| {
        bare.strip_prefix(label).is_some_and(|rest| {
            let rest = rest.trim_start_matches([':', '：', ' ', '\u{3000}', '/']);
            let had_sep = rest.len() < bare.len() - label.len();
            had_sep && !rest.is_empty() && !has_prose_punct(rest.trim_end_matches('、'))
        })
    })
}

/// `当前位置：首页 > 新闻 > 正文`, `首页>环保要闻`.
fn is_breadcrumb(line: &str) -> bool {
    [
        "当前位置",
        "您的位置",
        "您现在的位置",
        "所在位置",
        "当前页面",
    ]
    .iter()
    .any(|p| line.starts_with(p))
        || ((line.starts_with("首页") || line.starts_with("网站首页"))
            && line.contains(['>', '›', '»', '＞']))
}

/// A menu: three or more short words, apart, with nothing of a sentence.
fn is_menu(line: &str) -> bool {
    if has_prose_punct(line) {
        return false;
    }
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || "|｜·•/>›»丨┊".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    let separated = line.contains(|c: char| "|｜·•>›»丨┊/".contains(c));
    (words.len() >= 4 || (words.len() >= 3 && separated))
        && words
            .iter()
            .all(|w| w.chars().count() <= 4 && !w.chars().all(|c| c.is_ascii_digit()))
}

/// A line made only of widget words, counts and brackets: `【字号 大 中 小】`, `分享到：`,
/// `阅读 1234`, `打印 关闭`.
fn is_widget(lower: &str) -> bool {
    let mut rest = lower.to_owned();
    for w in WIDGET_WORDS {
        rest = rest.replace(w, " ");
    }
    if rest == lower {
        return false;
    }
    let left: String = rest
        .chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace() && !c.is_ascii_punctuation())
        .filter(|c| !"：，、。【】（）《》".contains(*c))
        .collect();
    left.chars().count() <= 1 && left.is_ascii()
}

/// The labelled fields of a publication line: `发布时间：2022-07-23 09:36:57 来源：中国环境报
/// 作者：张三`. None for a line that is not one.
fn meta_line(line: &str) -> Option<Vec<(&'static str, String)>> {
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
            .trim_matches(['|', '｜', '丨', '【', '】'])
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
                "作者" | "本报记者" | "记者" | "通讯员" | "文" => names(v).is_some(),
                "浏览" => false,
                _ => !dates_in(v).is_empty(),
            }
    });
    useful.then_some(fields)
}

/// Whether `line` is a publication line (`发布时间：2022-07-23 来源：人民网`).
pub fn is_meta_line(line: &str) -> bool {
    meta_line(line).is_some()
}

/// A newspaper page's header: `山西经济日报  第3版  生态` → the paper's name.
fn page_header(line: &str) -> Option<String> {
    let mut words = line.split_whitespace();
    let paper = words.next()?;
    let page = words.next()?;
    let paper_like = paper.ends_with(['报', '刊']) && (3..=10).contains(&paper.chars().count());
    let page_like =
        page.starts_with('第') && page.ends_with(['版', '期']) && page.chars().count() <= 6;
    (paper_like && page_like && paper.chars().all(is_han)).then(|| paper.to_owned())
}

/// A paper's or site's name alone on a line: `山西日报`, `山西新闻网`.
fn publication_alone(line: &str) -> Option<String> {
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

fn apply_meta(fields: &[(&'static str, String)], meta: &mut Meta) {
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
                for n in names(value).unwrap_or_default() {
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
