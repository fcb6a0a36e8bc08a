//! Key messages, comparisons and cards computed from a small fixture: the demo site's
//! places (a province and two prefectures) with figures made up for the test.

use super::compare::comparison;
use super::key_message::{facts, indicator_message, sentences, Against};
use super::*;
use crate::model::{Bilingual, Scale, Standard};
use crate::pipeline::{load_site, BuildOptions};

fn both(zh: &str, en: &str) -> Bilingual {
    Bilingual {
        zh: zh.into(),
        en: en.into(),
    }
}

fn obs(city: &str, year: i32, months: Option<&str>, value: f64) -> Observation {
    Observation {
        city: city.into(),
        year,
        months: months.map(|m| Months::parse(m).unwrap()),
        value,
        scope: None,
        basis: None,
        source: "air-2025".into(),
        derived: None,
        note: None,
    }
}

/// The demo site with one indicator: PM2.5, lower is better, an annual limit of 35.
fn site_with(observations: Vec<Observation>, scale: Scale) -> Site {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo");
    let (mut site, _) = load_site(&BuildOptions::new(root)).expect("demo loads");
    site.indicators = vec![Indicator {
        id: "pm25-test".into(),
        name: both("PM2.5平均浓度", "PM2.5"),
        unit: both("微克/立方米", "µg/m³"),
        better: Better::Lower,
        topics: vec![],
        definition: both("", ""),
        standard: Some(Standard {
            value: 35.0,
            label: both("年均限值", "annual limit"),
        }),
        scale,
        observations,
        path: "pm25-test.yaml".into(),
    }];
    site
}

fn pm25() -> Site {
    site_with(
        vec![
            obs("shanxi", 2022, None, 40.0),
            obs("shanxi", 2023, None, 38.0),
            obs("shanxi", 2024, None, 36.0),
            obs("jinzhong", 2023, None, 45.0),
            obs("jinzhong", 2024, None, 41.0),
            obs("taiyuan", 2024, None, 39.0),
            obs("taiyuan", 2025, Some("1-6"), 50.0),
        ],
        Scale::Quantity,
    )
}

fn of<'a>(site: &'a Site, city: &str) -> Vec<&'a Observation> {
    site.indicators[0]
        .observations
        .iter()
        .filter(|o| o.city == city)
        .collect()
}

#[test]
fn a_prefecture_gets_its_change_standard_and_rank() {
    let site = pm25();
    let ind = &site.indicators[0];
    let f = facts(&site, ind, &of(&site, "jinzhong")).unwrap();
    assert_eq!(f.latest.value, 41.0);
    assert_eq!(f.previous.map(|o| o.year), Some(2023));
    assert!(f.first.is_none(), "the first year is the previous one");
    assert_eq!(f.against, Some(Against::Whole(6.0)));
    assert_eq!(f.rank, Some((2, 2)), "Taiyuan's 39 is better than 41");
    let zh = sentences(&site, Lang::Zh, ind, &f, false);
    assert!(
        zh.contains(&"较2023年下降4微克/立方米（改善）".to_owned()),
        "{zh:?}"
    );
    assert!(
        zh.contains(&"高于年均限值（35微克/立方米）6微克/立方米".to_owned()),
        "{zh:?}"
    );
    assert!(
        zh.iter()
            .any(|s| s.starts_with("2024年在全省2个地级市中列第2位")),
        "{zh:?}"
    );
}

#[test]
fn the_province_headlines_the_indicator_with_changes_since_the_first_year() {
    let site = pm25();
    let ind = &site.indicators[0];
    let en = indicator_message(&site, Lang::En, ind);
    assert_eq!(en[0], "Shanxi, 2024: 36 µg/m³", "{en:?}");
    assert!(
        en.contains(&"down 2 µg/m³ on 2023 (better)".to_owned()),
        "{en:?}"
    );
    assert!(
        en.contains(&"down 4 µg/m³ on 2022 (better)".to_owned()),
        "{en:?}"
    );
    assert!(
        en.contains(&"1 µg/m³ above the annual limit (35 µg/m³)".to_owned()),
        "{en:?}"
    );
    assert!(
        en.iter()
            .any(|s| s.contains("best Taiyuan (39 µg/m³), worst Jinzhong (41 µg/m³)")),
        "{en:?}"
    );
}

