//! Articles on a page: where each starts and ends, its headline and deck, bylines,
//! section headings, the publication and a summary.

use super::lines::{source_marker, Block};
use super::text::looks_like_name;
use super::{Body, Note};
use crate::cjk::is_han;

/// A headline line found around an article.
#[derive(Debug, Clone, PartialEq)]
pub enum Head {
    Short(String, usize),
    Deck(String, usize),
}

/// One article as found on the page, before tagging.
#[derive(Debug, Clone, Default)]
pub struct Piece {
    /// Headline lines printed before the text (page top).
    pub heads_before: Vec<Head>,
    /// Headline lines printed after the text (OCR order of page 001, 003, 004).
    pub heads_after: Vec<Head>,
    pub body: Vec<Body>,
    pub reporters: Vec<String>,
    /// From a dateline such as `科学导报讯`.
    pub publication: Option<String>,
    pub first_line: usize,
    pub last_line: usize,
    pub notes: Vec<Note>,
}

impl Piece {
    fn has_text(&self) -> bool {
        self.body.iter().any(|b| matches!(b, Body::Para(..)))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// No text yet: short lines are the headline.
    Lead,
    Body,
    /// Just after a byline: short lines are the headline of the article before.
    AfterByline,
    /// Collecting the headline printed after an article: text now starts a new one.
    Trailing,
}

/// What the page says about itself apart from its articles.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// A year printed alone (e.g. `2026` at the top of the page).
    pub year_mark: Option<i32>,
}

