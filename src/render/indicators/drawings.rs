//! The chart files of an indicator and the views that show them: which drawings exist
//! is decided once, by the spec builders, for both the files and the pages.

use super::chart_view::{provenance, ChartView};
use super::seasonal;
use super::specs::{self, ChartSize};
use super::{fill, period_words, t};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Indicator, Lang, Observation, Site};
use crate::output::OutputFile;
use crate::render::charts::{self, ChartSpec};
use crate::route::{indicator_file, Urls};
use rayon::prelude::*;

/// The drawings an indicator can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Drawing {
    Trend,
    Comparison,
}

fn file_name(drawing: Drawing, lang: Lang, size: ChartSize) -> String {
    let stem = match drawing {
        Drawing::Trend => "chart",
        Drawing::Comparison => "compare",
    };
    match size {
        ChartSize::Narrow => format!("{stem}.{}.narrow.svg", lang.code()),
        _ => format!("{stem}.{}.svg", lang.code()),
    }
}

fn place_file(city: &str, lang: Lang) -> String {
    format!("{city}.{}.svg", lang.code())
}

fn spec(
    site: &Site,
    lang: Lang,
    ind: &Indicator,
    drawing: Drawing,
    size: ChartSize,
) -> Option<ChartSpec> {
    match drawing {
        Drawing::Trend => specs::trend(site, lang, ind, size),
        Drawing::Comparison => specs::compare(site, lang, ind, size).map(|(spec, _)| spec),
    }
}

fn view(site: &Site, lang: Lang, ind: &Indicator, drawing: Drawing) -> Option<ChartView> {
    let urls = Urls::new(&site.config);
    let wide = spec(site, lang, ind, drawing, ChartSize::Wide)?;
    let narrow = spec(site, lang, ind, drawing, ChartSize::Narrow)?;
    let src = |size| urls.href_of(&indicator_file(&ind.id, &file_name(drawing, lang, size)));
    Some(ChartView {
        src: src(ChartSize::Wide),
        size: charts::dimensions(&wide),
        narrow_src: src(ChartSize::Narrow),
        narrow_size: charts::dimensions(&narrow),
        alt: wide.description,
        caption: String::new(),
        sources: Vec::new(),
        period: String::new(),
    })
}

pub(super) fn trend_view(site: &Site, lang: Lang, ind: &Indicator) -> Option<ChartView> {
    let mut v = view(site, lang, ind, Drawing::Trend)?;
    v.caption = v.alt.clone();
    let all: Vec<&Observation> = ind.observations.iter().collect();
    (v.sources, v.period) = provenance(site, lang, &specs::one_period(&all));
    Some(v)
}

/// The comparison, its caption saying how many prefectures it shows, and why no standard
/// is drawn when its figures are for part of a year.
pub(super) fn comparison_view(site: &Site, lang: Lang, ind: &Indicator) -> Option<ChartView> {
    let (_, c) = specs::compare(site, lang, ind, ChartSize::Wide)?;
    let mut v = view(site, lang, ind, Drawing::Comparison)?;
    let drawn: Vec<&Observation> = c.rows.iter().copied().chain(c.province).collect();
    (v.sources, v.period) = provenance(site, lang, &drawn);
    let period = period_words(lang, c.year, c.months);
    v.caption = fill(
        t(site, lang, "compare_shown"),
        &[
            ("n", &c.rows.len().to_string()),
            ("total", &c.total.to_string()),
            ("period", &period),
        ],
    );
    if let Some(newer) = super::newer_words(site, lang, &c) {
        v.caption = format!(
            "{}{}{newer}",
            v.caption,
            t(site, lang, "chart_list_separator")
        );
    }
    if c.months.is_some() && ind.standard.is_some() {
        v.caption = format!(
            "{}{}{}",
            v.caption,
            t(site, lang, "chart_list_separator"),
            fill(t(site, lang, "key_part_year"), &[("period", &period)])
        );
    }
    Some(v)
}

/// A place's small chart; it has one drawing for every width.
pub(super) fn place_view(
    site: &Site,
    lang: Lang,
    ind: &Indicator,
    city: &str,
) -> Option<ChartView> {
    let small = specs::place(site, lang, ind, city)?;
    let src = Urls::new(&site.config).href_of(&indicator_file(&ind.id, &place_file(city, lang)));
    let size = charts::dimensions(&small);
    // The figures drawn: the place's and those of its parent on one of its bases.
    let (_, _, drawn) = specs::place_figures(site, lang, ind, city)?;
    let (sources, period) = provenance(site, lang, &drawn);
    Some(ChartView {
        narrow_src: src.clone(),
        src,
        size,
        narrow_size: size,
        caption: String::new(),
        alt: small.description,
        sources,
        period,
    })
}

/// Every chart file: per indicator and language the trend and the comparison at two
/// widths where they exist, a small chart per place with more than one figure, and a
/// seasonal chart at two widths per place with enough monthly figures.
pub fn chart_files(site: &Site) -> Result<Vec<OutputFile>, Diagnostics> {
    /// One file to draw, of an indicator in a language.
    #[derive(Clone, Copy)]
    enum Job<'a> {
        Indicator(Drawing, ChartSize),
        Place(&'a str),
        Seasonal(&'a str, ChartSize),
    }
    let mut jobs: Vec<(usize, Lang, Job)> = Vec::new();
    for (i, ind) in site.indicators.iter().enumerate() {
        let mut cities: Vec<&str> = ind.observations.iter().map(|o| o.city.as_str()).collect();
        cities.dedup();
        for lang in Lang::ALL {
            for drawing in [Drawing::Trend, Drawing::Comparison] {
                for size in [ChartSize::Wide, ChartSize::Narrow] {
                    jobs.push((i, lang, Job::Indicator(drawing, size)));
                }
            }
            for &city in &cities {
                jobs.push((i, lang, Job::Place(city)));
                for size in [ChartSize::Wide, ChartSize::Narrow] {
                    jobs.push((i, lang, Job::Seasonal(city, size)));
                }
            }
        }
    }
    let results: Vec<Result<Option<OutputFile>, Diagnostic>> = jobs
        .par_iter()
        .map(|&(i, lang, job)| {
            let ind = &site.indicators[i];
            let (drawn, file) = match job {
                Job::Indicator(drawing, size) => (
                    spec(site, lang, ind, drawing, size).map(|s| charts::draw(&s)),
                    file_name(drawing, lang, size),
                ),
                Job::Place(c) => (
                    specs::place(site, lang, ind, c).map(|s| charts::draw(&s)),
                    place_file(c, lang),
                ),
                Job::Seasonal(c, size) => (
                    seasonal::draw(site, lang, ind, c, size),
                    seasonal::file_name(c, lang, size),
                ),
            };
            let Some(svg) = drawn else {
                return Ok(None);
            };
            let svg = svg.map_err(|e| {
                Diagnostic::error(&ind.path, 0, e).hint(crate::messages::REPORT_BUG.both(&[]))
            })?;
            Ok(Some(OutputFile {
                path: indicator_file(&ind.id, &file),
                bytes: svg.into_bytes(),
            }))
        })
        .collect();
    let mut files = Vec::new();
    let mut diags = Diagnostics::default();
    for r in results {
        match r {
            Ok(f) => files.extend(f),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(files)
    }
}