#[test]
fn a_part_year_figure_is_not_held_against_the_annual_standard() {
    let site = pm25();
    let ind = &site.indicators[0];
    let only_months: Vec<&Observation> = of(&site, "taiyuan")
        .into_iter()
        .filter(|o| o.months.is_some())
        .collect();
    let f = facts(&site, ind, &only_months).unwrap();
    assert_eq!(f.against, Some(Against::PartYear));
    assert_eq!(f.rank, None, "no other prefecture has that period");
    let zh = sentences(&site, Lang::Zh, ind, &f, false);
    assert!(zh.iter().any(|s| s.contains("不与年度标准比较")), "{zh:?}");
}

#[test]
fn comparisons_take_one_year_and_period_best_first_with_the_province() {
    let mut site = pm25();
    // A later part-year figure for both prefectures: more of them, so it is chosen.
    site.indicators[0]
        .observations
        .push(obs("jinzhong", 2025, Some("1-6"), 44.0));
    let c = comparison(&site, &site.indicators[0]).unwrap();
    assert_eq!(
        (c.year, c.months.map(Months::code)),
        (2025, Some("01-06".into()))
    );
    let values: Vec<f64> = c.rows.iter().map(|o| o.value).collect();
    assert_eq!(values, [44.0, 50.0], "lower is better: best first");
    assert!(
        c.province.is_none(),
        "the province has no figure for that period"
    );
    let c =
        comparison(&pm25(), &pm25().indicators[0]).map(|c| (c.year, c.province.map(|p| p.value)));
    assert_eq!(c, Some((2024, Some(36.0))));
}

#[test]
fn a_single_figure_is_a_card_and_not_a_chart() {
    let site = site_with(vec![obs("jinzhong", 2024, None, 41.0)], Scale::Quantity);
    let view = indicator_view(&site, Lang::Zh, &site.indicators[0]);
    assert!(view.trend.is_none() && view.comparison.is_none());
    assert_eq!(view.cards.len(), 1);
    assert_eq!(view.cards[0].value, "41");
    let city = city_indicators(&site, Lang::Zh, "jinzhong");
    assert!(
        city[0].chart.is_none(),
        "one figure: a card on the place's page too"
    );
    let files = chart_files(&site).unwrap();
    assert!(
        files.is_empty(),
        "{:?}",
        files.iter().map(|f| &f.path).collect::<Vec<_>>()
    );
    // Two years make a chart of the place against the province.
    let site = pm25();
    let city = city_indicators(&site, Lang::Zh, "jinzhong");
    let chart = city[0].chart.as_ref().expect("a chart");
    assert!(
        chart.alt.contains("山西省") && chart.alt.contains("晋中市"),
        "{}",
        chart.alt
    );
}

#[test]
fn water_classes_print_as_roman_numerals() {
    let site = site_with(
        vec![
            obs("jinzhong", 2023, None, 6.0),
            obs("jinzhong", 2024, None, 4.0),
        ],
        Scale::WaterClass,
    );
    let ind = &site.indicators[0];
    let zh = indicator_view(&site, Lang::Zh, ind);
    let en = indicator_view(&site, Lang::En, ind);
    assert_eq!(zh.rows[1].value, "Ⅳ类");
    assert_eq!(en.rows[0].value, "Worse than V");
    assert_eq!(zh.unit, "", "no unit after a class's name");
    let message = indicator_message(&site, Lang::En, ind).join(" / ");
    assert!(
        message.contains("better than in 2023 (Worse than V)"),
        "{message}"
    );
    assert!(zh.trend.is_some() && zh.comparison.is_none());
}

