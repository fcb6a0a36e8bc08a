//! Horizontal bars from a visible zero: a comparison of places (one bar each, in the order
//! given) or changes (one bar per place and year, coloured by whether the change is good).
//! Lines across the bars mark the standard and another place's figure.

use super::*;

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
    let (lo, hi) = value_range(&values, &lines);
    let label_area = rows
        .iter()
        .map(|r| text_width(&r.0, label_size))
        .max()
        .unwrap_or(40)
        + 24;
    // Room beyond the longest bars for the figures written at their ends: as wide as the
    // widest such figure on that side, in the drawing's own pixels.
    let plot_px = f64::from(
        spec.width
            .saturating_sub(label_area.min(spec.width / 2) + 10 + right_margin(spec))
            .max(1),
    );
    let widest = |negative: bool| {
        rows.iter()
            .filter(|r| (r.1 < 0.0) == negative)
            .map(|r| f64::from(text_width(&bar_text(spec, r.1), label_size)) + 12.0)
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
        share(widest(false), hi > 0.0),
    );
    if left + right > 0.7 {
        let scale = 0.7 / (left + right);
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
        .margin_right(right_margin(spec))
        .x_label_area_size(if spec.small { 0 } else { 44 })
        .y_label_area_size(label_area.min(spec.width / 2));
    if !spec.small {
        builder.margin_top(draw_title(root, spec)?);
    }
    let mut chart = builder.build_cartesian_2d(lo..hi, bottom..top)?;
    // Row i is drawn at y = n - 1 - i, so that the first row is on top.
    let row_y = |i: usize| n - 1.0 - i as f64;
    let row_label = |y: &f64| {
        let i = (n - 1.0 - y).round();
        if (n - 1.0 - y - i).abs() < 1e-9 && i >= 0.0 {
            // An en space keeps the name off the axis, which has no tick marks.
            rows.get(i as usize)
                .map(|r| format!("{}\u{2002}", r.0))
                .unwrap_or_default()
        } else {
            String::new()
        }
    };
    let value_fmt = |v: &f64| fmt_value(*v);
    let mut mesh = chart.configure_mesh();
    // Labels sit at whole rows; the half-row steps between them carry no tick.
    mesh.set_tick_mark_size(LabelAreaPosition::Left, 0)
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .x_labels(if spec.width < 500 { 4 } else { 7 })
        .y_labels(((top - bottom) * 2.0).round() as usize + 1)
        .y_label_formatter(&row_label)
        .x_label_formatter(&value_fmt)
        .label_style(style(label_size))
        .axis_desc_style(style(label_size));
    if !spec.small {
        mesh.x_desc(spec.unit.clone());
    }
    mesh.draw()?;
    // Zero, drawn over the grid: every bar starts there, a fall goes left of it.
    chart.draw_series(LineSeries::new(
        [(0.0, bottom), (0.0, top)],
        INK.stroke_width(1),
    ))?;
    let place_label = |value: f64, y: f64, label: &str, color: &'static RGBColor| {
        // The name reads away from the nearer edge, so it is never cut.
        let right_half = value > lo + (hi - lo) * 0.55;
        let (anchor, nudge) = if right_half {
            (HPos::Right, -(hi - lo) * 0.01)
        } else {
            (HPos::Left, (hi - lo) * 0.01)
        };
        Text::new(
            label.to_owned(),
            (value + nudge, y),
            style(label_size)
                .color(color)
                .pos(Pos::new(anchor, VPos::Center)),
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
        chart.draw_series(std::iter::once(place_label(*value, y, label, &STANDARD)))?;
    }
    if let Some((value, label)) = &spec.reference {
        chart.draw_series(LineSeries::new(
            [(*value, bottom), (*value, top)],
            REFERENCE.stroke_width(2),
        ))?;
        let y = top - LINE_ROOM / 2.0;
        chart.draw_series(std::iter::once(place_label(*value, y, label, &REFERENCE)))?;
    }
    let units_per_px = (hi - lo) / f64::from(chart.plotting_area().dim_in_pixel().0.max(1));
    for (i, (_, v)) in rows.iter().enumerate() {
        let y = row_y(i);
        let color = match spec.kind {
            ChartKind::Change if is_better(spec, *v) => GOOD,
            ChartKind::Change => BAD,
            _ => PALETTE[0],
        };
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.0, y - 0.32), (*v, y + 0.32)],
            color.filled(),
        )))?;
        let text = bar_text(spec, *v);
        let anchor = if *v < 0.0 { HPos::Right } else { HPos::Left };
        let nudge = (hi - lo) * 0.01 * if *v < 0.0 { -1.0 } else { 1.0 };
        // A paper-coloured ground under the figure, so that a province or standard line
        // passing there does not run through its digits.
        let width = f64::from(text_width(&text, label_size)) * units_per_px;
        let (from, to) = if *v < 0.0 {
            (*v + nudge - width, *v + nudge)
        } else {
            (*v + nudge, *v + nudge + width)
        };
        chart.draw_series(std::iter::once(Rectangle::new(
            [(from, y - 0.3), (to, y + 0.3)],
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

fn right_margin(spec: &ChartSpec) -> u32 {
    if spec.small {
        48
    } else {
        70
    }
}

fn is_better(spec: &ChartSpec, v: f64) -> bool {
    (v > 0.0) == spec.higher_is_better && v != 0.0
}

/// The figure written at a bar's end, and for a change whether it is better or worse.
fn bar_text(spec: &ChartSpec, v: f64) -> String {
    if spec.kind != ChartKind::Change {
        return fmt_value(v);
    }
    let word = if is_better(spec, v) {
        &spec.words.better
    } else {
        &spec.words.worse
    };
    format!("{}{} {word}", if v > 0.0 { "+" } else { "" }, fmt_value(v))
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
