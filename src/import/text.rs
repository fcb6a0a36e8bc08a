//! Characters and small repairs: CJK classes, display width, sentence ends, and the
//! normalisation of OCR text (spaces, ASCII punctuation, misread glyphs).

use crate::cjk::{is_han, is_set_full_width};

/// Full-width punctuation (not Han): spaces beside it carry no meaning.
fn is_cjk_punct(c: char) -> bool {
    is_set_full_width(c) && !is_han(c) && !matches!(c, '\u{2160}'..='\u{216F}')
}

/// Printed width in half-em units: a Chinese character or full-width mark is 2, the
/// rest 1. Column widths are compared in these units, so digits count half. Curly
/// quotes count 1: typesetting squeezes them to half width (a line with two of them
/// is as full as one without).
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c {
            '\u{2018}'..='\u{201D}' => 1,
            c if is_set_full_width(c) => 2,
            _ => 1,
        })
        .sum()
}

const CLOSERS: &[char] = &['”', '’', '）', ')', '」', '』', '》', '"', '\''];
const SENTENCE_ENDS: &[char] = &['。', '！', '？', '!', '?', '…', '.'];

/// Whether `s` ends a sentence: 。！？… possibly followed by closing quotes or brackets.
pub fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(CLOSERS)
        .ends_with(SENTENCE_ENDS)
}

/// Whether `s` stops where a sentence cannot: on a character or digit rather than on
/// punctuation (a column may have broken the sentence there).
pub fn ends_open(s: &str) -> bool {
    s.trim_end()
        .chars()
        .last()
        .is_some_and(|c| is_han(c) || c.is_ascii_alphanumeric())
}

const PROSE_PUNCT: &[char] = &['。', '，', '；', '！', '？', '、', ',', ';', '!', '?', '…'];

/// Whether `s` holds the punctuation of running text; headlines have none.
pub fn has_prose_punct(s: &str) -> bool {
    s.contains(PROSE_PUNCT)
}

/// The most common Chinese surnames (about 200, covering well over 90% of people):
/// a 2–3 character word that starts with one of them may be a name.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝储";

/// Whether `s` looks like a person's name: 2–3 Han characters starting with a common surname.
pub fn looks_like_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=3).contains(&n)
        && s.chars().all(is_han)
        && s.chars().next().is_some_and(|c| SURNAMES.contains(c))
}

/// A repair made to the text, reported to the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    pub from: String,
    pub to: String,
}

/// Cleans one paragraph or headline of OCR text: LaTeX and subscript debris in PM2.5,
/// spaces the OCR put between Chinese and digits or Latin letters, ASCII punctuation in
/// Chinese text, and misread water-class glyphs. Returns the text and the glyph repairs.
pub fn normalize(text: &str) -> (String, Vec<Repair>) {
    let text = plain_subscripts(text);
    let text = tidy_spaces(&text);
    let text = full_width_punct(&text);
    repair_water_classes(&text)
}

/// `PM_{2.5}` → `PM2.5`, `PM₁₀` → `PM10` (NO₂ and O₃ keep their subscripts, as printed).
fn plain_subscripts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("_{") {
        let inner_end = rest[i + 2..].find('}').map(|j| i + 2 + j);
        match inner_end {
            Some(end)
                if end > i + 2
                    && rest[i + 2..end]
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '.') =>
            {
                out.push_str(&rest[..i]);
                out.push_str(&rest[i + 2..end]);
                rest = &rest[end + 1..];
            }
            _ => {
                out.push_str(&rest[..i + 2]);
                rest = &rest[i + 2..];
            }
        }
    }
    out.push_str(rest);
    let chars: Vec<char> = out.chars().collect();
    let subscript = |c: char| match c {
        '₀'..='₉' => char::from_u32(c as u32 - '₀' as u32 + '0' as u32),
        _ => None,
    };
    let mut result = String::with_capacity(out.len());
    let mut i = 0;
    while i < chars.len() {
        result.push(chars[i]);
        i += 1;
        if result.ends_with("PM") {
            while let Some(&c) = chars.get(i) {
                let digit_follows = chars.get(i + 1).copied().and_then(subscript).is_some();
                match subscript(c) {
                    Some(d) => result.push(d),
                    None if c == '.' && digit_follows && !result.ends_with("PM") => {
                        result.push('.')
                    }
                    None => break,
                }
                i += 1;
            }
        }
    }
    result
}

