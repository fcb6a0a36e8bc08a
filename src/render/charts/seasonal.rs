//! The seasonal view: one place's monthly figures, the twelve months across and one line
//! per year, so that the same season of different years stands one above the other (the
//! winter peaks of PM2.5, year after year). A legend names the years.

use super::layout::{self, LABEL_PX, TITLE_PX};
use super::lines::draw_line;
use super::*;

/// What a seasonal chart draws, in the page's language.
#[derive(Debug, Clone)]
pub struct SeasonalSpec {
    pub title: String,
    /// The finding in words: the SVG's `<desc>` and the image's alt text.
    pub description: String,
    pub unit: String,
    /// One series per year, named by it; points are (month 1-12, value), sorted by month.
    pub years: Vec<Series>,
    /// The names written under the twelve months (`1月`, `Jan`, or `1` where room is short).
    pub month_ticks: Vec<String>,
    /// The title of the month axis (`月份`, `Month`).
    pub axis: String,
    pub width: u32,
    pub height: u32,
}

/// Label and title sizes as plotters takes them: those of every other chart.
fn label_size() -> f64 {
    layout::plotters_size(LABEL_PX)
}

/// Draws the chart and returns the SVG document.
pub fn draw_seasonal(spec: &SeasonalSpec) -> Result<String, String> {
    let fail = |what: String| format!("cannot draw the chart “{}”: {what}", spec.title);
    for s in &spec.years {
        if let Some(&(m, v)) = s
            .points
            .iter()
            .find(|&&(m, v)| !(1..=12).contains(&m) || !is_drawable(v))
        {
            return Err(fail(format!(
                "month {m} with the value {v} cannot be placed"
            )));
        }
    }
    register_font()?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (spec.width, spec.height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        draw(&root, spec).map_err(|e| fail(e.to_string()))?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(add_title_and_desc(&svg, &spec.title, &spec.description))
}

fn draw<'a>(root: &DrawingArea<SVGBackend<'a>, Shift>, spec: &SeasonalSpec) -> DrawResult<'a> {
    let line = layout::line_height(TITLE_PX);
    let title = layout::wrap(&spec.title, TITLE_PX, spec.width.saturating_sub(20));
    for (i, text) in title.iter().enumerate() {
        root.draw(&Text::new(
            text.clone(),
            ((spec.width / 2) as i32, 10 + line * i as i32),
            style(layout::plotters_size(TITLE_PX)).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
    }
    let legend_top = 14 + line * title.len() as i32;
    let legend_rows = draw_legend(root, spec, legend_top)?;
    let values: Vec<f64> = spec
        .years
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .collect();
    let (lo, hi) = value_range(&values, &[]);
    const VALUE_AXIS: u32 = 48;
    let mut chart = ChartBuilder::on(root)
        .margin(10)
        .margin_right(16)
        // Room for the unit above the value axis.
        .margin_top(legend_top + legend_rows * legend_row() + layout::line_height(LABEL_PX))
        .x_label_area_size(2 * layout::line_height(LABEL_PX) + 8)
        .y_label_area_size(VALUE_AXIS)
        .build_cartesian_2d(0.5..12.5, lo..hi)?;
    // Every month named where the names fit, else every second or third from January.
    let widest = spec
        .month_ticks
        .iter()
        .map(|m| layout::width_px(m, LABEL_PX))
        .max()
        .unwrap_or(0);
    let room = spec.width.saturating_sub(VALUE_AXIS + 26);
    let every = 12_usize.div_ceil(layout::tick_count(room, widest).min(12));
    let tick = |x: &f64| {
        let m = x.round();
        let named = (m as usize).checked_sub(1).is_some_and(|i| i % every == 0);
        if (x - m).abs() < 1e-9 && (1.0..=12.0).contains(&m) && named {
            spec.month_ticks
                .get(m as usize - 1)
                .cloned()
                .unwrap_or_default()
        } else {
            String::new()
        }
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .x_labels(12)
        .x_label_formatter(&tick)
        .y_label_formatter(&|v: &f64| fmt_value(*v))
        .label_style(style(label_size()))
        .axis_desc_style(style(label_size()))
        .x_desc(spec.axis.clone())
        .draw()?;
    let (_, plot_y) = chart.plotting_area().get_pixel_range();
    root.draw(&Text::new(
        spec.unit.clone(),
        (10, plot_y.start - 6),
        style(label_size()).pos(Pos::new(HPos::Left, VPos::Bottom)),
    ))?;
    for (i, year) in spec.years.iter().enumerate() {
        draw_line(&mut chart, i, &year.points)?;
    }
    Ok(())
}

/// Height of a row of the legend.
fn legend_row() -> i32 {
    layout::line_height(LABEL_PX) + 6
}

/// The years in a row (or rows) under the title, each with its line's colour and marker;
/// returns the number of rows used.
fn draw_legend<'a>(
    root: &DrawingArea<SVGBackend<'a>, Shift>,
    spec: &SeasonalSpec,
    top: i32,
) -> Result<i32, Box<dyn std::error::Error + 'a>> {
    const SAMPLE: i32 = 26;
    let right_end = spec.width as i32 - 10;
    let (mut x, mut row) = (10, 0);
    for (i, year) in spec.years.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let width = SAMPLE + 6 + layout::width_px(&year.label, LABEL_PX) as i32 + 16;
        if x + width > right_end && x > 10 {
            (x, row) = (10, row + 1);
        }
        let y = top + row * legend_row() + legend_row() / 2;
        root.draw(&PathElement::new(
            vec![(x, y), (x + SAMPLE, y)],
            color.stroke_width(2),
        ))?;
        draw_marker(root, i, (x + SAMPLE / 2, y), color)?;
        root.draw(&Text::new(
            year.label.clone(),
            (x + SAMPLE + 6, y),
            style(label_size())
                .color(&color)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        x += width;
    }
    Ok(row + 1)
}

/// The marker of series `index` at a pixel, as `draw_markers` draws it on the lines.
fn draw_marker<'a>(
    root: &DrawingArea<SVGBackend<'a>, Shift>,
    index: usize,
    at: (i32, i32),
    color: RGBColor,
) -> Result<(), Box<dyn std::error::Error + 'a>> {
    let filled = color.filled();
    match index % 4 {
        0 => root.draw(&Circle::new(at, 5, filled))?,
        1 => root.draw(&TriangleMarker::new(at, 6, filled))?,
        2 => root.draw(&(EmptyElement::at(at) + Rectangle::new([(-4, -4), (4, 4)], filled)))?,
        _ => root.draw(&Cross::new(at, 5, color.stroke_width(2)))?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(years: Vec<Series>) -> SeasonalSpec {
        SeasonalSpec {
            title: "太原市（市城区）PM2.5平均浓度逐月变化".into(),
            description: "2015年最高为12月".into(),
            unit: "微克/立方米".into(),
            years,
            month_ticks: (1..=12).map(|m| format!("{m}月")).collect(),
            axis: "月份".into(),
            width: 580,
            height: 400,
        }
    }

    fn year(label: &str, points: &[(i32, f64)]) -> Series {
        Series {
            label: label.into(),
            points: points.to_vec(),
        }
    }

    fn texts(svg: &str) -> Vec<String> {
        let doc = roxmltree::Document::parse(svg).expect("XML");
        doc.descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text().map(|t| t.trim().to_owned()))
            .collect()
    }

    #[test]
    fn months_run_across_and_each_year_is_named_once() {
        let full: Vec<(i32, f64)> = (1..=12).map(|m| (m, 40.0 + f64::from(m))).collect();
        let svg = draw_seasonal(&spec(vec![
            year("2015", &full),
            year("2016", &full[..7]),
            year("2017", &[(1, 116.0)]),
        ]))
        .unwrap();
        let texts = texts(&svg);
        // January and every month after it at a step the width allows: at least every other.
        let named: Vec<u32> = (1..=12)
            .filter(|m| texts.contains(&format!("{m}月")))
            .collect();
        assert_eq!(named.first(), Some(&1), "{texts:?}");
        assert!(named.len() >= 6, "{named:?}");
        assert!(
            named.windows(2).all(|w| w[1] - w[0] == named[1] - named[0]),
            "{named:?}"
        );
        for y in ["2015", "2016", "2017"] {
            assert_eq!(
                texts.iter().filter(|t| *t == y).count(),
                1,
                "{y}: {texts:?}"
            );
        }
        assert!(texts.contains(&"微克/立方米".to_owned()));
        assert!(svg.contains("<desc id=\"d\">2015年最高为12月</desc>"));
    }

    #[test]
    fn a_missing_month_breaks_the_line() {
        let with_gap = [(1, 90.0), (2, 80.0), (4, 60.0), (5, 50.0)];
        let svg = draw_seasonal(&spec(vec![year("2015", &with_gap)])).unwrap();
        // Two runs, each one polyline, and the legend's sample line.
        let lines = svg.matches("<polyline").count() + svg.matches("<path").count();
        assert!(lines >= 2, "{svg}");
        let joined = draw_seasonal(&spec(vec![year("2015", &[(1, 90.0), (2, 80.0)])])).unwrap();
        assert!(
            svg.matches("<polyline").count() > joined.matches("<polyline").count(),
            "a gap draws one line more"
        );
    }

    #[test]
    fn a_month_off_the_calendar_or_a_value_off_the_scale_is_refused() {
        assert!(draw_seasonal(&spec(vec![year("2015", &[(13, 1.0)])])).is_err());
        assert!(draw_seasonal(&spec(vec![year("2015", &[(1, f64::NAN)])])).is_err());
        assert!(
            draw_seasonal(&spec(vec![])).is_ok(),
            "an empty chart is still a drawing"
        );
    }

    #[test]
    fn many_years_wrap_the_legend_within_the_drawing() {
        let years: Vec<Series> = (2000..2014)
            .map(|y| year(&y.to_string(), &[(1, 50.0), (2, 40.0)]))
            .collect();
        let mut narrow = spec(years);
        narrow.width = 300;
        let svg = draw_seasonal(&narrow).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        for t in doc.descendants().filter(|n| n.has_tag_name("text")) {
            let x: f64 = t.attribute("x").and_then(|x| x.parse().ok()).unwrap_or(0.0);
            assert!((0.0..300.0).contains(&x), "{:?} at {x}", t.text());
        }
    }
}
