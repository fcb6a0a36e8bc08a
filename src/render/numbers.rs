//! Figures as each language writes them: the one place where a number meets its unit.
//!
//! Chinese pages keep the units as printed (`2289.7万元`, `398.2万吨`). English units carry
//! the Chinese multipliers word for word (`10,000 yuan` for 万元, `100 million yuan` for
//! 亿元), which no English reader counts in: on English pages the figure is multiplied out
//! and said in millions or billions (`22.897 million yuan`, `3.982 million tonnes`), or in
//! full below a million (`240,400 mu`), with every digit the source printed. A unit agrees with its number (`1 day`, `2 days`), and a
//! ranking is an ordinal (`2nd`, `2nd of 11`).

use crate::model::Lang;

/// A figure in the page's language: its number and the unit written after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub value: String,
    /// Empty where the number says it all (a ranking in English, a class's name).
    pub unit: String,
}

impl std::fmt::Display for Figure {
    /// `66.9%`, `41 µg/m³`, `41微克/立方米`: Chinese units and signs are written close up.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let glued = self.unit.is_empty()
            || self.unit.starts_with(['%', '‰', '°'])
            || self.unit.chars().next().is_some_and(|c| c >= '\u{2e80}');
        if glued {
            write!(f, "{}{}", self.value, self.unit)
        } else {
            write!(f, "{} {}", self.value, self.unit)
        }
    }
}

/// A number as printed: up to four decimals, no trailing zeros, no `-0`, no separators
/// (Chinese sources print none; tables of both languages keep this form for their cells).
pub fn plain(v: f64) -> String {
    fixed(v, 4)
}

/// `v` with `decimals` places at most: no trailing zeros, no `-0`, no separators.
fn fixed(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    if s == "-0" {
        "0".into()
    } else {
        s.to_owned()
    }
}

/// The figure `v` in `unit` (the indicator's unit in that language) as the page writes it.
/// `rank` says the figure is a place in a ranking.
pub fn figure(lang: Lang, v: f64, unit: &str, rank: bool) -> Figure {
    match lang {
        Lang::Zh => Figure {
            value: plain(v),
            unit: unit.to_owned(),
        },
        Lang::En if rank && v.fract() == 0.0 && v >= 1.0 => Figure {
            value: ordinal(v),
            unit: String::new(),
        },
        Lang::En => english(v, unit),
    }
}

/// The unit an axis of figures in `unit` is drawn in, and the factor that takes the figures
/// there: Chinese keeps the printed unit; English multiplies out 万 and 亿, in millions or
/// billions when the `largest` figure reaches them (`10,000 tonnes` up to 398.2 →
/// (0.01, `million tonnes`); `10,000 mu` up to 24.04 → (10,000, `mu`)).
pub fn axis_unit(lang: Lang, unit: &str, largest: f64) -> (f64, String) {
    let (times, rest) = multiplier(unit);
    if lang == Lang::Zh || times == 1.0 {
        return (1.0, unit.to_owned());
    }
    let big = largest.abs() * times;
    let (by, word) = if big >= 1e9 {
        (1e9, "billion")
    } else if big >= 1e6 {
        (1e6, "million")
    } else {
        return (times, rest.to_owned());
    };
    (times / by, format!("{word} {rest}").trim_end().to_owned())
}

/// The unit as a heading states it: English drops the multiplier (`10,000 tonnes` →
/// `tonnes`), as each figure says its own size.
pub fn unit_words(lang: Lang, unit: &str) -> String {
    match lang {
        Lang::Zh => unit.to_owned(),
        Lang::En => multiplier(unit).1.to_owned(),
    }
}

/// A place in a ranking of `total`: `2nd of 11` / `第2名（共11个）`.
pub fn rank_of(lang: Lang, rank: u32, total: u32) -> String {
    match lang {
        Lang::Zh => format!("第{rank}名（共{total}个）"),
        Lang::En => format!("{} of {total}", ordinal(f64::from(rank))),
    }
}

