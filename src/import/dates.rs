//! Dates: the dateline of an article (`3月26日`), the year of the page, and the date a
//! draft gets, at the precision the text supports (a day is never invented).

use super::detect::Piece;
use super::Body;
use crate::model::PartialDate;

/// A date at the start of an article (`3月26日，…召开`, `2025年4月3日`): only in its
/// first sentence, where a dateline is; a date deeper in the text is a scene, not the
/// article's date. Returns (year if printed, month, day).
pub fn lead_date(first_para: &str) -> Option<(Option<i32>, u8, u8)> {
    let sentence = first_para.split('。').next().unwrap_or(first_para);
    let chars: Vec<char> = sentence.chars().collect();
    let number = |from: usize| -> (u32, usize) {
        let mut value = 0u32;
        let mut i = from;
        while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
            value = value.saturating_mul(10).saturating_add(d);
            i += 1;
        }
        (value, i)
    };
    let mut i = 0;
    while i < chars.len() {
        let starts_number = chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit());
        if !starts_number {
            i += 1;
            continue;
        }
        let (first, after) = number(i);
        let (year, month_at) = if chars.get(after) == Some(&'年') && after - i == 4 {
            (Some(first as i32), after + 1)
        } else {
            (None, i)
        };
        let (month, after_month) = number(month_at);
        if after_month > month_at && chars.get(after_month) == Some(&'月') {
            let (day, after_day) = number(after_month + 1);
            if after_day > after_month + 1
                && chars.get(after_day) == Some(&'日')
                && (1..=12).contains(&month)
                && (1..=31).contains(&day)
            {
                return Some((year, month as u8, day as u8));
            }
        }
        i = after.max(i + 1);
    }
    None
}

/// How the page's year was found, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSource {
    /// A year printed alone on the page.
    Printed,
    /// `2025年政府工作报告`, `2025年运城市政府工作报告`: the report of the year the page is from.
    WorkReport,
    /// The latest year the text mentions (targets such as 力争2027年 left out).
    Latest,
}

/// Years the text mentions as `2025年`, with the year of a government work report
/// (the page's own year) when there is one.
pub fn text_year(text: &str) -> Option<(i32, YearSource)> {
    let chars: Vec<char> = text.chars().collect();
    let mut latest = None;
    for i in 0..chars.len() {
        let is_year = i + 4 < chars.len()
            && chars[i..i + 4].iter().all(char::is_ascii_digit)
            && chars[i + 4] == '年'
            && (i == 0 || !chars[i - 1].is_ascii_digit());
        if !is_year {
            continue;
        }
        let year: i32 = chars[i..i + 4].iter().collect::<String>().parse().ok()?;
        if !(1949..=2100).contains(&year) {
            continue;
        }
        let after: String = chars[i + 5..].iter().take(10).collect();
        if after.contains("政府工作报告") && !after.contains('，') {
            return Some((year, YearSource::WorkReport));
        }
        let before: String = chars[i.saturating_sub(4)..i].iter().collect();
        let target = ["力争", "争取", "到", "至", "预计", "计划"]
            .iter()
            .any(|w| before.contains(w));
        if !target {
            latest = latest.max(Some(year));
        }
    }
    latest.map(|y| (y, YearSource::Latest))
}

/// The article's date: a dateline's month and day with the year it gives, else the
/// page's; without a dateline, the `--date` given, else the page's year alone.
pub fn article_date(
    piece: &Piece,
    page_year: Option<i32>,
    given: Option<PartialDate>,
) -> Option<PartialDate> {
    let first = piece.body.iter().find_map(|b| match b {
        Body::Para(t, _) => Some(t.as_str()),
        _ => None,
    });
    let lead = first.and_then(lead_date);
    if let Some((year, month, day)) = lead {
        let year = year.or(page_year).or(given.map(|g| g.year))?;
        let date = PartialDate::parse(&format!("{year:04}-{month:02}-{day:02}")).ok();
        if date.is_some() {
            return date;
        }
    }
    match (given, page_year) {
        (Some(g), Some(y)) if g.year != y => Some(PartialDate {
            year: y,
            month: None,
            day: None,
        }),
        (Some(g), _) => Some(g),
        (None, Some(y)) => Some(PartialDate {
            year: y,
            month: None,
            day: None,
        }),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::detect::segment;
    use crate::import::lines::blocks;

    fn pieces(raw: &str) -> Vec<Piece> {
        segment(&blocks(raw).1).0
    }

    const KXDB: &str = "科学导报讯 为提高晋中市城区扬尘污染精细化管\n\n理水平，有效管控颗粒物污染，3 月 26 日，晋中市生态\n\n环境局召开市城区扬尘污染治理工作会议。 王梅\n\n扬尘治理再加码\n\n科学导报讯 3 月 27 日，吕梁市生态环境局召开全\n\n体党员大会，补选调整了第一届机关党委机关纪委。 郝苗锋\n\n坚持以党建“红”引领生态“绿”\n";

    #[test]
    fn dates_come_from_the_dateline_with_the_page_year() {
        let p = pieces(KXDB);
        let date = article_date(&p[0], Some(2025), None).map(|d| d.to_string());
        assert_eq!(date.as_deref(), Some("2025-03-26"));
        let given = PartialDate::parse("2024-05").ok();
        assert_eq!(
            article_date(&p[1], None, given)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2024-03-27")
        );
        assert_eq!(
            lead_date("2025年4月3日，会议召开"),
            Some((Some(2025), 4, 3))
        );
        assert_eq!(lead_date("会议召开。3月14日一大早"), None);
    }

    #[test]
    fn a_year_alone_never_gets_an_invented_day() {
        let piece = Piece {
            body: vec![Body::Para("运城依黄河而生。".into(), 1)],
            ..Piece::default()
        };
        let date = article_date(&piece, Some(2025), None);
        assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("2025"));
        assert_eq!(article_date(&piece, None, None), None);
    }

    #[test]
    fn the_page_year_prefers_the_work_report_and_skips_targets() {
        assert_eq!(
            text_year("2024年，全年改善。2025年运城市政府工作报告提出"),
            Some((2025, YearSource::WorkReport))
        );
        assert_eq!(
            text_year("2025年，成效显著。力争2027年底实现采补平衡"),
            Some((2025, YearSource::Latest))
        );
        assert_eq!(text_year("没有年份"), None);
    }
}
