//! Whether a table fits a phone's width as a table, decided at build time from its cells,
//! so that a small table stays a grid a reader can scan across and only a wide one is
//! stacked into a card per row.

/// A table of more rows than this is long: it shows its first `SHOWN_ROWS` rows (the newest,
/// where rows have dates) and the rest wait behind a disclosure, so that a phone does not
/// scroll through dozens of rows to reach what follows. A table only a few rows longer is
/// shown whole: a disclosure hiding two rows saves nothing.
const LONG_AFTER: usize = 15;
const SHOWN_ROWS: usize = 10;

/// A table's rows as a page shows them: `shown` at once, `more` behind a disclosure (empty
/// for a table that is not long).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Rows<T> {
    pub shown: Vec<T>,
    pub more: Vec<T>,
}

/// Whether a table of `n` rows is long: its rows are then split and may be reordered.
pub fn is_long(n: usize) -> bool {
    n > LONG_AFTER
}

impl<T> Rows<T> {
    /// `rows`, in the order they are shown, split if they are long.
    pub fn split(mut rows: Vec<T>) -> Self {
        let more = if is_long(rows.len()) {
            rows.split_off(SHOWN_ROWS)
        } else {
            Vec::new()
        };
        Rows { shown: rows, more }
    }
}

/// The room for a table on a 390 px phone, in ems of the body text: 358 px of content at
/// 16 px, less the cells' padding.
const PHONE_EMS: f64 = 19.0;

/// A cell's text wraps at about this width: a longer cell takes this much and more lines,
/// or the width of its longest word if that is wider.
const WRAP_EMS: f64 = 6.0;

/// A table has room for at most this many columns on a phone, however short.
const MAX_COLUMNS: usize = 4;

/// The width of a line of text in ems: a Chinese character (or any wide one) takes a
/// whole em, other characters about half.
fn ems(text: &str) -> f64 {
    text.chars()
        .map(|c| {
            if crate::cjk::is_set_full_width(c) {
                1.0
            } else {
                0.55
            }
        })
        .sum()
}

/// The width a line needs however it wraps: its longest run of characters that do not
/// break (a Latin word, or its part up to a hyphen, where browsers break too; Chinese
/// breaks between any two characters).
fn longest_word(text: &str) -> f64 {
    text.split_inclusive('-')
        .flat_map(|part| {
            part.split(|c: char| c.is_whitespace() || crate::cjk::is_set_full_width(c))
        })
        .map(ems)
        .fold(0.0, f64::max)
}

/// A column of a table: its cells, each of one or more lines, whether its text wraps
/// (figures do not: `td.num` keeps a number with its unit on one line), and the width the
/// stylesheet gives it at least, in ems (a figure's note is a block 7 em wide).
#[derive(Clone)]
pub struct Column<S> {
    pub cells: Vec<Vec<S>>,
    pub wraps: bool,
    pub at_least: f64,
}

/// Whether a table of these columns fits a phone: no more than four columns, and the widest
/// cell of each, counted up to the width at which text wraps (or its longest word) where it
/// wraps and whole where it does not, adding up to the phone's width.
pub fn fits_phone<S: AsRef<str>>(columns: &[Column<S>]) -> bool {
    let width = |column: &Column<S>| {
        column
            .cells
            .iter()
            .flatten()
            .map(|line| {
                let line = line.as_ref();
                if column.wraps {
                    ems(line).min(WRAP_EMS).max(longest_word(line))
                } else {
                    ems(line)
                }
            })
            .fold(column.at_least, f64::max)
    };
    columns.len() <= MAX_COLUMNS && columns.iter().map(width).sum::<f64>() <= PHONE_EMS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_table_shows_its_first_rows_and_keeps_the_rest_in_order() {
        let short = Rows::split((0..LONG_AFTER).collect::<Vec<_>>());
        assert_eq!(short.shown.len(), LONG_AFTER, "not long: whole");
        assert!(short.more.is_empty());
        let long = Rows::split((0..43).collect::<Vec<_>>());
        assert_eq!(long.shown, (0..SHOWN_ROWS).collect::<Vec<_>>());
        assert_eq!(long.more, (SHOWN_ROWS..43).collect::<Vec<_>>());
        assert!(Rows::split(Vec::<u8>::new()).shown.is_empty());
    }

    #[test]
    fn a_hyphenated_word_breaks_at_its_hyphens() {
        assert!(longest_word("ultra-low-emission retrofits") < ems("retrofits") + 0.01);
        assert!(longest_word("ultralowemission") > ems("retrofits"));
    }

    fn column(cells: &[&'static str]) -> Column<&'static str> {
        Column {
            cells: cells.iter().map(|c| vec![*c]).collect(),
            wraps: true,
            at_least: 0.0,
        }
    }

    fn figures(cells: &[&'static str]) -> Column<&'static str> {
        Column {
            wraps: false,
            ..column(cells)
        }
    }

    #[test]
    fn short_columns_fit_and_long_text_wraps() {
        let years = column(&["2023", "2024"]);
        let places = column(&["晋中市", "太原市"]);
        let values = column(&["66.9%", "22.897 million"]);
        assert!(fits_phone(&[places.clone(), years.clone(), values.clone()]));
        // A long name wraps: it counts as the width it wraps at.
        let names = column(&["Share of days with good or excellent air quality"]);
        assert!(fits_phone(&[names.clone(), years.clone(), values.clone()]));
        // Two columns of long text, beside two others, do not fit.
        assert!(!fits_phone(&[
            names.clone(),
            places.clone(),
            names.clone(),
            values
        ]));
    }

    #[test]
    fn a_figure_does_not_wrap_and_counts_whole() {
        let names = column(&["Share of days with good or excellent air quality"]);
        let places = column(&["Yuncheng"]);
        let years = column(&["2024"]);
        let short = figures(&["66.9%"]);
        assert!(fits_phone(&[
            names.clone(),
            places.clone(),
            years.clone(),
            short
        ]));
        let long = figures(&["-3.982 million tonnes"]);
        assert!(!fits_phone(&[
            names.clone(),
            places.clone(),
            years.clone(),
            long
        ]));
        let noted = Column {
            at_least: 20.0,
            ..figures(&["66.9%"])
        };
        assert!(!fits_phone(&[names, places, years, noted]));
    }

    #[test]
    fn chinese_counts_a_whole_em_a_character_and_every_line_of_a_cell_counts() {
        assert_eq!(ems("山西省"), 3.0);
        assert!((ems("2024") - 2.2).abs() < 1e-9);
        let seven = column(&["一二三四五六七"]);
        assert!(fits_phone(&[seven.clone(), seven.clone()]));
        // A word does not wrap: it takes its whole width.
        let with_note = Column {
            cells: vec![vec!["7", "note: Landschaftsschutzgebiet"]],
            ..column(&[])
        };
        assert!(!fits_phone(&[seven.clone(), seven.clone(), with_note]));
        let chinese_note = Column {
            cells: vec![vec!["7", "注：一二三四五六七八九十"]],
            ..column(&[])
        };
        assert!(fits_phone(&[seven.clone(), seven.clone(), chinese_note]));
    }

    #[test]
    fn five_columns_never_fit() {
        let one = column(&["1"]);
        assert!(!fits_phone(&[
            column(&["1"]),
            column(&["1"]),
            column(&["1"]),
            column(&["1"]),
            one
        ]));
        assert!(fits_phone::<&str>(&[]));
    }
}
