//! Charts: pure functions from figures to SVG text, drawn with plotters.
//!
//! plotters lays text out through a font backend even for SVG. We measure with a small
//! subset of Noto Sans CJK SC carried in the binary (Latin glyphs, and `.notdef`, whose
//! 1 em advance is the width of every CJK ideograph), so layout is right on a machine
//! without fonts. The SVG keeps real `<text>` with a CJK font stack for the reader's
//! browser, and gets the `<title>` and `<desc>` that plotters does not write.

use crate::model::limits::MAX_VALUE;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::OnceLock;

/// Font family written into the SVG: the reader's browser picks the first it has.
/// It is also the name under which the measuring font is registered.
pub const FONT_FAMILY: &str =
    "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Hiragino Sans GB, Microsoft YaHei, WenQuanYi Micro Hei, sans-serif";

static MEASURING_FONT: &[u8] = include_bytes!("fonts/NotoSansSC-measure.otf");

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Years on x, one line per series.
    Line,
    /// One bar per series (its latest figure).
    Bar,
    /// Changes as bars around zero, coloured by whether the change is good.
    Change,
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
    pub year: String,
    pub better: String,
    pub worse: String,
}

#[derive(Debug, Clone)]
pub struct ChartSpec {
    pub title: String,
    /// The main finding in words: the SVG's `<desc>` and the image's alt text.
    pub description: String,
    pub unit: String,
    pub kind: ChartKind,
    pub series: Vec<Series>,
    /// A reference value and its label, drawn as a dashed line.
    pub standard: Option<(f64, String)>,
    /// For change charts: whether a rise is good.
    pub higher_is_better: bool,
    pub words: ChartWords,
    pub width: u32,
    /// Height of a line chart; bar charts grow with their bars.
    pub height: u32,
    /// A small chart: no caption or legend, smaller text.
    pub small: bool,
}

/// The kind that fits the data: changes are bars around zero, one figure per series is a
/// bar chart, several years per series a line chart.
pub fn kind_for(is_change: bool, series: &[Series]) -> ChartKind {
    if is_change {
        ChartKind::Change
    } else if series.iter().all(|s| s.points.len() <= 1) {
        ChartKind::Bar
    } else {
        ChartKind::Line
    }
}

