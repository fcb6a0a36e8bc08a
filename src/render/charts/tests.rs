//! Chart drawings checked through their SVG.

use super::*;

fn words() -> ChartWords {
    ChartWords {
        better: "改善".into(),
        worse: "恶化".into(),
        same: "持平".into(),
    }
}

fn spec(kind: ChartKind, series: Vec<Series>) -> ChartSpec {
    ChartSpec {
        title: "优良天数比例".into(),
        description: "晋中市由2023年的60.2%变为2024年的66.9%".into(),
        unit: "%".into(),
        kind,
        series,
        standard: None,
        reference: None,
        classes: None,
        better: Better::Higher,
        words: words(),
        width: 760,
        height: 420,
        small: false,
        inverted: false,
    }
}

fn s(label: &str, points: &[(i32, f64)]) -> Series {
    Series {
        label: label.into(),
        points: points.to_vec(),
    }
}

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"))
}

fn texts(svg: &str) -> Vec<String> {
    parse(svg)
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(|t| t.trim().to_owned()))
        .collect()
}

#[test]
fn value_ranges_include_zero_the_standard_and_headroom() {
    assert_eq!(value_range(&[60.2, 66.9], &[]).0, 0.0);
    assert!(value_range(&[60.2, 66.9], &[]).1 > 66.9);
    assert!(
        value_range(&[20.0], &[35.0]).1 > 35.0,
        "the standard is on the chart"
    );
    let (lo, hi) = value_range(&[-18.9, -13.7], &[]);
    assert!(lo < -18.9 && hi == 0.0, "{lo} {hi}");
    let (lo, hi) = value_range(&[0.0], &[]);
    assert!(hi > lo, "a flat series still has a range");
    assert_eq!(
        year_range(&[s("a", &[(2019, 1.0)]), s("b", &[(2024, 2.0)])]),
        (2018.5, 2024.5)
    );
}

#[test]
fn the_kind_fits_the_data() {
    assert_eq!(kind_for(true, false), ChartKind::Change);
    assert_eq!(kind_for(false, true), ChartKind::Classes);
    assert_eq!(kind_for(false, false), ChartKind::Line);
}

/// A font that failed to register fails every chart, not only the first.
#[test]
fn a_failed_font_registration_is_reported_every_time() {
    static ONCE: OnceLock<Result<(), String>> = OnceLock::new();
    let fail = || Err("broken font".to_owned());
    assert!(register_once(&ONCE, fail).is_err());
    assert_eq!(
        register_once(&ONCE, || Ok(())),
        Err("broken font".to_owned())
    );
}

#[test]
fn line_chart_has_title_desc_labels_and_real_text() {
    let svg = draw(&spec(
        ChartKind::Line,
        vec![s("晋中市（市城区）", &[(2023, 60.2), (2024, 66.9)])],
    ))
    .unwrap();
    let doc = parse(&svg);
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    let first: Vec<_> = root
        .children()
        .filter(|n| n.is_element())
        .take(2)
        .map(|n| n.tag_name().name().to_owned())
        .collect();
    assert_eq!(first, ["title", "desc"]);
    let texts = texts(&svg);
    for expected in ["优良天数比例", "2023", "2024", "晋中市（市城区） 66.9", "%"] {
        assert!(
            texts.iter().any(|t| t == expected),
            "{expected} missing from {texts:?}"
        );
    }
    assert!(svg.contains(FONT_FAMILY), "text keeps the CJK font stack");
}

#[test]
fn a_single_observation_draws_one_bar() {
    let svg = draw(&spec(ChartKind::Bar, vec![s("介休市", &[(2025, 400.0)])])).unwrap();
    assert_eq!(
        parse(&svg)
            .descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("fill") != Some("#FFFFFF"))
            .count(),
        1,
        "one bar (white are the background and the ground under the figure)"
    );
    assert!(texts(&svg).contains(&"400".to_owned()));
}

