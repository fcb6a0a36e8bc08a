//! Dates: the dateline of an article (`3月26日`), the year of the page, and the date a
//! draft gets, at the precision the text supports (a day is never invented).

use super::detect::Piece;
use super::Body;
use crate::date::{dates_in, Found, PartialDate};

/// A date at the start of an article (`3月26日，…召开`, `2025年4月3日`, `四月五日电`):
/// only in its first sentence, where a dateline is; a date deeper in the text is a
/// scene, not the article's date. Returns (year if printed, month, day).
pub fn lead_date(first_para: &str) -> Option<(Option<i32>, u8, u8)> {
    let sentence = first_para.split('。').next().unwrap_or(first_para);
    dates_in(sentence)
        .into_iter()
        .find_map(|d| Some((d.year, d.month?, d.day?)))
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

/// The year in a page's own address, as news sites file pages by date:
/// `/content/2024-08/15/content_1.htm`, `/2024/08/15/`, `/202408/t20240815_1.html`,
/// `/20240815/`. Only an address with a month after the year counts (a bare `2024` may
/// be an id).
pub fn address_year(text: &str) -> Option<i32> {
    for line in text.lines() {
        let Some(at) = line.find("http://").or_else(|| line.find("https://")) else {
            continue;
        };
        let url = line[at..].split_whitespace().next().unwrap_or("");
        let groups: Vec<&str> = url
            .split(|c: char| !c.is_ascii_digit())
            .filter(|g| !g.is_empty())
            .collect();
        let year = |g: &str| g.parse::<i32>().ok().filter(|y| (1990..=2100).contains(y));
        let month = |g: &str| g.parse::<u8>().ok().filter(|m| (1..=12).contains(m));
        for (k, g) in groups.iter().enumerate() {
            let found = match g.len() {
                8 | 6 => year(&g[..4]).filter(|_| month(&g[4..6]).is_some()),
                4 => year(g).filter(|_| {
                    groups
                        .get(k + 1)
                        .is_some_and(|m| m.len() == 2 && month(m).is_some())
                }),
                _ => None,
            };
            if found.is_some() {
                return found;
            }
        }
    }
    None
}

/// The article's date and a note on where it came from. `--date` is used exactly as
/// given. Else the day printed on a publication line (`发布时间：2022-07-23`), else the
/// dateline's day (`3月26日`, `北京三月二十八日电`) with the year printed with it, on
/// the publication line or on the page; else the publication line's month or year, else
/// the page's year. A day is never invented.
pub fn article_date(
    piece: &Piece,
    page_year: Option<i32>,
    given: Option<PartialDate>,
    published: Option<Found>,
) -> (Option<PartialDate>, Option<String>) {
    let first = piece.body.iter().find_map(|b| match b {
        Body::Para(t, _) => Some(t.as_str()),
        _ => None,
    });
    let lead = first.and_then(lead_date);
    let published_date = published.and_then(|p| p.partial());
    if let Some(g) = given {
        let printed = published_date.or_else(|| {
            let (y, m, d) = lead?;
            Found {
                year: y.or(page_year),
                month: Some(m),
                day: Some(d),
            }
            .partial()
        });
        let note = printed.filter(|p| *p != g).map(|p| {
            format!("日期按 --date 用 {g}；文中印的是 {p} / the date is --date {g} as given; the text prints {p}")
        });
        return (Some(g), note);
    }
    let dateline = lead.and_then(|(y, m, d)| {
        // A dateline later in the year than the publication day is from the year before.
        let year = y
            .or_else(|| {
                let p = published?;
                let py = p.year?;
                Some(if p.month.is_some_and(|pm| m > pm) {
                    py - 1
                } else {
                    py
                })
            })
            .or(page_year)?;
        Found {
            year: Some(year),
            month: Some(m),
            day: Some(d),
        }
        .partial()
    });
    if let Some(p) = published_date.filter(|p| p.day.is_some()) {
        let note = match dateline {
            Some(d) if d != p => format!("日期用的是发布日期 {p}；电头日期是 {d} / the date is the publication day {p}; the dateline says {d}"),
            _ => format!("日期用的是发布日期 {p} / the date is the publication day {p}"),
        };
        return (Some(p), Some(note));
    }
    if let Some(d) = dateline {
        let note = match published_date {
            Some(p) => format!("日期用的是电头日期 {d}；发布日期印为 {p} / the date is the dateline's day {d}; the publication line says {p}"),
            None => format!("日期用的是正文开头的日期 {d} / the date is the dateline's day {d}"),
        };
        return (Some(d), Some(note));
    }
    if published_date.is_some() {
        return (published_date, None);
    }
    let year_only = page_year.map(|y| PartialDate {
        year: y,
        month: None,
        day: None,
    });
    (year_only, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_page_addresses() {
        for (text, year) in [
            (
                "本文链接：http://www.sxgov.cn/content/2024-08/15/content_13579246.htm",
                Some(2024),
            ),
            (
                "https://sthjt.shanxi.gov.cn/xxgk/202308/t20230815_123.shtml",
                Some(2023),
            ),
            ("原文 https://example.cn/2019/11/05/a.html 转载", Some(2019)),
            ("https://example.cn/news/20210301/abc.html", Some(2021)),
            ("https://example.cn/content_2024.htm", None),
            ("https://example.cn/a/12345678901.html", None),
            ("no address 2024-08-15", None),
        ] {
            assert_eq!(address_year(text), year, "{text}");
        }
    }
    use crate::import::detect::segment;
    use crate::import::lines::blocks;

    fn pieces(raw: &str) -> Vec<Piece> {
        segment(&blocks(raw).1).0
    }

    const KXDB: &str = "科学导报讯 为提高晋中市城区扬尘污染精细化管\n\n理水平，有效管控颗粒物污染，3 月 26 日，晋中市生态\n\n环境局召开市城区扬尘污染治理工作会议。 王梅\n\n扬尘治理再加码\n\n科学导报讯 3 月 27 日，吕梁市生态环境局召开全\n\n体党员大会，补选调整了第一届机关党委机关纪委。 郝苗锋\n\n坚持以党建“红”引领生态“绿”\n";

    #[test]
    fn dates_come_from_the_dateline_with_the_page_year() {
        let p = pieces(KXDB);
        let date = article_date(&p[0], Some(2025), None, None)
            .0
            .map(|d| d.to_string());
        assert_eq!(date.as_deref(), Some("2025-03-26"));
        // --date is used exactly as given; the note shows the printed date.
        let given = PartialDate::parse("2024-05").ok();
        let (date, note) = article_date(&p[1], Some(2024), given, None);
        assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("2024-05"));
        assert!(note.is_some_and(|n| n.contains("2024-03-27")));
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
        let date = article_date(&piece, Some(2025), None, None).0;
        assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("2025"));
        assert_eq!(article_date(&piece, None, None, None).0, None);
    }

    #[test]
    fn printed_dates_in_every_common_form() {
        let one = |s: &str| {
            dates_in(s)
                .first()
                .and_then(Found::partial)
                .map(|d| d.to_string())
        };
        assert_eq!(
            one("发布时间：2022-07-23 09:36:57").as_deref(),
            Some("2022-07-23")
        );
        assert_eq!(one("时间:2022/3/29").as_deref(), Some("2022-03-29"));
        assert_eq!(one("2009年04月06日 来源").as_deref(), Some("2009-04-06"));
        assert_eq!(one("二〇〇八年四月五日").as_deref(), Some("2008-04-05"));
        assert_eq!(one("二00八年").as_deref(), Some("2008"));
        assert_eq!(one("2025年3月").as_deref(), Some("2025-03"));
        assert_eq!(one("版本2.5.1"), None);
        assert_eq!(lead_date("太原四月五日电（任丽娜）"), Some((None, 4, 5)));
        assert_eq!(lead_date("本报北京3月28日电"), Some((None, 3, 28)));
        assert_eq!(
            lead_date("新华社太原十二月三十一日电"),
            Some((None, 12, 31))
        );
    }

    #[test]
    fn the_publication_day_wins_and_the_dateline_is_noted() {
        let piece = Piece {
            body: vec![Body::Para("本报北京3月28日电 会议召开。".into(), 1)],
            ..Piece::default()
        };
        let published = dates_in("2022-03-29").first().copied();
        let (date, note) = article_date(&piece, None, None, published);
        assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("2022-03-29"));
        assert!(note.is_some_and(|n| n.contains("2022-03-28")));
        let month_only = dates_in("2022年3月").first().copied();
        let (date, _) = article_date(&piece, None, None, month_only);
        assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("2022-03-28"));
        let (date, _) = article_date(&piece, None, None, None);
        assert_eq!(date, None);
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
