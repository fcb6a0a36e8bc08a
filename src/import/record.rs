//! A table of figures → observations of one indicator, written the way an editor writes
//! them by hand: one flow-style line each, appended to `observations:` of the
//! indicator's YAML file. [`plan`] finds (or takes from the editor's flags) the
//! indicator, the value column, the period, scope and unit, and maps place names to
//! ids; [`problems`] runs `check`'s own validation over the file as it would be, so a
//! figure already recorded (same place, period, scope and basis) is refused exactly as
//! `check` would report it, with both values and both sources; [`write`] replaces the
//! file atomically and never when it changed since it was planned.

use super::table::Table;
use crate::diag::Diagnostic;
use crate::load::raw::{RawCity, RawIndicator, RawUnit};
use crate::load::{parse_yaml, Located, RawContent};
use crate::messages;
use crate::model::{Basis, Months};
use std::path::PathBuf;

/// What the editor gave on the command line; `None` is "find it in the table".
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub indicator: Option<String>,
    /// `2018`, `2018:7` or `2018:1-7` (or as Chinese prints it: `2018年1—7月`).
    pub period: Option<String>,
    pub scope: Option<String>,
    pub basis: Option<String>,
    pub unit: Option<String>,
    pub source: Option<String>,
    /// The header of the column holding the figures, when the table has several.
    pub column: Option<String>,
    /// Which table of the file (1 = the first), when it holds several.
    pub table: Option<usize>,
}

/// One figure of the table, as it will be written.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The place as the table prints it.
    pub printed: String,
    pub city: String,
    pub value: f64,
    /// The YAML line added to the indicator file.
    pub line: String,
}

/// The change an import makes: lines appended to one indicator file.
#[derive(Debug, Clone)]
pub struct Plan {
    pub indicator: String,
    pub indicator_zh: String,
    pub path: PathBuf,
    pub period: String,
    pub scope: String,
    pub source: String,
    /// Whether `source` names a publication of `sources.yaml` or an article.
    pub source_known: bool,
    pub column: String,
    pub rows: Vec<Row>,
    /// How things were found, and rows left out (a total, a blank cell), for the editor.
    pub notes: Vec<String>,
    /// The indicator file as it is, and as it will be.
    pub before: String,
    pub after: String,
}

