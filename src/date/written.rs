//! Dates as Chinese text prints them (`2025年3月5日`, `二〇二五年三月`, `3月26日`,
//! `2025/3/5`), found in running text: import reads a draft's date with them, and the
//! editor's hints answer a date written the Chinese way with how to write it.

use super::PartialDate;

/// A date printed in the text, at the precision printed (a month and day need not
/// have a year, a year and month need not have a day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Found {
    /// As a partial date when it has a year (a day never without its month).
    pub fn partial(&self) -> Option<PartialDate> {
        let year = self.year?;
        let text = match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{year:04}-{m:02}"),
            _ => format!("{year:04}"),
        };
        PartialDate::parse(&text).ok()
    }
}

/// A digit of a year in any of the ways it is printed: `2`, `２`, `二`, `〇`, `零`, and
/// the letter O that stands for zero in `二OO八年`.
fn year_digit(c: char) -> Option<u32> {
    if let Some(d) = c.to_digit(10) {
        return Some(d);
    }
    if ('０'..='９').contains(&c) {
        return Some(c as u32 - '０' as u32);
    }
    match c {
        '〇' | '零' | 'O' | 'o' | 'Ｏ' | '○' => Some(0),
        _ => "一二三四五六七八九"
            .chars()
            .position(|x| x == c)
            .map(|p| p as u32 + 1),
    }
}

/// A number of a month or day at `i`: digits (`3`, `03`, `２８`) or Chinese numerals
/// (`三`, `十二`, `二十八`, `廿八`). Returns the value and the index after it.
fn small_number(chars: &[char], i: usize) -> Option<(u32, usize)> {
    let digit = |c: char| {
        c.to_digit(10)
            .or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))
    };
    let mut j = i;
    let mut value = 0u32;
    while let Some(d) = chars.get(j).copied().and_then(digit) {
        value = value.saturating_mul(10).saturating_add(d);
        j += 1;
    }
    if j > i {
        return (j - i <= 2).then_some((value, j));
    }
    let unit = |c: char| {
        "一二三四五六七八九"
            .chars()
            .position(|x| x == c)
            .map(|p| p as u32 + 1)
    };
    let (tens, mut j) = match (chars.get(i), chars.get(i + 1)) {
        (Some('十'), _) => (1, i + 1),
        (Some('廿'), _) => (2, i + 1),
        (Some('卅'), _) => (3, i + 1),
        (Some(&c), Some('十')) if unit(c).is_some() => (unit(c)?, i + 2),
        (Some(&c), _) => return unit(c).map(|u| (u, i + 1)),
        (None, _) => return None,
    };
    let mut value = tens * 10;
    if let Some(u) = chars.get(j).copied().and_then(unit) {
        value += u;
        j += 1;
    }
    Some((value, j))
}

/// Every date printed in `text`: `2022-07-23`, `2022/7/23`, `2022.07.23`,
/// `2022年7月23日`, `二〇〇八年四月五日`, `2025年3月`, `3月28日`, `四月五日`.
pub fn dates_in(text: &str) -> Vec<Found> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match date_at(&chars, i) {
            Some((date, end)) => {
                found.push(date);
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

/// The date starting at `i`, and the index after it.
fn date_at(chars: &[char], i: usize) -> Option<(Found, usize)> {
    let after_digit = i > 0 && year_digit(chars[i - 1]).is_some();
    if after_digit {
        return None;
    }
    // A year: four digits followed by 年 or by a separator and a month.
    let year_digits: Option<Vec<u32>> = (0..4)
        .map(|k| chars.get(i + k).copied().and_then(year_digit))
        .collect();
    if let Some(digits) = year_digits {
        let year = digits.iter().fold(0, |y, d| y * 10 + d) as i32;
        let next = chars.get(i + 4).copied();
        let ascii_year = chars[i..i + 4].iter().all(char::is_ascii_digit);
        if (1900..=2100).contains(&year) && year_digit(next.unwrap_or(' ')).is_none() {
            if next == Some('年') {
                let mut date = Found {
                    year: Some(year),
                    month: None,
                    day: None,
                };
                let mut end = i + 5;
                if let Some((m, after)) = small_number(chars, end) {
                    if chars.get(after) == Some(&'月') && (1..=12).contains(&m) {
                        date.month = Some(m as u8);
                        end = after + 1;
                        if let Some((d, after)) = small_number(chars, end) {
                            if matches!(chars.get(after), Some('日' | '号'))
                                && (1..=31).contains(&d)
                            {
                                date.day = Some(d as u8);
                                end = after + 1;
                            }
                        }
                    }
                }
                return Some((date, end));
            }
            if ascii_year && matches!(next, Some('-' | '/' | '.')) {
                let sep = next?;
                let (m, after) = small_number(chars, i + 5)?;
                if !(1..=12).contains(&m) {
                    return None;
                }
                let mut date = Found {
                    year: Some(year),
                    month: Some(m as u8),
                    day: None,
                };
                let mut end = after;
                if chars.get(after) == Some(&sep) {
                    if let Some((d, after_day)) = small_number(chars, after + 1) {
                        if (1..=31).contains(&d) {
                            date.day = Some(d as u8);
                            end = after_day;
                        }
                    }
                } else if sep == '.' {
                    // `2025.3` is more likely a number than a month.
                    return None;
                }
                return Some((date, end));
            }
        }
    }
    // A month and day without a year.
    let (m, after) = small_number(chars, i)?;
    if chars.get(after) != Some(&'月') || !(1..=12).contains(&m) {
        return None;
    }
    let (d, after_day) = small_number(chars, after + 1)?;
    if matches!(chars.get(after_day), Some('日' | '号')) && (1..=31).contains(&d) {
        let date = Found {
            year: None,
            month: Some(m as u8),
            day: Some(d as u8),
        };
        return Some((date, after_day + 1));
    }
    None
}