/// Splits the page's blocks into articles.
///
/// A new article starts at a dateline (`科学导报讯`) when the current one already has
/// text, and at the first text after a byline that is followed by headline lines (the
/// headline printed after its article). A `话题:` label makes the next short line a
/// section heading. Names under portraits (a name alone that the text also names),
/// credits, captions and lone years are dropped, with a note.
pub fn segment(blocks: &[Block]) -> (Vec<Piece>, Page) {
    let mut page = Page::default();
    let all_text: String = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let last_para = blocks.iter().rposition(|b| matches!(b, Block::Para { .. }));
    let mut pieces = Vec::new();
    let mut cur = Piece::default();
    let mut state = State::Lead;
    let mut pending_label = false;
    for (i, block) in blocks.iter().enumerate() {
        let line = block.line();
        if cur.first_line == 0 {
            cur.first_line = line;
        }
        cur.last_line = cur.last_line.max(line);
        let after_text = last_para.is_none_or(|l| i > l);
        match block {
            Block::YearMark { year, line } => {
                page.year_mark.get_or_insert(*year);
                cur.notes.push(Note::new(
                    *line,
                    format!("已删去单独一行的年份 {year}（用作日期）/ dropped the year {year} printed alone (used as the date)"),
                ));
            }
            Block::Credit { text, line } => cur.notes.push(Note::new(
                *line,
                format!("已删去版面署名 / dropped a page credit: {text}"),
            )),
            Block::Caption { text, line } => cur.notes.push(Note::new(
                *line,
                format!("已删去图片说明 / dropped a photo caption: {text}"),
            )),
            Block::Label { .. } => {
                pending_label = true;
                if state != State::Lead {
                    state = State::Body;
                }
            }
            Block::Short { text, line }
                if looks_like_name(text) && all_text.contains(text.as_str()) =>
            {
                cur.notes.push(Note::new(
                    *line,
                    format!("已删去照片下的人名 / dropped a name printed under a portrait: {text}"),
                ));
            }
            Block::Short { text, .. } if looks_like_name(text) && state == State::Body => {
                push_unique(&mut cur.reporters, text);
                state = State::AfterByline;
            }
            Block::Short { text, line } => {
                if pending_label {
                    cur.body.push(Body::Heading(text.clone()));
                    pending_label = false;
                    state = State::Body;
                } else {
                    match state {
                        State::Lead => cur.heads_before.push(Head::Short(text.clone(), *line)),
                        State::AfterByline | State::Trailing => {
                            cur.heads_after.push(Head::Short(text.clone(), *line));
                            state = State::Trailing;
                        }
                        State::Body if after_text => {
                            cur.heads_after.push(Head::Short(text.clone(), *line));
                            state = State::Trailing;
                        }
                        State::Body => match cur.body.last_mut() {
                            // Sub-headings printed on two lines are one heading.
                            Some(Body::Heading(h)) => {
                                h.push(' ');
                                h.push_str(text);
                            }
                            _ => cur.body.push(Body::Heading(text.clone())),
                        },
                    }
                }
            }
            Block::Deck { text, line } => {
                let deck = Head::Deck(text.clone(), *line);
                match state {
                    State::Lead => cur.heads_before.push(deck),
                    State::Body => {
                        // A deck ends the article: the headings just before it were its headline.
                        let mut moved = Vec::new();
                        while let Some(Body::Heading(h)) = cur.body.last() {
                            moved.push(Head::Short(h.clone(), *line));
                            cur.body.pop();
                        }
                        moved.reverse();
                        cur.heads_after.extend(moved);
                        cur.heads_after.push(deck);
                        state = State::Trailing;
                    }
                    State::AfterByline | State::Trailing => {
                        cur.heads_after.push(deck);
                        state = State::Trailing;
                    }
                }
            }
            Block::Byline { names, printed, .. } => {
                for name in names {
                    push_unique(&mut cur.reporters, name);
                }
                if let Some(printed) = printed {
                    cur.body.push(Body::Byline(printed.clone()));
                }
                state = State::AfterByline;
            }
            Block::Para { text, line } => {
                pending_label = false;
                let dateline = source_marker(text);
                if state == State::Trailing || (dateline.is_some() && cur.has_text()) {
                    let mut next = Piece {
                        first_line: *line,
                        last_line: *line,
                        ..Piece::default()
                    };
                    std::mem::swap(&mut cur, &mut next);
                    next.last_line = next.last_line.max(line.saturating_sub(1));
                    pieces.push(next);
                }
                if !cur.has_text() {
                    if let Some(name) = dateline.filter(|n| !n.is_empty()) {
                        cur.publication = Some(name.to_owned());
                    }
                }
                cur.body.push(Body::Para(text.clone(), *line));
                state = State::Body;
            }
        }
    }
    if cur.has_text() || pieces.is_empty() {
        pieces.push(cur);
    } else if let Some(last) = pieces.last_mut() {
        // Headline lines and notes after the last article belong to it.
        last.heads_after.extend(cur.heads_after);
        last.notes.extend(cur.notes);
        last.last_line = last.last_line.max(cur.last_line);
    }
    (pieces, page)
}

fn push_unique(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_owned());
    }
}

/// One article from pieces the layout took for several (a web copy is one article):
/// the text in order; headline lines after the first piece's become section headings,
/// except those after the last text, which stay headline lines.
pub fn merge(pieces: Vec<Piece>) -> Piece {
    let mut pieces = pieces.into_iter();
    let Some(mut merged) = pieces.next() else {
        return Piece::default();
    };
    for piece in pieces {
        for h in merged.heads_after.drain(..) {
            let (Head::Short(text, _) | Head::Deck(text, _)) = h;
            merged.body.push(Body::Heading(text));
        }
        for h in piece.heads_before {
            let (Head::Short(text, _) | Head::Deck(text, _)) = h;
            merged.body.push(Body::Heading(text));
        }
        merged.body.extend(piece.body);
        merged.heads_after = piece.heads_after;
        for r in piece.reporters {
            push_unique(&mut merged.reporters, &r);
        }
        merged.publication = merged.publication.or(piece.publication);
        merged.last_line = merged.last_line.max(piece.last_line);
        merged.notes.extend(piece.notes);
    }
    merged
}

/// Whether `text` was printed as a deck (after a dash) around the piece.
pub fn is_deck(piece: &Piece, text: &str) -> bool {
    piece
        .heads_before
        .iter()
        .chain(&piece.heads_after)
        .any(|h| matches!(h, Head::Deck(d, _) if undouble(d) == text))
}

