//! Layout: raw OCR lines → blocks (paragraphs, short heading-like lines, bylines, …).
//!
//! The pages come in two layouts. *Columns*: every printed line is a line of the file
//! (mostly followed by a blank line), broken at the column width, so the lines must be
//! joined into paragraphs. *Paragraphs*: one line of the file per paragraph. Lines are
//! first classified one by one (labels, credits, captions, decks, bylines), then the
//! text lines are joined into paragraphs or kept as short heading-like lines.

use super::text::{ends_open, ends_sentence, has_prose_punct, looks_like_name, normalize, width};
use super::Note;
use crate::cjk::is_han;

mod paragraphs;

use paragraphs::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Lines broken at a fixed column width.
    Columns,
    /// One paragraph per line.
    Paragraphs,
}

/// A unit of the page, in reading order. `line` is the 1-based line of the raw text
/// where it starts.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Running text.
    Para { text: String, line: usize },
    /// A short line without the punctuation of running text: a headline, an
    /// organisation kicker, a sub-heading, or a name. Lines printed together are
    /// joined with a space.
    Short { text: String, line: usize },
    /// A deck printed after a dash (`——我市…`), without the dash.
    Deck { text: String, line: usize },
    /// The `话题:` label of an interview page.
    Label { line: usize },
    /// Reporters: `(记者 武玲芳)` (kept as printed in the body) or a name alone.
    Byline {
        names: Vec<String>,
        printed: Option<String>,
        line: usize,
    },
    /// A photo caption (`黄河芮城段蜿蜒壮美。 常奇摄`).
    Caption { text: String, line: usize },
    /// A page credit (`策划:路丽华`).
    Credit { text: String, line: usize },
    /// A year printed alone (page furniture such as the year).
    YearMark { year: i32, line: usize },
}

impl Block {
    pub fn line(&self) -> usize {
        match self {
            Block::Para { line, .. }
            | Block::Short { line, .. }
            | Block::Deck { line, .. }
            | Block::Label { line }
            | Block::Byline { line, .. }
            | Block::Caption { line, .. }
            | Block::Credit { line, .. }
            | Block::YearMark { line, .. } => *line,
        }
    }
}

/// A line of running text (or a headline) before joining.
#[derive(Debug, Clone)]
struct TextLine {
    text: String,
    line: usize,
    indented: bool,
    blank_before: bool,
}

#[derive(Debug, Clone)]
enum Item {
    Text(TextLine),
    Other(Block),
}

