//! Ordered classes (surface water Class Ⅰ to worse than Ⅴ): one row per figure, the
//! place above a dot at its class. The classes run left to right from best to worst, the
//! good ones on a shaded band that ends at a line after the last good class.

use super::layout::{self, LABEL_PX};
use super::*;

/// Height of the line a row's dot sits on, under the row's name.
const DOT_ROW: i32 = 28;

/// The pixel layout: each row's name in lines, the top of the first row, and the lines of
/// the axis's title.
struct Frame {
    names: Vec<(Vec<String>, f64)>,
    /// The classes' short names under the axis, each wrapped to its column.
    ticks: Vec<Vec<String>>,
    top: i32,
    axis: Vec<String>,
}

fn frame(spec: &ChartSpec) -> Frame {
    let room = spec.width.saturating_sub(32);
    let names = rows_by_year(spec)
        .into_iter()
        .map(|(label, v)| (layout::wrap(&label, LABEL_PX, room), v))
        .collect();
    let axis = spec
        .classes
        .as_ref()
        .map(|c| layout::wrap(&c.axis, LABEL_PX, spec.width.saturating_sub(20)))
        .unwrap_or_default();
    let n = spec.classes.as_ref().map_or(1, |c| c.ticks.len().max(1)) as u32;
    let column_w = (spec.width.saturating_sub(24) / n).saturating_sub(4).max(1);
    let ticks = spec.classes.as_ref().map_or_else(Vec::new, |c| {
        c.ticks
            .iter()
            .map(|t| layout::wrap(t, LABEL_PX, column_w))
            .collect()
    });
    Frame {
        names,
        ticks,
        // The title, then the name of the good band above the rows.
        top: title_height(spec) + layout::line_height(LABEL_PX) + 10,
        axis,
    }
}

fn tick_lines(f: &Frame) -> i32 {
    f.ticks.iter().map(Vec::len).max().unwrap_or(1) as i32
}

fn row_height(lines: usize) -> i32 {
    layout::line_height(LABEL_PX) * lines.max(1) as i32 + DOT_ROW
}

pub(super) fn height(spec: &ChartSpec) -> u32 {
    let f = frame(spec);
    let rows: i32 = f.names.iter().map(|(l, _)| row_height(l.len())).sum();
    let bottom = 12 + layout::line_height(LABEL_PX) * (tick_lines(&f) + f.axis.len() as i32) + 12;
    u32::try_from(f.top + rows.max(row_height(1)) + bottom).unwrap_or(0)
}

pub(super) fn draw_classes<'a>(
    root: &DrawingArea<SVGBackend<'a>, Shift>,
    spec: &ChartSpec,
) -> DrawResult<'a> {
    let Some(scale) = &spec.classes else {
        return Err("an ordinal chart needs the names of its classes".into());
    };
    let (label_size, _) = text_size(spec);
    let f = frame(spec);
    let top = f.top;
    let line_h = layout::line_height(LABEL_PX);
    let n = scale.names.len().max(1) as i32;
    let (left, right) = (12, spec.width as i32 - 12);
    // The middle of class c's column (c counted from 1).
    let column = |c: f64| left + ((c - 0.5) / f64::from(n) * f64::from(right - left)) as i32;
    let mut row_tops = vec![top];
    for (lines, _) in &f.names {
        let last = row_tops[row_tops.len() - 1];
        row_tops.push(last + row_height(lines.len()));
    }
    let bottom = row_tops[row_tops.len() - 1].max(top + row_height(1));
    draw_title(root, spec)?;
    // The good classes' band, and the line after the last of them, named above the rows.
    let edge = column(f64::from(scale.good_up_to) + 0.5);
    root.draw(&Rectangle::new(
        [(left, top - 4), (edge, bottom)],
        GOOD_BAND.filled(),
    ))?;
    for (i, (lines, value)) in f.names.iter().enumerate() {
        let y0 = row_tops[i];
        let name_end = y0 + line_h * lines.len() as i32 + 2;
        let row_end = row_tops[i + 1];
        // Dashed in each row below its name only, so that it never crosses the text.
        let mut y = name_end;
        while y < row_end {
            root.draw(&PathElement::new(
                [(edge, y), (edge, (y + 6).min(row_end))],
                GOOD.stroke_width(2),
            ))?;
            y += 10;
        }
        let dot_y = row_end - DOT_ROW / 2;
        root.draw(&PathElement::new(
            [(left, dot_y), (right, dot_y)],
            GRID.stroke_width(1),
        ))?;
        for (k, text) in lines.iter().enumerate() {
            root.draw(&Text::new(
                text.clone(),
                (left + 4, y0 + 2 + line_h * k as i32),
                style(label_size).pos(Pos::new(HPos::Left, VPos::Top)),
            ))?;
        }
        let Some(name) = scale.name(*value) else {
            return Err(format!("{value} is not one of the classes 1 to {n}").into());
        };
        let good = *value <= f64::from(scale.good_up_to);
        let x = column(*value);
        root.draw(&Circle::new(
            (x, dot_y),
            6,
            if good { GOOD } else { BAD }.filled(),
        ))?;
        // The class named right of its dot (clear of the line after the good classes), left
        // of it in the last column.
        let (anchor, dx) = if *value >= f64::from(n) {
            (HPos::Right, -11)
        } else {
            (HPos::Left, 11)
        };
        root.draw(&Text::new(
            name.to_owned(),
            (x + dx, dot_y),
            style(label_size).pos(Pos::new(anchor, VPos::Center)),
        ))?;
    }
    root.draw(&Text::new(
        scale.good_label.clone(),
        (edge - 6, top - 8),
        style(label_size)
            .color(&GOOD)
            .pos(Pos::new(HPos::Right, VPos::Bottom)),
    ))?;
    // Each class under its column, wrapped to the column's width and moved in from the edge
    // where a word is still wider than the room.
    for (c, lines) in f.ticks.iter().enumerate() {
        for (k, text) in lines.iter().enumerate() {
            let w = layout::width_px(text, LABEL_PX) as i32;
            let x = (column(c as f64 + 1.0) - w / 2).clamp(4, (spec.width as i32 - 4 - w).max(4));
            root.draw(&Text::new(
                text.clone(),
                (x, bottom + 8 + line_h * k as i32),
                style(label_size).pos(Pos::new(HPos::Left, VPos::Top)),
            ))?;
        }
    }
    for (k, text) in f.axis.iter().enumerate() {
        root.draw(&Text::new(
            text.clone(),
            (
                spec.width as i32 / 2,
                bottom + 12 + line_h * (k as i32 + tick_lines(&f)),
            ),
            style(label_size).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
    }
    Ok(())
}
