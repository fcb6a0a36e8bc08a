//! Key messages, comparisons and cards computed from a small fixture: the demo site's
//! places (a province and two prefectures) with figures made up for the test.

use super::compare::comparison;
use super::key_message::{facts, indicator_message, sentences, Against};
use super::*;
use crate::model::{Bilingual, Months, Scale, Scope, Standard};
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
        item: 0,
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
        aliases: Default::default(),
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
    // A later part-year figure for both prefectures: the whole year is still compared.
    site.indicators[0]
        .observations
        .push(obs("jinzhong", 2025, Some("1-6"), 44.0));
    let c = comparison(&site, &site.indicators[0]).unwrap();
    assert_eq!((c.year, c.months), (2024, None));
    let values: Vec<f64> = c.rows.iter().map(|o| o.value).collect();
    assert_eq!(values, [39.0, 41.0], "lower is better: best first");
    assert_eq!(c.province.map(|p| p.value), Some(36.0));
    assert!(c.newer.is_empty(), "no later whole year");
    // Only parts of a year: the period most prefectures share.
    site.indicators[0]
        .observations
        .retain(|o| o.months.is_some());
    let c = comparison(&site, &site.indicators[0]).unwrap();
    assert_eq!(
        (c.year, c.months.map(Months::code)),
        (2025, Some("01-06".into()))
    );
    assert!(
        c.province.is_none(),
        "the province has no figure for that period"
    );
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
    assert_eq!(zh.rows.shown[1].value, "Ⅳ类");
    assert_eq!(en.rows.shown[0].value, "Worse than V");
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
fn key_messages_write_figures_as_the_pages_do() {
    // A ranking is an ordinal in English, in the headline and among the best and worst.
    let site = site_with(
        vec![
            obs("jinzhong", 2024, None, 1.0),
            obs("taiyuan", 2024, None, 2.0),
        ],
        Scale::Rank,
    );
    let en = indicator_message(&site, Lang::En, &site.indicators[0]).join(" | ");
    assert!(en.contains("1st") && en.contains("2nd"), "{en}");
    assert!(!en.contains(" rank"), "{en}");
    // An amount in 万 is multiplied out, every printed digit kept; Chinese keeps 万元.
    let mut site = site_with(
        vec![
            obs("shanxi", 2023, None, 2000.0),
            obs("shanxi", 2024, None, 2289.7),
        ],
        Scale::Quantity,
    );
    site.indicators[0].unit = both("万元", "10,000 yuan");
    site.indicators[0].standard = None;
    let en = indicator_message(&site, Lang::En, &site.indicators[0]).join(" | ");
    assert!(en.contains("22.897 million yuan"), "{en}");
    assert!(en.contains("2.897 million yuan"), "the change: {en}");
    assert!(!en.contains("10,000"), "{en}");
    let zh = indicator_message(&site, Lang::Zh, &site.indicators[0]).join(" | ");
    assert!(zh.contains("2289.7万元"), "{zh}");
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

#[test]
fn a_year_on_two_bases_compares_the_whole_figures_with_the_whole_province() {
    let dust = |city: &str, value| {
        let mut o = obs(city, 2024, None, value);
        o.basis = Some(crate::model::Basis::DustExcluded);
        o
    };
    let site = site_with(
        vec![
            dust("shanxi", 30.0),
            obs("shanxi", 2024, None, 36.0),
            dust("jinzhong", 28.0),
            obs("jinzhong", 2024, None, 33.0),
            dust("taiyuan", 31.0),
            obs("taiyuan", 2024, None, 38.0),
        ],
        Scale::Quantity,
    );
    let c = comparison(&site, &site.indicators[0]).unwrap();
    let values: Vec<f64> = c.rows.iter().map(|o| o.value).collect();
    assert_eq!(
        values,
        [33.0, 38.0],
        "the whole published figures, best first"
    );
    assert_eq!(c.province.map(|o| o.value), Some(36.0));
    assert!(c
        .rows
        .iter()
        .chain(c.province.iter())
        .all(|o| o.basis.is_none()));
}

/// The portal's own places (a province, its 11 prefectures and their counties) with one
/// indicator of the figures given: what the comparison and the maps choose from.
fn shanxi_with(observations: Vec<Observation>) -> Site {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (mut site, _) = load_site(&BuildOptions::new(root.to_path_buf())).expect("portal loads");
    let demo = site_with(observations, Scale::Quantity);
    site.indicators = demo.indicators;
    site.indicators[0]
        .observations
        .sort_by_key(|o| (site.cities.iter().position(|c| c.id == o.city), o.year));
    site
}

const PREFECTURES: [&str; 11] = [
    "taiyuan", "datong", "shuozhou", "xinzhou", "yangquan", "jinzhong", "lvliang", "changzhi",
    "jincheng", "linfen", "yuncheng",
];

/// A figure for each of the first `n` prefectures, of one year, period and scope.
fn year_of(n: usize, year: i32, months: Option<&str>, scope: Option<Scope>) -> Vec<Observation> {
    PREFECTURES[..n]
        .iter()
        .enumerate()
        .map(|(i, city)| Observation {
            scope: scope.clone(),
            ..obs(city, year, months, 40.0 + i as f64)
        })
        .collect()
}

fn urban() -> Option<Scope> {
    Some(Scope::Part("urban".into()))
}

fn chosen(site: &Site) -> (i32, Option<String>, usize, Vec<(i32, usize)>) {
    let c = comparison(site, &site.indicators[0]).expect("a comparison");
    (
        c.year,
        c.months.map(Months::code),
        c.rows.len(),
        c.newer.iter().map(|n| (n.year, n.places)).collect(),
    )
}

#[test]
fn a_comparison_takes_the_latest_whole_year_most_prefectures_share() {
    // Whole years for 5 (2014) and all 11 (2015, 2016), a part of 2018 for all 11, and
    // 2025 for two of them (one of those on two bases): 2016 is compared, 2025 named.
    let mut all = year_of(5, 2014, None, urban());
    all.extend(year_of(11, 2015, None, urban()));
    all.extend(year_of(11, 2016, None, urban()));
    all.extend(year_of(11, 2018, Some("1-7"), None));
    all.extend(year_of(2, 2025, None, None));
    all.push(Observation {
        scope: urban(),
        ..obs("taiyuan", 2025, None, 30.0)
    });
    let site = shanxi_with(all);
    assert_eq!(chosen(&site), (2016, None, 11, vec![(2025, 2)]));
}

#[test]
fn a_later_year_most_prefectures_report_wins_over_an_older_complete_one() {
    let mut all = year_of(11, 2016, None, None);
    all.extend(year_of(6, 2017, None, None));
    all.extend(year_of(5, 2018, None, None));
    all.extend(year_of(1, 2019, None, None));
    let site = shanxi_with(all);
    assert_eq!(
        chosen(&site),
        (2017, None, 6, vec![(2019, 1), (2018, 5)]),
        "6 of 11 is most of them; 5 of 11 is not"
    );
}

#[test]
fn a_whole_year_of_few_prefectures_is_compared_before_part_of_a_year_of_all() {
    let mut all = year_of(3, 2016, None, None);
    all.extend(year_of(2, 2014, None, None));
    all.extend(year_of(11, 2018, Some("1-7"), None));
    let site = shanxi_with(all);
    assert_eq!(chosen(&site), (2016, None, 3, vec![]));
}

#[test]
fn without_whole_years_the_period_with_most_prefectures_is_compared() {
    let mut all = year_of(9, 2018, Some("1-7"), None);
    all.extend(year_of(4, 2019, Some("1-3"), None));
    all.extend(year_of(9, 2017, Some("1-7"), None));
    let site = shanxi_with(all);
    assert_eq!(
        chosen(&site),
        (2018, Some("01-07".into()), 9, vec![(2019, 4)])
    );
}

#[test]
fn a_comparison_never_ranks_an_urban_figure_with_a_city_wide_one() {
    // 2016: all 11 for the urban districts, 4 for the whole city (other values); the
    // province's whole figure is not drawn across urban bars, its urban one is.
    let mut all = year_of(11, 2016, None, urban());
    all.extend(
        year_of(4, 2016, None, None)
            .into_iter()
            .map(|o| Observation {
                value: o.value + 100.0,
                ..o
            }),
    );
    all.push(obs("shanxi", 2016, None, 99.0));
    let site = shanxi_with(all.clone());
    let c = comparison(&site, &site.indicators[0]).unwrap();
    assert_eq!(c.rows.len(), 11);
    assert!(c.rows.iter().all(|o| o.value < 100.0), "one basis only");
    assert!(c.province.is_none(), "the province's figure is city-wide");
    all.push(Observation {
        scope: urban(),
        ..obs("shanxi", 2016, None, 45.0)
    });
    let site = shanxi_with(all);
    let c = comparison(&site, &site.indicators[0]).unwrap();
    assert_eq!(c.province.map(|p| p.value), Some(45.0));
}

#[test]
fn the_comparison_names_its_period_and_the_newer_figures_in_both_languages() {
    let mut all = year_of(11, 2016, None, urban());
    all.extend(year_of(2, 2025, None, None));
    let site = shanxi_with(all);
    let ind = &site.indicators[0];
    let zh = indicator_view(&site, Lang::Zh, ind).comparison.unwrap();
    let en = indicator_view(&site, Lang::En, ind).comparison.unwrap();
    assert!(zh.alt.contains("2016年"), "{}", zh.alt);
    assert!(en.alt.contains("2016"), "{}", en.alt);
    assert!(zh.caption.contains("2025年：11个中的2个"), "{}", zh.caption);
    assert!(en.caption.contains("2025: 2 of 11"), "{}", en.caption);
}

#[test]
fn maps_of_the_home_page_and_indicator_pages_take_the_same_period() {
    let mut all = year_of(11, 2016, None, urban());
    all.extend(year_of(11, 2018, Some("1-7"), None));
    all.extend(year_of(2, 2025, None, None));
    let site = shanxi_with(all);
    let ind = &site.indicators[0];
    let zh = crate::render::tilemap::tile_map(&site, Lang::Zh, ind).unwrap();
    let en = crate::render::tilemap::tile_map(&site, Lang::En, ind).unwrap();
    assert!(zh.heading.contains("2016年"), "{}", zh.heading);
    assert!(en.heading.contains("2016"), "{}", en.heading);
    assert_eq!(zh.tiles.iter().filter(|t| t.value.is_some()).count(), 11);
    assert!(zh.newer.contains("2025年：11个中的2个"), "{}", zh.newer);
    assert!(en.newer.contains("2025: 2 of 11"), "{}", en.newer);
}

fn from(source: &str, o: Observation) -> Observation {
    Observation {
        source: source.into(),
        ..o
    }
}

/// The series of a place's small chart: (label, years).
fn place_series(site: &Site, lang: Lang, city: &str) -> Vec<(String, Vec<i32>)> {
    super::specs::place(site, lang, &site.indicators[0], city)
        .expect("a chart")
        .series
        .iter()
        .map(|s| (s.label.clone(), s.points.iter().map(|p| p.0).collect()))
        .collect()
}

#[test]
fn a_prefecture_is_drawn_against_the_province_on_its_own_basis() {
    // Taiyuan's urban figures from a data set, the province's average of the same data
    // set, and a province figure of another publication on another basis for 2016 and
    // 2017: only the data set's province figures are drawn beside Taiyuan's.
    let urban_from = |city, year, v| {
        from(
            "dataset",
            Observation {
                scope: urban(),
                ..obs(city, year, None, v)
            },
        )
    };
    let site = shanxi_with(vec![
        urban_from("taiyuan", 2014, 68.0),
        urban_from("taiyuan", 2015, 60.0),
        urban_from("taiyuan", 2016, 66.0),
        from("dataset", obs("shanxi", 2015, None, 56.0)),
        from("dataset", obs("shanxi", 2016, None, 60.0)),
        from("bulletin", obs("shanxi", 2016, None, 59.0)),
        from("bulletin", obs("shanxi", 2017, None, 55.0)),
    ]);
    let series = place_series(&site, Lang::Zh, "taiyuan");
    assert_eq!(
        series,
        [
            ("太原市（市城区）".to_owned(), vec![2014, 2015, 2016]),
            ("山西省".to_owned(), vec![2015, 2016]),
        ]
    );
    let chart = super::specs::place(&site, Lang::Zh, &site.indicators[0], "taiyuan").unwrap();
    let province = &chart.series[1];
    assert_eq!(
        province.points,
        [(2015, 56.0), (2016, 60.0)],
        "the data set's"
    );
    // The card names the sources of what it draws, and only those.
    let card = &city_indicators(&site, Lang::Zh, "taiyuan")[0];
    let sources: Vec<(&str, Option<&str>)> = card
        .chart
        .iter()
        .flat_map(|c| &c.sources)
        .map(|s| (s.title.as_str(), s.href.as_deref()))
        .collect();
    assert_eq!(sources, [("dataset", None)]);
}

#[test]
fn a_place_with_figures_on_two_bases_gets_two_lines() {
    let site = shanxi_with(vec![
        Observation {
            scope: urban(),
            ..obs("yangquan", 2015, None, 61.0)
        },
        Observation {
            scope: urban(),
            ..obs("yangquan", 2016, None, 63.0)
        },
        Observation {
            scope: Some(Scope::Whole("city".into())),
            ..obs("yangquan", 2017, None, 50.0)
        },
        obs("shanxi", 2016, None, 60.0),
        obs("shanxi", 2017, None, 57.0),
    ]);
    let series = place_series(&site, Lang::En, "yangquan");
    assert!(
        series.contains(&("Yangquan (urban area)".to_owned(), vec![2015, 2016])),
        "{series:?}"
    );
    assert!(
        series.contains(&("Yangquan".to_owned(), vec![2017])),
        "{series:?}"
    );
    // The province's whole figures stand beside Yangquan's whole one, each a line of its own.
    assert!(
        series.contains(&("Shanxi".to_owned(), vec![2016, 2017])),
        "{series:?}"
    );
}

#[test]
fn a_county_page_shows_its_own_emissions_series_said_to_be_modelled() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (site, _) = load_site(&BuildOptions::new(root.to_path_buf())).expect("portal loads");
    let counties: Vec<&str> = site
        .cities
        .iter()
        .filter(|c| c.level == crate::model::Level::County)
        .map(|c| c.id.as_str())
        .collect();
    assert!(counties.len() >= 20, "{counties:?}");
    for lang in Lang::ALL {
        for county in &counties {
            let figures = city_indicators(&site, lang, county);
            let emissions = figures
                .iter()
                .find(|f| f.href.contains("/co2-emissions-estimate/"))
                .unwrap_or_else(|| panic!("{county}: no emissions series"));
            let chart = emissions.chart.as_ref().expect("a chart, not a card");
            let name = site.city(county).unwrap().name.get(lang);
            assert!(chart.alt.contains(name), "{}", chart.alt);
            let modelled = if lang == Lang::Zh {
                "模型估算"
            } else {
                "modelled estimate"
            };
            assert!(emissions.name.contains(modelled), "{}", emissions.name);
            let charts_first = figures.iter().skip_while(|f| f.chart.is_some());
            assert!(
                charts_first.clone().all(|f| f.chart.is_none()),
                "{county}: its own series lead the page, before single figures"
            );
        }
    }
}