/// Works out the observations a table gives; every reason it cannot is returned.
pub fn plan(tables: &[Table], content: &RawContent, req: &Request) -> Result<Plan, Vec<String>> {
    let table = pick_table(tables, content, req.table)?;
    let cities = content.cities.as_ref().map_or(&[][..], |c| &c.value[..]);
    let mut notes = Vec::new();
    let (place_col, first_place) = place_column(table, cities)
        .ok_or_else(|| vec![messages::IMPORT_NO_PLACE_COLUMN.say(&[])])?;
    // The header is the last row above the first known place that is not a row of
    // figures (whose place may be misspelled: it is still data, and reported).
    let header_row = (0..first_place).rev().find(|&r| {
        table.rows[r].iter().enumerate().any(|(c, cell)| {
            c != place_col && !cell.is_empty() && number(cell).is_some_and(|n| n.is_err())
        })
    });
    let first_row = header_row.map_or(0, |r| r + 1);
    let header = |c: usize| -> String {
        header_row
            .and_then(|r| table.rows[r].get(c))
            .cloned()
            .unwrap_or_default()
    };
    // The text that names the table: its caption and every row above the header.
    let heading: String = std::iter::once(table.caption.clone())
        .chain(
            table.rows[..header_row.unwrap_or(0)]
                .iter()
                .map(|r| r.join(" ")),
        )
        .collect::<Vec<_>>()
        .join(" ");

    let indicator = find_indicator(content, req, &heading, table, header_row)?;
    let raw = &indicator.value;
    let column = value_column(table, place_col, first_row, header_row, raw, req)?;
    notes.push(messages::IMPORT_FIGURES_FROM_COLUMN.say(&[("column", &header(column))]));
    let mut errors = Vec::new();
    if let Err(e) = check_unit(&header(column), raw, req) {
        errors.push(e);
    }
    let period = match req.period.as_deref() {
        Some(p) => parse_period(p).ok_or_else(|| {
            messages::IMPORT_BAD_PERIOD.say(&[
                ("period", &p),
                ("ask", &messages::IMPORT_ASK_PERIOD.say(&[])),
            ])
        }),
        None => parse_period(&heading)
            .or_else(|| parse_period(&header(column)))
            .ok_or_else(|| messages::IMPORT_ASK_PERIOD.say(&[])),
    };
    let (year, months) = match period {
        Ok((year, months)) => match months.map(|m| Months::parse(&m)).transpose() {
            Ok(months) => (year, months),
            Err(why) => {
                errors.push(format!("--period: {why}"));
                (year, None)
            }
        },
        Err(e) => {
            errors.push(e);
            (0, None)
        }
    };
    let scope = match req.scope.clone().or_else(|| scope_in(&heading)) {
        Some(s) => s,
        None => {
            errors.push(messages::IMPORT_ASK_SCOPE.say(&[]));
            String::new()
        }
    };
    if let Some(b) = &req.basis {
        if Basis::parse(b).is_none() {
            let known: Vec<&str> = Basis::ALL.iter().map(|b| b.code()).collect();
            errors.push(
                messages::IMPORT_BAD_BASIS.say(&[("basis", b), ("known", &known.join(", "))]),
            );
        }
    }
    let source = match &req.source {
        Some(s) => s.clone(),
        None => {
            errors.push(messages::IMPORT_ASK_SOURCE.say(&[]));
            String::new()
        }
    };

    let mut rows = Vec::new();
    for cells in &table.rows[first_row..] {
        let printed = cells.get(place_col).cloned().unwrap_or_default();
        let cell = cells.get(column).map_or("", String::as_str);
        if printed.is_empty() {
            continue;
        }
        let city = match place_id(&printed, cities) {
            Some(id) => id,
            None if is_total(&printed) => {
                notes.push(
                    messages::IMPORT_TOTAL_ROW.say(&[("printed", &printed), ("cell", &cell)]),
                );
                continue;
            }
            None => {
                errors.push(messages::IMPORT_UNKNOWN_PLACE.say(&[
                    ("printed", &printed),
                    ("hint", &did_you_mean(&printed, cities)),
                ]));
                continue;
            }
        };
        let value = match number(cell) {
            Some(Ok(v)) => v,
            Some(Err(())) => {
                errors.push(
                    messages::IMPORT_NOT_A_NUMBER.say(&[("printed", &printed), ("cell", &cell)]),
                );
                continue;
            }
            None => {
                notes.push(
                    messages::IMPORT_NO_FIGURE_IN_CELL
                        .say(&[("printed", &printed), ("cell", &cell)]),
                );
                continue;
            }
        };
        let mut line = format!("  - {{city: {city}, year: {year}");
        if let Some(m) = months {
            let m = if m.from == m.to {
                m.from.to_string()
            } else {
                format!("{}-{}", m.from, m.to)
            };
            line.push_str(&format!(", months: \"{m}\""));
        }
        line.push_str(&format!(", value: {value}, scope: \"{scope}\""));
        if let Some(b) = &req.basis {
            line.push_str(&format!(", basis: {b}"));
        }
        line.push_str(&format!(", source: {source}}}"));
        rows.push(Row {
            printed,
            city,
            value,
            line,
        });
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(messages::IMPORT_NO_FIGURES.say(&[]));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let before = std::fs::read_to_string(&indicator.path)
        .map_err(|e| vec![format!("cannot read {}: {e}", indicator.path.display())])?;
    let after = appended(&before, &rows);
    let source_known = content
        .publications
        .as_ref()
        .is_some_and(|p| p.value.iter().any(|p| p.id == source))
        || content.articles.iter().any(|a| a.slug == source);
    Ok(Plan {
        indicator: raw.id.clone(),
        indicator_zh: raw.name.zh.clone(),
        path: indicator.path.clone(),
        period: match months {
            Some(m) => format!("{year}:{}", m.code()),
            None => year.to_string(),
        },
        scope,
        source,
        source_known,
        column: header(column),
        rows,
        notes,
        before,
        after,
    })
}

/// What `check` says about the new lines once they are in the file: a figure recorded
/// twice or with another value (both values, both sources), an unknown place or
/// source. Empty: the change is safe to write.
pub fn problems(plan: &Plan, content: &RawContent) -> Vec<Diagnostic> {
    let first_new = plan.before.lines().count() + 1;
    let mut content = content.clone();
    let parsed = parse_yaml::<RawIndicator>(&plan.path, &plan.after, 1);
    let parsed = match parsed {
        Ok(p) => p,
        Err(d) => return vec![d],
    };
    for ind in content
        .indicators
        .iter_mut()
        .filter(|i| i.path == plan.path)
    {
        *ind = parsed.clone();
    }
    let opts = crate::model::ModelOptions {
        drafts: true,
        ..Default::default()
    };
    let (_, diags) = crate::model::build_site(&content, &opts);
    diags
        .0
        .into_iter()
        .filter(|d| d.path == plan.path && d.line >= first_new)
        .collect()
}

/// Writes the planned file through a temporary file and a rename, unless the file
/// changed since the plan read it.
pub fn write(plan: &Plan) -> Result<(), String> {
    let now = std::fs::read_to_string(&plan.path)
        .map_err(|e| format!("cannot read {}: {e}", plan.path.display()))?;
    if now != plan.before {
        return Err(messages::IMPORT_CHANGED_WHILE.say(&[("path", &plan.path.display())]));
    }
    let tmp = plan.path.with_extension("yaml.import-tmp");
    std::fs::write(&tmp, &plan.after)
        .and_then(|()| std::fs::rename(&tmp, &plan.path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("cannot write {}: {e}", plan.path.display())
        })
}

/// The file with `rows` added at the end of its `observations:` list, wherever in the
/// file the list is (other keys, such as `aliases:`, may follow it), indented as the list
/// is; the key is added at the end when the file has none, and `observations: []` opened.
fn appended(before: &str, rows: &[Row]) -> String {
    let lines: Vec<&str> = before.lines().collect();
    let key = lines.iter().position(|l| {
        let l = l.trim_end();
        l == "observations:" || l == "observations: []"
    });
    let Some(key) = key else {
        let mut after = before.to_owned();
        if !after.is_empty() && !after.ends_with('\n') {
            after.push('\n');
        }
        after.push_str("observations:\n");
        for row in rows {
            after.push_str(&row.line);
            after.push('\n');
        }
        return after;
    };
    // The list runs on while lines are its items (indented, or `- ` at the margin),
    // continuations, blanks or comments; the first other line at the margin is the next key.
    let mut last_item = key;
    let mut indent = None;
    for (n, line) in lines.iter().enumerate().skip(key + 1) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let at_margin = trimmed.len() == line.len();
        if at_margin && !trimmed.starts_with("- ") && trimmed != "-" {
            break;
        }
        if trimmed.starts_with('-') && indent.is_none() {
            indent = Some(&line[..line.len() - trimmed.len()]);
        }
        last_item = n;
    }
    let indent = indent.unwrap_or("  ");
    let mut out: Vec<String> = lines[..=last_item]
        .iter()
        .map(|l| (*l).to_owned())
        .collect();
    if out[key].trim_end() == "observations: []" {
        out[key] = "observations:".to_owned();
    }
    out.extend(
        rows.iter()
            .map(|row| format!("{indent}{}", row.line.trim_start())),
    );
    out.extend(lines[last_item + 1..].iter().map(|l| (*l).to_owned()));
    // Line ends as the file has them.
    let end = if before.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut after = out.join(end);
    after.push_str(end);
    after
}