/// Value range with headroom, always including zero (bars start there) and the standard.
pub fn value_range(values: &[f64], standard: Option<f64>) -> (f64, f64) {
    let mut lo = values.iter().copied().fold(0.0_f64, f64::min);
    let mut hi = values.iter().copied().fold(0.0_f64, f64::max);
    if let Some(s) = standard {
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
    let bars = match spec.kind {
        ChartKind::Line => 0,
        ChartKind::Bar => spec.series.len(),
        ChartKind::Change => spec.series.iter().map(|s| s.points.len()).sum(),
    };
    let height = match spec.kind {
        ChartKind::Line => spec.height,
        _ => {
            let chrome = if spec.small { 40 } else { 110 };
            chrome + u32::try_from(bars).unwrap_or(u32::MAX / 64) * if spec.small { 30 } else { 34 }
        }
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
        }
        .map_err(|e| format!("cannot draw the chart “{}”: {e}", spec.title))?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(add_title_and_desc(&svg, &spec.title, &spec.description))
}

type DrawResult<'a> = Result<(), Box<dyn std::error::Error + 'a>>;

fn text_size(spec: &ChartSpec) -> (f64, f64) {
    if spec.small {
        (14.0, 15.0)
    } else {
        (15.0, 18.0)
    }
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

fn draw_lines<'a>(root: &DrawingArea<SVGBackend<'a>, Shift>, spec: &ChartSpec) -> DrawResult<'a> {
    let (label_size, caption_size) = text_size(spec);
    let values: Vec<f64> = spec
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .collect();
    let (lo, hi) = value_range(&values, spec.standard.as_ref().map(|s| s.0));
    let (x0, x1) = year_range(&spec.series);
    // Room on the right for the end-of-line labels that name each series.
    let right = spec
        .series
        .iter()
        .map(|s| text_width(&end_label(s), label_size))
        .max()
        .unwrap_or(0)
        + 16;
    let mut builder = ChartBuilder::on(root);
    builder
        .margin(10)
        .margin_top(if spec.small { 24 } else { 10 })
        .margin_right(right.min(spec.width / 3))
        .x_label_area_size(if spec.small { 22 } else { 44 })
        .y_label_area_size(if spec.small { 40 } else { 64 });
    if !spec.small {
        builder.caption(&spec.title, style(caption_size));
    }
    let mut chart = builder.build_cartesian_2d(x0..x1, lo..hi)?;
    let year_fmt = |x: &f64| {
        if (x - x.round()).abs() < 1e-9 {
            format!("{}", x.round() as i64)
        } else {
            String::new()
        }
    };
    let whole = values.iter().all(|v| v.fract() == 0.0);
    // Whole-number data (counts, classes) gets whole-number ticks only.
    let value_fmt = |v: &f64| {
        if whole && v.fract().abs() > 1e-9 {
            String::new()
        } else {
            fmt_value(*v)
        }
    };
    let x_desc = spec.words.year.clone();
    let mut mesh = chart.configure_mesh();
    mesh.disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .x_labels(((x1 - x0).round() as usize + 1).min(12))
        .x_label_formatter(&year_fmt)
        .y_label_formatter(&value_fmt)
        .label_style(style(label_size))
        .axis_desc_style(style(label_size));
    if !spec.small {
        mesh.x_desc(x_desc);
    }
    mesh.draw()?;
    // The unit, written level above the value axis (rotated CJK text is hard to read).
    let (plot_x, plot_y) = chart.plotting_area().get_pixel_range();
    root.draw(&Text::new(
        spec.unit.clone(),
        (plot_x.start, plot_y.start - 4),
        style(label_size).pos(Pos::new(HPos::Center, VPos::Bottom)),
    ))?;

    if let Some((value, label)) = &spec.standard {
        draw_standard(&mut chart, (x0, x1), *value, label, label_size)?;
    }
    for (i, series) in spec.series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let line = ShapeStyle {
            color: color.to_rgba(),
            filled: false,
            stroke_width: 2,
        };
        // Break the line where years are missing: nothing is drawn that was not printed.
        for run in consecutive_runs(&series.points) {
            chart.draw_series(LineSeries::new(
                run.iter().map(|&(y, v)| (f64::from(y), v)),
                line,
            ))?;
        }
        draw_markers(&mut chart, i, &series.points, color)?;
    }
    // Each line is named at its end; names that would overlap are pushed apart.
    let mut labels: Vec<(i32, i32, String, RGBColor)> = spec
        .series
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let &(y, v) = s.points.last()?;
            let (px, py) = chart.backend_coord(&(f64::from(y), v));
            Some((py, px + 9, end_label(s), PALETTE[i % PALETTE.len()]))
        })
        .collect();
    labels.sort_by_key(|l| l.0);
    let gap = (label_size * 1.25) as i32;
    for i in 1..labels.len() {
        if labels[i].0 - labels[i - 1].0 < gap {
            labels[i].0 = labels[i - 1].0 + gap;
        }
    }
    for (py, px, text, color) in labels {
        root.draw(&Text::new(
            text,
            (px, py),
            style(label_size)
                .color(&color)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    Ok(())
}

/// The name written at the end of a line: the series and its latest figure.
fn end_label(series: &Series) -> String {
    series.points.last().map_or_else(String::new, |&(_, v)| {
        format!("{} {}", series.label, fmt_value(v))
    })
}

fn consecutive_runs(points: &[(i32, f64)]) -> Vec<&[(i32, f64)]> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=points.len() {
        if i == points.len() || points[i].0 != points[i - 1].0 + 1 {
            runs.push(&points[start..i]);
            start = i;
        }
    }
    runs
}

/// A marker shape per series, so lines are told apart without colour.
fn draw_markers<'a>(
    chart: &mut ChartContext<
        'a,
        SVGBackend<'a>,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    index: usize,
    points: &[(i32, f64)],
    color: RGBColor,
) -> DrawResult<'a> {
    let at = points.iter().map(|&(y, v)| (f64::from(y), v));
    let filled = color.filled();
    match index % 4 {
        0 => chart
            .draw_series(at.map(|p| Circle::new(p, 5, filled)))
            .map(|_| ())?,
        1 => chart
            .draw_series(at.map(|p| TriangleMarker::new(p, 6, filled)))
            .map(|_| ())?,
        2 => chart
            .draw_series(
                at.map(|p| EmptyElement::at(p) + Rectangle::new([(-4, -4), (4, 4)], filled)),
            )
            .map(|_| ())?,
        _ => chart
            .draw_series(at.map(|p| Cross::new(p, 5, color.stroke_width(2))))
            .map(|_| ())?,
    }
    Ok(())
}