/// A month's figure of the urban districts.
fn month(city: &str, year: i32, m: u8, value: f64) -> Observation {
    Observation {
        scope: urban(),
        ..obs(city, year, Some(&m.to_string()), value)
    }
}

#[test]
fn a_seasonal_view_draws_a_line_per_year_on_one_basis_with_its_table() {
    // December 2013, all of 2014 (January and December the worst, June and July the best)
    // and 2015, January 2016, and a
    // city-wide November 2021 that is not on the same basis.
    let mut all = vec![month("taiyuan", 2013, 12, 120.0)];
    all.extend(
        (1..=12).map(|m| month("taiyuan", 2014, m, 100.0 - f64::from(m.min(13 - m)) * 10.0)),
    );
    all.extend((1..=12).map(|m| month("taiyuan", 2015, m, 60.0)));
    all.push(month("taiyuan", 2016, 1, 110.0));
    all.push(obs("taiyuan", 2021, Some("11"), 53.0));
    let site = shanxi_with(all);
    let zh = seasonal_views(&site, Lang::Zh, "taiyuan");
    assert_eq!(zh.len(), 1);
    let view = &zh[0];
    let years: Vec<i32> = view.rows.iter().map(|r| r.year).collect();
    assert_eq!(
        years,
        [2013, 2014, 2015, 2016],
        "one basis: the urban figures"
    );
    assert_eq!(view.rows[0].values[11], "120");
    assert!(view.rows[0].values[..11].iter().all(String::is_empty));
    assert_eq!(view.rows[1].values[0], "90");
    assert_eq!(view.months[0], "1月");
    assert!(view.title.contains("太原市（市城区）"), "{}", view.title);
    assert!(
        view.chart
            .alt
            .contains("2014年最高为1月、12月（90微克/立方米），最低为6月、7月（40微克/立方米）"),
        "{}",
        view.chart.alt
    );
    assert!(
        view.chart.src.ends_with("taiyuan.seasonal.zh.svg"),
        "{}",
        view.chart.src
    );
    let en = &seasonal_views(&site, Lang::En, "taiyuan")[0];
    assert_eq!(en.months[6], "Jul");
    assert!(
        en.chart
            .alt
            .contains("2014: highest in Jan, Dec (90 µg/m³)"),
        "{}",
        en.chart.alt
    );
    let files: Vec<String> = chart_files(&site)
        .unwrap()
        .into_iter()
        .map(|f| f.path)
        .collect();
    for name in [
        "taiyuan.seasonal.zh.svg",
        "taiyuan.seasonal.zh.narrow.svg",
        "taiyuan.seasonal.en.svg",
        "taiyuan.seasonal.en.narrow.svg",
    ] {
        assert!(files.iter().any(|f| f.ends_with(name)), "{name}: {files:?}");
    }
}

