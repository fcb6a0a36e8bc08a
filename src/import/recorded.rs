//! Which figures of a draft are already recorded, found by `check`'s own notion of one
//! figure ([`FigureKey`]: place, period, scope and basis within an indicator). A figure of
//! the text would be, for each indicator in its unit and each of the draft's places, the
//! figure of that place for the period its sentence names (the year and months), or for
//! any period of the draft's year when the sentence names none; of the whole place, or
//! of the urban area when the sentence says so; as published. An observation with that
//! key and that value (sign aside: the text prints a fall of 10.1% where the file records
//! -10.1) is named with its file, line and source, so that an editor does not record a
//! figure twice (issue 28).

use super::record::{parse_period, scope_in, unit_key};
use super::{Draft, Fact};
use crate::load::raw::RawIndicator;
use crate::load::Located;
use crate::model::{FigureKey, Indicator, Months, Observation};
use std::path::{Path, PathBuf};

/// What is recorded: the valid indicators, and their files as read (for the line of
/// each observation).
pub struct Recorded {
    pub indicators: Vec<Indicator>,
    pub files: Vec<Located<RawIndicator>>,
    /// Paths are shown relative to this folder (the portal's root).
    pub root: PathBuf,
}

impl Recorded {
    /// The portal's indicators as `check` reads them, valid ones only (none when the
    /// content has no site.yaml), drafts' figures included.
    pub fn load(root: &Path) -> Recorded {
        let (raw, _) = crate::load::load(&root.join("content"));
        let opts = crate::model::ModelOptions {
            drafts: true,
            ..Default::default()
        };
        let indicators = crate::model::build_site(&raw, &opts)
            .0
            .map(|site| site.indicators)
            .unwrap_or_default();
        Recorded {
            indicators,
            files: raw.indicators,
            root: root.to_path_buf(),
        }
    }
}

/// Adds to each figure of each draft the observations that already hold it.
pub fn annotate(drafts: &mut [Draft], recorded: &Recorded) {
    for draft in drafts.iter_mut() {
        let year = draft.date.map(|d| d.year);
        let cities = draft.cities.clone();
        for fact in &mut draft.facts {
            fact.recorded = recorded
                .holding(fact, &cities, year)
                .into_iter()
                .map(|(ind, o)| recorded.describe(ind, o))
                .collect();
        }
    }
}

/// The period a figure's sentence names: a year and, if it names them, the months
/// (`None`: any period of that year).
struct Period {
    year: i32,
    months: Option<Option<Months>>,
}

impl Period {
    fn of(sentence: &str, draft_year: Option<i32>) -> Option<Period> {
        match parse_period(sentence) {
            Some((year, Some(m))) => Some(Period {
                year,
                months: Months::parse(&m).ok().map(Some),
            }),
            Some((year, None)) => Some(Period { year, months: None }),
            None => draft_year.map(|year| Period { year, months: None }),
        }
    }
}