/// Words that end the name of an organisation: a short line ending in one is a kicker
/// (the body that issued the news), not the headline.
const ORGANISATION_ENDINGS: [&str; 14] = [
    "局",
    "队",
    "委员会",
    "委",
    "办公室",
    "中心",
    "政府",
    "集团",
    "公司",
    "厅",
    "院",
    "站",
    "协会",
    "部",
];

fn is_organisation(text: &str) -> bool {
    !text.contains(' ')
        && text.chars().count() <= 24
        && ORGANISATION_ENDINGS.iter().any(|e| text.ends_with(e))
}

/// `厚植生态底色厚植生态底色` → `厚植生态底色`: OCR sometimes reads a headline twice.
pub fn undouble(title: &str) -> String {
    title
        .split(' ')
        .map(|part| {
            let chars: Vec<char> = part.chars().collect();
            let half = chars.len() / 2;
            if chars.len() >= 4 && chars.len().is_multiple_of(2) && chars[..half] == chars[half..] {
                chars[..half].iter().collect()
            } else {
                part.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The headline of a piece.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Headline {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub page_title: Option<String>,
}

/// Picks title and subtitle among the headline lines: the line just before a deck is
/// the title and the deck the subtitle; else the first line that is not an
/// organisation kicker is the title and a kicker before it the subtitle. The lines
/// printed after the text win over those before it, which then name the page.
pub fn headline(piece: &Piece, notes: &mut Vec<Note>) -> Headline {
    let after_has_title = piece
        .heads_after
        .iter()
        .any(|h| matches!(h, Head::Short(..)));
    let (heads, other) = if after_has_title {
        (&piece.heads_after, &piece.heads_before)
    } else {
        (&piece.heads_before, &piece.heads_after)
    };
    let mut result = Headline::default();
    let deck = heads.iter().position(|h| matches!(h, Head::Deck(..)));
    let title_at = match deck {
        Some(d) if d > 0 && matches!(heads[d - 1], Head::Short(..)) => Some(d - 1),
        _ => heads
            .iter()
            .position(|h| matches!(h, Head::Short(t, _) if !is_organisation(t)))
            .or_else(|| heads.iter().rposition(|h| matches!(h, Head::Short(..)))),
    };
    let mut used = vec![false; heads.len()];
    if let Some(t) = title_at {
        if let Head::Short(text, line) = &heads[t] {
            // A kicker printed on the line before the headline: `太原市生态环境局 扬尘治理再加码`.
            let text = match text.split_once(' ') {
                Some((kicker, rest)) if is_organisation(kicker) && !rest.is_empty() => {
                    result.subtitle = Some(kicker.to_owned());
                    rest
                }
                _ => text.as_str(),
            };
            let title = undouble(text);
            if title != text {
                notes.push(Note::new(
                    *line,
                    format!(
                        "标题重复，已去掉一遍 / the headline was printed twice: {text} → {title}"
                    ),
                ));
            }
            result.title = Some(title);
            used[t] = true;
        }
    }
    if let Some(d) = deck {
        if let Head::Deck(text, _) = &heads[d] {
            result.subtitle = Some(undouble(text));
            used[d] = true;
        }
    }
    if result.subtitle.is_none() {
        let kicker = heads.iter().enumerate().position(|(k, h)| {
            !used[k]
                && title_at.is_none_or(|t| k < t)
                && matches!(h, Head::Short(t, _) if is_organisation(t))
        });
        if let Some(k) = kicker {
            if let Head::Short(text, _) = &heads[k] {
                result.subtitle = Some(text.clone());
                used[k] = true;
            }
        }
    }
    for (h, _) in heads.iter().zip(&used).filter(|(_, used)| !**used) {
        let (Head::Short(text, line) | Head::Deck(text, line)) = h;
        notes.push(Note::new(
            *line,
            format!("已删去标题区的一行（版面标签或图片说明？）/ dropped a line near the headline (page label or photo caption?): {text}"),
        ));
    }
    if after_has_title {
        result.page_title = other.iter().find_map(|h| match h {
            Head::Short(t, _) => Some(t.clone()),
            Head::Deck(..) => None,
        });
    }
    result
}

/// A short summary: the first sentences of the text (at least 40 characters, at most
/// 150), without the dateline.
pub fn summary(body: &[Body]) -> Option<String> {
    let first = body.iter().find_map(|b| match b {
        Body::Para(t, _) => Some(t.as_str()),
        _ => None,
    })?;
    // Without the dateline and the byline after it: `本报太原7月22日电（记者 张三）`.
    let mut text = first[super::byline::dateline(first).end..].trim_start();
    if text.len() < first.len() && text.starts_with(['（', '(']) {
        if let Some(close) = text.find(['）', ')']).filter(|&c| c <= 60) {
            text = text[close..].trim_start_matches(['）', ')']).trim_start();
        }
    }
    let mut summary = String::new();
    for c in text.chars() {
        summary.push(c);
        if "。！？".contains(c) && summary.chars().count() >= 40 {
            break;
        }
    }
    let chars: Vec<char> = summary.chars().collect();
    if chars.len() > 150 {
        let cut: String = chars[..150].iter().collect();
        // End at the last full sentence or clause inside the limit.
        let end = cut
            .rfind(['。', '！', '？', '；', '，'])
            .map_or(cut.len(), |i| i);
        Some(format!("{}…", &cut[..end]))
    } else if chars.iter().any(|&c| is_han(c)) {
        Some(summary)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::blocks;

    fn pieces(raw: &str) -> Vec<Piece> {
        segment(&blocks(raw).1).0
    }

    fn title(piece: &Piece) -> Headline {
        headline(piece, &mut Vec::new())
    }

    #[test]
    fn a_headline_printed_after_the_text_with_its_deck() {
        let raw = "城市之美，在乎生态。推窗见绿，\n\n葱葱草木伴身边；天朗气清，吐故纳新\n\n心欢畅。\n\n守护绿水青山 绘就生态画卷\n ——我市着力强化生态治理，全力以赴建设美丽晋中\n\n生态优良的晋中生机勃勃\n";
        let p = pieces(raw);
        assert_eq!(p.len(), 1);
        let mut notes = Vec::new();
        let h = headline(&p[0], &mut notes);
        assert_eq!(h.title.as_deref(), Some("守护绿水青山 绘就生态画卷"));
        assert_eq!(
            h.subtitle.as_deref(),
            Some("我市着力强化生态治理，全力以赴建设美丽晋中")
        );
        assert!(notes
            .iter()
            .any(|n| n.message.contains("生态优良的晋中生机勃勃")));
    }

    #[test]
    fn a_doubled_headline_is_read_once() {
        assert_eq!(
            undouble("厚植生态底色厚植生态底色 绘就绿美画卷绘就绿美画卷"),
            "厚植生态底色 绘就绿美画卷"
        );
        assert_eq!(undouble("太原：一城绿韵织锦绣"), "太原：一城绿韵织锦绣");
        let raw = "绿色发展是高质量发展的底色，发\n\n展绿色生产力是推动高质量发展的应\n\n有之义。\n\n厚植生态底色厚植生态底色 绘就绿美画卷绘就绿美画卷\n";
        assert_eq!(
            title(&pieces(raw)[0]).title.as_deref(),
            Some("厚植生态底色 绘就绿美画卷")
        );
    }

    const KXDB: &str = "科学导报讯 为提高晋中市城区扬尘污染精细化管\n\n理水平，有效管控颗粒物污染，3 月 26 日，晋中市生态\n\n环境局召开市城区扬尘污染治理工作会议。\n\n会议后，与会人员现场调研市城区建筑工地扬尘污\n\n染治理情况，并就存在的问题进行了现场交流。 王梅\n\n晋中市生态环境局\n\n扬尘治理再加码\n力保空气质量再提升\n\n科学导报讯 3 月 27 日，吕梁市生态环境局召开全\n\n体党员大会，补选调整了第一届机关党委机关纪委。\n\n会议强调，一要坚决落实机关党的建设主体责任，确保在各种诱惑面前经得起考\n\n验、守得住底线。 郝苗锋\n\n吕梁市生态环境局\n\n坚持以党建“红”引领生态“绿”\n\n黄河芮城段蜿蜒壮美。 常奇摄\n";

    #[test]
    fn a_page_with_several_datelines_is_split_with_headline_kicker_and_reporter() {
        let p = pieces(KXDB);
        assert_eq!(p.len(), 2);
        let h = title(&p[0]);
        assert_eq!(
            h.title.as_deref(),
            Some("扬尘治理再加码 力保空气质量再提升")
        );
        assert_eq!(h.subtitle.as_deref(), Some("晋中市生态环境局"));
        assert_eq!(p[0].reporters, ["王梅"]);
        assert_eq!(p[0].publication.as_deref(), Some("科学导报"));
        let h = title(&p[1]);
        assert_eq!(h.title.as_deref(), Some("坚持以党建“红”引领生态“绿”"));
        assert_eq!(p[1].reporters, ["郝苗锋"]);
        assert!(p[1].notes.iter().any(|n| n.message.contains("常奇摄")));
    }

    #[test]
    fn topic_labels_become_headings_and_speakers_people() {
        let raw = "擦亮生态底色 描绘美丽画卷\n\n——我市各界人士就美丽晋中建设畅所欲言\n\n话题:\n\n蓝天白云常相伴\n\n市生态环境局大气科科长裴国欣:清新的空气、如洗的蓝天,令人心旷神怡。全年空气质量持续改善,优良天数改善率位居全省第一。\n\n展望未来,我局将全力为人民群众创造更加优越的生态环境,共同守护蓝天白云。(记者 武玲芳)\n\n话题:\n\n碧波荡漾水潺潺\n\n灵石县“一泓清水入黄河”办公室主任张耀伟:“一泓清水入黄河”是一项重大的政治工程、生态工程、发展工程、民生工程。\n\n裴国欣\n\n张耀伟\n";
        let p = pieces(raw);
        assert_eq!(p.len(), 1);
        let h = title(&p[0]);
        assert_eq!(h.title.as_deref(), Some("擦亮生态底色 描绘美丽画卷"));
        assert_eq!(
            h.subtitle.as_deref(),
            Some("我市各界人士就美丽晋中建设畅所欲言")
        );
        let headings: Vec<&Body> = p[0]
            .body
            .iter()
            .filter(|b| matches!(b, Body::Heading(_)))
            .collect();
        assert_eq!(
            headings,
            [
                &Body::Heading("蓝天白云常相伴".into()),
                &Body::Heading("碧波荡漾水潺潺".into())
            ]
        );
        assert!(p[0].body.contains(&Body::Byline("（记者 武玲芳）".into())));
        assert_eq!(p[0].reporters, ["武玲芳"]);
        let people = crate::import::people::people(&p[0].body);
        assert_eq!(people[0].name, "裴国欣");
        assert_eq!(people[0].role, "市生态环境局大气科科长");
        assert_eq!(people[1].name, "张耀伟");
        assert_eq!(people[1].role, "灵石县“一泓清水入黄河”办公室主任");
        assert!(p[0].notes.iter().any(|n| n.message.contains("portrait")));
    }

    #[test]
    fn a_name_alone_at_the_end_of_an_article_is_its_reporter() {
        let raw = "第一段文字很长很长，说了很多很多的事情，这里还有更多的文字。\n\n第二段文字也很长很长，说了很多很多的事情，这里还有更多。\n\n王家隆\n";
        let p = pieces(raw);
        assert_eq!(p[0].reporters, ["王家隆"]);
    }

    #[test]
    fn the_summary_is_the_first_sentence_without_the_dateline() {
        let body = vec![Body::Para(
            "科学导报讯 4月3日，会议在太原举办。作为试点。".into(),
            1,
        )];
        assert_eq!(
            summary(&body).as_deref(),
            Some("4月3日，会议在太原举办。作为试点。")
        );
    }
}
