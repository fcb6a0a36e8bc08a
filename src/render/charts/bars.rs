//! Horizontal bars from a visible zero: a comparison of places (one bar each, in the order
//! given) or changes (one bar per place and year, coloured by whether the change is good).
//! Lines across the bars mark the standard and another place's figure. Ranks are dots, not
//! bars: a rank is a position, and a bar from zero would draw the last place longest.

use super::layout::{self, LABEL_PX};
use super::*;

/// Where the rows' names go: in a column left of the bars (at most two fifths of the
/// drawing) where the bars keep room for their figures, else above each bar, across the
/// drawing (a narrow chart of changes); each name wrapped to its room.
struct Names {
    /// Width of the column left of the bars; 0 when the names are above the bars.
    area: u32,
    lines: Vec<Vec<String>>,
}

impl Names {
    fn above(&self) -> bool {
        self.area == 0
    }
}

fn names(spec: &ChartSpec) -> Names {
    let rows = bar_rows(spec);
    let widest = rows
        .iter()
        .map(|r| layout::width_px(&r.0, LABEL_PX))
        .max()
        .unwrap_or(40);
    let area = (widest + 18).min(spec.width * 2 / 5);
    let figures = |negative: bool| {
        rows.iter()
            .filter(|r| (r.1 < 0.0) == negative)
            .map(|r| layout::width_px(&bar_text(spec, r.1), LABEL_PX) + 12)
            .max()
            .unwrap_or(0)
    };
    let plot = spec.width.saturating_sub(area + 10 + right_margin(spec));
    let beside = (figures(true) + figures(false)) * 10 <= plot * 6;
    let (area, room) = if beside {
        (area, area - 18)
    } else {
        (0, spec.width.saturating_sub(20))
    };
    let lines = rows
        .iter()
        .map(|r| layout::wrap(&r.0, LABEL_PX, room))
        .collect();
    Names { area, lines }
}

/// Height of the band above a bar that holds its name (none when names are beside the bars).
fn name_band(names: &Names) -> u32 {
    let lines = names.lines.iter().map(Vec::len).max().unwrap_or(1) as u32;
    if names.above() {
        layout::line_height(LABEL_PX) as u32 * lines + 2
    } else {
        0
    }
}

/// Height of one bar's row in pixels: room for its name's lines.
pub(super) fn row_px(spec: &ChartSpec) -> u32 {
    let names = names(spec);
    let lines = names.lines.iter().map(Vec::len).max().unwrap_or(1) as u32;
    let least = if spec.small { 30 } else { 34 };
    if names.above() {
        name_band(&names) + 26
    } else {
        (layout::line_height(LABEL_PX) as u32 * lines + 6).max(least)
    }
}

/// Room, in rows, above the bars for the reference's name and below them for the standard's.
const LINE_ROOM: f64 = 0.75;

