//! Tables of figures as editors receive them: a spreadsheet (`.xlsx`), a CSV file, or a
//! table inside a saved web page or a Word file, read into rows of cell texts for
//! [`super::record`] to turn into observations. Every reader keeps to [`limits`].

use super::input::{self, Budget};
use crate::messages;
use std::io::{Cursor, Read};

/// What one table may hold. The monthly tables are 11 places by a dozen columns; a
/// county table of the whole province is about 120 rows.
pub mod limits {
    pub const ROWS: usize = 5_000;
    pub const COLUMNS: usize = 100;
    /// Characters of one cell.
    pub const CELL_CHARS: usize = 1_000;
}

/// One table: its rows of cell texts (trimmed, possibly ragged) and the text that names
/// it outside its cells (a sheet's name, a Word table's caption, a web page's title).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub caption: String,
    pub rows: Vec<Vec<String>>,
}

/// File kinds that are nothing but a table.
pub fn is_table_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".csv") || lower.ends_with(".xlsx")
}

/// The tables of a file of kind `ext` (`csv`, `xlsx`, `html`/`htm`, `docx`), in order;
/// reading stops with a refusal once `budget` is spent.
pub fn read(ext: &str, bytes: &[u8], budget: Budget) -> Result<Vec<Table>, String> {
    let tables = match ext.to_ascii_lowercase().as_str() {
        "csv" => vec![csv(bytes, budget)?],
        "xlsx" => xlsx(bytes, budget)?,
        "html" | "htm" => {
            if let Some(what) = input::not_text(bytes) {
                return Err(what);
            }
            html(&input::decode(bytes).0, budget)?
        }
        "docx" => docx(&input::docx(bytes, budget)?.text, budget)?,
        other => return Err(messages::IMPORT_TABLE_WRONG_KIND.say(&[("ext", &other)])),
    };
    if tables.iter().all(|t| t.rows.is_empty()) {
        return Err(messages::IMPORT_TABLE_NONE.say(&[]));
    }
    Ok(tables)
}

/// Collects rows, refusing a table past [`limits`] or once the budget is spent.
struct Rows(Vec<Vec<String>>, Budget);

impl Rows {
    fn new(budget: Budget) -> Rows {
        Rows(Vec::new(), budget)
    }

    fn set(&mut self, row: usize, col: usize, text: &str) -> Result<(), String> {
        self.1.check()?;
        if row >= limits::ROWS || col >= limits::COLUMNS {
            return Err(messages::IMPORT_TABLE_TOO_LARGE
                .say(&[("rows", &limits::ROWS), ("columns", &limits::COLUMNS)]));
        }
        if text.chars().count() > limits::CELL_CHARS {
            return Err(messages::IMPORT_TABLE_LONG_CELL.say(&[
                ("row", &(row + 1)),
                ("column", &(col + 1)),
                ("chars", &limits::CELL_CHARS),
            ]));
        }
        if self.0.len() <= row {
            self.0.resize(row + 1, Vec::new());
        }
        let cells = &mut self.0[row];
        if cells.len() <= col {
            cells.resize(col + 1, String::new());
        }
        cells[col] = clean(text);
        Ok(())
    }
}

/// A cell's text on one line, with spaces (also the ideographic space) trimmed.
fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn csv(bytes: &[u8], budget: Budget) -> Result<Table, String> {
    if let Some(what) = input::not_text(bytes) {
        return Err(what);
    }
    let (text, _) = input::decode(bytes);
    // A spreadsheet saved as CSV in China is often GBK and sometimes uses semicolons.
    let delimiter = if text
        .lines()
        .next()
        .is_some_and(|l| l.matches(';').count() > l.matches(',').count())
    {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Rows::new(budget);
    for (r, record) in reader.records().enumerate() {
        let record = record.map_err(|e| messages::IMPORT_CSV_BROKEN.say(&[("why", &e)]))?;
        for (c, cell) in record.iter().enumerate() {
            rows.set(r, c, cell)?;
        }
    }
    Ok(Table {
        caption: String::new(),
        rows: rows.0,
    })
}

fn xlsx(bytes: &[u8], budget: Budget) -> Result<Vec<Table>, String> {
    use calamine::{Data, Reader};
    inflate_check(bytes, budget)?;
    let mut book = calamine::Xlsx::new(Cursor::new(bytes))
        .map_err(|e| messages::IMPORT_XLSX_UNREADABLE.say(&[("why", &e)]))?;
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        let mut cells = book
            .worksheet_cells_reader(&name)
            .map_err(|e| messages::IMPORT_SHEET_UNREADABLE.say(&[("sheet", &name), ("why", &e)]))?;
        let mut rows = Rows::new(budget);
        while let Some(cell) = cells
            .next_cell()
            .map_err(|e| messages::IMPORT_SHEET_UNREADABLE.say(&[("sheet", &name), ("why", &e)]))?
        {
            let (r, c) = cell.get_position();
            let text = Data::from(cell.get_value().clone()).to_string();
            rows.set(r as usize, c as usize, &text)?;
        }
        tables.push(Table {
            caption: name,
            rows: rows.0,
        });
    }
    Ok(tables)
}

