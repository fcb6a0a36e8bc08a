//! Line charts: years across, one line per place, breaks where years are missing.

use super::*;

pub(super) fn draw_lines<'a>(
    root: &DrawingArea<SVGBackend<'a>, Shift>,
    spec: &ChartSpec,
) -> DrawResult<'a> {
    let (label_size, _) = text_size(spec);
    let values: Vec<f64> = spec
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .collect();
    let standard: Vec<f64> = spec.standard.iter().map(|s| s.0).collect();
    let (lo, hi) = value_range(&values, &standard);
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
        builder.margin_top(draw_title(root, spec)?);
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

/// The runs of points without a gap between their keys (years, or months).
pub(super) fn consecutive_runs(points: &[(i32, f64)]) -> Vec<&[(i32, f64)]> {
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
pub(super) fn draw_markers<'a>(
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