fn pick_table<'t>(
    tables: &'t [Table],
    content: &RawContent,
    pick: Option<usize>,
) -> Result<&'t Table, Vec<String>> {
    let cities = content.cities.as_ref().map_or(&[][..], |c| &c.value[..]);
    match pick {
        Some(n) => tables.get(n.wrapping_sub(1)).ok_or_else(|| {
            vec![messages::IMPORT_NO_SUCH_TABLE.say(&[("n", &n), ("count", &tables.len())])]
        }),
        None => tables
            .iter()
            .find(|t| place_column(t, cities).is_some())
            .ok_or_else(|| vec![messages::IMPORT_NO_PLACE_TABLE.say(&[])]),
    }
}

/// The column holding most place names, and the first row where one is.
fn place_column(table: &Table, cities: &[RawCity]) -> Option<(usize, usize)> {
    let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..columns)
        .map(|c| {
            let hits: Vec<usize> = (0..table.rows.len())
                .filter(|&r| {
                    table.rows[r]
                        .get(c)
                        .is_some_and(|cell| place_id(cell, cities).is_some())
                })
                .collect();
            (c, hits)
        })
        .filter(|(_, hits)| !hits.is_empty())
        .max_by_key(|(c, hits)| (hits.len(), usize::MAX - c))
        .map(|(c, hits)| (c, hits[0]))
}