/// Drops whitespace between Chinese and digits or Latin letters (`3 月 26 日` → `3月26日`)
/// and beside full-width punctuation; keeps one space between two Chinese words (as in
/// headlines) and between Latin words, and the space after a dateline (`科学导报讯 3月`).
fn tidy_spaces(text: &str) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !c.is_whitespace() {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let (Some(&prev), Some(&next)) = (chars.get(start.wrapping_sub(1)), chars.get(i)) else {
            continue;
        };
        let latin = |c: char| c.is_ascii_alphanumeric() || c == '%';
        let after_dateline = prev == '讯' && !out.chars().take(12).any(|c| c == '。');
        let drop = !after_dateline
            && ((is_set_full_width(prev) && latin(next))
                || (latin(prev) && is_set_full_width(next))
                || (prev.is_ascii_digit() && (next == '%' || next == '.'))
                || is_cjk_punct(prev)
                || is_cjk_punct(next));
        if !drop {
            out.push(' ');
        }
    }
    out
}

/// ASCII `, : ; ( ) ? !` in Chinese text → ，：；（）？！ (not between digits: 1,000 and 10:30 stay).
fn full_width_punct(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut open_converted = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        // `人, at`: a comma before Latin words belongs to them.
        let latin_after =
            next == Some(' ') && chars.get(i + 2).is_some_and(|n| n.is_ascii_alphabetic());
        let cjk_prev = prev.is_some_and(is_set_full_width) && !latin_after;
        let cjk_next = next.is_some_and(is_set_full_width);
        let digits =
            prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        let mapped = match c {
            ',' if !digits && (cjk_prev || cjk_next) => '，',
            ':' if !digits && (cjk_prev || cjk_next) => '：',
            ';' if cjk_prev || cjk_next => '；',
            '?' if cjk_prev => '？',
            '!' if cjk_prev => '！',
            '(' => {
                let convert = cjk_prev || cjk_next;
                open_converted.push(convert);
                if convert {
                    '（'
                } else {
                    '('
                }
            }
            ')' => {
                let opened = open_converted.pop().unwrap_or(false);
                if opened || cjk_prev {
                    '）'
                } else {
                    ')'
                }
            }
            other => other,
        };
        out.push(mapped);
    }
    out
}

/// Roman numerals of the surface-water classes. Fonts of the newspaper PDFs put Ⅲ, Ⅳ
/// and Ⅴ where OCR reads 芋, 郁 and 吁; and OCR often gives ASCII `V` or `IV`.
const MISREAD_CLASSES: [(char, char); 3] = [('芋', 'Ⅲ'), ('郁', 'Ⅳ'), ('吁', 'Ⅴ')];
const ASCII_CLASSES: [(&str, char); 5] = [
    ("III", 'Ⅲ'),
    ("II", 'Ⅱ'),
    ("IV", 'Ⅳ'),
    ("I", 'Ⅰ'),
    ("V", 'Ⅴ'),
];