/// Horizontal bars: room on the left for long (Chinese) labels, one row per figure, the
/// first row on top.
pub(super) fn draw_bars<'a>(
    root: &DrawingArea<SVGBackend<'a>, Shift>,
    spec: &ChartSpec,
) -> DrawResult<'a> {
    let (label_size, _) = text_size(spec);
    let rows = bar_rows(spec);
    let values: Vec<f64> = rows.iter().map(|r| r.1).collect();
    let lines: Vec<f64> = spec
        .standard
        .iter()
        .chain(&spec.reference)
        .map(|l| l.0)
        .collect();
    let (lo, hi) = if spec.inverted {
        // Ranks start at 1: no zero to measure from, unless a line across sits below rank 1.
        // (With no ranks at all the range must still run forwards.)
        let (below, hi) = value_range(&values, &lines);
        (if below < 0.0 { below } else { 0.5 }, hi.max(1.5))
    } else {
        value_range(&values, &lines)
    };
    let names = names(spec);
    let label_area = names.area;
    let row_h = f64::from(row_px(spec));
    // A row spans y - 0.5 to y + 0.5: its name's band at the top when names are above, the
    // bar in the rest.
    let band = f64::from(name_band(&names)) / row_h;
    let bar_half = if names.above() { 0.28 } else { 0.32 };
    let bar_mid = -band / 2.0;
    // Room beyond the longest bars for the figures written at their ends: as wide as the
    // widest such figure on that side, in the drawing's own pixels.
    let plot_px = f64::from(
        spec.width
            .saturating_sub(label_area + 10 + right_margin(spec))
            .max(1),
    );
    let widest = |negative: bool| {
        rows.iter()
            .filter(|r| (r.1 < 0.0) == negative)
            .map(|r| f64::from(layout::width_px(&bar_text(spec, r.1), LABEL_PX)) + 12.0)
            .fold(0.0, f64::max)
    };
    // Shares of the plot's width the figures need on each side (at least a tenth where
    // there are bars); the range is widened so that those shares are left free.
    let share = |px: f64, any: bool| {
        if any {
            (px / plot_px).max(0.1)
        } else {
            0.0
        }
    };
    let (mut left, mut right) = (
        share(widest(true), lo < 0.0),
        share(widest(false), values.iter().any(|v| *v >= 0.0)),
    );
    if left + right > 0.85 {
        let scale = 0.85 / (left + right);
        (left, right) = (left * scale, right * scale);
    }
    let total = (hi - lo) / (1.0 - left - right);
    let (lo, hi) = (lo - total * left, hi + total * right);
    let n = rows.len().max(1) as f64;
    let top = n - 0.5
        + if spec.reference.is_some() {
            LINE_ROOM
        } else {
            0.0
        };
    let bottom = -0.5
        - if spec.standard.is_some() {
            LINE_ROOM
        } else {
            0.0
        };
    let mut builder = ChartBuilder::on(root);
    builder
        .margin(10)
        .margin_left(if names.above() { 10 } else { 0 })
        .margin_right(right_margin(spec))
        .x_label_area_size(if spec.small { 0 } else { 44 })
        .y_label_area_size(label_area);
    if !spec.small {
        builder.margin_top(draw_title(root, spec)?);
    }
    let mut chart = builder.build_cartesian_2d(lo..hi, bottom..top)?;
    // Row i is drawn at y = n - 1 - i, so that the first row is on top.
    let row_y = |i: usize| n - 1.0 - i as f64;
    // A rank axis names whole places only.
    let value_fmt = |v: &f64| {
        if spec.inverted && v.fract().abs() > 1e-9 {
            String::new()
        } else {
            fmt_value(*v)
        }
    };
    let plot_w = spec
        .width
        .saturating_sub(label_area + 10 + right_margin(spec));
    let widest_tick = [lo, hi, (lo + hi) / 3.0]
        .iter()
        .map(|v| layout::width_px(&fmt_value(*v), LABEL_PX))
        .max()
        .unwrap_or(0);
    let mut mesh = chart.configure_mesh();
    // Labels sit at whole rows; the half-row steps between them carry no tick.
    mesh.set_tick_mark_size(LabelAreaPosition::Left, 0)
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .x_labels(layout::tick_count(plot_w, widest_tick))
        .y_labels(0)
        .x_label_formatter(&value_fmt)
        .label_style(style(label_size))
        .axis_desc_style(style(label_size));
    if !spec.small {
        mesh.x_desc(spec.unit.clone());
    }
    mesh.draw()?;
    // The rows' names, on as many lines as they need: right-aligned against the axis, or
    // above their bars.
    let line_h = layout::line_height(LABEL_PX);
    let (plot_x, _) = chart.plotting_area().get_pixel_range();
    for (i, lines) in names.lines.iter().enumerate() {
        let (x, first, anchor) = if names.above() {
            let (_, top) = chart.backend_coord(&(lo, row_y(i) + 0.5));
            (plot_x.start, top + 1 + line_h / 2, HPos::Left)
        } else {
            let (_, y) = chart.backend_coord(&(lo, row_y(i)));
            (
                plot_x.start - 8,
                y - line_h * (lines.len() as i32 - 1) / 2,
                HPos::Right,
            )
        };
        for (k, text) in lines.iter().enumerate() {
            root.draw(&Text::new(
                text.clone(),
                (x, first + line_h * k as i32),
                style(label_size).pos(Pos::new(anchor, VPos::Center)),
            ))?;
        }
    }
    // Zero, drawn over the grid: every bar starts there, a fall goes left of it.
    // (Where names are above the bars, only beside the bars, so that it crosses no name.)
    if spec.inverted {
        // Dots at ranks: nothing starts at zero.
    } else if names.above() {
        for i in 0..rows.len() {
            let y = row_y(i) + bar_mid;
            chart.draw_series(LineSeries::new(
                [(0.0, y - bar_half - 0.05), (0.0, y + bar_half + 0.05)],
                INK.stroke_width(1),
            ))?;
        }
    } else {
        chart.draw_series(LineSeries::new(
            [(0.0, bottom), (0.0, top)],
            INK.stroke_width(1),
        ))?;
    }
    // The name of a line across the bars, on its own row: beside the line on the side with
    // room for it, and kept inside the drawing where neither side has enough.
    let place_label = |at: (i32, i32), label: &str, color: &'static RGBColor| {
        let w = layout::width_px(label, LABEL_PX) as i32;
        let right_room = spec.width as i32 - 6 - (at.0 + 6);
        let x = if w <= right_room {
            at.0 + 6
        } else if w <= at.0 - 6 - 6 {
            at.0 - 6 - w
        } else {
            (spec.width as i32 - 6 - w).max(6)
        };
        Text::new(
            label.to_owned(),
            (x, at.1),
            style(label_size)
                .color(color)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        )
    };
    if let Some((value, label)) = &spec.standard {
        let line = STANDARD.stroke_width(2);
        chart.draw_series(DashedLineSeries::new(
            vec![(*value, bottom), (*value, top)],
            8,
            5,
            line,
        ))?;
        let y = bottom + LINE_ROOM / 2.0;
        root.draw(&place_label(
            chart.backend_coord(&(*value, y)),
            label,
            &STANDARD,
        ))?;
    }
    if let Some((value, label)) = &spec.reference {
        chart.draw_series(LineSeries::new(
            [(*value, bottom), (*value, top)],
            REFERENCE.stroke_width(2),
        ))?;
        let y = top - LINE_ROOM / 2.0;
        root.draw(&place_label(
            chart.backend_coord(&(*value, y)),
            label,
            &REFERENCE,
        ))?;
    }
    let units_per_px = (hi - lo) / f64::from(chart.plotting_area().dim_in_pixel().0.max(1));
    for (i, (_, v)) in rows.iter().enumerate() {
        let y = row_y(i) + bar_mid;
        let color = match (spec.kind, spec.better.judge(*v)) {
            (ChartKind::Change, Some(true)) => GOOD,
            (ChartKind::Change, Some(false)) => BAD,
            // A change where neither end is better: charcoal, neither good nor bad.
            (ChartKind::Change, None) => PALETTE[5],
            _ => PALETTE[0],
        };
        let nudge = if spec.inverted {
            chart.draw_series(std::iter::once(Circle::new(
                (*v, y),
                RANK_DOT_PX,
                color.filled(),
            )))?;
            units_per_px * f64::from(RANK_DOT_PX + 4)
        } else {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(0.0, y - bar_half), (*v, y + bar_half)],
                color.filled(),
            )))?;
            (hi - lo) * 0.01 * if *v < 0.0 { -1.0 } else { 1.0 }
        };
        let text = bar_text(spec, *v);
        let anchor = if *v < 0.0 { HPos::Right } else { HPos::Left };
        // A paper-coloured ground under the figure, so that a province or standard line
        // passing there does not run through its digits.
        let width = f64::from(text_width(&text, label_size)) * units_per_px;
        let (from, to) = if *v < 0.0 {
            (*v + nudge - width, *v + nudge)
        } else {
            (*v + nudge, *v + nudge + width)
        };
        chart.draw_series(std::iter::once(Rectangle::new(
            [(from, y - bar_half), (to, y + bar_half)],
            WHITE.filled(),
        )))?;
        chart.draw_series(std::iter::once(Text::new(
            text,
            (*v + nudge, y),
            style(label_size).pos(Pos::new(anchor, VPos::Center)),
        )))?;
    }
    Ok(())
}