#[test]
fn negative_changes_are_bars_left_of_zero_coloured_by_meaning() {
    let mut c = spec(
        ChartKind::Change,
        vec![s("晋中市", &[(2024, 6.7), (2025, -2.0)])],
    );
    c.better = Better::Higher;
    let svg = draw(&c).unwrap();
    let texts = texts(&svg);
    assert!(texts.contains(&"+6.7 改善".to_owned()), "{texts:?}");
    assert!(texts.contains(&"-2 恶化".to_owned()), "{texts:?}");
    assert!(
        svg.contains("#1F6B4F") && svg.contains("#B5441B"),
        "good and bad colours"
    );
    // Lower is better: the same fall is now good.
    c.better = Better::Lower;
    assert!(self::texts(&draw(&c).unwrap()).contains(&"-2 改善".to_owned()));
    // Neither end better: the bars are signed, in the plain colour, with no verdict.
    c.better = Better::Neither;
    let svg = draw(&c).unwrap();
    let texts = self::texts(&svg);
    assert!(texts.contains(&"+6.7".to_owned()), "{texts:?}");
    assert!(texts.contains(&"-2".to_owned()), "{texts:?}");
    assert!(
        !svg.contains("#1F6B4F") && !svg.contains("#B5441B"),
        "no good or bad colour"
    );
}

#[test]
fn missing_years_break_the_line() {
    let svg = draw(&spec(
        ChartKind::Line,
        vec![s("太原市", &[(2019, 40.0), (2020, 38.0), (2023, 33.0)])],
    ))
    .unwrap();
    let lines = parse(&svg)
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .count();
    // Axis lines aside, the data is drawn as two runs: 2019-2020 and 2023 alone.
    let series_lines = svg.matches("stroke=\"#1F6B4F\"").count();
    assert!(lines >= 2, "{lines}");
    assert!(series_lines >= 2, "{series_lines}");
    assert!(
        texts(&svg).contains(&"2021".to_owned()),
        "the axis still shows the missing years"
    );
}

#[test]
fn many_series_stay_apart_by_marker_and_label() {
    let series: Vec<Series> = (0..9)
        .map(|i| {
            s(
                &format!("城市{i}"),
                &[(2023, 50.0), (2024, 50.0 + f64::from(i) * 0.1)],
            )
        })
        .collect();
    let svg = draw(&spec(ChartKind::Line, series)).unwrap();
    let doc = parse(&svg);
    let label_ys: Vec<f64> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("text") && n.text().is_some_and(|t| t.trim().starts_with("城市"))
        })
        .filter_map(|n| n.attribute("y")?.parse().ok())
        .collect();
    assert_eq!(label_ys.len(), 9);
    let mut sorted = label_ys.clone();
    sorted.sort_by(f64::total_cmp);
    assert!(
        sorted.windows(2).all(|w| w[1] - w[0] >= 15.0),
        "end labels overlap: {sorted:?}"
    );
    assert!(
        svg.contains("<circle") && svg.contains("<polygon") || svg.contains("<path"),
        "several marker shapes"
    );
}

#[test]
fn long_chinese_labels_get_room_and_stay_whole() {
    let label = "汾河入黄口庙前村国家考核断面（运城市）";
    let svg = draw(&spec(
        ChartKind::Bar,
        vec![s(label, &[(2024, 3.0)]), s("短", &[(2024, 4.0)])],
    ))
    .unwrap();
    assert!(
        texts(&svg).contains(&label.to_owned()),
        "label kept as one text"
    );
    // The bar starts right of the label area, which was measured with the CJK font:
    // 19 full-width characters drawn at 12 px are 228 px wide.
    let doc = parse(&svg);
    let bar_x: f64 = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#1F6B4F"))
        .filter_map(|n| n.attribute("x")?.parse().ok())
        .fold(f64::MAX, f64::min);
    assert!(
        bar_x > 10.0 + 228.0 + 6.0,
        "bars start at {bar_x}, over the labels"
    );
}

#[test]
fn values_beyond_the_drawable_range_are_refused_at_once() {
    for v in [1.79e308, f64::INFINITY, f64::NAN, -2e15] {
        let started = std::time::Instant::now();
        let err = draw(&spec(
            ChartKind::Line,
            vec![s("太原", &[(2023, 1.0), (2024, v)])],
        ))
        .unwrap_err();
        assert!(err.contains("not a number within"), "{err}");
        assert!(started.elapsed().as_secs() < 5);
    }
    let largest = [(2023, 0.0), (2024, MAX_VALUE), (2025, -MAX_VALUE)];
    for kind in [ChartKind::Line, ChartKind::Bar, ChartKind::Change] {
        let svg = draw(&spec(kind, vec![s("太原", &largest)])).unwrap();
        parse(&svg);
    }
}