#[test]
fn a_ranking_rises_when_its_number_falls_and_counts_places() {
    let site = site_with(
        vec![
            obs("jinzhong", 2022, None, 4.0),
            obs("jinzhong", 2023, None, 5.0),
            obs("jinzhong", 2024, None, 3.0),
        ],
        Scale::Rank,
    );
    let ind = &site.indicators[0];
    let f = facts(&site, ind, &of(&site, "jinzhong")).unwrap();
    let zh = sentences(&site, Lang::Zh, ind, &f, false);
    assert!(zh.contains(&"较2023年上升2位（改善）".to_owned()), "{zh:?}");
    let en = sentences(&site, Lang::En, ind, &f, false);
    assert!(
        en.contains(&"up 2 places on 2023 (better)".to_owned()),
        "{en:?}"
    );
    assert!(
        en.contains(&"up 1 place on 2022 (better)".to_owned()),
        "{en:?}"
    );
}

#[test]
fn a_key_message_never_sets_the_headline_beside_another_period() {
    // The province's latest figure is 2024; the only comparison is of January–June 2018.
    let site = site_with(
        vec![
            obs("shanxi", 2023, None, 38.0),
            obs("shanxi", 2024, None, 36.0),
            obs("jinzhong", 2018, Some("1-6"), 60.0),
            obs("taiyuan", 2018, Some("1-6"), 70.0),
        ],
        Scale::Quantity,
    );
    let en = indicator_message(&site, Lang::En, &site.indicators[0]);
    assert!(
        !en.iter().any(|s| s.contains("worst") || s.contains("2018")),
        "{en:?}"
    );
    // Nor beside figures on another basis of the same year.
    let mut dust = obs("jinzhong", 2024, None, 30.0);
    dust.basis = Some(crate::model::Basis::DustExcluded);
    let mut also = obs("taiyuan", 2024, None, 31.0);
    also.basis = Some(crate::model::Basis::DustExcluded);
    let site = site_with(
        vec![obs("shanxi", 2024, None, 36.0), dust, also],
        Scale::Quantity,
    );
    let en = indicator_message(&site, Lang::En, &site.indicators[0]);
    assert!(!en.iter().any(|s| s.contains("worst")), "{en:?}");
}

#[test]
fn a_tie_is_called_a_tie() {
    let site = site_with(
        vec![
            obs("jinzhong", 2018, None, 57.0),
            obs("taiyuan", 2018, None, 57.0),
        ],
        Scale::Quantity,
    );
    let ind = &site.indicators[0];
    let en = indicator_message(&site, Lang::En, ind);
    assert!(!en.iter().any(|s| s.contains("worst")), "{en:?}");
    assert!(en.iter().any(|s| s.contains("level at 57 µg/m³")), "{en:?}");
    let zh = indicator_message(&site, Lang::Zh, ind);
    assert!(zh.iter().any(|s| s.contains("并列")), "{zh:?}");
}

#[test]
fn places_tied_at_one_end_are_named_together() {
    let mut site = site_with(
        vec![
            obs("jinzhong", 2018, None, 57.0),
            obs("taiyuan", 2018, None, 57.0),
            obs("jiexiu", 2018, None, 60.0),
        ],
        Scale::Quantity,
    );
    // Jiexiu stands in for a third prefecture.
    if let Some(c) = site.cities.iter_mut().find(|c| c.id == "jiexiu") {
        c.level = crate::model::Level::Prefecture;
    }
    let en = indicator_message(&site, Lang::En, &site.indicators[0]);
    let line = en
        .iter()
        .find(|s| s.contains("worst"))
        .expect("a best and worst");
    assert!(
        line.contains("Jinzhong") && line.contains("Taiyuan"),
        "{line}"
    );
    assert!(line.contains("worst Jiexiu"), "{line}");
}

#[test]
fn a_comparison_names_the_province_only_on_the_same_basis() {
    let mut dust = obs("shanxi", 2023, None, 76.0);
    dust.basis = Some(crate::model::Basis::DustExcluded);
    let site = site_with(
        vec![
            dust,
            obs("jinzhong", 2023, None, 60.0),
            obs("taiyuan", 2023, None, 64.0),
        ],
        Scale::Quantity,
    );
    let c = comparison(&site, &site.indicators[0]).unwrap();
    assert_eq!(c.rows.len(), 2);
    assert!(
        c.province.is_none(),
        "a dust-excluded province figure is no reference for whole ones"
    );
}
