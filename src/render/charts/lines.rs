//! Line charts: years across, one line per place, breaks where years are missing. Each line
//! is named at its end, and the standard beside its dashed line, in a column right of the
//! plot where the names are stacked so that none covers another; a name moved away from its
//! line is joined to it by a thin leader.

use super::layout::{self, LABEL_PX};
use super::*;
use plotters::coord::ranged1d::Ranged;
use plotters::coord::types::RangedCoordf64;

/// Gap between the plot and the names in the column right of it, and between two names.
const COLUMN_GAP: i32 = 14;
const NAME_GAP: i32 = 3;

/// A name written right of the plot: its lines, colour, and the value it belongs to.
struct Name {
    lines: Vec<String>,
    color: RGBColor,
    value: f64,
    /// The year of the point it names (none for the standard, which runs across).
    year: Option<i32>,
}

/// The pixel layout of a line chart, worked out before drawing so that the page knows its
/// height: the top of the plot, the column of names and the height.
pub(super) struct Frame {
    plot_top: i32,
    column: u32,
    names: Vec<Name>,
    pub height: u32,
}

/// Where the value axis runs: rankings upside down (1, the best, at the top), drawn as
/// negative numbers and labelled without the sign.
fn axis_value(spec: &ChartSpec, v: f64) -> f64 {
    if spec.inverted {
        -v
    } else {
        v
    }
}

pub(super) fn frame(spec: &ChartSpec) -> Frame {
    // The unit has a line of its own above the value axis.
    let plot_top = title_height(spec) + layout::line_height(LABEL_PX) + 4;
    let mut names: Vec<Name> = spec
        .series
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let &(year, value) = s.points.last()?;
            Some(Name {
                lines: vec![end_label(s)],
                color: PALETTE[i % PALETTE.len()],
                value,
                year: Some(year),
            })
        })
        .collect();
    if let Some((value, label)) = &spec.standard {
        names.push(Name {
            lines: vec![label.clone()],
            color: STANDARD,
            value: *value,
            year: None,
        });
    }
    let widest = names
        .iter()
        .map(|n| layout::width_px(&n.lines[0], LABEL_PX))
        .max()
        .unwrap_or(0);
    let column = (widest + COLUMN_GAP as u32).min(spec.width * 2 / 5);
    for n in &mut names {
        n.lines = layout::wrap(&n.lines[0], LABEL_PX, column - COLUMN_GAP as u32);
    }
    let stacked: i32 = names
        .iter()
        .map(|n| layout::line_height(LABEL_PX) * n.lines.len() as i32 + NAME_GAP)
        .sum();
    let height = u32::try_from(plot_top + stacked + bottom_room(spec))
        .unwrap_or(0)
        .max(spec.height);
    Frame {
        plot_top,
        column,
        names,
        height,
    }
}

/// Room under the plot for the years.
fn bottom_room(_spec: &ChartSpec) -> i32 {
    layout::line_height(LABEL_PX) + 14
}

