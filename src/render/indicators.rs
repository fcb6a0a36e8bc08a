//! Indicators: views for their pages, chart specs in the page's language, and the open
//! data files (CSV and JSON) with every observation and its source.

use super::charts::{self, ChartKind, ChartSpec, ChartWords, Series};
use super::views::{article_href, format_value};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Better, Citation, Indicator, Lang, Months, Observation, Scope, Site};
use crate::output::OutputFile;
use crate::route::{indicator_file, Route, Urls};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

pub fn indicator_href(site: &Site, lang: Lang, id: &str) -> String {
    Urls::new(&site.config).href(lang, Route::Indicator(id))
}

/// The three drawings of an indicator's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ChartSize {
    /// The indicator page on a wide screen.
    Wide,
    /// The indicator page on a phone: fewer pixels, the same text size.
    Narrow,
    /// A place's own figures on its page.
    Small,
}

fn chart_file(lang: Lang, size: ChartSize) -> String {
    match size {
        ChartSize::Narrow => format!("chart.{}.narrow.svg", lang.code()),
        _ => format!("chart.{}.svg", lang.code()),
    }
}

fn city_chart_file(city: &str, lang: Lang) -> String {
    format!("{city}.{}.svg", lang.code())
}

fn is_change(ind: &Indicator) -> bool {
    ind.id.ends_with("-change")
}

fn t<'a>(site: &'a Site, lang: Lang, key: &str) -> &'a str {
    site.strings
        .get(&lang)
        .and_then(|s| s.get(key))
        .map_or("", String::as_str)
}

/// Fills `{name}` placeholders of a UI string.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_owned(), |s, (k, v)| {
        s.replace(&format!("{{{k}}}"), v)
    })
}

/// A scope in the page's language: `urban` → 市城区, a monitoring section by its name; a
/// scope that is the whole place adds nothing.
pub(crate) fn scope_label(site: &Site, lang: Lang, scope: Option<&Scope>) -> Option<String> {
    match scope? {
        Scope::Whole(_) => None,
        Scope::Part(key) => Some(
            site.strings[&lang]
                .get(&format!("scope_{key}"))
                .cloned()
                .unwrap_or_else(|| key.clone()),
        ),
        Scope::Named(name) => Some(name.get(lang).to_owned()),
    }
}

fn place_label(site: &Site, lang: Lang, obs: &Observation) -> String {
    let city = site
        .city(&obs.city)
        .map_or(obs.city.as_str(), |c| c.name.get(lang));
    match scope_label(site, lang, obs.scope.as_ref()) {
        Some(scope) => format!(
            "{city}{}",
            fill(t(site, lang, "scope_suffix"), &[("scope", &scope)])
        ),
        None => city.to_owned(),
    }
}

/// The period a figure covers, in the page's language: `2023`, `2023年1—11月` / `Jan–Nov 2023`.
pub(crate) fn period_label(lang: Lang, year: i32, months: Option<Months>) -> String {
    const EN_MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let en = |m: u8| EN_MONTHS[usize::from(m.clamp(1, 12) - 1)];
    match (lang, months) {
        (_, None) => year.to_string(),
        (Lang::Zh, Some(m)) if m.from == m.to => format!("{year}年{}月", m.from),
        (Lang::Zh, Some(m)) => format!("{year}年{}—{}月", m.from, m.to),
        (Lang::En, Some(m)) if m.from == m.to => format!("{} {year}", en(m.from)),
        (Lang::En, Some(m)) => format!("{}–{} {year}", en(m.from), en(m.to)),
    }
}

/// The observations one chart draws: figures of one kind of period only, so a month is
/// never drawn beside a year. Whole-year figures when there are any, otherwise those of the
/// period most often given (the later one on a tie).
fn one_period<'a>(observations: &[&'a Observation]) -> Vec<&'a Observation> {
    if observations.iter().any(|o| o.months.is_none()) {
        return observations
            .iter()
            .copied()
            .filter(|o| o.months.is_none())
            .collect();
    }
    let mut counts: BTreeMap<Option<Months>, usize> = BTreeMap::new();
    for o in observations {
        *counts.entry(o.months).or_default() += 1;
    }
    let chosen = counts
        .iter()
        .max_by_key(|(months, n)| (**n, **months))
        .map(|(months, _)| *months);
    observations
        .iter()
        .copied()
        .filter(|o| Some(o.months) == chosen)
        .collect()
}

/// The most recent figure of the period a chart shows.
fn latest<'a>(observations: &[&'a Observation]) -> Option<&'a Observation> {
    one_period(observations).into_iter().max_by_key(|o| o.year)
}

