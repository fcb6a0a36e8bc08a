//! Charts: pure functions from figures to SVG text, drawn with plotters.
//!
//! plotters lays text out through a font backend even for SVG. We measure with a small
//! subset of Noto Sans CJK SC carried in the binary (Latin glyphs, and `.notdef`, whose
//! 1 em advance is the width of every CJK ideograph), so layout is right on a machine
//! without fonts. The SVG keeps real `<text>` with a CJK font stack for the reader's
//! browser, and gets the `<title>` and `<desc>` that plotters does not write.

use crate::model::limits::MAX_VALUE;
pub use crate::model::Better;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::OnceLock;

mod bars;
pub mod layout;
mod lines;
mod ordinal;
mod seasonal;
mod sparkline;
#[cfg(test)]
mod tests;

pub use seasonal::{draw_seasonal, SeasonalSpec};
pub use sparkline::{sparkline, Sparkline};

use bars::draw_bars;
use lines::draw_lines;
use ordinal::draw_classes;

/// Font family written into the SVG: the reader's browser picks the first it has.
/// It is also the name under which the measuring font is registered.
pub const FONT_FAMILY: &str =
    "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Hiragino Sans GB, Microsoft YaHei, WenQuanYi Micro Hei, sans-serif";

static MEASURING_FONT: &[u8] = include_bytes!("../fonts/NotoSansSC-measure.otf");

fn register_font() -> Result<(), String> {
    static ONCE: OnceLock<Result<(), String>> = OnceLock::new();
    register_once(&ONCE, || {
        plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, MEASURING_FONT)
            .map_err(|_| "the built-in chart font cannot be read".to_owned())
    })
}

/// Runs `register` the first time only, and gives every call its outcome: a font that
/// failed to register fails every chart, not only the first.
fn register_once(
    once: &OnceLock<Result<(), String>>,
    register: impl FnOnce() -> Result<(), String>,
) -> Result<(), String> {
    once.get_or_init(register).clone()
}

/// Colours for series: each at least 4.5:1 on white, and told apart by marker and label too.
const PALETTE: [RGBColor; 6] = [
    RGBColor(0x1f, 0x6b, 0x4f), // green
    RGBColor(0x1f, 0x4e, 0x9c), // blue
    RGBColor(0xb5, 0x44, 0x1b), // rust
    RGBColor(0x6b, 0x3f, 0x99), // purple
    RGBColor(0x80, 0x5f, 0x00), // ochre
    RGBColor(0x3a, 0x3a, 0x3a), // charcoal
];
const GOOD: RGBColor = RGBColor(0x1f, 0x6b, 0x4f);
const BAD: RGBColor = RGBColor(0xb5, 0x44, 0x1b);
const INK: RGBColor = RGBColor(0x1c, 0x24, 0x21);
const GRID: RGBColor = RGBColor(0xd9, 0xdd, 0xd6);
const STANDARD: RGBColor = RGBColor(0x8a, 0x1c, 0x1c);
/// The line of another place's figure (the province's) on a comparison.
const REFERENCE: RGBColor = RGBColor(0x1f, 0x4e, 0x9c);
/// The band of good classes behind an ordinal chart.
const GOOD_BAND: RGBColor = RGBColor(0xe6, 0xf0, 0xea);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Years on x, one line per series.
    Line,
    /// One bar per series (its latest figure), in the order given: a comparison of places.
    Bar,
    /// Changes as bars around zero, coloured by whether the change is good.
    Change,
    /// Ordered classes (water quality): one row per figure, a dot at its class.
    Classes,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    /// (year, value), sorted by year.
    pub points: Vec<(i32, f64)>,
}

/// Words a chart needs, in the page's language.
#[derive(Debug, Clone)]
pub struct ChartWords {
    pub better: String,
    pub worse: String,
    /// A change of zero: neither better nor worse.
    pub same: String,
}

/// The names of an ordinal scale's classes 1..=n, and where good ends.
#[derive(Debug, Clone)]
pub struct ClassScale {
    /// Full names (`Ⅳ类`, `Class IV`), written beside each figure.
    pub names: Vec<String>,
    /// Short names for the axis (`Ⅳ`, `IV`).
    pub ticks: Vec<String>,
    /// The last good class (Ⅲ for water): a line is drawn after it.
    pub good_up_to: u8,
    /// The name of the good band (`Ⅰ–Ⅲ类为优良`).
    pub good_label: String,
    /// The axis title, saying which way is worse.
    pub axis: String,
}