fn draw_standard<DB: DrawingBackend>(
    chart: &mut ChartContext<
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    (x0, x1): (f64, f64),
    value: f64,
    label: &str,
    size: f64,
) -> Result<(), String>
where
    DB::ErrorType: 'static,
{
    let style = ShapeStyle {
        color: STANDARD.to_rgba(),
        filled: false,
        stroke_width: 2,
    };
    chart
        .draw_series(DashedLineSeries::new(
            vec![(x0, value), (x1, value)],
            8,
            5,
            style,
        ))
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(std::iter::once(Text::new(
            label.to_owned(),
            (x0 + (x1 - x0) * 0.01, value),
            TextStyle::from((FONT_FAMILY, size).into_font())
                .color(&STANDARD)
                .pos(Pos::new(HPos::Left, VPos::Bottom)),
        )))
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Horizontal bars: room on the left for long (Chinese) labels, one row per figure.
fn draw_bars<'a>(root: &DrawingArea<SVGBackend<'a>, Shift>, spec: &ChartSpec) -> DrawResult<'a> {
    let (label_size, caption_size) = text_size(spec);
    // Rows: (label, value); a bar chart shows each series' latest figure.
    let rows: Vec<(String, f64)> = match spec.kind {
        ChartKind::Change => spec
            .series
            .iter()
            .flat_map(|s| {
                s.points
                    .iter()
                    .map(move |&(y, v)| (format!("{} {y}", s.label).trim().to_owned(), v))
            })
            .collect(),
        _ => spec
            .series
            .iter()
            .filter_map(|s| {
                s.points
                    .last()
                    .map(|&(y, v)| (format!("{} {y}", s.label).trim().to_owned(), v))
            })
            .collect(),
    };
    let values: Vec<f64> = rows.iter().map(|r| r.1).collect();
    let (lo, hi) = value_range(&values, spec.standard.as_ref().map(|s| s.0));
    // Room beyond the longest bars for the figures written at their ends.
    let (lo, hi) = (
        if lo < 0.0 { lo - (hi - lo) * 0.3 } else { lo },
        if hi > 0.0 { hi + (hi - lo) * 0.25 } else { hi },
    );
    let label_area = rows
        .iter()
        .map(|r| text_width(&r.0, label_size))
        .max()
        .unwrap_or(40)
        + 14;
    let n = rows.len().max(1) as f64;
    let mut builder = ChartBuilder::on(root);
    builder
        .margin(10)
        .margin_right(if spec.small { 48 } else { 70 })
        .x_label_area_size(if spec.small { 0 } else { 44 })
        .y_label_area_size(label_area.min(spec.width / 2));
    if !spec.small {
        builder.caption(&spec.title, style(caption_size));
    }
    let mut chart = builder.build_cartesian_2d(lo..hi, -0.5..(n - 0.5))?;
    let row_label = |y: &f64| {
        let i = y.round();
        if (y - i).abs() < 1e-9 && i >= 0.0 {
            rows.get(i as usize)
                .map(|r| r.0.clone())
                .unwrap_or_default()
        } else {
            String::new()
        }
    };
    let value_fmt = |v: &f64| fmt_value(*v);
    let mut mesh = chart.configure_mesh();
    mesh.disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .y_labels(rows.len() * 2 + 1)
        .y_label_formatter(&row_label)
        .x_label_formatter(&value_fmt)
        .label_style(style(label_size))
        .axis_desc_style(style(label_size));
    if !spec.small {
        mesh.x_desc(spec.unit.clone());
    }
    mesh.draw()?;
    if let Some((value, label)) = &spec.standard {
        let line = ShapeStyle {
            color: STANDARD.to_rgba(),
            filled: false,
            stroke_width: 2,
        };
        chart.draw_series(DashedLineSeries::new(
            vec![(*value, -0.5), (*value, n - 0.5)],
            8,
            5,
            line,
        ))?;
        chart.draw_series(std::iter::once(Text::new(
            label.clone(),
            (*value, n - 0.5),
            style(label_size)
                .color(&STANDARD)
                .pos(Pos::new(HPos::Left, VPos::Top)),
        )))?;
    }
    for (i, (_, v)) in rows.iter().enumerate() {
        let y = i as f64;
        let (color, word) = match spec.kind {
            ChartKind::Change => {
                let good = (*v > 0.0) == spec.higher_is_better && *v != 0.0;
                if good {
                    (GOOD, &spec.words.better)
                } else {
                    (BAD, &spec.words.worse)
                }
            }
            _ => (PALETTE[0], &String::new()),
        };
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.0, y - 0.32), (*v, y + 0.32)],
            color.filled(),
        )))?;
        // The figure (and, for changes, whether it is better or worse) written at the bar's end.
        let text = if word.is_empty() {
            fmt_value(*v)
        } else {
            format!(
                "{}{} {word}",
                if *v > 0.0 { "+" } else { "" },
                fmt_value(*v)
            )
        };
        let anchor = if *v < 0.0 { HPos::Right } else { HPos::Left };
        let nudge = (hi - lo) * 0.01 * if *v < 0.0 { -1.0 } else { 1.0 };
        chart.draw_series(std::iter::once(Text::new(
            text,
            (*v + nudge, y),
            style(label_size).pos(Pos::new(anchor, VPos::Center)),
        )))?;
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> ChartWords {
        ChartWords {
            year: "年份".into(),
            better: "改善".into(),
            worse: "恶化".into(),
        }
    }

    fn spec(kind: ChartKind, series: Vec<Series>) -> ChartSpec {
        ChartSpec {
            title: "优良天数比例".into(),
            description: "晋中市由2023年的60.2%变为2024年的66.9%".into(),
            unit: "%".into(),
            kind,
            series,
            standard: None,
            higher_is_better: true,
            words: words(),
            width: 760,
            height: 420,
            small: false,
        }
    }

    fn s(label: &str, points: &[(i32, f64)]) -> Series {
        Series {
            label: label.into(),
            points: points.to_vec(),
        }
    }

    fn parse(svg: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"))
    }

    fn texts(svg: &str) -> Vec<String> {
        parse(svg)
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text().map(|t| t.trim().to_owned()))
            .collect()
    }

    #[test]
    fn value_ranges_include_zero_the_standard_and_headroom() {
        assert_eq!(value_range(&[60.2, 66.9], None).0, 0.0);
        assert!(value_range(&[60.2, 66.9], None).1 > 66.9);
        assert!(
            value_range(&[20.0], Some(35.0)).1 > 35.0,
            "the standard is on the chart"
        );
        let (lo, hi) = value_range(&[-18.9, -13.7], None);
        assert!(lo < -18.9 && hi == 0.0, "{lo} {hi}");
        let (lo, hi) = value_range(&[0.0], None);
        assert!(hi > lo, "a flat series still has a range");
        assert_eq!(
            year_range(&[s("a", &[(2019, 1.0)]), s("b", &[(2024, 2.0)])]),
            (2018.5, 2024.5)
        );
    }

    #[test]
    fn the_kind_fits_the_data() {
        assert_eq!(
            kind_for(true, &[s("a", &[(2024, 1.0), (2025, 2.0)])]),
            ChartKind::Change
        );
        assert_eq!(
            kind_for(false, &[s("a", &[(2024, 1.0)]), s("b", &[(2024, 2.0)])]),
            ChartKind::Bar
        );
        assert_eq!(
            kind_for(false, &[s("a", &[(2023, 1.0), (2024, 2.0)])]),
            ChartKind::Line
        );
    }

    /// A font that failed to register fails every chart, not only the first.
    #[test]
    fn a_failed_font_registration_is_reported_every_time() {
        static ONCE: OnceLock<Result<(), String>> = OnceLock::new();
        let fail = || Err("broken font".to_owned());
        assert!(register_once(&ONCE, fail).is_err());
        assert_eq!(
            register_once(&ONCE, || Ok(())),
            Err("broken font".to_owned())
        );
    }

    #[test]
    fn line_chart_has_title_desc_labels_and_real_text() {
        let svg = draw(&spec(
            ChartKind::Line,
            vec![s("晋中市（市城区）", &[(2023, 60.2), (2024, 66.9)])],
        ))
        .unwrap();
        let doc = parse(&svg);
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("img"));
        let first: Vec<_> = root
            .children()
            .filter(|n| n.is_element())
            .take(2)
            .map(|n| n.tag_name().name().to_owned())
            .collect();
        assert_eq!(first, ["title", "desc"]);
        let texts = texts(&svg);
        for expected in [
            "优良天数比例",
            "年份",
            "2023",
            "2024",
            "晋中市（市城区） 66.9",
            "%",
        ] {
            assert!(
                texts.iter().any(|t| t == expected),
                "{expected} missing from {texts:?}"
            );
        }
        assert!(svg.contains(FONT_FAMILY), "text keeps the CJK font stack");
    }

    #[test]
    fn a_single_observation_draws_one_bar() {
        let svg = draw(&spec(ChartKind::Bar, vec![s("介休市", &[(2025, 400.0)])])).unwrap();
        assert_eq!(
            parse(&svg)
                .descendants()
                .filter(|n| n.has_tag_name("rect"))
                .count(),
            2,
            "background and one bar"
        );
        assert!(texts(&svg).contains(&"400".to_owned()));
    }

    #[test]
    fn negative_changes_are_bars_left_of_zero_coloured_by_meaning() {
        let mut c = spec(
            ChartKind::Change,
            vec![s("晋中市", &[(2024, 6.7), (2025, -2.0)])],
        );
        c.higher_is_better = true;
        let svg = draw(&c).unwrap();
        let texts = texts(&svg);
        assert!(texts.contains(&"+6.7 改善".to_owned()), "{texts:?}");
        assert!(texts.contains(&"-2 恶化".to_owned()), "{texts:?}");
        assert!(
            svg.contains("#1F6B4F") && svg.contains("#B5441B"),
            "good and bad colours"
        );
        // Lower is better: the same fall is now good.
        c.higher_is_better = false;
        assert!(self::texts(&draw(&c).unwrap()).contains(&"-2 改善".to_owned()));
    }

    #[test]
    fn missing_years_break_the_line() {
        let svg = draw(&spec(
            ChartKind::Line,
            vec![s("太原市", &[(2019, 40.0), (2020, 38.0), (2023, 33.0)])],
        ))
        .unwrap();
        let lines = parse(&svg)
            .descendants()
            .filter(|n| n.has_tag_name("polyline"))
            .count();
        // Axis lines aside, the data is drawn as two runs: 2019-2020 and 2023 alone.
        let series_lines = svg.matches("stroke=\"#1F6B4F\"").count();
        assert!(lines >= 2, "{lines}");
        assert!(series_lines >= 2, "{series_lines}");
        assert!(
            texts(&svg).contains(&"2021".to_owned()),
            "the axis still shows the missing years"
        );
    }

    #[test]
    fn many_series_stay_apart_by_marker_and_label() {
        let series: Vec<Series> = (0..9)
            .map(|i| {
                s(
                    &format!("城市{i}"),
                    &[(2023, 50.0), (2024, 50.0 + f64::from(i) * 0.1)],
                )
            })
            .collect();
        let svg = draw(&spec(ChartKind::Line, series)).unwrap();
        let doc = parse(&svg);
        let label_ys: Vec<f64> = doc
            .descendants()
            .filter(|n| {
                n.has_tag_name("text") && n.text().is_some_and(|t| t.trim().starts_with("城市"))
            })
            .filter_map(|n| n.attribute("y")?.parse().ok())
            .collect();
        assert_eq!(label_ys.len(), 9);
        let mut sorted = label_ys.clone();
        sorted.sort_by(f64::total_cmp);
        assert!(
            sorted.windows(2).all(|w| w[1] - w[0] >= 15.0),
            "end labels overlap: {sorted:?}"
        );
        assert!(
            svg.contains("<circle") && svg.contains("<polygon") || svg.contains("<path"),
            "several marker shapes"
        );
    }

    #[test]
    fn long_chinese_labels_get_room_and_stay_whole() {
        let label = "汾河入黄口庙前村国家考核断面（运城市）";
        let svg = draw(&spec(
            ChartKind::Bar,
            vec![s(label, &[(2024, 3.0)]), s("短", &[(2024, 4.0)])],
        ))
        .unwrap();
        assert!(
            texts(&svg).contains(&format!("{label} 2024")),
            "label kept as one text"
        );
        // The bar starts right of the label area, which was measured with the CJK font:
        // 20 full-width characters drawn at 15 / 1.24 px are 242 px wide, plus " 2024".
        let doc = parse(&svg);
        let bar_x: f64 = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#1F6B4F"))
            .filter_map(|n| n.attribute("x")?.parse().ok())
            .fold(f64::MAX, f64::min);
        assert!(
            bar_x > 10.0 + 242.0 + 30.0,
            "bars start at {bar_x}, over the labels"
        );
    }

    #[test]
    fn values_beyond_the_drawable_range_are_refused_at_once() {
        for v in [1.79e308, f64::INFINITY, f64::NAN, -2e15] {
            let started = std::time::Instant::now();
            let err = draw(&spec(
                ChartKind::Line,
                vec![s("太原", &[(2023, 1.0), (2024, v)])],
            ))
            .unwrap_err();
            assert!(err.contains("not a number within"), "{err}");
            assert!(started.elapsed().as_secs() < 5);
        }
        let largest = [(2023, 0.0), (2024, MAX_VALUE), (2025, -MAX_VALUE)];
        for kind in [ChartKind::Line, ChartKind::Bar, ChartKind::Change] {
            let svg = draw(&spec(kind, vec![s("太原", &largest)])).unwrap();
            parse(&svg);
        }
    }

    #[test]
    fn extreme_values_draw_well_formed_svg_or_are_refused() {
        // Fuzzing in miniature (fuzz/fuzz_targets/chart_values.rs runs the same longer).
        let extremes = [
            0.0,
            -0.0,
            f64::MIN_POSITIVE,
            5e-324,
            1e-300,
            0.1,
            66.9,
            -3.5,
            MAX_VALUE,
            -MAX_VALUE,
            MAX_VALUE * 1.0000001,
            1.79e308,
            f64::INFINITY,
            f64::NAN,
        ];
        let mut rng = fastrand::Rng::with_seed(16);
        for _ in 0..150 {
            let kind = [ChartKind::Line, ChartKind::Bar, ChartKind::Change][rng.usize(0..3)];
            let series: Vec<Series> = (0..rng.usize(1..4))
                .map(|n| {
                    let mut years: Vec<i32> =
                        (0..rng.usize(1..5)).map(|_| rng.i32(2015..2026)).collect();
                    years.sort_unstable();
                    years.dedup();
                    let points: Vec<(i32, f64)> = years
                        .into_iter()
                        .map(|y| (y, extremes[rng.usize(0..extremes.len())]))
                        .collect();
                    s(&format!("城市{n}"), &points)
                })
                .collect();
            let mut chart = spec(kind, series);
            chart.small = rng.bool();
            if rng.bool() {
                chart.standard = Some((extremes[rng.usize(0..extremes.len())], "标准".into()));
            }
            let drawable = chart
                .series
                .iter()
                .flat_map(|s| s.points.iter().map(|p| p.1))
                .chain(chart.standard.as_ref().map(|s| s.0))
                .all(is_drawable);
            match draw(&chart) {
                Ok(svg) => {
                    assert!(drawable, "{chart:?}");
                    parse(&svg);
                }
                Err(err) => assert!(!drawable, "{err}: {chart:?}"),
            }
        }
    }

    #[test]
    fn same_data_gives_the_same_svg() {
        let c = spec(
            ChartKind::Line,
            vec![s("晋中市", &[(2023, 60.2), (2024, 66.9)])],
        );
        assert_eq!(draw(&c).unwrap(), draw(&c).unwrap());
    }

    #[test]
    fn title_and_desc_are_escaped() {
        let mut c = spec(ChartKind::Bar, vec![s("a", &[(2024, 1.0)])]);
        c.title = "<b>&".into();
        c.description = "\"</desc>".into();
        let svg = draw(&c).unwrap();
        let doc = parse(&svg);
        let desc = doc
            .descendants()
            .find(|n| n.has_tag_name("desc"))
            .and_then(|n| n.text())
            .map(str::trim);
        assert_eq!(desc, Some("\"</desc>"));
    }
}