#[test]
fn a_year_with_few_months_is_not_drawn_and_the_chart_says_so() {
    // Two whole years, December 2013 alone, January and February 2016, and the first half of
    // 2017: a line needs half a year.
    let mut all = vec![month("taiyuan", 2013, 12, 120.0)];
    for year in [2014, 2015] {
        all.extend((1..=12).map(|m| month("taiyuan", year, m, 60.0)));
    }
    all.extend((1..=2).map(|m| month("taiyuan", 2016, m, 90.0)));
    all.extend((1..=6).map(|m| month("taiyuan", 2017, m, 70.0)));
    let site = shanxi_with(all);
    let ind = &site.indicators[0];
    let drawn = super::seasonal::spec(
        &site,
        Lang::Zh,
        ind,
        "taiyuan",
        super::specs::ChartSize::Wide,
    )
    .expect("a seasonal chart");
    let labels: Vec<&str> = drawn.years.iter().map(|y| y.label.as_str()).collect();
    assert_eq!(labels, ["2014", "2015", "2017"]);
    for (lang, said) in [(Lang::Zh, "2013年、2016年"), (Lang::En, "2013, 2016")] {
        let view = &seasonal_views(&site, lang, "taiyuan")[0];
        let years: Vec<i32> = view.rows.iter().map(|r| r.year).collect();
        assert_eq!(
            years,
            [2013, 2014, 2015, 2016, 2017],
            "the table keeps every month"
        );
        let note = view.left_out.as_deref().unwrap_or_default();
        assert!(note.contains(said) && note.contains('6'), "{note}");
    }
    let whole = shanxi_with(
        (1..=12)
            .flat_map(|m| [month("datong", 2015, m, 5.0), month("datong", 2016, m, 6.0)])
            .collect(),
    );
    assert_eq!(seasonal_views(&whole, Lang::En, "datong")[0].left_out, None);
}

