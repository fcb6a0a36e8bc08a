//! The table readers on any bytes, chosen by the bytes as `import` would by the file name:
//! a zip (`PK`) as a spreadsheet and as a Word file, markup (`<`) as a web page, else CSV;
//! then every table read is planned into observations against a small registry. Never
//! panics; stays within the table limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shanshui::import::record::{self, Request};
use shanshui::import::table::{self, limits};
use shanshui::load::raw::{RawCity, RawIndicator};
use shanshui::load::{parse_yaml, RawContent};
use std::path::Path;

const CITIES: &str = "- {id: shanxi, zh: 山西省, en: Shanxi, level: province, aliases: [山西]}\n- {id: datong, zh: 大同市, en: Datong, level: prefecture, parent: shanxi, aliases: [大同]}\n";
const INDICATOR: &str = "id: aqi-composite\nname: {zh: 空气质量综合指数, en: Composite index}\nunit: \"\"\nbetter: lower\ntopics: [air]\ndefinition: {zh: x, en: x}\n";

fuzz_target!(|data: &[u8]| {
    let kinds: &[&str] = if data.starts_with(b"PK") {
        &["xlsx", "docx"]
    } else if data.first() == Some(&b'<') {
        &["html"]
    } else {
        &["csv"]
    };
    let mut content = RawContent::default();
    content.cities = parse_yaml::<Vec<RawCity>>(Path::new("cities.yaml"), CITIES, 1).ok();
    content.indicators = parse_yaml::<RawIndicator>(Path::new("/nonexistent/aqi.yaml"), INDICATOR, 1)
        .into_iter()
        .collect();
    for kind in kinds {
        let Ok(tables) = table::read(kind, data, shanshui::import::input::Budget::standard()) else { continue };
        for t in &tables {
            assert!(t.rows.len() <= limits::ROWS);
            assert!(t.rows.iter().all(|r| r.len() <= limits::COLUMNS));
        }
        let _ = record::plan(&tables, &content, &Request::default());
        let req = Request {
            indicator: Some("aqi-composite".into()),
            period: Some(String::from_utf8_lossy(&data[..data.len().min(16)]).into_owned()),
            scope: Some("city".into()),
            source: Some("s".into()),
            ..Request::default()
        };
        let _ = record::plan(&tables, &content, &req);
    }
    let _ = record::parse_period(&String::from_utf8_lossy(data));
});