/// One series per place and scope (never blurring an urban figure with a city one).
/// A place's own small chart names only the scope.
fn series(site: &Site, lang: Lang, observations: &[&Observation], with_place: bool) -> Vec<Series> {
    let mut out: Vec<Series> = Vec::new();
    // Series by label, so that many observations take linear time however many series.
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for obs in observations {
        let label = if with_place {
            place_label(site, lang, obs)
        } else {
            scope_label(site, lang, obs.scope.as_ref()).unwrap_or_default()
        };
        match index.get(&label) {
            Some(&i) => out[i].points.push((obs.year, obs.value)),
            None => {
                index.insert(label.clone(), out.len());
                out.push(Series {
                    label,
                    points: vec![(obs.year, obs.value)],
                });
            }
        }
    }
    for s in &mut out {
        s.points.sort_by_key(|p| p.0);
        s.points.dedup_by_key(|p| p.0);
    }
    out
}

/// The main finding in words, for `<desc>`, alt text and the caption.
fn finding(site: &Site, lang: Lang, ind: &Indicator, kind: ChartKind, series: &[Series]) -> String {
    let unit = ind.unit.get(lang);
    let sep = t(site, lang, "chart_list_separator");
    let parts: Vec<String> = series
        .iter()
        .flat_map(|s| match (kind, s.points.first(), s.points.last()) {
            (ChartKind::Line, Some(first), Some(last)) if s.points.len() > 1 => vec![fill(
                t(site, lang, "chart_from_to"),
                &[
                    ("place", &s.label),
                    ("from_year", &first.0.to_string()),
                    ("from", &format!("{}{unit}", format_value(first.1))),
                    ("to_year", &last.0.to_string()),
                    ("to", &format!("{}{unit}", format_value(last.1))),
                ],
            )],
            (ChartKind::Change, _, _) => s
                .points
                .iter()
                .map(|&(year, v)| {
                    let good = (v > 0.0) == (ind.better == Better::Higher) && v != 0.0;
                    let word = t(
                        site,
                        lang,
                        if good { "chart_better" } else { "chart_worse" },
                    );
                    let sign = if v > 0.0 { "+" } else { "" };
                    fill(
                        t(site, lang, "chart_single"),
                        &[
                            ("place", &s.label),
                            ("year", &year.to_string()),
                            (
                                "value",
                                &format!(
                                    "{sign}{}{unit}{}",
                                    format_value(v),
                                    fill(t(site, lang, "bracketed"), &[("text", word)])
                                ),
                            ),
                        ],
                    )
                })
                .collect(),
            (_, _, Some(&(year, v))) => vec![fill(
                t(site, lang, "chart_single"),
                &[
                    ("place", &s.label),
                    ("year", &year.to_string()),
                    ("value", &format!("{}{unit}", format_value(v))),
                ],
            )],
            _ => vec![],
        })
        .collect();
    let mut text = format!(
        "{}{}{}",
        ind.name.get(lang),
        t(site, lang, "chart_colon"),
        parts.join(sep)
    );
    if let Some(std) = &ind.standard {
        text.push_str(sep);
        text.push_str(std.label.get(lang));
    }
    text
}

fn words(site: &Site, lang: Lang) -> ChartWords {
    ChartWords {
        year: t(site, lang, "year").to_owned(),
        better: t(site, lang, "chart_better").to_owned(),
        worse: t(site, lang, "chart_worse").to_owned(),
    }
}

fn spec(
    site: &Site,
    lang: Lang,
    ind: &Indicator,
    observations: &[&Observation],
    size: ChartSize,
) -> ChartSpec {
    let small = size == ChartSize::Small;
    let observations = &one_period(observations);
    let named = series(site, lang, observations, true);
    let kind = charts::kind_for(is_change(ind), &named);
    // The words always name the place; a place's own small chart need not.
    let description = finding(site, lang, ind, kind, &named);
    let series = if small {
        series(site, lang, observations, false)
    } else {
        named
    };
    ChartSpec {
        title: ind.name.get(lang).to_owned(),
        description,
        unit: ind.unit.get(lang).to_owned(),
        kind,
        series,
        standard: ind
            .standard
            .as_ref()
            .map(|s| (s.value, s.label.get(lang).to_owned())),
        higher_is_better: ind.better == Better::Higher,
        words: words(site, lang),
        width: match size {
            ChartSize::Wide => 760,
            ChartSize::Narrow => 420,
            ChartSize::Small => 320,
        },
        height: match size {
            ChartSize::Wide => 420,
            ChartSize::Narrow => 380,
            ChartSize::Small => 180,
        },
        small,
    }
}