/// Decides the layout: columns unless most of the text sits in long lines or most
/// lines end a sentence.
pub fn detect_layout(raw: &str) -> Layout {
    let lengths: Vec<usize> = raw
        .lines()
        .map(|l| l.trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    let total: usize = lengths.iter().sum();
    let long: usize = lengths.iter().filter(|&&n| n > 40).sum();
    // Short paragraphs copied from a web page: most lines end a sentence, where in
    // columns only the last line of each paragraph does.
    let prose: Vec<&str> = raw.lines().filter(|l| has_prose_punct(l)).collect();
    let sentence_ends = prose.iter().filter(|l| ends_sentence(l)).count();
    let copied = prose.len() >= 2 && sentence_ends * 3 >= prose.len() * 2;
    if total == 0 || long * 2 >= total || copied {
        Layout::Paragraphs
    } else {
        Layout::Columns
    }
}

/// Turns raw text into blocks, with notes on what was repaired or moved.
pub fn blocks(raw: &str) -> (Layout, Vec<Block>, Vec<Note>) {
    let layout = detect_layout(raw);
    let mut notes = Vec::new();
    let mut items = Vec::new();
    let mut blank_before = true;
    for (i, raw_line) in raw.lines().enumerate() {
        let text = raw_line.trim();
        if text.is_empty() {
            blank_before = true;
            continue;
        }
        let indented = raw_line.starts_with(char::is_whitespace);
        classify(text, i + 1, indented, blank_before, &mut items, &mut notes);
        blank_before = false;
    }
    let headings = match layout {
        Layout::Columns => column_headings(&items),
        Layout::Paragraphs => items
            .iter()
            .map(|item| match item {
                Item::Text(t) => is_headline_text(&t.text) && width(&t.text) <= 60,
                Item::Other(_) => false,
            })
            .collect(),
    };
    let mut blocks = assemble(layout, &items, &headings, &mut notes);
    mend_breaks(&mut blocks, &mut notes);
    (layout, blocks, notes)
}

const CREDIT_WORDS: [&str; 12] = [
    "策划",
    "统筹",
    "摄影",
    "编辑",
    "责编",
    "责任编辑",
    "校对",
    "美编",
    "版式",
    "设计",
    "审核",
    "监制",
];

/// Classifies one non-blank line; a line may yield two items (text and its byline).
fn classify(
    text: &str,
    line: usize,
    indented: bool,
    blank_before: bool,
    out: &mut Vec<Item>,
    notes: &mut Vec<Note>,
) {
    let other = |b: Block| Item::Other(b);
    let text_item = |t: &str| {
        Item::Text(TextLine {
            text: t.to_owned(),
            line,
            indented,
            blank_before,
        })
    };
    if let Some(rest) = text.strip_prefix("话题") {
        let rest = rest.trim_start_matches([':', '：']).trim();
        if rest.len() < text.len() - "话题".len() || rest.is_empty() {
            out.push(other(Block::Label { line }));
            if !rest.is_empty() {
                out.push(text_item(rest));
            }
            return;
        }
    }
    let unprefixed = text.strip_prefix("本版").unwrap_or(text);
    if CREDIT_WORDS.iter().any(|w| {
        unprefixed
            .strip_prefix(w)
            .is_some_and(|r| r.starts_with([':', '：']))
    }) {
        out.push(other(Block::Credit {
            text: text.to_owned(),
            line,
        }));
        return;
    }
    let last_token = text.rsplit(char::is_whitespace).next().unwrap_or(text);
    if last_token.ends_with('摄')
        && (3..=5).contains(&last_token.chars().count())
        && last_token.chars().all(is_han)
    {
        out.push(other(Block::Caption {
            text: text.to_owned(),
            line,
        }));
        return;
    }
    let dashes = text
        .chars()
        .take_while(|c| matches!(c, '—' | '－' | '-' | '―' | '─'))
        .count();
    if dashes >= 2 {
        let deck = text.trim_start_matches(['—', '－', '-', '―', '─']).trim();
        if !deck.is_empty() {
            out.push(other(Block::Deck {
                text: normalize(deck).0,
                line,
            }));
            return;
        }
    }
    let digits = text.trim_end_matches('年');
    if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(year) = digits.parse::<i32>() {
            if (1900..=2100).contains(&year) {
                out.push(other(Block::YearMark { year, line }));
                return;
            }
        }
    }
    if let Some(rest) = text.strip_prefix('姻') {
        if rest.starts_with(char::is_whitespace) && looks_like_name(rest.trim()) {
            notes.push(Note::new(
                line,
                "已删去项目符号“姻” / dropped the misread bullet 姻 before a byline",
            ));
            out.push(other(Block::Byline {
                names: vec![rest.trim().to_owned()],
                printed: None,
                line,
            }));
            return;
        }
    }
    if let Some((before, names)) = reporter_byline(text) {
        if !before.is_empty() {
            out.push(text_item(before));
        }
        out.push(other(Block::Byline {
            printed: Some(format!("（记者 {}）", names.join(" "))),
            names,
            line,
        }));
        return;
    }
    // A name set apart after the last sentence of an article: `…现场交流。 王梅`.
    if let Some((before, name)) = text.rsplit_once(char::is_whitespace) {
        let before = before.trim_end();
        if looks_like_name(name) && ends_sentence(before) {
            out.push(text_item(before));
            out.push(other(Block::Byline {
                names: vec![name.to_owned()],
                printed: None,
                line,
            }));
            return;
        }
    }
    out.push(text_item(text));
}