/// A place's id by its Chinese name, an alias, or the name without its 市/县/区.
pub fn place_id(printed: &str, cities: &[RawCity]) -> Option<String> {
    let name: String = printed.chars().filter(|c| !c.is_whitespace()).collect();
    if name.is_empty() {
        return None;
    }
    let names = |c: &RawCity| {
        std::iter::once(c.zh.clone())
            .chain(c.aliases.iter().cloned())
            .collect::<Vec<_>>()
    };
    cities
        .iter()
        .find(|c| names(c).contains(&name))
        .or_else(|| {
            cities.iter().find(|c| {
                names(c)
                    .iter()
                    .any(|n| n.trim_end_matches(['市', '县', '区', '省']) == name)
            })
        })
        .map(|c| c.id.clone())
}

fn did_you_mean(printed: &str, cities: &[RawCity]) -> String {
    let best = cities
        .iter()
        .flat_map(|c| {
            std::iter::once(&c.zh)
                .chain(&c.aliases)
                .map(move |n| (strsim::levenshtein(n, printed), &c.zh, &c.id))
        })
        .min_by_key(|(d, _, _)| *d);
    match best {
        Some((d, name, id)) if d <= printed.chars().count().div_ceil(2) => {
            messages::IMPORT_PLACE_DID_YOU_MEAN.say(&[("name", name), ("id", id)])
        }
        _ => messages::IMPORT_PLACE_FIND_ID.say(&[]),
    }
}

/// Rows that sum or average the others.
fn is_total(printed: &str) -> bool {
    ["平均", "合计", "总计", "全省", "全市", "均值"]
        .iter()
        .any(|w| printed.contains(w))
}

/// The indicator named by `--indicator`, or the one whose Chinese name the table's
/// heading or header prints (the longest such name: 综合指数同比变化 over 综合指数).
fn find_indicator<'c>(
    content: &'c RawContent,
    req: &Request,
    heading: &str,
    table: &Table,
    header_row: Option<usize>,
) -> Result<&'c Located<RawIndicator>, Vec<String>> {
    let all = &content.indicators;
    if let Some(id) = &req.indicator {
        return all.iter().find(|i| i.value.id == *id).ok_or_else(|| {
            let near = all
                .iter()
                .min_by_key(|i| strsim::levenshtein(&i.value.id, id))
                .map(|i| messages::IMPORT_INDICATOR_DID_YOU_MEAN.say(&[("id", &i.value.id)]))
                .unwrap_or_default();
            vec![messages::IMPORT_NO_SUCH_INDICATOR.say(&[("id", id), ("near", &near)])]
        });
    }
    let header_text = header_row
        .map(|r| table.rows[r].join(" "))
        .unwrap_or_default();
    let text = squash(&format!("{heading} {header_text}"));
    let mut named: Vec<&Located<RawIndicator>> = all
        .iter()
        .filter(|i| !i.value.name.zh.is_empty() && text.contains(&squash(&i.value.name.zh)))
        .collect();
    named.sort_by_key(|i| std::cmp::Reverse(i.value.name.zh.chars().count()));
    match named.first() {
        Some(i) => Ok(i),
        None => Err(vec![messages::IMPORT_NO_INDICATOR_NAMED
            .say(&[("ask", &messages::IMPORT_ASK_INDICATOR.say(&[]))])]),
    }
}

fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '．' => '.',
            c => c,
        })
        .collect::<String>()
        .to_uppercase()
}

/// The column of figures: `--column`, else the one whose header names the indicator,
/// else the only column of numbers (a rank column counts only for a rank indicator).
fn value_column(
    table: &Table,
    place_col: usize,
    first_row: usize,
    header_row: Option<usize>,
    indicator: &RawIndicator,
    req: &Request,
) -> Result<usize, Vec<String>> {
    let header = |c: usize| {
        header_row
            .and_then(|r| table.rows[r].get(c))
            .map_or(String::new(), |h| h.to_owned())
    };
    let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    if let Some(name) = &req.column {
        return (0..columns)
            .find(|&c| squash(&header(c)) == squash(name))
            .ok_or_else(|| vec![messages::IMPORT_NO_SUCH_COLUMN.say(&[("name", name)])]);
    }
    let is_rank = |h: &str| {
        ["排名", "名次", "序号", "排序"]
            .iter()
            .any(|w| h.contains(w))
    };
    let rank_indicator = is_rank(&indicator.name.zh);
    let numeric: Vec<usize> = (0..columns)
        .filter(|&c| c != place_col)
        .filter(|&c| {
            let cells: Vec<&str> = table.rows[first_row..]
                .iter()
                .filter_map(|r| r.get(c).map(String::as_str))
                .filter(|s| !s.is_empty())
                .collect();
            !cells.is_empty()
                && cells
                    .iter()
                    .filter(|s| matches!(number(s), Some(Ok(_))))
                    .count()
                    * 2
                    > cells.len()
        })
        .filter(|&c| is_rank(&header(c)) == rank_indicator)
        .collect();
    let name = squash(&indicator.name.zh);
    let named: Vec<usize> = numeric
        .iter()
        .copied()
        .filter(|&c| {
            let h = squash(&strip_unit(&header(c)));
            !h.is_empty() && (name.contains(&h) || h.contains(&name))
        })
        .collect();
    match (named.as_slice(), numeric.as_slice()) {
        ([c], _) | ([], [c]) => Ok(*c),
        _ => {
            let list: Vec<String> = numeric
                .iter()
                .map(|&c| format!("“{}”", header(c)))
                .collect();
            Err(vec![
                messages::IMPORT_SEVERAL_COLUMNS.say(&[("columns", &list.join("、"))])
            ])
        }
    }
}

/// A header without its unit in brackets: `PM2.5（微克/立方米）` → `PM2.5`.
fn strip_unit(header: &str) -> String {
    match header.find(['（', '(']) {
        Some(at) => header[..at].to_owned(),
        None => header.to_owned(),
    }
}

/// The unit a header prints in brackets.
fn unit_in(header: &str) -> Option<String> {
    let open = header.find(['（', '('])?;
    let rest = &header[open..];
    let inner: String = rest
        .chars()
        .skip(1)
        .take_while(|c| !matches!(c, '）' | ')'))
        .collect();
    Some(inner)
}

pub(super) fn unit_key(unit: &str) -> String {
    unit.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replace('μ', "µ")
        .replace("ug", "µg")
        .replace("m3", "m³")
        .replace('％', "%")
        .to_lowercase()
}