impl Recorded {
    /// The observations holding `fact`: those whose key is a key the figure may have,
    /// with its value.
    fn holding<'s>(
        &'s self,
        fact: &Fact,
        cities: &[String],
        draft_year: Option<i32>,
    ) -> Vec<(&'s Indicator, &'s Observation)> {
        let (Ok(value), Some(period)) = (
            fact.value.parse::<f64>(),
            Period::of(&fact.sentence, draft_year),
        ) else {
            return Vec::new();
        };
        // The urban area if the sentence names it, else the whole place.
        let scope = scope_in(&fact.sentence).filter(|s| s == "urban");
        let printed = unit_key(&fact.unit);
        let mut found = Vec::new();
        for ind in self
            .indicators
            .iter()
            .filter(|i| unit_key(&i.unit.zh) == printed)
        {
            for city in cities {
                for o in &ind.observations {
                    let key = FigureKey {
                        city,
                        year: period.year,
                        months: period.months.unwrap_or(o.months),
                        scope: scope.as_deref().unwrap_or(""),
                        basis: None,
                    };
                    if o.figure_key() == key && (o.value.abs() - value).abs() < 1e-9 {
                        found.push((ind, o));
                    }
                }
            }
        }
        found
    }

    /// `已记录 / recorded: content/indicators/x.yaml:12, taiyuan 2018:01-07 = -17.1, 来源 / source zxw`:
    /// the observation's file and line, figure and source.
    fn describe(&self, ind: &Indicator, o: &Observation) -> String {
        let path = ind.path.strip_prefix(&self.root).unwrap_or(&ind.path);
        let line = self
            .files
            .iter()
            .find(|f| f.path == ind.path)
            .map(|f| f.item_position("observations", o.item).0);
        let file = match line {
            Some(line) => format!("{}:{line}", path.display()),
            None => path.display().to_string(),
        };
        let period = match o.months {
            Some(m) => format!("{}:{}", o.year, m.code()),
            None => o.year.to_string(),
        };
        format!(
            "已记录 / recorded: {file}, {} {period} = {}, 来源 / source {}",
            o.city, o.value, o.source
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An indicator file as an editor writes it, read and validated as `check` does.
    const FILE: &str = "\
id: aqi-composite-change
name: {zh: 综合指数变化, en: Change in the composite index}
unit: \"%\"
better: lower
topics: [air]
definition: {zh: 同比变化, en: Change on a year earlier}
observations:
  - {city: taiyuan, year: 2018, months: \"1-7\", value: -17.1, source: air-2025}
  - {city: jinzhong, year: 2018, months: \"1-7\", value: -14.8, source: air-2025}
  - {city: taiyuan, year: 2019, value: 6.2, source: green-2023}
  - {city: taiyuan, year: 2018, months: \"1-6\", value: -17.1, scope: urban, source: green-2023}
";

    fn portal() -> (tempfile::TempDir, Recorded) {
        let tmp = tempfile::tempdir().expect("temp dir");
        let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo/content");
        let content = tmp.path().join("content");
        for dir in ["", "articles", "i18n"] {
            std::fs::create_dir_all(content.join(dir)).expect("dir");
            for entry in std::fs::read_dir(demo.join(dir)).expect("demo") {
                let from = entry.expect("entry").path();
                if from.is_file() {
                    let to = content.join(dir).join(from.file_name().expect("name"));
                    std::fs::copy(&from, to).expect("copy");
                }
            }
        }
        let dir = content.join("indicators");
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("aqi-composite-change.yaml"), FILE).expect("write");
        let recorded = Recorded::load(tmp.path());
        assert_eq!(recorded.indicators.len(), 1, "the test portal is valid");
        (tmp, recorded)
    }

    fn fact(value: &str, unit: &str, sentence: &str) -> Fact {
        Fact {
            value: value.into(),
            unit: unit.into(),
            sentence: sentence.into(),
            at: 0,
            recorded: vec![],
        }
    }

    #[test]
    fn a_figure_is_looked_up_by_place_period_and_scope_and_named_with_its_line_and_source() {
        let (_tmp, recorded) = portal();
        let cities = ["taiyuan".to_owned()];
        let hits = |f: Fact, year: i32| -> Vec<String> {
            recorded
                .holding(&f, &cities, Some(year))
                .into_iter()
                .map(|(i, o)| recorded.describe(i, o))
                .collect()
        };
        let file = Path::new("content/indicators/aqi-composite-change.yaml");
        // The sentence names the period: only that period's figure, with its line.
        assert_eq!(
            hits(fact("17.1", "%", "2018年1—7月，太原改善17.1%"), 2018),
            vec![format!(
                "已记录 / recorded: {}:8, taiyuan 2018:01-07 = -17.1, 来源 / source air-2025",
                file.display()
            )]
        );
        // The urban area of the first half is another figure, recorded on line 11.
        let urban = hits(fact("17.1", "%", "2018年上半年，太原市区改善17.1%"), 2018);
        assert_eq!(urban.len(), 1, "{urban:?}");
        assert!(urban[0].contains(":11, taiyuan 2018:01-06"), "{urban:?}");
        assert!(urban[0].ends_with("source green-2023"), "{urban:?}");
        // Another period the sentence names: not the same figure.
        assert!(hits(fact("17.1", "%", "2018年1-8月太原改善17.1%"), 2018).is_empty());
        // No period in the sentence: any of the draft's year, whole place.
        assert_eq!(hits(fact("17.1", "%", "太原改善17.1%"), 2018).len(), 1);
        // Another place, another year, another unit: not the same figure.
        assert!(hits(fact("14.8", "%", "晋中改善14.8%"), 2018).is_empty());
        assert!(hits(fact("17.1", "%", "太原改善17.1%"), 2020).is_empty());
        assert!(hits(fact("17.1", "万亩", "太原17.1万亩"), 2018).is_empty());
        // The year the sentence names counts over the draft's.
        let named = hits(fact("6.2", "%", "2019年太原上升6.2%"), 2020);
        assert_eq!(named.len(), 1, "{named:?}");
        assert!(named[0].contains(":10, taiyuan 2019 = 6.2"), "{named:?}");
    }
}
