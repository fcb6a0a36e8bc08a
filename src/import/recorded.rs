//! Which figures of a draft are already recorded: for each figure the text gives, the
//! observations of the draft's places with that value (sign aside: the text prints a
//! fall of 10.1% where the file records -10.1) in that unit, of a year the sentence or
//! the draft names. The figure hints then say where each is, so that an editor does
//! not record a figure twice (issue 28).

use super::{Draft, Fact};
use crate::model::{Indicator, Observation};

/// Adds to each figure of each draft the observations that already hold it.
pub fn annotate(drafts: &mut [Draft], indicators: &[Indicator]) {
    for draft in drafts.iter_mut() {
        let year = draft.date.map(|d| d.year);
        let cities = draft.cities.clone();
        for fact in &mut draft.facts {
            fact.recorded = recorded(fact, &cities, year, indicators);
        }
    }
}

fn recorded(
    fact: &Fact,
    cities: &[String],
    year: Option<i32>,
    indicators: &[Indicator],
) -> Vec<String> {
    let Ok(value) = fact.value.parse::<f64>() else {
        return Vec::new();
    };
    let of_year =
        |o: &Observation| Some(o.year) == year || fact.sentence.contains(&format!("{}年", o.year));
    let mut found = Vec::new();
    for ind in indicators
        .iter()
        .filter(|i| same_unit(&fact.unit, &i.unit.zh))
    {
        for o in ind.observations.iter().filter(|o| {
            (o.value.abs() - value).abs() < 1e-9 && cities.contains(&o.city) && of_year(o)
        }) {
            let file = ind
                .path
                .file_name()
                .map_or_else(|| ind.id.clone(), |n| n.to_string_lossy().into_owned());
            let period = match o.months {
                Some(m) => format!("{}:{}", o.year, m.code()),
                None => o.year.to_string(),
            };
            found.push(format!(
                "已记录 / recorded: {file}, {} {period} = {}, 来源 / source {}",
                o.city, o.value, o.source
            ));
        }
    }
    found
}

/// A unit as the text prints it against an indicator's Chinese unit.
fn same_unit(printed: &str, unit: &str) -> bool {
    let key = |u: &str| u.replace('μ', "µ").replace("m3", "m³").replace('％', "%");
    key(printed) == key(unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Better, Bilingual, Months, Scale};

    fn indicator(unit: &str, observations: Vec<Observation>) -> Indicator {
        let b = |s: &str| Bilingual {
            zh: s.into(),
            en: s.into(),
        };
        Indicator {
            id: "aqi-composite-change".into(),
            name: b("x"),
            unit: b(unit),
            better: Better::Lower,
            topics: vec![],
            definition: b("x"),
            standard: None,
            scale: Scale::default(),
            observations,
            aliases: Default::default(),
            path: "content/indicators/aqi-composite-change.yaml".into(),
        }
    }

    fn obs(city: &str, year: i32, value: f64) -> Observation {
        Observation {
            city: city.into(),
            year,
            months: Some(Months { from: 1, to: 7 }),
            value,
            scope: None,
            basis: None,
            source: "zxw".into(),
            derived: None,
            note: None,
        }
    }

    #[test]
    fn a_figure_of_the_drafts_place_and_year_is_named_with_its_file_and_source() {
        let inds = [indicator(
            "%",
            vec![
                obs("changzhi", 2018, -17.1),
                obs("jinzhong", 2018, -14.8),
                obs("changzhi", 2019, 6.2),
            ],
        )];
        let fact = |v: &str, unit: &str, sentence: &str| Fact {
            value: v.into(),
            unit: unit.into(),
            sentence: sentence.into(),
            recorded: vec![],
        };
        let cities = ["changzhi".to_owned()];
        let hit = recorded(
            &fact("17.1", "%", "长治改善17.1%"),
            &cities,
            Some(2018),
            &inds,
        );
        assert_eq!(hit, vec!["已记录 / recorded: aqi-composite-change.yaml, changzhi 2018:01-07 = -17.1, 来源 / source zxw"]);
        // Another place, another year, another unit: not the same figure.
        assert!(recorded(&fact("14.8", "%", "晋中14.8%"), &cities, Some(2018), &inds).is_empty());
        assert!(recorded(&fact("17.1", "%", "长治17.1%"), &cities, Some(2020), &inds).is_empty());
        assert!(recorded(
            &fact("17.1", "万亩", "长治17.1万亩"),
            &cities,
            Some(2018),
            &inds
        )
        .is_empty());
        // The year the sentence names counts too.
        assert_eq!(
            recorded(
                &fact("6.2", "%", "2019年长治上升6.2%"),
                &cities,
                Some(2020),
                &inds
            )
            .len(),
            1
        );
    }
}