/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `12th`, `13th`, `21st`, `112th`.
fn ordinal(v: f64) -> String {
    let n = v as u64;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The multiplier an English unit starts with, and the rest of the unit:
/// `10,000 tonnes` → (10,000, `tonnes`), `100 million yuan` → (10⁸, `yuan`).
fn multiplier(unit: &str) -> (f64, &str) {
    let Some((count, rest)) = unit.split_once(' ') else {
        return (1.0, unit);
    };
    if count.is_empty() || !count.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return (1.0, unit);
    }
    let Ok(n) = count.replace(',', "").parse::<f64>() else {
        return (1.0, unit);
    };
    let (scale, rest) = match rest.split_once(' ') {
        Some(("thousand", r)) => (1e3, r),
        Some(("million", r)) => (1e6, r),
        Some(("billion", r)) => (1e9, r),
        _ => (1.0, rest),
    };
    if rest.is_empty() || n <= 1.0 {
        (1.0, unit)
    } else {
        (n * scale, rest)
    }
}

fn english(v: f64, unit: &str) -> Figure {
    let (times, rest) = multiplier(unit);
    let whole = v * times;
    let big = whole.abs();
    let (by, word) = if times > 1.0 && big >= 1e9 {
        (1e9, Some("billion"))
    } else if times > 1.0 && big >= 1e6 {
        (1e6, Some("million"))
    } else {
        (1.0, None)
    };
    // Every digit the source printed, and no more: its decimals, moved by the multiplier
    // one way and by millions or billions the other (2289.7 万 → 22.897 million).
    let printed = plain(v).split_once('.').map_or(0, |(_, d)| d.len()) as i32;
    let shift = (by / times).log10().round() as i32;
    let decimals = usize::try_from((printed + shift).max(0)).unwrap_or(0);
    let value = grouped(whole / by, decimals);
    let unit = match word {
        Some(w) if rest.is_empty() => w.to_owned(),
        Some(w) => format!("{w} {rest}"),
        None if matches!(value.as_str(), "1" | "-1") => singular(rest),
        None => rest.to_owned(),
    };
    Figure { value, unit }
}

