//! Classified lines → blocks: text lines joined into paragraphs (or kept as short,
//! heading-like lines) where the column layout broke them, and breaks mended where a
//! sentence runs on across a block.

use super::*;

pub(super) struct Pending {
    text: String,
    line: usize,
    last_item: usize,
    last_text: usize,
    /// Raw lines joined so far, with their line numbers.
    raw: Vec<(usize, String)>,
}

pub(super) fn assemble(
    layout: Layout,
    items: &[Item],
    headings: &[bool],
    notes: &mut Vec<Note>,
) -> Vec<Block> {
    let text_lines: Vec<&TextLine> = items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t),
            Item::Other(_) => None,
        })
        .collect();
    let cols = column_widths(
        &text_lines
            .iter()
            .map(|t| width(&t.text))
            .collect::<Vec<_>>(),
    );
    let mut blocks = Vec::new();
    let mut para: Option<Pending> = None;
    let mut short: Option<Pending> = None;
    let mut t = 0;
    for (k, item) in items.iter().enumerate() {
        match item {
            Item::Text(line) if headings[k] => {
                flush_para(&mut para, &mut blocks, notes);
                match &mut short {
                    Some(s) if s.last_item + 1 == k && !line.blank_before => {
                        s.text.push(' ');
                        s.text.push_str(&line.text);
                        s.last_item = k;
                    }
                    _ => {
                        flush_short(&mut short, &mut blocks);
                        short = Some(Pending {
                            text: line.text.clone(),
                            line: line.line,
                            last_item: k,
                            last_text: t,
                            raw: Vec::new(),
                        });
                    }
                }
                t += 1;
            }
            Item::Text(line) => {
                flush_short(&mut short, &mut blocks);
                let joins = para.as_ref().is_some_and(|p| {
                    layout == Layout::Columns
                        && p.last_item + 1 == k
                        && !breaks_between(text_lines[p.last_text], p.raw.len() == 1, line, cols[t])
                });
                match (&mut para, joins) {
                    (Some(p), true) => {
                        let latin_seam = p.text.ends_with(|c: char| c.is_ascii_alphanumeric())
                            && line.text.starts_with(|c: char| c.is_ascii_alphanumeric());
                        if latin_seam {
                            p.text.push(' ');
                        }
                        p.text.push_str(&line.text);
                        p.last_item = k;
                        p.last_text = t;
                        p.raw.push((line.line, line.text.clone()));
                    }
                    _ => {
                        flush_para(&mut para, &mut blocks, notes);
                        para = Some(Pending {
                            text: line.text.clone(),
                            line: line.line,
                            last_item: k,
                            last_text: t,
                            raw: vec![(line.line, line.text.clone())],
                        });
                    }
                }
                t += 1;
            }
            Item::Other(block) => {
                flush_para(&mut para, &mut blocks, notes);
                flush_short(&mut short, &mut blocks);
                blocks.push(block.clone());
            }
        }
    }
    flush_para(&mut para, &mut blocks, notes);
    flush_short(&mut short, &mut blocks);
    blocks
}

pub(super) fn flush_para(
    para: &mut Option<Pending>,
    blocks: &mut Vec<Block>,
    notes: &mut Vec<Note>,
) {
    if let Some(p) = para.take() {
        let (text, repairs) = normalize(&p.text);
        // Point each repair at the raw line that holds the glyph, in order.
        let mut cursor = 0;
        for r in repairs {
            let glyph = r.from.trim_end_matches('类');
            let found = p.raw[cursor.min(p.raw.len())..]
                .iter()
                .position(|(_, t)| t.contains(glyph))
                .map(|i| cursor + i);
            let line = found.map_or(p.line, |i| p.raw[i].0);
            cursor = found.unwrap_or(cursor);
            notes.push(Note::new(
                line,
                format!(
                    "已修复误识别字形 / repaired a misread glyph: {} → {}",
                    r.from, r.to
                ),
            ));
        }
        blocks.push(Block::Para { text, line: p.line });
    }
}

pub(super) fn flush_short(short: &mut Option<Pending>, blocks: &mut Vec<Block>) {
    if let Some(s) = short.take() {
        blocks.push(Block::Short {
            text: normalize(&s.text).0,
            line: s.line,
        });
    }
}