impl ClassScale {
    /// The full name of the class a figure codes, if it is one.
    pub fn name(&self, value: f64) -> Option<&str> {
        class_index(value, self.names.len()).map(|i| self.names[i].as_str())
    }
}

/// Position in a list of `n` class names of the figure coding class `value` (1-based).
fn class_index(value: f64, n: usize) -> Option<usize> {
    (value.fract() == 0.0 && value >= 1.0 && value <= n as f64).then(|| value as usize - 1)
}

#[derive(Debug, Clone)]
pub struct ChartSpec {
    pub title: String,
    /// The main finding in words: the SVG's `<desc>` and the image's alt text.
    pub description: String,
    pub unit: String,
    pub kind: ChartKind,
    pub series: Vec<Series>,
    /// A national standard or target and its name, drawn as a dashed line.
    pub standard: Option<(f64, String)>,
    /// Another place's figure for the same period (the province's) and its name, drawn as
    /// a line across a comparison's bars.
    pub reference: Option<(f64, String)>,
    /// For ordinal figures: the names of their classes.
    pub classes: Option<ClassScale>,
    /// For change charts: which way is good (a change is never judged where neither is).
    pub better: Better,
    pub words: ChartWords,
    pub width: u32,
    /// Height of a line chart; bar charts grow with their bars.
    pub height: u32,
    /// A small chart: no title (the page names it).
    pub small: bool,
    /// A ranking: 1, the best, at the top of the value axis.
    pub inverted: bool,
}

/// The kind that draws a place's figures over the years: changes are bars around zero,
/// classes are dots on their scale, other figures lines. (A comparison of places is a
/// `Bar` chart, made on purpose; a single figure is no chart but a card.)
pub fn kind_for(is_change: bool, ordinal: bool) -> ChartKind {
    if ordinal {
        ChartKind::Classes
    } else if is_change {
        ChartKind::Change
    } else {
        ChartKind::Line
    }
}

/// Value range with headroom, always including zero (bars start there) and the lines
/// drawn across (standard, reference).
pub fn value_range(values: &[f64], lines: &[f64]) -> (f64, f64) {
    let mut lo = values.iter().copied().fold(0.0_f64, f64::min);
    let mut hi = values.iter().copied().fold(0.0_f64, f64::max);
    for &s in lines {
        lo = lo.min(s);
        hi = hi.max(s);
    }
    if hi == lo {
        hi = lo + 1.0;
    }
    let pad = (hi - lo) * 0.12;
    (
        if lo < 0.0 { lo - pad } else { lo },
        if hi > 0.0 { hi + pad } else { hi },
    )
}

/// Whether a value can be placed on a chart's scale (validation keeps content within this).
pub fn is_drawable(v: f64) -> bool {
    v.is_finite() && v.abs() <= MAX_VALUE
}

/// Year range with half a year of room on each side.
pub fn year_range(series: &[Series]) -> (f64, f64) {
    let years = series.iter().flat_map(|s| s.points.iter().map(|p| p.0));
    let (lo, hi) = years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
    if lo > hi {
        return (0.0, 1.0);
    }
    (f64::from(lo) - 0.5, f64::from(hi) + 0.5)
}

fn fmt_value(v: f64) -> String {
    super::views::format_value(v)
}

/// Width and height of the drawing in pixels: a line chart has the spec's size, a bar
/// chart grows with its bars. Pages give them to `<img>` so nothing shifts as it loads.
pub fn dimensions(spec: &ChartSpec) -> (u32, u32) {
    let rows = |n: usize| u32::try_from(n).unwrap_or(u32::MAX / 64);
    let points = || rows(spec.series.iter().map(|s| s.points.len()).sum());
    let height = match spec.kind {
        ChartKind::Line => lines::frame(spec).height,
        ChartKind::Bar | ChartKind::Change => {
            let bars = if spec.kind == ChartKind::Bar {
                rows(spec.series.len())
            } else {
                points()
            };
            // Room above and below the bars for the names of the lines drawn across them.
            let lines =
                rows(usize::from(spec.standard.is_some()) + usize::from(spec.reference.is_some()));
            let chrome = title_height(spec) as u32 + if spec.small { 38 } else { 64 };
            chrome + lines * 26 + bars * bars::row_px(spec)
        }
        ChartKind::Classes => ordinal::height(spec),
    };
    (spec.width, height)
}

