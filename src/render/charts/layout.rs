//! Text layout shared by every chart kind: sizes readable where the chart is shown, labels
//! wrapped rather than cut, labels stacked so that none covers another, and as many ticks
//! as the room holds.
//!
//! Sizes are CSS pixels of the drawing. Pages never show a chart narrower than the width it
//! is drawn for (see `ChartSize` and `.chart img` in the stylesheet), so text drawn at
//! `LABEL_PX` is at least that size on the reader's screen.

use super::text_width;

/// Labels, ticks and end labels: 12 px, so that at least 11 px reach the screen even where
/// a phone's rounding shows the chart a few pixels narrower than drawn.
pub const LABEL_PX: f64 = 12.0;
/// The chart's title.
pub const TITLE_PX: f64 = 14.5;
/// plotters writes `font-size = size / 1.24`: the size to ask of it for `px` pixels.
pub fn plotters_size(px: f64) -> f64 {
    px * 1.24
}

/// Height of one line of text of `px` pixels, with its leading.
pub fn line_height(px: f64) -> i32 {
    (px * 1.3).ceil() as i32
}

/// Width in pixels of `text` drawn at `px` pixels.
pub fn width_px(text: &str, px: f64) -> u32 {
    text_width(text, plotters_size(px))
}

/// `text` in lines no wider than `width` pixels: broken after a space or punctuation,
/// before an opening bracket, or between two Chinese characters; a word wider than the
/// whole line is broken between its characters. Nothing is dropped.
pub fn wrap(text: &str, px: f64, width: u32) -> Vec<String> {
    let text = text.trim();
    if width_px(text, px) <= width {
        return vec![text.to_owned()];
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for piece in pieces(text) {
        let joined = format!("{line}{piece}");
        if line.is_empty() || width_px(joined.trim_end(), px) <= width {
            line = joined;
        } else {
            lines.push(line.trim_end().to_owned());
            line = piece.trim_start().to_owned();
        }
        // A piece wider than a line on its own: broken where the line is full.
        while width_px(line.trim_end(), px) > width && line.chars().count() > 1 {
            let mut cut = line.len();
            while cut > 0 && width_px(&line[..cut], px) > width {
                cut = line[..cut].char_indices().last().map_or(0, |(i, _)| i);
            }
            let cut = if cut == 0 {
                line.chars().next().map_or(line.len(), char::len_utf8)
            } else {
                cut
            };
            lines.push(line[..cut].trim_end().to_owned());
            line = line[cut..].trim_start().to_owned();
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    lines
}

/// `text` cut at the places a line may break, each piece keeping what follows it (a space,
/// a comma) so that pieces join back into the text.
fn pieces(text: &str) -> Vec<&str> {
    let cjk = |c: char| c >= '\u{2e80}';
    let mut out = Vec::new();
    let mut start = 0;
    let mut previous: Option<char> = None;
    for (i, c) in text.char_indices() {
        let breaks = previous.is_some_and(|p| {
            matches!(
                p,
                ' ' | '：' | ':' | '，' | ',' | '、' | '/' | '；' | '）' | ')'
            ) || (cjk(p) && cjk(c))
                || (cjk(p) && c == '（')
        }) || (c == '(' && previous == Some(' '))
            || (c == '（' && i > 0);
        if breaks && i > start {
            out.push(&text[start..i]);
            start = i;
        }
        previous = Some(c);
    }
    out.push(&text[start..]);
    out
}

/// Blocks of text (each with the y it wants and its height) moved as little as needed so
/// that none overlaps the next, keeping their order and staying within `top..bottom` when
/// they fit there. Returns the top of each block, in the order given.
pub fn stack(wanted: &[(i32, i32)], top: i32, bottom: i32) -> Vec<i32> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by_key(|&i| wanted[i].0);
    let mut tops: Vec<i32> = order
        .iter()
        .map(|&i| wanted[i].0 - wanted[i].1 / 2)
        .collect();
    let heights: Vec<i32> = order.iter().map(|&i| wanted[i].1).collect();
    // Each block below the one before it, the first below `top`.
    let push_down = |tops: &mut Vec<i32>| {
        for k in 0..tops.len() {
            let floor = if k == 0 {
                top
            } else {
                tops[k - 1] + heights[k - 1]
            };
            tops[k] = tops[k].max(floor);
        }
    };
    // Down from the top first.
    push_down(&mut tops);
    // Up from the bottom: blocks pushed past it move back up, as far as the top allows.
    for k in (0..tops.len()).rev() {
        let ceiling = if k + 1 == tops.len() {
            bottom
        } else {
            tops[k + 1]
        };
        tops[k] = tops[k].min(ceiling - heights[k]);
    }
    // If they do not fit, they run on below `bottom` rather than above `top`.
    push_down(&mut tops);
    let mut out = vec![0; wanted.len()];
    for (k, &i) in order.iter().enumerate() {
        out[i] = tops[k];
    }
    out
}

/// How many labels `widest` pixels wide fit along `room` pixels with a gap between them
/// (at least 2, so that an axis always shows where it starts and ends).
pub fn tick_count(room: u32, widest: u32) -> usize {
    let step = widest + widest.max(24) / 2 + 8;
    (room / step.max(1)).max(2) as usize
}

/// Of the years `first..=last`, the ones to label so that at most `max` are written and
/// the latest always is.
pub fn labelled_years(first: i32, last: i32, max: usize) -> Vec<i32> {
    let n = (last - first + 1).max(1);
    let max = i32::try_from(max.max(1)).unwrap_or(i32::MAX);
    let step = (n + max - 1) / max;
    (first..=last)
        .filter(|y| (last - y) % step.max(1) == 0)
        .collect()
}

/// Of the places `1..=last` of a ranking, label every `rank_step`-th from 1 so that at
/// most `max` are written.
pub fn rank_step(last: i32, max: usize) -> i64 {
    let max = i64::try_from(max.max(1)).unwrap_or(i64::MAX);
    ((i64::from(last.max(1)) + max - 1) / max).max(1)
}