/// Radius of the dot that marks a rank.
const RANK_DOT_PX: u32 = 6;

/// Room right of the plot for half of the last tick's figure (the figures at the bars'
/// ends have room of their own inside the plot).
fn right_margin(_spec: &ChartSpec) -> u32 {
    30
}

/// The figure written at a bar's end, and for a change whether it is better or worse
/// (a signed figure alone where neither end is better).
fn bar_text(spec: &ChartSpec, v: f64) -> String {
    if spec.kind != ChartKind::Change {
        return fmt_value(v);
    }
    let signed = format!("{}{}", if v > 0.0 { "+" } else { "" }, fmt_value(v));
    let word = match spec.better.judge(v) {
        Some(true) => &spec.words.better,
        Some(false) => &spec.words.worse,
        None if spec.better == Better::Neither => return signed,
        None => &spec.words.same,
    };
    format!("{signed} {word}")
}

/// (label, value) per bar: a comparison's latest figure of each place under the place's
/// name (the period is in the title); every change under its place and year, unless all
/// are of one year (a comparison of changes).
fn bar_rows(spec: &ChartSpec) -> Vec<(String, f64)> {
    let mut years = spec
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0));
    let one_year = years.next().is_some_and(|first| years.all(|y| y == first))
        && spec.series.iter().all(|s| s.points.len() == 1);
    match spec.kind {
        ChartKind::Change if !one_year => rows_by_year(spec),
        _ => spec
            .series
            .iter()
            .filter_map(|s| s.points.last().map(|&(_, v)| (s.label.clone(), v)))
            .collect(),
    }
}