/// `…比例。(记者 武玲芳)` → the text before and the reporters' names.
fn reporter_byline(text: &str) -> Option<(&str, Vec<String>)> {
    let body = text.strip_suffix([')', '）'])?;
    let open = body.rfind(['(', '（'])?;
    let inner = body[open..].trim_start_matches(['(', '（']).trim();
    // `记者 张三`, `本报记者张三`, `新华社记者 张三`, `来源：长治日报 记者 王磊`: what comes
    // before 记者 is a paper's name or a source field, never running text.
    let at = inner.find("记者")?;
    let before = inner[..at].trim();
    let label = before.is_empty()
        || (before.chars().count() <= 16
            && !has_prose_punct(before)
            && before
                .chars()
                .all(|c| is_han(c) || c.is_whitespace() || ":：".contains(c)));
    if !label {
        return None;
    }
    let names = &inner[at + "记者".len()..];
    // `张三 李四`, `张三、李四`, `张三 通讯员 李四`: the labels are not names.
    let names = super::web::names(names)?;
    Some((text[..open].trim_end(), names))
}

/// Text that could be a headline: no punctuation of running text, not a dateline
/// (`科学导报讯`, `本报忻州4月17日电`).
fn is_headline_text(text: &str) -> bool {
    !has_prose_punct(text)
        && source_marker(text).is_none()
        && super::byline::dateline(text).end == 0
}

/// The publication named by a dateline at the start of a paragraph: `科学导报讯` →
/// `科学导报`; `本报讯` ("this paper") names none and gives "". Agency datelines such as
/// `新华社太原4月3日电` are not recognised.
pub fn source_marker(text: &str) -> Option<&str> {
    let end = text.char_indices().take(12).find(|(_, c)| *c == '讯')?.0;
    let name = &text[..end];
    if name.chars().all(is_han) && name.chars().count() >= 2 {
        Some(if name == "本报" { "" } else { name })
    } else {
        None
    }
}