/// Every chart file: the main chart per indicator and language, and a small one per place.
pub fn chart_files(site: &Site) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut jobs: Vec<(usize, Lang, Option<&str>, ChartSize)> = Vec::new();
    for (i, ind) in site.indicators.iter().enumerate() {
        for lang in Lang::ALL {
            jobs.push((i, lang, None, ChartSize::Wide));
            jobs.push((i, lang, None, ChartSize::Narrow));
            for city in cities_of(ind) {
                jobs.push((i, lang, Some(city), ChartSize::Small));
            }
        }
    }
    let results: Vec<Result<OutputFile, Diagnostic>> = jobs
        .par_iter()
        .map(|&(i, lang, city, size)| {
            let ind = &site.indicators[i];
            let observations: Vec<&Observation> = ind
                .observations
                .iter()
                .filter(|o| city.is_none_or(|c| o.city == c))
                .collect();
            let svg = charts::draw(&spec(site, lang, ind, &observations, size)).map_err(|e| {
                Diagnostic::error(&ind.path, 0, e).hint("report this as a bug in shanshui")
            })?;
            let file = city.map_or_else(|| chart_file(lang, size), |c| city_chart_file(c, lang));
            Ok(OutputFile {
                path: indicator_file(&ind.id, &file),
                bytes: svg.into_bytes(),
            })
        })
        .collect();
    let mut files = Vec::new();
    let mut diags = Diagnostics::default();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(files)
    }
}

/// Places with observations, in registry order (observations are sorted so).
fn cities_of(ind: &Indicator) -> Vec<&str> {
    let mut cities: Vec<&str> = ind.observations.iter().map(|o| o.city.as_str()).collect();
    cities.dedup();
    cities
}

#[derive(Debug, Clone, Serialize)]
pub struct ObservationRow {
    pub place: String,
    pub place_href: String,
    pub scope: Option<String>,
    pub year: i32,
    /// The year, or the months of it, that the figure covers.
    pub period: String,
    pub value: String,
    pub note: Option<String>,
    pub derived: Option<String>,
    pub source_title: String,
    pub source_href: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    pub id: String,
    pub href: String,
    pub name: String,
    pub unit: String,
    pub better: String,
    pub definition: String,
    pub standard: Option<String>,
    pub topics: Vec<super::views::Link>,
    pub chart_src: String,
    /// The same chart drawn for a phone's width.
    pub chart_narrow_src: String,
    /// Pixel sizes of the two drawings, so the page keeps their space while they load.
    pub chart_size: (u32, u32),
    pub chart_narrow_size: (u32, u32),
    pub chart_alt: String,
    pub rows: Vec<ObservationRow>,
    pub csv_href: String,
    pub json_href: String,
    /// The most recent observation, for lists.
    pub latest: Option<ObservationRow>,
}

/// Title and link of what an observation cites, in the page's language.
pub(crate) fn citation_link(site: &Site, lang: Lang, source: &str) -> (String, Option<String>) {
    match site.citation(source) {
        Some(Citation::Article(a)) => (
            a.text(lang).unwrap_or(&a.zh).title.clone(),
            Some(article_href(site, lang, &a.slug)),
        ),
        Some(Citation::Publication(p)) => (
            format!(
                "{}{}{}",
                p.publisher.get(lang),
                t(site, lang, "chart_colon"),
                p.title.get(lang)
            ),
            Some(p.url.clone()),
        ),
        // A draft article, left out of this build.
        None => (source.to_owned(), None),
    }
}

fn row(site: &Site, lang: Lang, obs: &Observation) -> ObservationRow {
    let (source_title, source_href) = citation_link(site, lang, &obs.source);
    ObservationRow {
        place: site
            .city(&obs.city)
            .map_or_else(|| obs.city.clone(), |c| c.name.get(lang).to_owned()),
        place_href: super::views::city_href(site, lang, &obs.city),
        scope: scope_label(site, lang, obs.scope.as_ref()),
        year: obs.year,
        period: period_label(lang, obs.year, obs.months),
        value: format_value(obs.value),
        note: obs.note.as_ref().map(|n| n.get(lang).to_owned()),
        derived: obs.derived.as_ref().map(|d| d.get(lang).to_owned()),
        source_title,
        source_href,
    }
}