/// The unit the table prints (or `--unit`) must be the indicator's.
fn check_unit(header: &str, indicator: &RawIndicator, req: &Request) -> Result<(), String> {
    let (zh, en) = match &indicator.unit {
        RawUnit::Same(u) => (u.clone(), u.clone()),
        RawUnit::PerLanguage(b) => (b.zh.clone(), b.en.clone()),
    };
    let given = req.unit.clone().or_else(|| unit_in(header));
    match given {
        Some(u) if unit_key(&u) != unit_key(&zh) && unit_key(&u) != unit_key(&en) => {
            Err(messages::IMPORT_UNIT_DIFFERS.say(&[
                ("unit", &u),
                ("indicator", &indicator.id),
                ("indicator_unit", &zh),
            ]))
        }
        None if !zh.is_empty() && !["名", "rank"].contains(&zh.as_str()) => {
            Err(messages::IMPORT_NO_UNIT
                .say(&[("indicator", &indicator.id), ("indicator_unit", &zh)]))
        }
        _ => Ok(()),
    }
}

/// A cell's number: `5.10`, `51.0%`, `1,234`, full-width digits. `None`: no figure
/// (a blank or a dash); `Err`: something else.
fn number(cell: &str) -> Option<Result<f64, ()>> {
    let text: String = cell
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            '−' | '－' => Some('-'),
            '＋' => Some('+'),
            ',' | '，' | '%' | '％' => None,
            c if c.is_whitespace() => None,
            c => Some(c),
        })
        .collect();
    if text.is_empty() || text.chars().all(|c| matches!(c, '-' | '—' | '/')) {
        return None;
    }
    Some(text.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or(()))
}

/// What part of each place the heading says the figures cover.
pub(super) fn scope_in(heading: &str) -> Option<String> {
    if heading.contains("市区") || heading.contains("城区") {
        Some("urban".to_owned())
    } else if heading.contains("全市") {
        Some("city".to_owned())
    } else {
        None
    }
}

/// The year and the months (`"1-7"`) a text names: `2018年1—7月`, `2018年7月`,
/// `2018年上半年`, `2017年第二季度`, `2018:1-7`, `2018`.
pub fn parse_period(text: &str) -> Option<(i32, Option<String>)> {
    let chars: Vec<char> = text.chars().map(period_char).collect();
    let digits = |from: usize| {
        chars[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let mut i = 0;
    while i < chars.len() {
        let n = digits(i);
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        let after = chars.get(i + n).copied();
        if n == 4 && before_ok && matches!(after, None | Some('年' | ':' | ' ')) {
            let year: i32 = chars[i..i + 4].iter().collect::<String>().parse().ok()?;
            let rest: String = chars[i + 4..].iter().collect();
            let rest = rest.trim_start_matches(['年', ':', ' ']);
            return Some((year, months_in(rest)));
        }
        i += n.max(1);
    }
    None
}

/// A character of a period as Chinese writes it, made plain: full-width digits as ASCII,
/// the dashes and words of a span (`—`, `～`, `至`, `到`) as `-`.
pub fn period_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '—' | '–' | '－' | '~' | '～' | '至' | '到' => '-',
        c => c,
    }
}

/// The parts of a year named in words, and their months (a quarter may start with 第).
pub const NAMED_MONTHS: [(&str, &str); 7] = [
    ("上半年", "1-6"),
    ("下半年", "7-12"),
    ("前三季度", "1-9"),
    ("一季度", "1-3"),
    ("二季度", "4-6"),
    ("三季度", "7-9"),
    ("四季度", "10-12"),
];

