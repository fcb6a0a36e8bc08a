//! Where a PDF's glyphs land, and the lines and paragraphs they make: the text state
//! of the page stream (matrices, font size, spacing), then lines by baseline, running
//! headers and footers by repetition and page-number form, and paragraphs by indents,
//! short lines, gaps and changes of size.

use super::cmap::Font;
use std::collections::BTreeMap;

/// One glyph (or the text one character code stands for) where it was drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub text: String,
    pub x: f64,
    /// Where the next glyph would start.
    pub x_end: f64,
    /// Baseline.
    pub y: f64,
    pub size: f64,
}

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b` in PDF's row-vector convention (apply `a`, then `b`).
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

/// The graphics and text state a page stream changes.
#[derive(Debug, Clone)]
pub struct State {
    ctm: Matrix,
    saved: Vec<Matrix>,
    tm: Matrix,
    tlm: Matrix,
    pub font_size: f64,
    pub char_spacing: f64,
    pub word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

impl Default for State {
    fn default() -> Self {
        State {
            ctm: IDENTITY,
            saved: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// How deep `q` may nest (a stream of a million `q` must not grow without end).
const SAVE_DEPTH: usize = 256;

impl State {
    /// An operator that changes the state (text showing is [`State::show`]).
    pub fn apply(&mut self, op: &str, n: &[f64]) {
        let finite = n.iter().all(|v| v.is_finite());
        match (op, n) {
            ("q", _) if self.saved.len() < SAVE_DEPTH => self.saved.push(self.ctm),
            ("Q", _) => {
                if let Some(m) = self.saved.pop() {
                    self.ctm = m;
                }
            }
            ("cm", [a, b, c, d, e, f, ..]) if finite => {
                self.ctm = mul(&[*a, *b, *c, *d, *e, *f], &self.ctm);
            }
            ("BT", _) => {
                self.tm = IDENTITY;
                self.tlm = IDENTITY;
            }
            ("Td", [x, y, ..]) if finite => self.move_line(*x, *y),
            ("TD", [x, y, ..]) if finite => {
                self.leading = -y;
                self.move_line(*x, *y);
            }
            ("Tm", [a, b, c, d, e, f, ..]) if finite => {
                self.tm = [*a, *b, *c, *d, *e, *f];
                self.tlm = self.tm;
            }
            ("T*", _) => self.next_line(),
            ("TL", [l, ..]) if finite => self.leading = *l,
            ("Tc", [c, ..]) if finite => self.char_spacing = *c,
            ("Tw", [w, ..]) if finite => self.word_spacing = *w,
            ("Tz", [z, ..]) if finite => self.scale = z / 100.0,
            ("Ts", [r, ..]) if finite => self.rise = *r,
            _ => {}
        }
    }

    fn move_line(&mut self, x: f64, y: f64) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, x, y], &self.tlm);
        self.tm = self.tlm;
    }

    pub fn next_line(&mut self) {
        self.move_line(0.0, -self.leading);
    }

    /// A `TJ` number: moves the next glyph left by thousandths of the font size.
    pub fn kern(&mut self, n: f64) {
        if n.is_finite() {
            self.advance(-n / 1000.0 * self.font_size * self.scale);
        }
    }

    fn advance(&mut self, tx: f64) {
        self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
    }

    /// Shows a string in `font`, adding a glyph per character code.
    pub fn show(&mut self, font: &Font, bytes: &[u8], out: &mut Vec<Glyph>) {
        for code in font.codes(bytes) {
            let params = [
                self.font_size * self.scale,
                0.0,
                0.0,
                self.font_size,
                0.0,
                self.rise,
            ];
            let start = mul(&params, &mul(&self.tm, &self.ctm));
            let mut tx = code.width / 1000.0 * self.font_size + self.char_spacing;
            if code.word_space {
                tx += self.word_spacing;
            }
            self.advance(tx * self.scale);
            let end = mul(&params, &mul(&self.tm, &self.ctm));
            let size = start[2].hypot(start[3]);
            if code.text.is_empty() || !(start[4].is_finite() && start[5].is_finite()) {
                continue;
            }
            out.push(Glyph {
                text: code.text,
                x: start[4],
                x_end: end[4],
                y: start[5],
                size: if size.is_finite() { size } else { 0.0 },
            });
        }
    }
}

/// A line of text on a page.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    left: f64,
    right: f64,
    y: f64,
    size: f64,
    page: usize,
}

/// The text of a PDF laid out: paragraphs separated by blank lines.
#[derive(Debug, Default)]
pub struct Laid {
    pub text: String,
    /// Running headers and footers taken out, each once.
    pub removed: Vec<String>,
    /// The headline: the largest type at the top of the first page, when it stands out.
    pub title: Option<String>,
}

pub fn lay_out(pages: &[Vec<Glyph>]) -> Laid {
    let mut lines: Vec<Line> = Vec::new();
    for (page, glyphs) in pages.iter().enumerate() {
        lines.extend(page_lines(glyphs, page));
    }
    let removed = running_lines(&mut lines, pages.len());
    let paragraphs = paragraphs(&lines);
    let body = body_size(&lines);
    let title = paragraphs
        .iter()
        .filter(|p| p.page == 0 && p.size > body * 1.15)
        .take(3)
        .max_by(|a, b| a.size.total_cmp(&b.size))
        .map(|p| p.text.clone())
        .filter(|t| (4..=80).contains(&t.chars().count()));
    let text = paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    Laid {
        text,
        removed,
        title,
    }
}

/// The lines of a page, in the order they are drawn: a glyph on the baseline of the line
/// before continues it (with a space where the gap is a word space wide: a font with no
/// space glyph spaces words by moving them).
fn page_lines(glyphs: &[Glyph], page: usize) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    for g in glyphs {
        let text: String = g
            .text
            .chars()
            .map(|c| if c == '\t' || c == '\u{A0}' { ' ' } else { c })
            .filter(|c| !c.is_control() && *c != '\u{FFFD}' && *c != '\u{FEFF}')
            .collect();
        if text.is_empty() {
            continue;
        }
        let size = g.size.max(0.1);
        match lines.last_mut() {
            Some(line) if (line.y - g.y).abs() <= 0.5 * line.size.max(size) => {
                let gap = g.x - line.right;
                if gap > 0.2 * size && !line.text.ends_with(' ') && !text.starts_with(' ') {
                    line.text.push(' ');
                }
                line.text.push_str(&text);
                line.right = line.right.max(g.x_end).max(g.x);
                line.size = line.size.max(size);
            }
            _ => lines.push(Line {
                text,
                left: g.x,
                right: g.x_end.max(g.x),
                y: g.y,
                size,
                page,
            }),
        }
    }
    for line in &mut lines {
        // Spaces drawn as glyphs stay as printed (`2025年4月18日  星期五`).
        line.text = line.text.trim().to_owned();
    }
    lines.retain(|l| !l.text.is_empty());
    lines
}

/// Takes out the running headers and footers: lines at the top or bottom of a page that
/// are page numbers (`3`, `- 3 -`, `第2页 共5页`, `2/5`), or that repeat, numbers aside,
/// on other pages. Returns them, each once.
fn running_lines(lines: &mut Vec<Line>, pages: usize) -> Vec<String> {
    // The two top and two bottom lines of each page.
    let mut edge = vec![false; lines.len()];
    for page in 0..pages {
        let mut on_page: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].page == page)
            .collect();
        on_page.sort_by(|&a, &b| lines[b].y.total_cmp(&lines[a].y));
        for &i in on_page.iter().take(2).chain(on_page.iter().rev().take(2)) {
            edge[i] = true;
        }
    }
    // On how many pages each line's text (numbers aside) is printed.
    let mut seen: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for line in lines.iter() {
        let pages = seen.entry(shape(&line.text)).or_default();
        if !pages.contains(&line.page) {
            pages.push(line.page);
        }
    }
    let mut removed: Vec<String> = Vec::new();
    let mut keep = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let repeated = pages > 1
            && line.text.chars().count() <= 40
            && seen.get(&shape(&line.text)).is_some_and(|p| p.len() >= 2);
        let running = edge[i] && (is_page_number(&line.text) || repeated);
        if running && !removed.contains(&line.text) {
            removed.push(line.text.clone());
        }
        keep.push(!running);
    }
    let mut k = keep.iter();
    lines.retain(|_| k.next().copied().unwrap_or(true));
    removed
}

/// A line's text with its numbers (Arabic, full-width or Chinese) as `#`, and without
/// spaces or dashes: what stays the same from page to page.
fn shape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let digit = c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || "〇零一二三四五六七八九十百".contains(c);
        if digit {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else if !(c.is_whitespace() || "-–—－_·.,，、".contains(c)) {
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn is_page_number(text: &str) -> bool {
    const FORMS: [&str; 10] = [
        "#",
        "第#页",
        "第#页共#页",
        "共#页第#页",
        "第#页/共#页",
        "#/#",
        "page#",
        "page#of#",
        "#of#",
        "第#版",
    ];
    let s = shape(text);
    text.chars().count() <= 20 && FORMS.contains(&s.as_str())
}

/// The type size most of the text is set in.
fn body_size(lines: &[Line]) -> f64 {
    let mut by_size: BTreeMap<i64, usize> = BTreeMap::new();
    for l in lines {
        *by_size.entry((l.size * 2.0).round() as i64).or_default() += l.text.chars().count();
    }
    by_size
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .map_or(12.0, |(s, _)| s as f64 / 2.0)
}

struct Paragraph {
    text: String,
    size: f64,
    page: usize,
}

/// Lines joined into paragraphs. A paragraph ends where the type size changes, where
/// the gap to the next line is larger than the text's leading, where a body line ends
/// short of the right margin, or where the next body line is indented. Lines in a larger
/// size (a headline over two lines, centred) are joined while the size holds.
fn paragraphs(lines: &[Line]) -> Vec<Paragraph> {
    let body = body_size(lines);
    let is_body = |l: &Line| (l.size - body).abs() <= body * 0.15;
    let body_lines: Vec<&Line> = lines.iter().filter(|l| is_body(l)).collect();
    let left = body_lines
        .iter()
        .map(|l| l.left)
        .fold(f64::INFINITY, f64::min);
    // The right margin: most body lines run to it (a signature set further right must
    // not move it), so the three-quarter point of their right ends.
    let mut rights: Vec<f64> = body_lines.iter().map(|l| l.right).collect();
    rights.sort_by(f64::total_cmp);
    let right = rights.get(rights.len() * 3 / 4).copied().unwrap_or(0.0);
    let mut gaps: Vec<f64> = body_lines
        .windows(2)
        .filter(|w| w[0].page == w[1].page)
        .map(|w| w[0].y - w[1].y)
        .filter(|g| *g > 0.0)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let leading = gaps.get(gaps.len() / 2).copied().unwrap_or(body * 1.5);
    let mut out: Vec<Paragraph> = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        let starts = match k.checked_sub(1).map(|p| &lines[p]) {
            None => true,
            Some(prev) => {
                let size_changes = (line.size - prev.size).abs() > body * 0.15;
                let same_page = prev.page == line.page;
                let gap = prev.y - line.y;
                let far = same_page && (gap > leading * 1.6 || gap < -0.5 * line.size);
                // A line ends its paragraph when the next line's first word would have
                // fitted after it (justified Chinese lines end at the margin; ragged
                // Latin ones as near as their next word allows).
                let room = right - prev.right;
                let body_break = is_body(line)
                    && (line.left > left + line.size
                        || room > first_word_width(&line.text, line.size) + 0.5 * prev.size);
                size_changes || far || body_break
            }
        };
        match out.last_mut() {
            Some(p) if !starts => {
                let ascii_end = p
                    .text
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || ",.;:".contains(c));
                let ascii_start = line
                    .text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
                if ascii_end && ascii_start {
                    p.text.push(' ');
                }
                p.text.push_str(&line.text);
            }
            _ => out.push(Paragraph {
                text: line.text.clone(),
                size: line.size,
                page: line.page,
            }),
        }
    }
    out
}

/// About how wide the first word of a line is: a Chinese character is one em, Latin
/// letters and digits half an em each.
fn first_word_width(text: &str, size: f64) -> f64 {
    match text.chars().next() {
        Some(c) if c.is_ascii_alphanumeric() => {
            let letters = text
                .chars()
                .take_while(|c| c.is_ascii() && !c.is_ascii_whitespace())
                .count();
            letters as f64 * 0.5 * size
        }
        _ => size,
    }
}