#[test]
fn extreme_values_draw_well_formed_svg_or_are_refused() {
    // Fuzzing in miniature (fuzz/fuzz_targets/chart_values.rs runs the same longer).
    let extremes = [
        0.0,
        -0.0,
        f64::MIN_POSITIVE,
        5e-324,
        1e-300,
        0.1,
        66.9,
        -3.5,
        MAX_VALUE,
        -MAX_VALUE,
        MAX_VALUE * 1.0000001,
        1.79e308,
        f64::INFINITY,
        f64::NAN,
    ];
    let mut rng = fastrand::Rng::with_seed(16);
    for _ in 0..400 {
        let kind = [ChartKind::Line, ChartKind::Bar, ChartKind::Change][rng.usize(0..3)];
        let series: Vec<Series> = (0..rng.usize(1..4))
            .map(|n| {
                let mut years: Vec<i32> =
                    (0..rng.usize(1..5)).map(|_| rng.i32(2015..2026)).collect();
                years.sort_unstable();
                years.dedup();
                let points: Vec<(i32, f64)> = years
                    .into_iter()
                    .map(|y| (y, extremes[rng.usize(0..extremes.len())]))
                    .collect();
                s(&format!("城市{n}"), &points)
            })
            .collect();
        let mut chart = spec(kind, series);
        chart.small = rng.bool();
        // Rankings are drawn upside down (lines) or as dots (bars); the fuzzer found a
        // standard far outside the ranks overflowing plotters' pixel arithmetic in both.
        chart.inverted = rng.bool();
        if rng.usize(0..10) == 0 {
            chart.series.clear();
        }
        if rng.bool() {
            chart.standard = Some((extremes[rng.usize(0..extremes.len())], "标准".into()));
        }
        let drawable = chart
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1))
            .chain(chart.standard.as_ref().map(|s| s.0))
            .all(is_drawable);
        match draw(&chart) {
            Ok(svg) => {
                assert!(drawable, "{chart:?}");
                parse(&svg);
            }
            Err(err) => assert!(!drawable, "{err}: {chart:?}"),
        }
    }
}

#[test]
fn ranks_with_a_line_far_below_them_or_no_ranks_at_all_still_draw() {
    // Found by fuzzing: a rank chart (dots) whose standard sits far below rank 1 had a
    // scale running backwards, and plotters' pixel arithmetic overflowed.
    for (kind, series) in [
        (ChartKind::Change, vec![]),
        (ChartKind::Bar, vec![]),
        (ChartKind::Bar, vec![s("太原", &[(2024, 3.0)])]),
        (
            ChartKind::Line,
            vec![s("太原", &[(2023, 3.0), (2024, 5.0)])],
        ),
    ] {
        for line in [-148_892_199_594.666_66, -3.5, 0.0, 12.0] {
            let mut chart = spec(kind, series.clone());
            chart.inverted = true;
            chart.standard = Some((line, "标准".into()));
            parse(&draw(&chart).unwrap());
        }
    }
}

#[test]
fn same_data_gives_the_same_svg() {
    let c = spec(
        ChartKind::Line,
        vec![s("晋中市", &[(2023, 60.2), (2024, 66.9)])],
    );
    assert_eq!(draw(&c).unwrap(), draw(&c).unwrap());
}

#[test]
fn title_and_desc_are_escaped() {
    let mut c = spec(ChartKind::Bar, vec![s("a", &[(2024, 1.0)])]);
    c.title = "<b>&".into();
    c.description = "\"</desc>".into();
    let svg = draw(&c).unwrap();
    let doc = parse(&svg);
    let desc = doc
        .descendants()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text())
        .map(str::trim);
    assert_eq!(desc, Some("\"</desc>"));
}