fn median(values: &[usize]) -> usize {
    let mut v = values.to_vec();
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

/// The column width around each text line: the median of the nearby lines that are not
/// much shorter than the rest (paragraph ends and headings would pull it down).
fn column_widths(widths: &[usize]) -> Vec<usize> {
    const WINDOW: usize = 8;
    (0..widths.len())
        .map(|i| {
            let window = &widths[i.saturating_sub(WINDOW)..(i + WINDOW + 1).min(widths.len())];
            let m = median(window);
            let full: Vec<usize> = window.iter().copied().filter(|&w| w * 5 >= m * 4).collect();
            median(&full)
        })
        .collect()
}

/// Column widths of the text items, one per text item in order. Articles on one page
/// are set in columns of different widths, so the window does not reach across a
/// byline, deck or caption, unless the run of text between them is too short to tell.
fn text_column_widths(items: &[Item]) -> Vec<usize> {
    const MIN_RUN: usize = 5;
    let mut runs: Vec<Vec<usize>> = vec![Vec::new()];
    for item in items {
        match item {
            Item::Text(t) => runs.last_mut().map_or((), |r| r.push(width(&t.text))),
            Item::Other(_) => runs.push(Vec::new()),
        }
    }
    let all: Vec<usize> = runs.iter().flatten().copied().collect();
    let global = column_widths(&all);
    let mut cols = Vec::with_capacity(all.len());
    for run in runs.iter().filter(|r| !r.is_empty()) {
        if run.len() >= MIN_RUN {
            cols.extend(column_widths(run));
        } else {
            cols.extend_from_slice(&global[cols.len()..cols.len() + run.len()]);
        }
    }
    cols
}

/// Which items of a columns page are heading-like lines rather than running text.
///
/// A heading has none of the punctuation of running text, does not continue an open
/// sentence, and is either clearly short (at most 72% of the column), or follows a
/// byline or another heading (headlines printed after their article), or comes right
/// before a deck, or is in the tail of the page where no running text follows.
fn column_headings(items: &[Item]) -> Vec<bool> {
    let text_idx: Vec<usize> = (0..items.len())
        .filter(|&k| matches!(items[k], Item::Text(_)))
        .collect();
    let widths: Vec<usize> = text_idx
        .iter()
        .map(|&k| match &items[k] {
            Item::Text(t) => width(&t.text),
            Item::Other(_) => 0,
        })
        .collect();
    let cols = text_column_widths(items);
    // trailing[k]: no later text line has running-text punctuation.
    let mut trailing = vec![false; items.len()];
    let mut prose_after = false;
    for k in (0..items.len()).rev() {
        trailing[k] = !prose_after;
        if let Item::Text(t) = &items[k] {
            prose_after |= has_prose_punct(&t.text);
        }
    }
    let mut heading = vec![false; items.len()];
    for (t, &k) in text_idx.iter().enumerate() {
        let Item::Text(line) = &items[k] else {
            continue;
        };
        if !is_headline_text(&line.text) {
            continue;
        }
        let (w, col) = (widths[t], cols[t].max(1));
        let prev = k.checked_sub(1).map(|p| (p, &items[p]));
        let (after_break, after_headline, after_heading) = match prev {
            None => (true, true, false),
            Some((_, Item::Other(Block::Byline { .. } | Block::Label { .. }))) => {
                (true, true, false)
            }
            Some((_, Item::Other(_))) => (true, false, false),
            Some((p, Item::Text(prev))) => {
                (heading[p] || ends_sentence(&prev.text), false, heading[p])
            }
        };
        if !after_break {
            continue;
        }
        let before_deck = matches!(items.get(k + 1), Some(Item::Other(Block::Deck { .. })));
        heading[k] = w * 100 <= col * 72
            || (after_headline && w * 10 <= col * 9)
            || (after_heading && w * 10 <= col * 8)
            || before_deck
            || trailing[k];
    }
    heading
}

/// Whether a paragraph ends between two column lines: the first ends a sentence and
/// either is clearly short of the column, or the second is short by an indent (the
/// first line of a paragraph is set in by two characters) without ending itself. A
/// first line that is itself indented is full at the column less the indent.
fn breaks_between(prev: &TextLine, prev_starts_para: bool, next: &TextLine, col: usize) -> bool {
    const INDENT: usize = 4;
    if !ends_sentence(&prev.text) {
        return false;
    }
    let allowance = if prev_starts_para { INDENT } else { 0 };
    let prev_short = width(&prev.text) + 3 + allowance <= col;
    // A short next line that ends a sentence is the last line of this paragraph, unless
    // it is full but for the indent: a first line that happens to end at the edge.
    let next_width = width(&next.text);
    let next_short =
        next_width + 3 <= col && (!ends_sentence(&next.text) || next_width + 3 + INDENT >= col);
    prev_short || next_short || next.indented
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(blocks: &[Block]) -> Vec<&str> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    const COLUMNS: &str = " 城市之美，在乎生态。推窗见绿，\n\n葱葱草木伴身边；天朗气清，吐故纳新\n\n心欢畅。\n\n绿色是高质量发展最亮丽的底\n\n色，优美生态环境是人民群众对美好\n\n生活的期待。今年，全国两会政府工\n\n作报告提出，要加强污染防治和生态\n\n建设。\n";

    #[test]
    fn detects_the_two_layouts() {
        assert_eq!(detect_layout(COLUMNS), Layout::Columns);
        let long = "第一段很长的一段文字，".repeat(6) + "\n\n" + &"第二段也很长的文字。".repeat(6);
        assert_eq!(detect_layout(&long), Layout::Paragraphs);
    }

    #[test]
    fn column_lines_are_joined_and_short_sentence_ends_break() {
        let (_, blocks, _) = blocks(COLUMNS);
        assert_eq!(
            paras(&blocks),
            [
                "城市之美，在乎生态。推窗见绿，葱葱草木伴身边；天朗气清，吐故纳新心欢畅。",
                "绿色是高质量发展最亮丽的底色，优美生态环境是人民群众对美好生活的期待。今年，全国两会政府工作报告提出，要加强污染防治和生态建设。",
            ]
        );
    }

    #[test]
    fn an_indented_first_line_starts_a_paragraph_after_a_full_line() {
        let raw = "处于攻坚阶段，污染防治存在不足。\n\n针对现状，平遥县生态环境局将扎实\n\n度治理；全面强化工业企业绩效管理。\n\n一方好山水，满眼皆覆绿。涵养\n\n水源生态，离不开植绿造绿。今年市\n\n两会政府工作报告提出，加快推进。\n";
        let (_, blocks, _) = blocks(raw);
        let p = paras(&blocks);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].ends_with("绩效管理。"));
        assert!(p[1].starts_with("一方好山水"));
    }

    #[test]
    fn latin_words_are_joined_with_a_space() {
        let raw = "这是一段很长的中文文字，说到了\n\nhigh quality\n\ndevelopment goals and more\n\n的内容也很长很长很长的句子。\n";
        let (_, blocks, _) = blocks(raw);
        assert!(paras(&blocks)[0].contains("high quality development goals"));
    }

    #[test]
    fn bylines_captions_credits_and_decks_are_recognised() {
        let raw = "就存在的问题进行了现场交流。 王梅\n\n黄河芮城段蜿蜒壮美。 常奇摄\n\n策划:路丽华\n摄影:武玲芳、李娟\n\n——我市各界人士畅所欲言\n\n话题:\n\n治污兴水惠民生\n\n姻 程国媛\n\n2026\n\n措施。(记者 武玲芳)\n";
        let (_, blocks, notes) = blocks(raw);
        let kinds: Vec<&str> = blocks
            .iter()
            .map(|b| match b {
                Block::Para { .. } => "para",
                Block::Short { .. } => "short",
                Block::Deck { .. } => "deck",
                Block::Label { .. } => "label",
                Block::Byline { .. } => "byline",
                Block::Caption { .. } => "caption",
                Block::Credit { .. } => "credit",
                Block::YearMark { .. } => "year",
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "para", "byline", "caption", "credit", "credit", "deck", "label", "short",
                "byline", "year", "para", "byline"
            ]
        );
        assert!(blocks.iter().any(
            |b| matches!(b, Block::Byline { names, printed: Some(p), .. }
            if names == &["武玲芳"] && p == "（记者 武玲芳）")
        ));
        assert!(notes.iter().any(|n| n.message.contains("姻")));
    }

    #[test]
    fn headlines_after_a_byline_and_two_line_headlines() {
        let raw = "会议强调，一要不断提高思想认识，切实增强责任\n\n感和使命感，将扬尘污染治理作为当前大气污染防治工\n\n作的重中之重，压实监管责任，将各项工作抓实抓细。 王梅\n\n晋中市生态环境局\n\n扬尘治理再加码\n力保空气质量再提升\n\n运城依黄河而生，因黄河而兴。黄河流\n\n经运城，为山西省境内岸线最长的市。\n";
        let (_, blocks, _) = blocks(raw);
        assert!(blocks.contains(&Block::Short {
            text: "晋中市生态环境局".into(),
            line: 7
        }));
        assert!(blocks.contains(&Block::Short {
            text: "扬尘治理再加码 力保空气质量再提升".into(),
            line: 9
        }));
        assert_eq!(paras(&blocks).len(), 2);
    }

    #[test]
    fn a_sentence_broken_by_an_interleaved_block_is_rejoined() {
        let raw = "话题:\n\n治水兴水惠民生\n\n介休市水利局局长杜晓云:近年来，介休市锚定核心目标，细化30项重点任务，形成16部门协同推进格\n\n环境就是民生，青山就是美丽，蓝天也是幸福。近年来，我市下大气力改善城乡环境面貌。\n\n2026年政府工作报告提出，加快经济社会发展全面绿色转型。这让全市人民充满了期待与信心。\n\n杜晓云\n\n策划:路丽华\n\n局。坚持“干一批、谋一批”谋划储备40个项目，水资源配置更趋合理，为县域治水提供了实践样本。\n";
        let (_, blocks, notes) = blocks(raw);
        let p = paras(&blocks);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(
            p[0].starts_with("环境就是民生"),
            "moved before the label: {p:?}"
        );
        assert!(p[1].starts_with("2026年"), "in their order: {p:?}");
        assert!(p[2].contains("协同推进格局。坚持"));
        assert!(matches!(blocks[0], Block::Para { .. }));
        assert!(notes.iter().any(|n| n.message.contains("moved")));
    }

    #[test]
    fn a_paragraph_starting_with_a_particle_continues_the_one_before() {
        let raw = "依托研究院，加大研发投入，突破关键技术瓶颈，形成一批具有自主知识产权，并且还要继续加大投入力度\n\n的核心技术。\n\n优化能源结构，推动绿色转型，加快清洁能源替代，推动光伏发电等可再生能源规模化应用。\n";
        let (_, blocks, _) = blocks(raw);
        let p = paras(&blocks);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].ends_with("投入力度的核心技术。"));
    }
}
