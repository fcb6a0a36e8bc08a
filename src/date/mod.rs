//! Dates at the precision a clipping gives: a year, a month or a day; and dates as
//! Chinese text writes them, found in running text.

mod written;
pub use written::{dates_in, Found};

use crate::lang::Lang;
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The years a date may name: four digits alone would let `0000` through (published as
/// "0年") and `9999-12-31` (a feed updated in 9999).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the date exists.
    pub fn parse(s: &str) -> Result<Self, String> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let number = |p: &str, what: &str, len: usize| -> Result<u32, String> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("the {what} `{p}` must be {len} digits"));
            }
            p.parse()
                .map_err(|_| format!("the {what} `{p}` is not a number"))
        };
        if parts.is_empty() || parts.len() > 3 {
            return Err("expected YYYY, YYYY-MM or YYYY-MM-DD".into());
        }
        let year = number(parts[0], "year", 4)? as i32;
        if !YEARS.contains(&year) {
            return Err(format!(
                "the year {year:04} is outside {}–{}",
                YEARS.start(),
                YEARS.end()
            ));
        }
        let month = match parts.get(1) {
            Some(p) => {
                let m = number(p, "month", 2)? as u8;
                if !(1..=12).contains(&m) {
                    return Err(format!("month {m} does not exist"));
                }
                Some(m)
            }
            None => None,
        };
        let day = match (parts.get(2), month) {
            (Some(p), Some(m)) => {
                let d = number(p, "day", 2)? as u8;
                if d == 0 || d > days_in_month(year, m) {
                    return Err(format!("{year}-{m:02} has no day {d}"));
                }
                Some(d)
            }
            _ => None,
        };
        Ok(PartialDate { year, month, day })
    }

    /// The first day the date can mean, as `YYYY-MM-DD` (feeds need a full date).
    pub fn first_day(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }

    /// Shown at its precision: 2025年4月8日 / 2025年4月 / 2025年.
    pub fn display_zh(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{}年{}月{}日", self.year, m, d),
            (Some(m), None) => format!("{}年{}月", self.year, m),
            _ => format!("{}年", self.year),
        }
    }

    /// Shown at its precision in a page's language.
    pub fn display(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.display_zh(),
            Lang::En => self.display_en(),
        }
    }

    /// Shown at its precision: 8 April 2025 / April 2025 / 2025.
    pub fn display_en(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{} {} {}", d, MONTHS[m as usize - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[m as usize - 1], self.year),
            _ => self.year.to_string(),
        }
    }
}

impl fmt::Display for PartialDate {
    /// The machine form, at its precision (for `<time datetime>`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// Today's date (UTC) by the system clock, as (year, month, day). Used to reject future
/// years in content and to date new scaffolds; never written into the build output.
pub fn today() -> (i32, u8, u8) {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Civil-from-days (Howard Hinnant).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        (yoe + era * 400 + i64::from(month <= 2)) as i32,
        month as u8,
        day as u8,
    )
}

pub fn current_year() -> i32 {
    today().0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(
            PartialDate::parse("2025").unwrap(),
            PartialDate {
                year: 2025,
                month: None,
                day: None
            }
        );
        assert_eq!(PartialDate::parse("2025-04").unwrap().month, Some(4));
        assert_eq!(PartialDate::parse("2024-02-29").unwrap().day, Some(29));
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2025-13",
            "2025-02-29",
            "2025-04-31",
            "25",
            "2025-4",
            "2025-04-08-01",
            "abcd",
            "",
            "2025-00",
            "0000",
            "0001-01-01",
            "1899-12-31",
            "2101",
            "9999-12-31",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad} should be rejected");
        }
        for edge in ["1900-01-01", "2100-12-31"] {
            assert!(PartialDate::parse(edge).is_ok(), "{edge}");
        }
    }

    #[test]
    fn displays_at_precision() {
        let d = PartialDate::parse("2025-04-08").unwrap();
        assert_eq!(d.display_zh(), "2025年4月8日");
        assert_eq!(d.display_en(), "8 April 2025");
        assert_eq!(d.to_string(), "2025-04-08");
        let m = PartialDate::parse("2025-04").unwrap();
        assert_eq!(
            (m.display_zh(), m.display_en(), m.first_day()),
            ("2025年4月".into(), "April 2025".into(), "2025-04-01".into())
        );
        let y = PartialDate::parse("2025").unwrap();
        assert_eq!(
            (y.display_zh(), y.display_en(), y.to_string()),
            ("2025年".into(), "2025".into(), "2025".into())
        );
    }

    #[test]
    fn current_year_is_plausible() {
        assert!((2024..2200).contains(&current_year()));
    }
}