/// Rectangles of one fill: (x, y, width).
fn rects(svg: &str, fill: &str) -> Vec<(f64, f64, f64)> {
    let num = |n: roxmltree::Node, a: &str| {
        n.attribute(a)
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN)
    };
    parse(svg)
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some(fill))
        .map(|n| (num(n, "x"), num(n, "y"), num(n, "width")))
        .collect()
}

/// The x of every vertical line of one stroke colour.
fn vertical_lines(svg: &str, stroke: &str) -> Vec<f64> {
    parse(svg)
        .descendants()
        .filter(|n| n.attribute("stroke") == Some(stroke))
        .filter_map(|n| {
            let points: Vec<(f64, f64)> = n
                .attribute("points")?
                .split_whitespace()
                .filter_map(|p| {
                    let (x, y) = p.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect();
            let (first, last) = (points.first()?, points.last()?);
            ((first.0 - last.0).abs() < 0.5 && (first.1 - last.1).abs() > 1.0).then_some(first.0)
        })
        .collect()
}

#[test]
fn a_comparison_keeps_its_order_scale_and_lines_at_their_values() {
    let mut c = spec(
        ChartKind::Bar,
        vec![
            s("大同市", &[(2024, 30.0)]),
            s("晋中市", &[(2024, 40.0)]),
            s("临汾市", &[(2024, 50.0)]),
        ],
    );
    c.standard = Some((35.0, "GB 3095-2012 二级标准年均限值".into()));
    c.reference = Some((42.0, "山西省 42".into()));
    let svg = draw(&c).unwrap();
    let bars = rects(&svg, "#1F6B4F");
    assert_eq!(bars.len(), 3);
    // The first row on top, and lengths in proportion to the values from one zero.
    assert!(bars[0].1 < bars[1].1 && bars[1].1 < bars[2].1, "{bars:?}");
    assert!(
        bars.iter().all(|b| (b.0 - bars[0].0).abs() < 0.5),
        "one zero: {bars:?}"
    );
    let per_unit = bars[0].2 / 30.0;
    assert!((bars[2].2 / per_unit - 50.0).abs() < 0.5, "{bars:?}");
    let zero = bars[0].0;
    let standard = vertical_lines(&svg, "#8A1C1C");
    assert!(!standard.is_empty(), "the standard is drawn");
    assert!(
        standard
            .iter()
            .all(|x| (x - (zero + 35.0 * per_unit)).abs() < 1.5),
        "standard at {standard:?}, 35 is at {}",
        zero + 35.0 * per_unit
    );
    let province = vertical_lines(&svg, "#1F4E9C");
    assert!(
        province
            .iter()
            .any(|x| (x - (zero + 42.0 * per_unit)).abs() < 1.5),
        "{province:?}"
    );
    let texts = texts(&svg);
    assert!(texts.iter().any(|t| t == "山西省 42"), "{texts:?}");
    assert!(
        texts.iter().any(|t| t == "GB 3095-2012 二级标准年均限值"),
        "{texts:?}"
    );
}

#[test]
fn a_fall_is_a_bar_left_of_a_visible_zero() {
    let c = spec(
        ChartKind::Change,
        vec![s("晋中市", &[(2024, 6.7), (2025, -13.7)])],
    );
    let svg = draw(&c).unwrap();
    let zero = vertical_lines(&svg, "#1C2421");
    assert_eq!(zero.len(), 1, "one zero line: {zero:?}");
    let zero = zero[0];
    let rise = rects(&svg, "#1F6B4F");
    let fall = rects(&svg, "#B5441B");
    assert_eq!((rise.len(), fall.len()), (1, 1));
    assert!((rise[0].0 - zero).abs() < 1.0, "a rise starts at zero");
    assert!(
        (fall[0].0 + fall[0].2 - zero).abs() < 1.0 && fall[0].0 < zero,
        "a fall ends at zero, left of it: {fall:?} zero {zero}"
    );
    // Proportional: the fall is about twice the rise.
    assert!((fall[0].2 / rise[0].2 - 13.7 / 6.7).abs() < 0.05);
}

fn water() -> ClassScale {
    ClassScale {
        names: "Ⅰ类|Ⅱ类|Ⅲ类|Ⅳ类|Ⅴ类|劣Ⅴ类"
            .split('|')
            .map(String::from)
            .collect(),
        ticks: "Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|劣Ⅴ".split('|').map(String::from).collect(),
        good_up_to: 3,
        good_label: "Ⅰ–Ⅲ类为优良".into(),
        axis: "水质类别（越往右越差）".into(),
    }
}

#[test]
fn water_classes_are_named_categories_split_after_class_iii() {
    let mut c = spec(
        ChartKind::Classes,
        vec![
            s("运城市（涑水河）", &[(2023, 4.0), (2024, 3.0)]),
            s("灵石县", &[(2024, 6.0)]),
        ],
    );
    c.classes = Some(water());
    let svg = draw(&c).unwrap();
    let texts = texts(&svg);
    for expected in [
        "Ⅳ类",
        "Ⅲ类",
        "劣Ⅴ类",
        "Ⅰ",
        "劣Ⅴ",
        "Ⅰ–Ⅲ类为优良",
        "水质类别（越往右越差）",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "{expected} missing: {texts:?}"
        );
    }
    assert!(!texts.iter().any(|t| t == "4" || t == "4 类"), "{texts:?}");
    // Dots: good ones left of the line after Class Ⅲ, bad ones right of it.
    let doc = parse(&svg);
    let dots: Vec<(f64, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .filter_map(|n| {
            Some((
                n.attribute("cx")?.parse().ok()?,
                n.attribute("fill")?.to_owned(),
            ))
        })
        .collect();
    assert_eq!(dots.len(), 3, "{dots:?}");
    let edge = vertical_lines(&svg, "#1F6B4F");
    let edge = edge.first().copied().expect("the Class Ⅲ line");
    for (x, fill) in &dots {
        assert_eq!(*x < edge, fill == "#1F6B4F", "dot at {x}, line at {edge}");
    }
    // A figure that codes no class is refused, not drawn as a number.
    let mut bad = c.clone();
    bad.series = vec![s("a", &[(2024, 7.0)])];
    assert!(draw(&bad).is_err());
}

#[test]
fn long_labels_wrap_instead_of_being_cut() {
    let cases = [
        "Year-on-year change in the composite air quality index: prefectures, Jan–Jul 2018",
        "空气质量综合指数同比变化：2019年1—10月各地级市的比较和全省的数值",
        "Sushui River, Zhangliuzhuang, nationally assessed section 2024",
        "汾河入黄口庙前村断面（国考）2024",
        "Supercalifragilisticexpialidociousandthensomemoreletters",
        "短标题",
    ];
    for width in [120, 260, 560] {
        for text in cases {
            let lines = layout::wrap(text, layout::LABEL_PX, width);
            assert!(
                lines
                    .iter()
                    .all(|l| layout::width_px(l, layout::LABEL_PX) <= width),
                "{width}: {lines:?}"
            );
            let joined: String = lines.concat().chars().filter(|c| *c != ' ').collect();
            let whole: String = text.chars().filter(|c| *c != ' ').collect();
            assert_eq!(joined, whole, "nothing lost at {width}");
            assert!(lines.iter().all(|l| !l.contains('…')));
        }
    }
    assert_eq!(layout::wrap("短标题", layout::LABEL_PX, 380), ["短标题"]);
    // Words stay whole where a line can hold them.
    let lines = layout::wrap("Changzhi (urban area) 3.54", layout::LABEL_PX, 90);
    assert!(
        lines
            .iter()
            .all(|l| !l.starts_with(' ') && !l.ends_with(' ')),
        "{lines:?}"
    );
    assert!(lines.contains(&"3.54".to_owned()) || lines.iter().any(|l| l.ends_with("3.54")));
}

#[test]
fn stacked_labels_never_overlap_and_stay_in_their_band() {
    // Every label wants the same place, near the bottom: they spread and stay inside.
    let wanted = vec![(190, 16); 6];
    let tops = layout::stack(&wanted, 10, 200);
    let mut sorted = tops.clone();
    sorted.sort_unstable();
    assert!(sorted.windows(2).all(|w| w[1] - w[0] >= 16), "{tops:?}");
    assert!(sorted[0] >= 10 && sorted[5] + 16 <= 200, "{tops:?}");
    // Labels far apart are not moved.
    assert_eq!(layout::stack(&[(50, 16), (150, 16)], 0, 300), [42, 142]);
    // Order is kept: the higher point's label stays above.
    let tops = layout::stack(&[(100, 20), (95, 20)], 0, 300);
    assert!(tops[1] < tops[0], "{tops:?}");
}

#[test]
fn narrow_axes_label_fewer_years_and_always_the_latest() {
    assert_eq!(layout::labelled_years(2015, 2024, 20).len(), 10);
    let few = layout::labelled_years(2013, 2024, 4);
    assert!(few.len() <= 4, "{few:?}");
    assert_eq!(few.last(), Some(&2024));
    assert_eq!(layout::labelled_years(2024, 2024, 1), [2024]);
    assert!(layout::tick_count(300, 30) < layout::tick_count(600, 30));
    assert!(layout::tick_count(10, 300) >= 2);
}

/// (text, x, y) of every label of a drawing.
fn placed(svg: &str) -> Vec<(String, f64, f64)> {
    parse(svg)
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| {
            let num = |a: &str| n.attribute(a).and_then(|v| v.parse().ok());
            Some((n.text()?.trim().to_owned(), num("x")?, num("y")?))
        })
        .collect()
}

#[test]
fn rankings_put_first_place_at_the_top() {
    let mut c = spec(
        ChartKind::Line,
        vec![s("太原市", &[(2022, 9.0), (2023, 3.0), (2024, 1.0)])],
    );
    c.inverted = true;
    let svg = draw(&c).unwrap();
    let label_y = |t: &str| placed(&svg).into_iter().find(|p| p.0 == t).map(|p| p.2);
    let (one, nine) = (label_y("1"), label_y("9"));
    assert!(one.is_some(), "rank 1 is labelled: {:?}", placed(&svg));
    if let (Some(one), Some(nine)) = (one, nine) {
        assert!(one < nine, "1 is above 9");
    }
    assert!(
        !texts(&svg).iter().any(|t| t == "0" || t.starts_with('-')),
        "{:?}",
        texts(&svg)
    );
}

#[test]
fn a_comparison_of_ranks_marks_each_with_a_dot_not_a_bar_from_zero() {
    let mut c = spec(
        ChartKind::Bar,
        vec![s("大同市", &[(2017, 1.0)]), s("临汾市", &[(2017, 11.0)])],
    );
    c.inverted = true;
    let svg = draw(&c).unwrap();
    let doc = parse(&svg);
    let dots = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .count();
    assert_eq!(dots, 2, "one dot a place: {svg}");
    assert!(
        !texts(&svg).iter().any(|t| t == "0" || t.contains('.')),
        "no zero and no half ranks on the axis: {:?}",
        texts(&svg)
    );
}

#[test]
fn end_labels_of_lines_ending_together_are_stacked_inside_the_drawing() {
    let series: Vec<Series> = (0..8)
        .map(|i| {
            s(
                &format!("Changzhi (urban area) {i}"),
                &[(2023, 30.0), (2024, 35.0)],
            )
        })
        .collect();
    let mut c = spec(ChartKind::Line, series);
    c.width = 300;
    c.height = 200;
    c.standard = Some((35.0, "National Grade II limit".into()));
    let svg = draw(&c).unwrap();
    let (_, height) = dimensions(&c);
    let ends: Vec<(String, f64, f64)> = placed(&svg)
        .into_iter()
        .filter(|p| p.0.contains("Changzhi") || p.0.contains("area") || p.0.contains("limit"))
        .collect();
    assert!(ends.len() >= 9, "{ends:?}");
    let mut ys: Vec<f64> = ends.iter().map(|p| p.2).collect();
    ys.sort_by(f64::total_cmp);
    let line = f64::from(layout::line_height(layout::LABEL_PX));
    assert!(ys.windows(2).all(|w| w[1] - w[0] >= line - 0.5), "{ends:?}");
    assert!(
        ys.iter().all(|&y| y > 0.0 && y < f64::from(height)),
        "{ys:?} in {height}"
    );
    for (text, x, _) in &ends {
        let right = x + f64::from(layout::width_px(text, layout::LABEL_PX));
        assert!(right <= 300.0, "{text} ends at {right}");
    }
}