/// Draws the chart and returns the SVG document.
pub fn draw(spec: &ChartSpec) -> Result<String, String> {
    // The scale is computed from the values: an infinite one would never finish its ticks.
    let values = spec
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1));
    if let Some(v) = values
        .chain(spec.standard.as_ref().map(|s| s.0))
        .chain(spec.reference.as_ref().map(|s| s.0))
        .find(|v| !is_drawable(*v))
    {
        return Err(format!(
            "cannot draw the chart “{}”: the value {v} is not a number within ±{MAX_VALUE:e}",
            spec.title
        ));
    }
    register_font()?;
    let (_, height) = dimensions(spec);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (spec.width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        match spec.kind {
            ChartKind::Line => draw_lines(&root, spec),
            ChartKind::Bar | ChartKind::Change => draw_bars(&root, spec),
            ChartKind::Classes => draw_classes(&root, spec),
        }
        .map_err(|e| format!("cannot draw the chart “{}”: {e}", spec.title))?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(add_title_and_desc(&svg, &spec.title, &spec.description))
}

/// One (label, value) row per figure, labelled with its place and year: `晋中市 2024`.
fn rows_by_year(spec: &ChartSpec) -> Vec<(String, f64)> {
    spec.series
        .iter()
        .flat_map(|s| {
            s.points
                .iter()
                .map(move |&(y, v)| (format!("{} {y}", s.label).trim().to_owned(), v))
        })
        .collect()
}

type DrawResult<'a> = Result<(), Box<dyn std::error::Error + 'a>>;

/// Sizes, as plotters takes them, of labels and of the title.
fn text_size(_spec: &ChartSpec) -> (f64, f64) {
    (
        layout::plotters_size(layout::LABEL_PX),
        layout::plotters_size(layout::TITLE_PX),
    )
}

fn style(size: f64) -> TextStyle<'static> {
    TextStyle::from((FONT_FAMILY, size).into_font()).color(&INK)
}

/// Width in pixels of `text` as the browser will draw it. plotters writes
/// `font-size = size / 1.24` but measures at a different scale, so we measure ourselves:
/// the sum of advances in em, times the font size written.
fn text_width(text: &str, size: f64) -> u32 {
    use ab_glyph::Font;
    static FONT: OnceLock<Option<ab_glyph::FontRef<'static>>> = OnceLock::new();
    let font_px = size / 1.24;
    let Some(font) = FONT.get_or_init(|| ab_glyph::FontRef::try_from_slice(MEASURING_FONT).ok())
    else {
        // Unreachable with the built-in font; a CJK-sized guess keeps the chart usable.
        return (text.chars().count() as f64 * font_px) as u32;
    };
    let units_per_em = font.units_per_em().unwrap_or(1000.0);
    let em: f32 = text
        .chars()
        .map(|c| font.h_advance_unscaled(font.glyph_id(c)) / units_per_em)
        .sum();
    (f64::from(em) * font_px).ceil() as u32
}

/// The title in lines that fit the drawing (none on a small chart, which the page names).
fn title_lines(spec: &ChartSpec) -> Vec<String> {
    if spec.small {
        return Vec::new();
    }
    layout::wrap(&spec.title, layout::TITLE_PX, spec.width.saturating_sub(20))
}

/// Height of the band the title takes at the top, with the margin above it.
fn title_height(spec: &ChartSpec) -> i32 {
    match title_lines(spec).len() {
        0 => 10,
        n => 14 + layout::line_height(layout::TITLE_PX) * n as i32,
    }
}

/// Draws the title centred at the top, on as many lines as it needs; returns the height used.
fn draw_title(root: &DrawingArea<SVGBackend<'_>, Shift>, spec: &ChartSpec) -> Result<u32, String> {
    let (_, size) = text_size(spec);
    for (i, text) in title_lines(spec).into_iter().enumerate() {
        root.draw(&Text::new(
            text,
            (
                (spec.width / 2) as i32,
                10 + layout::line_height(layout::TITLE_PX) * i as i32,
            ),
            style(size).pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(|e| e.to_string())?;
    }
    Ok(title_height(spec) as u32)
}

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Inserts `<title>` and `<desc>` as the first children of `<svg>`, with `role="img"`.
fn add_title_and_desc(svg: &str, title: &str, desc: &str) -> String {
    let Some(open_end) = svg
        .find("<svg")
        .and_then(|start| svg[start..].find('>').map(|e| start + e))
    else {
        return svg.to_owned();
    };
    format!(
        "{} role=\"img\" aria-labelledby=\"t d\"><title id=\"t\">{}</title><desc id=\"d\">{}</desc>{}",
        &svg[..open_end],
        escape_xml(title),
        escape_xml(desc),
        &svg[open_end + 1..]
    )
}
