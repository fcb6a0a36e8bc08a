//! Charts on any values (NaN, infinities, the largest floats, subnormals) and any mix of
//! kinds and series: drawing never panics or hangs, refuses exactly the values outside
//! the drawable range, and what it draws is well-formed SVG.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shanshui::render::charts::{
    draw, is_drawable, ChartKind, ChartSpec, ChartWords, ClassScale, Series,
};

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    let kind = [
        ChartKind::Line,
        ChartKind::Bar,
        ChartKind::Change,
        ChartKind::Classes,
    ][usize::from(head % 4)];
    // Each point: a series number, a year offset and 8 bytes of value, taken as they come.
    let mut series: Vec<Series> = Vec::new();
    for chunk in rest.chunks_exact(10).take(64) {
        let n = usize::from(chunk[0] % 6);
        let year = 1949 + i32::from(chunk[1] % 80);
        let value = f64::from_le_bytes(chunk[2..10].try_into().expect("8 bytes"));
        while series.len() <= n {
            series.push(Series {
                label: format!("城市{}", series.len()),
                points: Vec::new(),
            });
        }
        series[n].points.push((year, value));
    }
    series.retain(|s| !s.points.is_empty());
    for s in &mut series {
        s.points.sort_by_key(|p| p.0);
        s.points.dedup_by_key(|p| p.0);
    }
    let standard = (head & 0x80 != 0)
        .then(|| rest.get(..8))
        .flatten()
        .map(|b| (f64::from_le_bytes(b.try_into().expect("8 bytes")), "标准".to_owned()));
    // The province's line across a comparison, from the last 8 bytes.
    let reference = (head & 0x10 != 0)
        .then(|| rest.len().checked_sub(8).map(|i| &rest[i..]))
        .flatten()
        .map(|b| (f64::from_le_bytes(b.try_into().expect("8 bytes")), "山西省".to_owned()));
    let values = || series.iter().flat_map(|s| s.points.iter().map(|p| p.1));
    let drawable = values()
        .chain(standard.as_ref().map(|s| s.0))
        .chain(reference.as_ref().map(|s| s.0))
        .all(is_drawable)
        // Ordered classes draw their codes 1 to 6 only, and refuse any other figure.
        && (kind != ChartKind::Classes
            || values().all(|v| v.fract() == 0.0 && (1.0..=6.0).contains(&v)));
    let names = |prefix: &str| (1..=6).map(|c| format!("{prefix}{c}")).collect();
    let classes = (kind == ChartKind::Classes).then(|| ClassScale {
        names: names("类"),
        ticks: names(""),
        good_up_to: 3,
        good_label: "优良".into(),
        axis: "类别".into(),
    });
    let spec = ChartSpec {
        title: "图".into(),
        description: "说明".into(),
        unit: "%".into(),
        kind,
        series,
        standard,
        reference,
        classes,
        // Every direction, `neither` included (it draws its own colours and words).
        better: match head >> 6 {
            0 => shanshui::render::charts::Better::Lower,
            1 => shanshui::render::charts::Better::Neither,
            _ => shanshui::render::charts::Better::Higher,
        },
        words: ChartWords {
            better: "改善".into(),
            worse: "恶化".into(),
            same: "持平".into(),
        },
        width: 760,
        height: 420,
        small: head & 0x20 != 0,
        inverted: head & 0x80 != 0,
    };
    match draw(&spec) {
        Ok(svg) => {
            assert!(drawable, "a value outside the drawable range was drawn");
            if let Err(err) = roxmltree::Document::parse(&svg) {
                panic!("the SVG is not well-formed: {err}");
            }
        }
        Err(err) => assert!(!drawable, "a drawable chart was refused: {err}"),
    }
});
