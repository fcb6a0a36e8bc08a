//! A derived figure written as the sum it was computed from: `66.9 - 6.7 percentage
//! points`, `36 + 4 × 1 µg/m³`. The numbers are the same in both languages; the unit is
//! given in the page's, and the sum must come to the figure's value.

use super::Bilingual;

/// The unit of a change in a share, which is not the share's own unit (`%`).
fn percentage_points() -> Bilingual {
    Bilingual {
        zh: "个百分点".into(),
        en: "percentage points".into(),
    }
}

/// A sum of numbers, with the operators as shown and its result.
#[derive(Debug, Clone, PartialEq)]
struct Sum {
    /// `66.9 − 6.7`, with typographic minus and times signs.
    shown: String,
    result: f64,
}

/// Reads `numbers [+ - × ÷ numbers…] [unit]`, the unit being the indicator's (in either
/// language) or percentage points. Returns the sum written in both languages.
pub fn parse(text: &str, unit: &Bilingual) -> Result<(Bilingual, f64), String> {
    let text = text.trim();
    let points = percentage_points();
    let units = [
        (unit.zh.as_str(), unit),
        (unit.en.as_str(), unit),
        (points.zh.as_str(), &points),
        (points.en.as_str(), &points),
    ];
    let (expression, unit) = units
        .iter()
        .filter(|(u, _)| !u.is_empty())
        .find_map(|(u, b)| text.strip_suffix(u).map(|rest| (rest, Some(*b))))
        .unwrap_or((text, None));
    let sum = sum(expression)?;
    let with = |u: Option<&str>| match u {
        Some(u) if !u.is_empty() => format!("{} {u}", sum.shown),
        _ => sum.shown.clone(),
    };
    Ok((
        Bilingual {
            zh: with(unit.map(|u| u.zh.as_str())),
            en: with(unit.map(|u| u.en.as_str())),
        },
        sum.result,
    ))
}

/// Evaluates `a op b op c…` with × and ÷ before + and −.
fn sum(expression: &str) -> Result<Sum, String> {
    let mut shown = String::new();
    let mut total = 0.0;
    let mut term = 1.0;
    let mut term_sign = 1.0;
    // What the next number does to the current term: multiply or divide it.
    let mut divide = false;
    let mut expect_number = true;
    let mut rest = expression.trim();
    while !rest.is_empty() {
        if expect_number {
            let end = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(rest.len());
            let number: f64 = rest[..end].parse().map_err(|_| {
                format!(
                    "`{}` is not a number",
                    rest.split(' ').next().unwrap_or(rest)
                )
            })?;
            term = if divide { term / number } else { term * number };
            shown.push_str(&rest[..end]);
            rest = rest[end..].trim_start();
            expect_number = false;
            continue;
        }
        let mut chars = rest.chars();
        let op = chars.next().unwrap_or(' ');
        let (symbol, adds) = match op {
            '+' => ("+", Some(1.0)),
            '-' | '−' => ("−", Some(-1.0)),
            '×' | '*' | 'x' => ("×", None),
            '÷' | '/' => ("÷", None),
            _ => return Err(format!("`{rest}` is neither an operator nor a known unit")),
        };
        match adds {
            Some(sign) => {
                total += term_sign * term;
                term_sign = sign;
                term = 1.0;
                divide = false;
            }
            None => divide = symbol == "÷",
        }
        shown.push_str(&format!(" {symbol} "));
        rest = chars.as_str().trim_start();
        expect_number = true;
    }
    if expect_number {
        return Err("the sum ends without a number".into());
    }
    Ok(Sum {
        shown,
        result: total + term_sign * term,
    })
}

/// Whether a computed sum is the figure as printed (allowing for binary rounding).
pub fn matches(result: f64, value: f64) -> bool {
    (result - value).abs() <= 1e-9 * value.abs().max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(zh: &str, en: &str) -> Bilingual {
        Bilingual {
            zh: zh.into(),
            en: en.into(),
        }
    }

    #[test]
    fn sums_are_written_in_each_language_and_computed() {
        let (text, result) = parse("35.1 + 30.5 µg/m³", &unit("微克/立方米", "µg/m³")).unwrap();
        assert_eq!(text.zh, "35.1 + 30.5 微克/立方米");
        assert_eq!(text.en, "35.1 + 30.5 µg/m³");
        assert!(matches(result, 65.6));
        let (text, result) = parse("66.9 - 6.7 percentage points", &unit("%", "%")).unwrap();
        assert_eq!(text.zh, "66.9 − 6.7 个百分点");
        assert!(matches(result, 60.2));
        let (text, result) =
            parse("36 + 4 × 1 微克/立方米", &unit("微克/立方米", "µg/m³")).unwrap();
        assert_eq!(text.en, "36 + 4 × 1 µg/m³");
        assert!(matches(result, 40.0));
        let (text, result) = parse("11 + 34", &unit("个", "villages")).unwrap();
        assert_eq!(text.en, "11 + 34");
        assert!(matches(result, 45.0));
        assert!(matches(
            parse("10 - 2 × 3 / 2", &unit("", "")).unwrap().1,
            7.0
        ));
    }

    #[test]
    fn words_and_broken_sums_are_refused() {
        let u = unit("天", "days");
        for bad in [
            "printed as a size of improvement",
            "312 - 34 weeks",
            "312 -",
            "",
            "Ⅳ类 (Class IV) recorded as 4",
            "2022 value 31, unchanged",
        ] {
            assert!(parse(bad, &u).is_err(), "{bad}");
        }
        assert!(!matches(parse("312 - 34 days", &u).unwrap().1, 279.0));
    }
}
