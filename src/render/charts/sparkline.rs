//! A sparkline: a small trend line drawn at build time, with no axes or text. Its figures
//! are said in words by whoever shows it (the accessible name and the card around it).

use serde::Serialize;

/// The drawing's size in CSS pixels.
const WIDTH: f64 = 120.0;
const HEIGHT: f64 = 32.0;
/// Room kept round the line, so the end dot is not cut.
const PAD: f64 = 3.0;

/// The geometry of a sparkline, for a template to write as an inline SVG.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sparkline {
    pub width: f64,
    pub height: f64,
    /// The `points` of each `<polyline>`, `x,y x,y …`: the line breaks where a year is
    /// missing, so that no figure is invented across the gap.
    pub lines: Vec<String>,
    /// Points with no neighbour to join, drawn as dots.
    pub dots: Vec<(String, String)>,
    /// The latest point, marked with a dot.
    pub end_x: String,
    pub end_y: String,
}

/// A line through `(x, value)` points in order of x, broken where x steps by more than 1;
/// `None` for fewer than two points or a value that is not finite. With `low_on_top` (rankings, where 1 is best) the smallest
/// value is drawn highest. A flat series is drawn across the middle.
pub fn sparkline(points: &[(f64, f64)], low_on_top: bool) -> Option<Sparkline> {
    if points.len() < 2 || points.iter().any(|(x, y)| !x.is_finite() || !y.is_finite()) {
        return None;
    }
    let span = |values: &mut dyn Iterator<Item = f64>| {
        values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        })
    };
    let (x0, x1) = span(&mut points.iter().map(|p| p.0));
    let (y0, y1) = span(&mut points.iter().map(|p| p.1));
    let scale = |v: f64, lo: f64, hi: f64, room: f64| {
        if hi > lo {
            (v - lo) / (hi - lo) * room
        } else {
            room / 2.0
        }
    };
    let (w, h) = (WIDTH - 2.0 * PAD, HEIGHT - 2.0 * PAD);
    let place = |&(x, y): &(f64, f64)| {
        let up = scale(y, y0, y1, h);
        let top = if low_on_top { up } else { h - up };
        (PAD + scale(x, x0, x1, w), PAD + top)
    };
    let at = |v: f64| format!("{v:.1}");
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        match runs.last_mut() {
            Some(run) if i > 0 && p.0 - points[i - 1].0 <= 1.0 => run.push(place(p)),
            _ => runs.push(vec![place(p)]),
        }
    }
    let xy = |&(x, y): &(f64, f64)| (at(x), at(y));
    let (end_x, end_y) = xy(runs.last()?.last()?);
    Some(Sparkline {
        width: WIDTH,
        height: HEIGHT,
        lines: runs
            .iter()
            .filter(|run| run.len() > 1)
            .map(|run| {
                run.iter()
                    .map(|p| {
                        let (x, y) = xy(p);
                        format!("{x},{y}")
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect(),
        dots: runs
            .iter()
            .filter(|run| run.len() == 1)
            .filter_map(|run| run.first().map(xy))
            .collect(),
        end_x,
        end_y,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ys(s: &Sparkline) -> Vec<f64> {
        s.lines
            .join(" ")
            .split(' ')
            .filter_map(|p| p.split(',').nth(1)?.parse().ok())
            .collect()
    }

    #[test]
    fn higher_values_are_drawn_higher_unless_low_is_best() {
        let points = [(2020.0, 10.0), (2021.0, 30.0), (2022.0, 20.0)];
        let up = sparkline(&points, false).unwrap();
        let [a, b, c] = ys(&up)[..] else {
            panic!("{up:?}")
        };
        assert!(b < c && c < a, "{up:?}");
        assert_eq!((a, b), (HEIGHT - PAD, PAD));
        let rank = sparkline(&points, true).unwrap();
        let [a, b, _] = ys(&rank)[..] else {
            panic!("{rank:?}")
        };
        assert!(a < b, "{rank:?}");
        assert_eq!((rank.end_x.as_str(), up.end_x.as_str()), ("117.0", "117.0"));
    }

    #[test]
    fn years_are_spaced_by_their_distance_and_a_flat_line_sits_in_the_middle() {
        let s = sparkline(
            &[(2000.0, 5.0), (2001.0, 5.0), (2002.0, 5.0), (2010.0, 5.0)],
            false,
        )
        .unwrap();
        assert_eq!(s.lines, ["3.0,16.0 14.4,16.0 25.8,16.0"]);
        // The years between 2002 and 2010 are missing: 2010 stands alone.
        assert_eq!(s.dots, [("117.0".to_owned(), "16.0".to_owned())]);
    }

    #[test]
    fn a_missing_year_breaks_the_line() {
        let s = sparkline(&[(1.0, 1.0), (2.0, 2.0), (4.0, 3.0), (5.0, 1.0)], false).unwrap();
        assert_eq!(s.lines.len(), 2, "{s:?}");
        assert!(s.dots.is_empty());
    }

    #[test]
    fn too_few_or_broken_points_draw_nothing() {
        assert_eq!(sparkline(&[(2020.0, 1.0)], false), None);
        assert_eq!(sparkline(&[], false), None);
        assert_eq!(sparkline(&[(2020.0, 1.0), (2021.0, f64::NAN)], false), None);
    }
}
