//! The open data: every observation with its source, as CSV and JSON, per indicator and
//! for all of them.

use super::{basis_label, citation_link, period_label, scope_label};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Basis, Citation, Indicator, Lang, Months, Scope, Site};
use crate::output::OutputFile;
use crate::route::{indicator_file, open_data_file, Route, Urls};
use serde::Serialize;

/// One line of the open data.
#[derive(Debug, Serialize)]
struct DataRow<'a> {
    indicator: &'a str,
    indicator_zh: &'a str,
    indicator_en: &'a str,
    unit_zh: &'a str,
    unit_en: &'a str,
    better: &'static str,
    city: &'a str,
    city_zh: &'a str,
    city_en: &'a str,
    scope: &'a str,
    /// The part of the place in each language (`市城区`, a monitoring section); empty for
    /// the whole place.
    scope_zh: String,
    scope_en: String,
    /// How the figure was computed where that sets it apart (`dust-excluded`); empty for
    /// a whole figure as published.
    basis: &'static str,
    basis_zh: &'a str,
    basis_en: &'a str,
    year: i32,
    /// Empty for the whole year, else the months covered: `05`, `01-11`.
    months: String,
    /// The period in words: `2023年1—11月`, `Jan–Nov 2023`.
    period_zh: String,
    period_en: String,
    value: f64,
    derived_zh: &'a str,
    derived_en: &'a str,
    note_zh: &'a str,
    note_en: &'a str,
    source: &'a str,
    /// What the source is, in each language: an article's title, or a publication's
    /// publisher and title.
    source_zh: String,
    source_en: String,
    source_url: String,
    /// A copy of the publication on another site, where one is kept.
    source_reprint_url: &'a str,
}

fn data_rows<'a>(site: &'a Site, indicators: &[&'a Indicator]) -> Vec<DataRow<'a>> {
    indicators
        .iter()
        .flat_map(|ind| ind.observations.iter().map(move |o| (ind, o)))
        .map(|(ind, o)| {
            let city = site.city(&o.city);
            DataRow {
                indicator: &ind.id,
                indicator_zh: &ind.name.zh,
                indicator_en: &ind.name.en,
                unit_zh: &ind.unit.zh,
                unit_en: &ind.unit.en,
                better: ind.better.as_str(),
                city: &o.city,
                city_zh: city.map_or("", |c| c.name.zh.as_str()),
                city_en: city.map_or("", |c| c.name.en.as_str()),
                scope: o.scope.as_ref().map_or("", Scope::code),
                scope_zh: scope_label(site, Lang::Zh, o.scope.as_ref()).unwrap_or_default(),
                scope_en: scope_label(site, Lang::En, o.scope.as_ref()).unwrap_or_default(),
                basis: o.basis.map_or("", Basis::code),
                basis_zh: o.basis.map_or("", |b| basis_label(site, Lang::Zh, b)),
                basis_en: o.basis.map_or("", |b| basis_label(site, Lang::En, b)),
                year: o.year,
                months: o.months.map(Months::code).unwrap_or_default(),
                period_zh: period_label(Lang::Zh, o.year, o.months),
                period_en: period_label(Lang::En, o.year, o.months),
                value: o.value,
                derived_zh: o.derived.as_ref().map_or("", |d| d.zh.as_str()),
                derived_en: o.derived.as_ref().map_or("", |d| d.en.as_str()),
                note_zh: o.note.as_ref().map_or("", |n| n.zh.as_str()),
                note_en: o.note.as_ref().map_or("", |n| n.en.as_str()),
                source: &o.source,
                source_zh: citation_link(site, Lang::Zh, &o.source).0,
                source_en: citation_link(site, Lang::En, &o.source).0,
                // A publication's own page; a portal article's page, empty for a draft
                // (never a dead link).
                source_url: match site.citation(&o.source) {
                    Some(Citation::Publication(p)) => p.url.clone().unwrap_or_default(),
                    Some(Citation::Article(_)) => {
                        Urls::new(&site.config).url(Lang::Zh, Route::Article(&o.source))
                    }
                    None => String::new(),
                },
                source_reprint_url: site
                    .publication(&o.source)
                    .and_then(|p| p.reprint.as_ref())
                    .map_or("", |r| r.url.as_str()),
            }
        })
        .collect()
}

fn csv_bytes(rows: &[DataRow]) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for r in rows {
        writer.serialize(r).map_err(|e| e.to_string())?;
    }
    let plain = writer.into_inner().map_err(|e| e.to_string())?;
    // Read back and written again with every cell made safe for spreadsheets.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(plain.as_slice());
    let mut safe = csv::Writer::from_writer(Vec::new());
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        safe.write_record(record.iter().map(neutralise_cell))
            .map_err(|e| e.to_string())?;
    }
    safe.into_inner().map_err(|e| e.to_string())
}

/// A text cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading `'`, as OWASP advises for CSV
/// injection. Numbers, negative ones included, stay numbers.
fn neutralise_cell(cell: &str) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

fn json_bytes(rows: &[DataRow]) -> Result<Vec<u8>, String> {
    let mut bytes = serde_json::to_vec_pretty(&serde_json::json!({ "observations": rows }))
        .map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// `/data/indicators.{csv,json}` and `indicators/<id>/data.{csv,json}`. Each indicator's
/// rows are written on their own first, so a row that cannot be written is reported at
/// its indicator's file.
pub fn data_files(site: &Site) -> Result<Vec<OutputFile>, Diagnostics> {
    fn fail(ind: &Indicator) -> impl Fn(String) -> Diagnostics + '_ {
        |e: String| {
            let mut d = Diagnostics::default();
            d.push(Diagnostic::error(
                &ind.path,
                0,
                crate::messages::CANNOT_WRITE_OPEN_DATA.both(&[("why", &e)]),
            ));
            d
        }
    }
    let mut files = Vec::new();
    for ind in &site.indicators {
        let rows = data_rows(site, &[ind]);
        files.push(OutputFile {
            path: indicator_file(&ind.id, "data.csv"),
            bytes: csv_bytes(&rows).map_err(fail(ind))?,
        });
        files.push(OutputFile {
            path: indicator_file(&ind.id, "data.json"),
            bytes: json_bytes(&rows).map_err(fail(ind))?,
        });
    }
    let all: Vec<&Indicator> = site.indicators.iter().collect();
    let rows = data_rows(site, &all);
    // Every row was written once already: these cannot fail but for a lack of memory.
    if let Some(first) = all.first() {
        files.push(OutputFile {
            path: open_data_file("csv"),
            bytes: csv_bytes(&rows).map_err(fail(first))?,
        });
        files.push(OutputFile {
            path: open_data_file("json"),
            bytes: json_bytes(&rows).map_err(fail(first))?,
        });
    } else {
        files.push(OutputFile {
            path: open_data_file("csv"),
            bytes: csv_bytes(&rows).unwrap_or_default(),
        });
        files.push(OutputFile {
            path: open_data_file("json"),
            bytes: json_bytes(&rows).unwrap_or_default(),
        });
    }
    Ok(files)
}