fn months_in(rest: &str) -> Option<String> {
    let quarter = rest.strip_prefix('第').unwrap_or(rest);
    for (words, months) in NAMED_MONTHS {
        if quarter.starts_with(words) {
            return Some(months.to_owned());
        }
    }
    let num = |s: &str| -> (String, usize) {
        let d: String = s.chars().take_while(char::is_ascii_digit).collect();
        let len = d.len();
        (d, len)
    };
    let (a, n) = num(rest);
    if a.is_empty() || n > 2 {
        return None;
    }
    let after = rest[n..].trim_start_matches('月').trim_start_matches('份');
    if let Some(more) = after.strip_prefix('-') {
        let (b, m) = num(more);
        if !b.is_empty() && m <= 2 {
            return Some(format!("{a}-{b}"));
        }
    }
    (rest[n..].starts_with('月') || rest.len() == n).then_some(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: &str) -> Row {
        Row {
            printed: String::new(),
            city: String::new(),
            value: 0.0,
            line: line.to_owned(),
        }
    }

    #[test]
    fn rows_join_the_observations_list_wherever_it_is_in_the_file() {
        let new = [row("  - {city: b, year: 2025, value: 2, source: s}")];
        // Another key after the list: the row goes before it, not under it.
        let before = "id: x\nobservations:\n  - {city: a, year: 2024, value: 1, source: s}\n# names\naliases:\n  zh: [甲]\n";
        assert_eq!(
            appended(before, &new),
            "id: x\nobservations:\n  - {city: a, year: 2024, value: 1, source: s}\n  - {city: b, year: 2025, value: 2, source: s}\n# names\naliases:\n  zh: [甲]\n"
        );
        // Items at the margin stay at the margin; an empty list is opened.
        let margin = "observations:\n- {city: a, year: 2024, value: 1, source: s}\n";
        assert!(
            appended(margin, &new).ends_with("\n- {city: b, year: 2025, value: 2, source: s}\n")
        );
        let empty = "id: x\nobservations: []\nunit: t\n";
        assert_eq!(
            appended(empty, &new),
            "id: x\nobservations:\n  - {city: b, year: 2025, value: 2, source: s}\nunit: t\n"
        );
        // No list yet: the key is added at the end; Windows line ends are kept.
        assert_eq!(
            appended("id: x", &new),
            "id: x\nobservations:\n  - {city: b, year: 2025, value: 2, source: s}\n"
        );
        let crlf = "observations:\r\n  - {city: a, year: 2024, value: 1, source: s}\r\nunit: t\r\n";
        assert_eq!(
            appended(crlf, &new),
            "observations:\r\n  - {city: a, year: 2024, value: 1, source: s}\r\n  - {city: b, year: 2025, value: 2, source: s}\r\nunit: t\r\n"
        );
    }

    #[test]
    fn periods_as_tables_and_editors_write_them() {
        let p = |t: &str| parse_period(t);
        assert_eq!(p("2018年1—7月山西省11市"), Some((2018, Some("1-7".into()))));
        assert_eq!(p("2023年11月及1-11月"), Some((2023, Some("11".into()))));
        assert_eq!(p("2018:1-7"), Some((2018, Some("1-7".into()))));
        assert_eq!(p("2018:7"), Some((2018, Some("7".into()))));
        assert_eq!(p("2024"), Some((2024, None)));
        assert_eq!(p("2020年上半年"), Some((2020, Some("1-6".into()))));
        // Quarters, with or without 第; the first three quarters are not the third.
        assert_eq!(p("2017年第二季度山西省"), Some((2017, Some("4-6".into()))));
        assert_eq!(p("2018年一季度"), Some((2018, Some("1-3".into()))));
        assert_eq!(p("2019年第三季度"), Some((2019, Some("7-9".into()))));
        assert_eq!(p("2019年前三季度"), Some((2019, Some("1-9".into()))));
        assert_eq!(p("2020年四季度"), Some((2020, Some("10-12".into()))));
        assert_eq!(p("2019年1月至10月"), Some((2019, Some("1-10".into()))));
        assert_eq!(p("综合指数 5.10"), None);
        assert_eq!(p("12345年"), None);
    }

    #[test]
    fn numbers_as_tables_print_them() {
        assert_eq!(number("5.10"), Some(Ok(5.1)));
        assert_eq!(number("51.0%"), Some(Ok(51.0)));
        assert_eq!(number("－１７．１"), Some(Ok(-17.1)));
        assert_eq!(number("1,234"), Some(Ok(1234.0)));
        assert_eq!(number("—"), None);
        assert_eq!(number(""), None);
        assert_eq!(number("断流"), Some(Err(())));
    }

    #[test]
    fn units_compare_across_spellings() {
        assert_eq!(
            unit_in("PM2.5（μg/m3）").map(|u| unit_key(&u)),
            Some("µg/m³".into())
        );
        assert_eq!(unit_key("µg/m³"), "µg/m³");
        assert_eq!(strip_unit("综合指数(无量纲)"), "综合指数");
    }
}