#[test]
fn too_few_months_or_a_single_year_make_no_seasonal_view() {
    let eleven: Vec<Observation> = (1..=11)
        .map(|m| month("datong", 2015 + i32::from(m % 2), m, 50.0))
        .collect();
    let one_year: Vec<Observation> = (1..=12).map(|m| month("datong", 2015, m, 50.0)).collect();
    // Scattered months, three in each of five years: no year to set beside another.
    let scattered: Vec<Observation> = (0..15)
        .map(|i| month("datong", 2019 + i / 3, 1 + (i % 3) as u8 * 4, 50.0))
        .collect();
    for figures in [eleven, one_year, scattered] {
        let site = shanxi_with(figures);
        assert!(seasonal_views(&site, Lang::Zh, "datong").is_empty());
        assert!(!chart_files(&site)
            .unwrap()
            .iter()
            .any(|f| f.path.contains("seasonal")));
    }
}

#[test]
fn rankings_and_changes_have_no_seasonal_view() {
    let two_years: Vec<Observation> = (1..=12)
        .flat_map(|m| [month("datong", 2015, m, 5.0), month("datong", 2016, m, 6.0)])
        .collect();
    let mut site = shanxi_with(two_years);
    assert_eq!(seasonal_views(&site, Lang::En, "datong").len(), 1);
    site.indicators[0].scale = Scale::Rank;
    assert!(seasonal_views(&site, Lang::En, "datong").is_empty());
    site.indicators[0].scale = Scale::Quantity;
    site.indicators[0].id = "pm25-change".into();
    assert!(seasonal_views(&site, Lang::En, "datong").is_empty());
}