/// A misread glyph before 类 is repaired only where a water class is meant: after
/// 达/劣/为/到/是/于/至/水 (达郁类, 劣吁类, 地表水芋类) or before 类水/类断面/类标准,
/// so that real words such as 薯芋类 stay.
fn repair_water_classes(text: &str) -> (String, Vec<Repair>) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut repairs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let before_class = chars.get(i + 1) == Some(&'类');
        let prev = i.checked_sub(1).map(|j| chars[j]);
        if before_class {
            if let Some(&(_, roman)) = MISREAD_CLASSES.iter().find(|(m, _)| *m == c) {
                let after: String = chars[i + 2..].iter().take(2).collect();
                let water = prev.is_some_and(|p| "达劣为到是于至水".contains(p))
                    || after.starts_with('水')
                    || after == "断面"
                    || after == "标准";
                if water {
                    repairs.push(Repair {
                        from: format!("{c}类"),
                        to: format!("{roman}类"),
                    });
                    out.push(roman);
                    i += 1;
                    continue;
                }
            }
        }
        if c.is_ascii_uppercase() && !prev.is_some_and(|p| p.is_ascii_alphabetic()) {
            let found = ASCII_CLASSES.iter().find(|(latin, _)| {
                let n = latin.len();
                chars.len() > i + n
                    && chars[i..i + n].iter().copied().eq(latin.chars())
                    && chars[i + n] == '类'
            });
            if let Some(&(latin, roman)) = found {
                repairs.push(Repair {
                    from: format!("{latin}类"),
                    to: format!("{roman}类"),
                });
                out.push(roman);
                i += latin.len();
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    (out, repairs)
}

/// Characters worth a second look, with why. The rule is deliberately simple:
/// - Han characters outside the basic block U+4E00–U+9FFF (extensions and compatibility
///   ideographs): almost never in news text, often an OCR slip;
/// - private-use characters and U+FFFD: a glyph the OCR could not map;
/// - 芋/郁/吁 before 类 and 姻 outside 婚姻/联姻/姻缘/姻亲 that were not repaired: the
///   glyphs these newspapers' fonts print for Ⅲ/Ⅳ/Ⅴ and the bullet ●;
/// - a Latin O, o, l or I between digits: OCR reads 0 and 1 that way.
pub fn suspicious_chars(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let context: String = chars[i.saturating_sub(6)..(i + 7).min(chars.len())]
            .iter()
            .collect();
        let why = if is_han(c) && !('\u{4E00}'..='\u{9FFF}').contains(&c) {
            Some("罕用字 / rare character")
        } else if (('\u{E000}'..='\u{F8FF}').contains(&c) && c != super::reading::BOLD)
            || c == '\u{FFFD}'
        {
            Some("无法识别的字符 / unreadable character")
        } else if "芋郁吁".contains(c) && next == Some('类') {
            Some("可能是误识别的Ⅲ/Ⅳ/Ⅴ / may be a misread Ⅲ/Ⅳ/Ⅴ")
        } else if c == '姻'
            && !(prev == Some('婚')
                || prev == Some('联')
                || next == Some('缘')
                || next == Some('亲'))
        {
            Some("可能是误识别的项目符号 / may be a misread bullet")
        } else if "OolI".contains(c)
            && prev.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit())
        {
            Some("数字中的字母 / letter inside a number")
        } else {
            None
        };
        if let Some(why) = why {
            found.push(format!("「{c}」 {why}: …{context}…"));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_chinese_double() {
        assert_eq!(width("晋中"), 4);
        assert_eq!(width("2025 年"), 7);
    }

    #[test]
    fn sentence_ends_and_open_ends() {
        assert!(ends_sentence("健康运行。”"));
        assert!(ends_sentence("从哪里起笔？"));
        assert!(!ends_sentence("协同推进格"));
        assert!(ends_open("协同推进格"));
        assert!(!ends_open("措施，"));
    }

    #[test]
    fn spaces_between_chinese_and_digits_go_headline_spaces_stay() {
        assert_eq!(
            normalize("3 月 26 日，AI 智能执法").0,
            "3月26日，AI智能执法"
        );
        assert_eq!(normalize("比例为 66.9 %").0, "比例为66.9%");
        assert_eq!(
            normalize("守护绿水青山 绘就生态画卷").0,
            "守护绿水青山 绘就生态画卷"
        );
        assert_eq!(normalize("科学导报讯 3 月 27 日").0, "科学导报讯 3月27日");
        assert_eq!(normalize("现场交流。 王梅").0, "现场交流。王梅");
    }

    #[test]
    fn ascii_punctuation_in_chinese_becomes_full_width() {
        assert_eq!(
            normalize("裴国欣:良好,也是;(记者 武玲芳)").0,
            "裴国欣：良好，也是；（记者 武玲芳）"
        );
        assert_eq!(normalize("共 1,000 人, at 10:30").0, "共1,000人, at 10:30");
    }

    #[test]
    fn pm_debris_becomes_plain() {
        assert_eq!(normalize("全市PM_{2.5}浓度").0, "全市PM2.5浓度");
        assert_eq!(normalize("PM₁₀、NO₂、O₃").0, "PM10、NO₂、O₃");
    }

    #[test]
    fn misread_water_classes_are_repaired_in_context_only() {
        let (text, repairs) = normalize("2个达到郁类水平，无劣吁类断面，首次达地表水芋类。");
        assert_eq!(text, "2个达到Ⅳ类水平，无劣Ⅴ类断面，首次达地表水Ⅲ类。");
        assert_eq!(repairs.len(), 3);
        assert_eq!(normalize("退劣V 类后").0, "退劣Ⅴ类后");
        assert_eq!(normalize("达IV类").0, "达Ⅳ类");
        assert_eq!(normalize("薯芋类作物").0, "薯芋类作物");
        assert_eq!(normalize("CIV类").0, "CIV类");
    }

    #[test]
    fn suspicious_characters_are_listed_with_context() {
        assert_eq!(suspicious_chars("婚姻登记").len(), 0);
        assert_eq!(suspicious_chars("姻 程国媛").len(), 1);
        assert_eq!(suspicious_chars("共2O24年").len(), 1);
        assert_eq!(suspicious_chars("罕见字\u{3400}").len(), 1);
    }

    #[test]
    fn names_start_with_a_common_surname() {
        assert!(looks_like_name("武玲芳"));
        assert!(looks_like_name("王梅"));
        assert!(!looks_like_name("会议"));
        assert!(!looks_like_name("王"));
    }
}
