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
        + 24;
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
        .margin_right(if spec.small { 48 } else { 70 })
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
    for (i, (_, v)) in rows.iter().enumerate() {
        let y = row_y(i);
        let (color, word) = match spec.kind {
            ChartKind::Change => {
                let good = (*v > 0.0) == spec.higher_is_better && *v != 0.0;
                if good {
                    (GOOD, spec.words.better.as_str())
                } else {
                    (BAD, spec.words.worse.as_str())
                }
            }
            _ => (PALETTE[0], ""),
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
        ChartKind::Change if !one_year => spec
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
            .filter_map(|s| s.points.last().map(|&(_, v)| (s.label.clone(), v)))
            .collect(),
    }
}