#[test]
fn every_prefecture_has_a_seasonal_view_of_its_monthly_pm25() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (site, _) = load_site(&BuildOptions::new(root.to_path_buf())).expect("portal loads");
    for city in PREFECTURES {
        for lang in Lang::ALL {
            let views = seasonal_views(&site, lang, city);
            assert!(
                views
                    .iter()
                    .any(|v| v.indicator_href.contains("/pm25-concentration/")
                        && v.rows.len() >= 3),
                "{city} {lang:?}: {:?}",
                views.iter().map(|v| &v.title).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn a_chart_of_a_reprinted_publication_names_the_original_then_its_copy() {
    let reprinted = "dtwb-2023-11-14-datong-air-2023-10";
    let site = shanxi_with(vec![
        from(reprinted, obs("datong", 2022, None, 30.0)),
        from(reprinted, obs("datong", 2023, None, 28.0)),
    ]);
    for (lang, copy) in [
        (Lang::Zh, "三晋传媒网转载"),
        (Lang::En, "reprinted by Sanjin Media"),
    ] {
        let card = &city_indicators(&site, lang, "datong")[0];
        let chart = card.chart.as_ref().expect("two years make a chart");
        let titles: Vec<&str> = chart.sources.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles.len(), 2, "{titles:?}");
        assert_eq!(titles[1], copy);
        assert_eq!(
            chart.sources[1].href.as_deref(),
            Some("http://sanjinmedia.com/datongall/shengtaihuanbao/2023-11-14/27143.html")
        );
    }
}

/// Fines imposed: more is not clearly better or worse.
fn fines(observations: Vec<Observation>) -> Site {
    let mut site = site_with(observations, Scale::Quantity);
    let ind = &mut site.indicators[0];
    ind.better = Better::Neither;
    ind.standard = None;
    ind.name = both("环境行政处罚金额", "Fines imposed");
    ind.unit = both("万元", "yuan");
    site
}

#[test]
fn where_neither_end_is_better_figures_rise_and_fall_and_are_never_judged() {
    let site = fines(vec![
        obs("shanxi", 2023, None, 500.0),
        obs("shanxi", 2024, None, 400.0),
        obs("jinzhong", 2024, None, 120.0),
        obs("taiyuan", 2024, None, 300.0),
    ]);
    let ind = &site.indicators[0];
    for lang in [Lang::Zh, Lang::En] {
        let said = indicator_message(&site, lang, ind).join(" | ");
        for judged in [
            "better", "worse", "best", "worst", "改善", "恶化", "最好", "最差",
        ] {
            assert!(!said.contains(judged), "{lang:?}: {said}");
        }
        let view = indicator_view(&site, lang, ind);
        assert!(
            !view.better.is_empty(),
            "the page says neither end is better"
        );
        assert_ne!(view.better, t(&site, lang, "better_higher"));
        assert_ne!(view.better, t(&site, lang, "better_lower"));
    }
    let en = indicator_message(&site, Lang::En, ind);
    assert!(
        en.iter().any(|s| s.starts_with("down 100 yuan on 2023")),
        "{en:?}"
    );
    assert!(
        en.iter()
            .any(|s| s.contains("highest Taiyuan") && s.contains("lowest Jinzhong")),
        "{en:?}"
    );
    let zh = indicator_message(&site, Lang::Zh, ind);
    assert!(zh.iter().any(|s| s.contains("太原市最高")), "{zh:?}");
}

#[test]
fn where_neither_end_is_better_a_rank_counts_from_the_highest() {
    let site = fines(vec![
        obs("jinzhong", 2024, None, 120.0),
        obs("taiyuan", 2024, None, 300.0),
    ]);
    let ind = &site.indicators[0];
    let f = facts(&site, ind, &of(&site, "jinzhong")).unwrap();
    assert_eq!(f.rank, Some((2, 2)), "Taiyuan's 300 is the higher");
    let en = sentences(&site, Lang::En, ind, &f, false).join(" | ");
    assert!(en.contains("1 is the highest"), "{en}");
    assert!(!en.contains("best"), "{en}");
    let c = comparison(&site, ind).unwrap();
    assert_eq!(c.rows[0].city, "taiyuan", "the highest first");
}

#[test]
fn a_long_figure_table_leads_with_the_newest_and_keeps_the_rest_behind_a_disclosure() {
    let observations: Vec<Observation> = (2001..=2020)
        .map(|year| obs("taiyuan", year, None, f64::from(year - 2000)))
        .collect();
    let site = site_with(observations, Scale::Quantity);
    let view = indicator_view(&site, Lang::En, &site.indicators[0]);
    let years = |rows: &[ObservationRow]| rows.iter().map(|r| r.year).collect::<Vec<_>>();
    assert_eq!(
        years(&view.rows.shown),
        (2011..=2020).rev().collect::<Vec<_>>()
    );
    assert_eq!(
        years(&view.rows.more),
        (2001..=2010).rev().collect::<Vec<_>>()
    );
    assert_eq!(view.observations, 20);
    let short = site_with(vec![obs("taiyuan", 2020, None, 1.0)], Scale::Quantity);
    let view = indicator_view(&short, Lang::En, &short.indicators[0]);
    assert_eq!((view.rows.shown.len(), view.rows.more.len()), (1, 0));
}
