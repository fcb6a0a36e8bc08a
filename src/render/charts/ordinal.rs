//! Ordered classes (surface water Class Ⅰ to worse than Ⅴ): one row per figure, the
//! place above a dot at its class. The classes run left to right from best to worst, the
//! good ones on a shaded band that ends at a line after the last good class.

use super::*;

/// Pixel layout: (space above the rows, below them, height of a row).
fn metrics(small: bool) -> (u32, u32, u32) {
    if small {
        (26, 44, 44)
    } else {
        (62, 60, 48)
    }
}

pub(super) fn height(small: bool, rows: u32) -> u32 {
    let (top, bottom, row) = metrics(small);
    top + bottom + rows.max(1) * row
}

pub(super) fn draw_classes<'a>(
    root: &DrawingArea<SVGBackend<'a>, Shift>,
    spec: &ChartSpec,
) -> DrawResult<'a> {
    let Some(scale) = &spec.classes else {
        return Err("an ordinal chart needs the names of its classes".into());
    };
    let (label_size, _) = text_size(spec);
    let (top, _, row_h) = metrics(spec.small);
    let (top, row_h) = (top as i32, row_h as i32);
    let n = scale.names.len().max(1) as i32;
    let (left, right) = (12, spec.width as i32 - 12);
    // The middle of class c's column (c counted from 1).
    let column = |c: f64| left + ((c - 0.5) / f64::from(n) * f64::from(right - left)) as i32;
    let rows = rows_by_year(spec);
    let bottom = top + row_h * rows.len().max(1) as i32;
    if !spec.small {
        draw_title(root, spec)?;
    }
    // The good classes' band, and the line after the last of them, named above the rows.
    let edge = column(f64::from(scale.good_up_to) + 0.5);
    root.draw(&Rectangle::new(
        [(left, top - 4), (edge, bottom)],
        GOOD_BAND.filled(),
    ))?;
    // Dashed in each row below its place name only, so that it never crosses the text.
    let name_h = label_size as i32 + 8;
    for i in 0..rows.len().max(1) as i32 {
        let row_end = top + row_h * (i + 1);
        let mut y = top + row_h * i + name_h;
        while y < row_end {
            root.draw(&PathElement::new(
                [(edge, y), (edge, (y + 6).min(row_end))],
                GOOD.stroke_width(2),
            ))?;
            y += 10;
        }
    }
    root.draw(&Text::new(
        scale.good_label.clone(),
        (edge - 6, top - 8),
        style(label_size)
            .color(&GOOD)
            .pos(Pos::new(HPos::Right, VPos::Bottom)),
    ))?;
    for (i, (label, value)) in rows.iter().enumerate() {
        let y0 = top + row_h * i as i32;
        let dot_y = y0 + row_h - 14;
        root.draw(&PathElement::new(
            [(left, dot_y), (right, dot_y)],
            GRID.stroke_width(1),
        ))?;
        root.draw(&Text::new(
            fit(label, label_size, (right - left) as u32),
            (left + 4, y0 + 4),
            style(label_size).pos(Pos::new(HPos::Left, VPos::Top)),
        ))?;
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
        // The class named right of its dot, left of it in the last column.
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
    for (c, tick) in scale.ticks.iter().enumerate() {
        root.draw(&Text::new(
            tick.clone(),
            (column(c as f64 + 1.0), bottom + 8),
            style(label_size).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
    }
    root.draw(&Text::new(
        scale.axis.clone(),
        (spec.width as i32 / 2, bottom + 30),
        style(label_size).pos(Pos::new(HPos::Center, VPos::Top)),
    ))?;
    Ok(())
}

/// `text` shortened with an ellipsis to fit `width` pixels; the full text is in the table.
fn fit(text: &str, size: f64, width: u32) -> String {
    if text_width(text, size) <= width {
        return text.to_owned();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let short: String = chars.iter().collect::<String>() + "…";
        if text_width(&short, size) <= width {
            return short;
        }
    }
    String::new()
}
