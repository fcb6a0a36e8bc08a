//! What on a copied web page is not the article: navigation, widgets, notices, captions,
//! related links, editors' credits; the word lists and the test of one line.

use super::*;

/// Why a line is not part of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Clutter {
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
    pub(super) fn label(self) -> &'static str {
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
    pub(super) fn is_web(self) -> bool {
        !matches!(self, Clutter::Caption | Clutter::Editor | Clutter::End)
    }
}

pub(super) const PREV_NEXT: [&str; 6] =
    ["上一篇", "下一篇", "上一条", "下一条", "上一页", "下一页"];
pub(super) const RELATED_HEADS: [&str; 12] = [
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
pub(super) const COPYRIGHT: [&str; 17] = [
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
pub(super) const CAPTION_MARKS: [&str; 8] = [
    "供图",
    "资料图片",
    "资料图",
    "图片来源",
    "图源：",
    "视觉中国",
    "图片由",
    "配图",
];
pub(super) const WIDGET_WORDS: [&str; 64] = [
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
pub(super) const WIDGET_PHRASES: [&str; 8] = [
    "扫一扫",
    "扫码",
    "二维码",
    "关注我们",
    "点击上方",
    "蓝字",
    "手机打开",
    "在看",
];
pub(super) const SPAM_MARKS: [&str; 8] = [
    "http://",
    "https://",
    "www.",
    "加微信",
    "微信号",
    "长按识别",
    "关注公众号",
    "点击下方",
];
pub(super) const MORE_MARKS: [&str; 5] = [
    "展开全文",
    "阅读全文",
    "查看全文",
    "点击查看全文",
    "余下全文",
];
pub(super) const EDITOR_LABELS: [&str; 11] = [
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

/// Why `line` is clutter, if it is.
pub(super) fn clutter(line: &str) -> Option<Clutter> {
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
    if (is_breadcrumb(line) || is_menu(line)) && !super::meta::is_bracket_byline(line) {
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
pub(super) fn is_caption(line: &str) -> bool {
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
    // An agency's photo ends its caption: `…栽种柳树。新华社发`, `（中新社发）`.
    let agency_photo = end.strip_suffix('发').is_some_and(|b| {
        let agency: String = b.chars().rev().take_while(|&c| is_han(c)).collect();
        (2..=6).contains(&agency.chars().count()) && agency.starts_with(['社', '网', '报'])
    });
    if agency_photo && n <= 150 {
        return true;
    }
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
pub(super) fn is_editor_line(bare: &str) -> bool {
    EDITOR_LABELS.iter().any(|label| {
        bare.strip_prefix(label).is_some_and(|rest| {
            let rest = rest.trim_start_matches([':', '：', ' ', '\u{3000}', '/']);
            let had_sep = rest.len() < bare.len() - label.len();
            had_sep && !rest.is_empty() && !has_prose_punct(rest.trim_end_matches('、'))
        })
    })
}

/// `当前位置：首页 > 新闻 > 正文`, `首页>环保要闻`.
pub(super) fn is_breadcrumb(line: &str) -> bool {
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
pub(super) fn is_menu(line: &str) -> bool {
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
pub(super) fn is_widget(lower: &str) -> bool {
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