/// Characters that cannot start a sentence: a paragraph starting with one continues the
/// one before.
pub(super) const PARTICLES: &str = "的地得了着过们之";

/// Whether a paragraph starts in the middle of a sentence: with a particle, or with a
/// single character and then punctuation (`局。坚持…`, `班，精心组织`), the tail of a
/// word that a column broke.
pub(super) fn continues_sentence(text: &str) -> bool {
    let mut chars = text.chars();
    let first = chars.next();
    let second = chars.next();
    first.is_some_and(|c| PARTICLES.contains(c))
        || (first.is_some_and(is_han) && second.is_some_and(|c| "，。、；：！？".contains(c)))
}

/// Rejoins sentences that a column or an interleaved block broke.
///
/// When a paragraph stops without punctuation, the paragraph that finishes its sentence
/// is looked for among the next few blocks (not past a label, deck or byline). Running
/// text printed in between (an intro from another column) is moved before the first
/// `话题` label, or else after the mended paragraph; names and credits stay where they
/// are for the later stages to drop.
pub(super) fn mend_breaks(blocks: &mut Vec<Block>, notes: &mut Vec<Note>) {
    let mut i = 0;
    while i < blocks.len() {
        let Block::Para { text, line } = &blocks[i] else {
            i += 1;
            continue;
        };
        if !ends_open(text) {
            i += 1;
            continue;
        }
        let line = *line;
        let mut found = None;
        for (j, block) in blocks.iter().enumerate().skip(i + 1).take(12) {
            match block {
                Block::Para { text, .. } if continues_sentence(text) => {
                    found = Some(j);
                    break;
                }
                Block::Label { .. } | Block::Deck { .. } | Block::Byline { .. } => break,
                _ => {}
            }
        }
        let Some(j) = found else {
            // Nothing finishes the sentence further on: a column broke it just here.
            let next_is_text = matches!(blocks.get(i + 1), Some(Block::Para { .. }));
            if next_is_text && text.chars().count() >= 20 {
                if let Block::Para { text: tail, .. } = blocks.remove(i + 1) {
                    if let Block::Para { text, .. } = &mut blocks[i] {
                        text.push_str(&tail);
                    }
                    notes.push(Note::new(
                        line,
                        "段落没有以标点结束，已与下一段相接，请核对 / the paragraph stopped without punctuation and was joined with the next one: check",
                    ));
                }
            }
            i += 1;
            continue;
        };
        let Block::Para {
            text: tail,
            line: tail_line,
        } = blocks.remove(j)
        else {
            i += 1;
            continue;
        };
        if let Block::Para { text, .. } = &mut blocks[i] {
            text.push_str(&tail);
        }
        let between: Vec<usize> = (i + 1..j)
            .filter(|&k| matches!(blocks[k], Block::Para { .. }))
            .collect();
        // Removed from the back, so the indices in front stay valid.
        let mut moved: Vec<Block> = between.iter().rev().map(|&k| blocks.remove(k)).collect();
        moved.reverse();
        if j > i + 1 {
            notes.push(Note::new(
                line,
                format!(
                    "已接上被打断的句子（续文在第{tail_line}行）/ rejoined a sentence broken by other text (it continues at line {tail_line})"
                ),
            ));
        }
        if moved.is_empty() {
            i += 1;
            continue;
        }
        let lines: Vec<String> = moved.iter().map(|b| b.line().to_string()).collect();
        let label = blocks[..i]
            .iter()
            .position(|b| matches!(b, Block::Label { .. }));
        notes.push(Note::new(
            line,
            format!(
                "夹在句中的{}段文字（原文第{}行）已移到{} / {} paragraph(s) printed inside the sentence (line {} of the raw text) were moved {}: check where they belong",
                moved.len(),
                lines.join("、"),
                if label.is_some() { "第一个话题之前" } else { "该段之后" },
                moved.len(),
                lines.join(", "),
                if label.is_some() { "before the first topic" } else { "after it" },
            ),
        ));
        let at = label.unwrap_or(i + 1);
        let count = moved.len();
        for (n, block) in moved.into_iter().enumerate() {
            blocks.insert(at + n, block);
        }
        i += if at <= i { count + 1 } else { 1 };
    }
}