/// `240400` → `240,400`, with `decimals` places at most (trailing zeros dropped).
fn grouped(v: f64, decimals: usize) -> String {
    let text = fixed(v, decimals);
    let (sign, digits) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |d| ("-", d));
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// The unit said of one: `days` → `day`, `facilities` → `facility`, `recycling points` →
/// `recycling point`; symbols and words without a plural (`mu`, `yuan`, `µg/m³`) stay.
fn singular(unit: &str) -> String {
    let (head, last) = unit.rsplit_once(' ').map_or(("", unit), |(h, l)| (h, l));
    let one = if !last.chars().all(|c| c.is_ascii_lowercase()) {
        last.to_owned()
    } else if let Some(stem) = last.strip_suffix("ies") {
        format!("{stem}y")
    } else if last.ends_with("ss") || !last.ends_with('s') {
        last.to_owned()
    } else {
        last[..last.len() - 1].to_owned()
    };
    if head.is_empty() {
        one
    } else {
        format!("{head} {one}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(v: f64, unit: &str) -> String {
        figure(Lang::En, v, unit, false).to_string()
    }

    #[test]
    fn chinese_keeps_wan_and_yi() {
        assert_eq!(
            figure(Lang::Zh, 2289.7, "万元", false).to_string(),
            "2289.7万元"
        );
        assert_eq!(
            figure(Lang::Zh, 243.7, "亿元", false).to_string(),
            "243.7亿元"
        );
        assert_eq!(figure(Lang::Zh, 9.0, "名", true).to_string(), "9名");
        assert_eq!(figure(Lang::Zh, 66.9, "%", false).to_string(), "66.9%");
    }

    /// Every English unit the content uses, multiplied out where it carries 万 or 亿.
    #[test]
    fn english_units_of_ten_thousand_and_a_hundred_million_are_multiplied_out() {
        assert_eq!(en(2289.7, "10,000 yuan"), "22.897 million yuan");
        assert_eq!(en(398.2, "10,000 tonnes"), "3.982 million tonnes");
        assert_eq!(en(-398.2, "10,000 tonnes"), "-3.982 million tonnes");
        assert_eq!(en(24.04, "10,000 mu"), "240,400 mu");
        assert_eq!(en(1.0, "10,000 tonnes"), "10,000 tonnes");
        assert_eq!(en(243.7, "100 million yuan"), "24.37 billion yuan");
        assert_eq!(en(12.3456, "100 million yuan"), "1.23456 billion yuan");
        assert_eq!(en(100.0, "10,000 tonnes"), "1 million tonnes");
        assert_eq!(en(1234.5, "100 million yuan"), "123.45 billion yuan");
        assert_eq!(en(5.0, "100 million yuan"), "500 million yuan");
        assert_eq!(en(136.0, "10,000 actions"), "1.36 million actions");
        assert_eq!(en(0.35, "10,000 trees"), "3,500 trees");
        assert_eq!(en(12.5, "10,000 households"), "125,000 households");
        assert_eq!(en(3.0, "10,000 m³"), "30,000 m³");
        assert_eq!(en(1.2345, "10,000 m³"), "12,345 m³");
        assert_eq!(en(0.1235, "10,000 m³"), "1,235 m³");
        for (v, unit) in [
            (2289.7, "10,000 yuan"),
            (243.7, "100 million yuan"),
            (24.04, "10,000 mu"),
        ] {
            let s = en(v, unit);
            assert!(!s.contains("10,000 ") && !s.contains("100 million "), "{s}");
        }
    }

    #[test]
    fn english_units_agree_with_their_number() {
        assert_eq!(en(1.0, "days"), "1 day");
        assert_eq!(en(2.0, "days"), "2 days");
        assert_eq!(en(-1.0, "days"), "-1 day");
        assert_eq!(en(-1.5, "days"), "-1.5 days");
        assert_eq!(en(1.0, "facilities"), "1 facility");
        assert_eq!(en(1.0, "recycling points"), "1 recycling point");
        assert_eq!(en(1.0, "percentage points"), "1 percentage point");
        assert_eq!(en(1.5, "percentage points"), "1.5 percentage points");
        assert_eq!(en(1.0, "yuan"), "1 yuan");
        assert_eq!(en(1.0, "µg/m³"), "1 µg/m³");
        assert_eq!(en(1.0, "class"), "1 class");
        assert_eq!(en(0.0, "cases"), "0 cases");
    }

    #[test]
    fn english_numbers_are_grouped_and_signs_kept() {
        assert_eq!(en(66.9, "%"), "66.9%");
        assert_eq!(en(12345.0, "vehicles"), "12,345 vehicles");
        assert_eq!(en(-18.9, "%"), "-18.9%");
        assert_eq!(en(41.0, "µg/m³"), "41 µg/m³");
        assert_eq!(en(7.0, ""), "7");
    }

    #[test]
    fn english_axes_are_drawn_in_millions_or_in_full() {
        assert_eq!(
            axis_unit(Lang::En, "10,000 tonnes", 398.2),
            (0.01, "million tonnes".into())
        );
        assert_eq!(
            axis_unit(Lang::En, "10,000 mu", 24.04),
            (10_000.0, "mu".into())
        );
        assert_eq!(
            axis_unit(Lang::En, "100 million yuan", 243.7),
            (0.1, "billion yuan".into())
        );
        assert_eq!(axis_unit(Lang::En, "µg/m³", 41.0), (1.0, "µg/m³".into()));
        assert_eq!(axis_unit(Lang::Zh, "万吨", 398.2), (1.0, "万吨".into()));
        assert_eq!(unit_words(Lang::En, "10,000 tonnes"), "tonnes");
        assert_eq!(unit_words(Lang::En, "%"), "%");
        assert_eq!(unit_words(Lang::Zh, "万吨"), "万吨");
    }

    #[test]
    fn rankings_are_ordinals() {
        let rank = |v: f64| figure(Lang::En, v, "rank", true).to_string();
        assert_eq!(rank(1.0), "1st");
        assert_eq!(rank(2.0), "2nd");
        assert_eq!(rank(3.0), "3rd");
        assert_eq!(rank(9.0), "9th");
        assert_eq!(rank(11.0), "11th");
        assert_eq!(rank(12.0), "12th");
        assert_eq!(rank(13.0), "13th");
        assert_eq!(rank(21.0), "21st");
        assert_eq!(rank(102.0), "102nd");
        assert_eq!(rank_of(Lang::En, 2, 11), "2nd of 11");
        assert_eq!(rank_of(Lang::Zh, 2, 11), "第2名（共11个）");
    }

    #[test]
    fn plain_numbers_drop_trailing_zeros() {
        assert_eq!(plain(66.9), "66.9");
        assert_eq!(plain(240400.0), "240400");
        assert_eq!(plain(-18.9), "-18.9");
        assert_eq!(plain(0.1 + 0.2), "0.3");
        assert_eq!(plain(-0.00001), "0");
    }
}