pub fn indicator_view(site: &Site, lang: Lang, ind: &Indicator) -> IndicatorView {
    let urls = Urls::new(&site.config);
    let all: Vec<&Observation> = ind.observations.iter().collect();
    let spec = spec(site, lang, ind, &all, ChartSize::Wide);
    let better_key = match ind.better {
        Better::Higher => "better_higher",
        Better::Lower => "better_lower",
    };
    IndicatorView {
        id: ind.id.clone(),
        href: indicator_href(site, lang, &ind.id),
        name: ind.name.get(lang).to_owned(),
        unit: ind.unit.get(lang).to_owned(),
        better: t(site, lang, better_key).to_owned(),
        definition: ind.definition.get(lang).to_owned(),
        standard: ind.standard.as_ref().map(|s| s.label.get(lang).to_owned()),
        topics: super::views::topic_links(site, lang, &ind.topics),
        chart_src: urls.href_of(&indicator_file(&ind.id, &chart_file(lang, ChartSize::Wide))),
        chart_narrow_src: urls.href_of(&indicator_file(
            &ind.id,
            &chart_file(lang, ChartSize::Narrow),
        )),
        chart_size: charts::dimensions(&spec),
        chart_narrow_size: charts::dimensions(&self::spec(
            site,
            lang,
            ind,
            &all,
            ChartSize::Narrow,
        )),
        chart_alt: spec.description,
        rows: ind
            .observations
            .iter()
            .map(|o| row(site, lang, o))
            .collect(),
        csv_href: urls.href_of(&indicator_file(&ind.id, "data.csv")),
        json_href: urls.href_of(&indicator_file(&ind.id, "data.json")),
        latest: latest(&all).map(|o| row(site, lang, o)),
    }
}

/// A place's view of one indicator: its small chart and latest figure.
#[derive(Debug, Clone, Serialize)]
pub struct CityIndicator {
    pub name: String,
    pub href: String,
    pub unit: String,
    pub chart_src: String,
    /// Pixel size of the drawing, so the page keeps its space while it loads.
    pub chart_size: (u32, u32),
    pub chart_alt: String,
    pub latest: ObservationRow,
}

pub fn city_indicators(site: &Site, lang: Lang, city: &str) -> Vec<CityIndicator> {
    site.indicators
        .iter()
        .filter_map(|ind| {
            let observations: Vec<&Observation> =
                ind.observations.iter().filter(|o| o.city == city).collect();
            let latest = latest(&observations)?;
            let small = spec(site, lang, ind, &observations, ChartSize::Small);
            Some(CityIndicator {
                name: ind.name.get(lang).to_owned(),
                href: indicator_href(site, lang, &ind.id),
                unit: ind.unit.get(lang).to_owned(),
                chart_src: Urls::new(&site.config)
                    .href_of(&indicator_file(&ind.id, &city_chart_file(city, lang))),
                chart_size: charts::dimensions(&small),
                chart_alt: small.description,
                latest: row(site, lang, latest),
            })
        })
        .collect()
}

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
    year: i32,
    /// Empty for the whole year, else the months covered: `05`, `01-11`.
    months: String,
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
                better: match ind.better {
                    Better::Higher => "higher",
                    Better::Lower => "lower",
                },
                city: &o.city,
                city_zh: city.map_or("", |c| c.name.zh.as_str()),
                city_en: city.map_or("", |c| c.name.en.as_str()),
                scope: o.scope.as_ref().map_or("", Scope::code),
                year: o.year,
                months: o.months.map(Months::code).unwrap_or_default(),
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
                    Some(Citation::Publication(p)) => p.url.clone(),
                    Some(Citation::Article(_)) => {
                        Urls::new(&site.config).url(Lang::Zh, Route::Article(&o.source))
                    }
                    None => String::new(),
                },
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
                format!("cannot write open data: {e}"),
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
            path: "data/indicators.csv".into(),
            bytes: csv_bytes(&rows).map_err(fail(first))?,
        });
        files.push(OutputFile {
            path: "data/indicators.json".into(),
            bytes: json_bytes(&rows).map_err(fail(first))?,
        });
    } else {
        files.push(OutputFile {
            path: "data/indicators.csv".into(),
            bytes: csv_bytes(&rows).unwrap_or_default(),
        });
        files.push(OutputFile {
            path: "data/indicators.json".into(),
            bytes: json_bytes(&rows).unwrap_or_default(),
        });
    }
    Ok(files)
}

/// Indicator positions grouped by topic position, in topic order; an indicator may
/// appear under several.
pub fn by_topic(site: &Site) -> Vec<(usize, Vec<usize>)> {
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, ind) in site.indicators.iter().enumerate() {
        for topic in &ind.topics {
            if let Some(pos) = site.topics.iter().position(|t| &t.id == topic) {
                groups.entry(pos).or_default().push(i);
            }
        }
    }
    groups.into_iter().collect()
}