/// Inflates every part of a zip file once, bounded, before a reader that trusts the
/// sizes the file declares sees it: a part built to inflate to gigabytes is refused
/// having cost no more than the limit.
fn inflate_check(bytes: &[u8], budget: Budget) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| messages::IMPORT_XLSX_UNREADABLE.say(&[("why", &e)]))?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let part = zip
            .by_index(i)
            .map_err(|e| messages::IMPORT_XLSX_UNREADABLE.say(&[("why", &e)]))?;
        let left = input::limits::INFLATED_BYTES - total;
        let read = std::io::copy(
            &mut budget.reader(part).take(left + 1),
            &mut std::io::sink(),
        )
        .map_err(|e| match budget.check() {
            Err(refusal) => refusal,
            Ok(()) => messages::IMPORT_XLSX_UNREADABLE.say(&[("why", &e)]),
        })?;
        total += read;
        if read > left {
            return Err(messages::IMPORT_XLSX_BOMB
                .say(&[("limit", &(input::limits::INFLATED_BYTES >> 20))]));
        }
    }
    Ok(())
}

/// The tables of a web page; the caption is the table's `<caption>` or else the page's
/// title, then the last heading or paragraph before it.
fn html(page: &str, budget: Budget) -> Result<Vec<Table>, String> {
    let doc = dom_query::Document::from(page);
    let title = doc.select("title").text().to_string();
    let mut tables = Vec::new();
    for table in doc.select("table").iter() {
        // Nested tables (layout) are read as their own tables.
        let mut rows = Rows::new(budget);
        for (r, tr) in table.select("tr").iter().enumerate() {
            for (c, cell) in tr.select("th, td").iter().enumerate() {
                rows.set(r, c, &cell.text())?;
            }
        }
        let caption = table.select("caption").text().to_string();
        tables.push(Table {
            caption: clean(&format!("{title} {caption}")),
            rows: rows.0,
        });
    }
    Ok(tables)
}

/// The tables of a Word file, as [`input::docx`] writes them: one line each, rows
/// separated by [`input::TABLE_LINE`], the caption (if any) first.
fn docx(text: &str, budget: Budget) -> Result<Vec<Table>, String> {
    let mut tables = Vec::new();
    for line in text.lines().filter(|l| l.starts_with(input::TABLE_LINE)) {
        let parts: Vec<&str> = line.split(input::TABLE_LINE).skip(1).collect();
        let (caption, lines) = match parts.first() {
            Some(first) if !first.starts_with('|') => (first.to_string(), &parts[1..]),
            _ => (String::new(), &parts[..]),
        };
        let mut rows = Rows::new(budget);
        let data = lines
            .iter()
            .filter(|l| !l.starts_with("| ---") && !l.starts_with("|---"));
        for (r, row) in data.enumerate() {
            for (c, cell) in markdown_cells(row).iter().enumerate() {
                rows.set(r, c, cell)?;
            }
        }
        tables.push(Table {
            caption: caption.replace(input::BOLD, ""),
            rows: rows.0,
        });
    }
    Ok(tables)
}

/// The cells of one Markdown table row (`| a | b\|c |`).
fn markdown_cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|');
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                if let Some(s) = cells.last_mut() {
                    s.push('|');
                }
                chars.next();
            }
            '|' => cells.push(String::new()),
            c => {
                if let Some(s) = cells.last_mut() {
                    s.push(c);
                }
            }
        }
    }
    if cells.last().is_some_and(|s| s.trim().is_empty()) {
        cells.pop();
    }
    cells.iter().map(|c| c.trim().to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_gbk_is_read() {
        let text = "城市,综合指数\n大同,5.10\n\"太原\",7.13\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let t = read("csv", &gbk, Budget::standard()).unwrap();
        assert_eq!(t[0].rows[1], vec!["大同", "5.10"]);
        assert_eq!(t[0].rows[2], vec!["太原", "7.13"]);
    }

    #[test]
    fn html_tables_keep_their_cells() {
        let page = "<title>通报</title><p>x</p><table><caption>表1</caption><tr><th>城市</th><th>PM2.5</th></tr><tr><td> 大同 </td><td>28</td></tr></table>";
        let t = read("html", page.as_bytes(), Budget::standard()).unwrap();
        assert_eq!(t[0].caption, "通报 表1");
        assert_eq!(t[0].rows, vec![vec!["城市", "PM2.5"], vec!["大同", "28"]]);
    }

    #[test]
    fn word_tables_are_read_back_from_their_line() {
        let t = input::TABLE_LINE;
        let text =
            format!("正文\n{t}表1 排名{t}| 城市 | 指数 |{t}| --- | --- |{t}| 大同 | 5.1 |\n");
        let tables = docx(&text, Budget::standard()).unwrap();
        assert_eq!(tables[0].caption, "表1 排名");
        assert_eq!(
            tables[0].rows,
            vec![vec!["城市", "指数"], vec!["大同", "5.1"]]
        );
    }

    #[test]
    fn a_table_past_the_limits_is_refused() {
        let wide = format!("{}\n", vec!["1"; limits::COLUMNS + 1].join(","));
        let e = read("csv", wide.as_bytes(), Budget::standard()).unwrap_err();
        assert!(messages::IMPORT_TABLE_TOO_LARGE.is_said(&e), "{e}");
        let long = format!("城市,{}\n", "9".repeat(limits::CELL_CHARS + 1));
        let e = read("csv", long.as_bytes(), Budget::standard()).unwrap_err();
        assert!(messages::IMPORT_TABLE_LONG_CELL.is_said(&e), "{e}");
        assert!(read("xlsx", b"PK\x03\x04 not a zip", Budget::standard()).is_err());
    }
}