pub(super) fn draw_lines<'a>(
    root: &DrawingArea<SVGBackend<'a>, Shift>,
    spec: &ChartSpec,
) -> DrawResult<'a> {
    let label_size = layout::plotters_size(LABEL_PX);
    let frame = frame(spec);
    let values: Vec<f64> = spec
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .collect();
    let standard: Vec<f64> = spec.standard.iter().map(|s| s.0).collect();
    let (lo, hi) = if spec.inverted {
        rank_range(&values, &standard)
    } else {
        value_range(&values, &standard)
    };
    let (x0, x1) = year_range(&spec.series);
    let whole = values.iter().all(|v| v.fract() == 0.0);
    let plot_h = frame.height as i32 - frame.plot_top - bottom_room(spec);
    let mut y_ticks = layout::tick_count(plot_h.max(1) as u32, (LABEL_PX * 1.6) as u32);
    // A ranking labels 1 and every few places after it: plotters is asked for every whole
    // place, and the formatter writes the chosen ones.
    // (A ranking of more places than that is labelled at plotters' own steps.)
    let mut rank_step = 1;
    if spec.inverted && -lo < 200.0 {
        let worst = (-lo - 0.5).round() as i32;
        rank_step = layout::rank_step(worst, y_ticks);
        y_ticks = usize::try_from(worst).unwrap_or(1) + 1;
    }
    let value_fmt = |v: &f64| {
        let v = axis_value(spec, *v);
        let whole_tick = (v - v.round()).abs() < 1e-9;
        if (whole && !whole_tick) || (spec.inverted && (v.round() as i64 - 1) % rank_step != 0) {
            String::new()
        } else {
            fmt_value(v)
        }
    };
    let y_points = RangedCoordf64::from(lo..hi).key_points(y_ticks);
    let y_area = y_points
        .iter()
        .map(|v| layout::width_px(&value_fmt(v), LABEL_PX))
        .max()
        .unwrap_or(0)
        + 12;
    let plot_w = spec.width.saturating_sub(y_area + frame.column + 10).max(1);
    let first = spec
        .series
        .iter()
        .filter_map(|s| s.points.first().map(|p| p.0))
        .min()
        .unwrap_or(0);
    let last = spec
        .series
        .iter()
        .filter_map(|s| s.points.last().map(|p| p.0))
        .max()
        .unwrap_or(0);
    let shown = layout::labelled_years(
        first,
        last,
        layout::tick_count(plot_w, layout::width_px("2024", LABEL_PX)),
    );
    let year_fmt = |x: &f64| {
        let y = x.round();
        if (x - y).abs() < 1e-9 && shown.contains(&(y as i32)) {
            format!("{}", y as i64)
        } else {
            String::new()
        }
    };
    draw_title(root, spec)?;
    let mut builder = ChartBuilder::on(root);
    builder
        .margin(0)
        .margin_top(frame.plot_top as u32)
        .margin_left(10)
        .margin_right(frame.column)
        .x_label_area_size(bottom_room(spec) as u32)
        .y_label_area_size(y_area);
    let mut chart = builder.build_cartesian_2d(x0..x1, lo..hi)?;
    let mut mesh = chart.configure_mesh();
    mesh.disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .x_labels((x1 - x0).round() as usize + 1)
        .y_labels(y_ticks)
        .x_label_formatter(&year_fmt)
        .y_label_formatter(&value_fmt)
        .label_style(style(label_size));
    mesh.draw()?;
    // The unit, written level above the value axis (rotated CJK text is hard to read).
    root.draw(&Text::new(
        spec.unit.clone(),
        (10, frame.plot_top - 4),
        style(label_size).pos(Pos::new(HPos::Left, VPos::Bottom)),
    ))?;
    if let Some((value, _)) = &spec.standard {
        draw_standard(&mut chart, (x0, x1), axis_value(spec, *value))?;
    }
    for (i, series) in spec.series.iter().enumerate() {
        let points: Vec<(i32, f64)> = series
            .points
            .iter()
            .map(|&(y, v)| (y, axis_value(spec, v)))
            .collect();
        draw_line(&mut chart, i, &points)?;
    }
    // The names, stacked in the column right of the plot; a leader joins each to its point.
    let (plot_x, _) = chart.plotting_area().get_pixel_range();
    let line_h = layout::line_height(LABEL_PX);
    let wanted: Vec<(i32, i32)> = frame
        .names
        .iter()
        .map(|n| {
            let x = n.year.map_or(x1, f64::from);
            let (_, py) = chart.backend_coord(&(x, axis_value(spec, n.value)));
            (py, line_h * n.lines.len() as i32 + NAME_GAP)
        })
        .collect();
    let tops = layout::stack(&wanted, frame.plot_top, frame.height as i32 - 4);
    let text_x = plot_x.end + COLUMN_GAP;
    for ((name, &top), &(want, block)) in frame.names.iter().zip(&tops).zip(&wanted) {
        let from = name.year.map_or((plot_x.end, want), |y| {
            chart.backend_coord(&(f64::from(y), axis_value(spec, name.value)))
        });
        let middle = top + (block - NAME_GAP) / 2;
        root.draw(&PathElement::new(
            [(from.0 + 7, from.1), (text_x - 3, middle)],
            name.color.mix(0.6).stroke_width(1),
        ))?;
        for (k, text) in name.lines.iter().enumerate() {
            root.draw(&Text::new(
                text.clone(),
                (text_x, top + line_h * k as i32 + line_h / 2),
                style(label_size)
                    .color(&name.color)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
    }
    Ok(())
}

/// The axis of a ranking: from place 1 (or the best value, if a line or figure lies above
/// it) to the worst, half a place of room each side. Everything drawn must lie inside it:
/// plotters' pixel arithmetic overflows on a point far outside its range.
fn rank_range(values: &[f64], lines: &[f64]) -> (f64, f64) {
    let all = || values.iter().chain(lines).copied();
    let worst = all().fold(1.0_f64, f64::max);
    let best = all().fold(1.0_f64, f64::min);
    (-(worst + 0.5), -(best - 0.5))
}
/// The name written at the end of a line: the series and its latest figure.
fn end_label(series: &Series) -> String {
    series.points.last().map_or_else(String::new, |&(_, v)| {
        format!("{} {}", series.label, fmt_value(v))
    })
}

/// The runs of points without a gap between their keys (years, or months).
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

/// A plot with numbers on both axes (years or months across).
pub(super) type Plot<'a> = ChartContext<
    'a,
    SVGBackend<'a>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// Series `index`'s line in its colour, broken where a key (a year, a month) is missing, so
/// that nothing is drawn that was not printed, and its markers.
pub(super) fn draw_line<'a>(
    chart: &mut Plot<'a>,
    index: usize,
    points: &[(i32, f64)],
) -> DrawResult<'a> {
    let color = PALETTE[index % PALETTE.len()];
    let stroke = ShapeStyle {
        color: color.to_rgba(),
        filled: false,
        stroke_width: 2,
    };
    for run in consecutive_runs(points) {
        chart.draw_series(LineSeries::new(
            run.iter().map(|&(x, v)| (f64::from(x), v)),
            stroke,
        ))?;
    }
    draw_markers(chart, index, points, color)
}

/// A marker shape per series, so lines are told apart without colour.
fn draw_markers<'a>(
    chart: &mut Plot<'a>,
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

/// The standard's dashed line across the plot; its name is in the column of names.
fn draw_standard<DB: DrawingBackend>(
    chart: &mut ChartContext<
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    (x0, x1): (f64, f64),
    value: f64,
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
    Ok(())
}
