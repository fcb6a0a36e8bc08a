//! Import: raw newspaper text (OCR or copied from a PDF) → draft articles for an editor.
//!
//! Pure stages, each testable on a string: [`lines`] finds the layout and joins broken
//! lines into blocks ([`text`] cleans them); [`detect`] splits the page into articles
//! and finds headlines and bylines; [`people`] and [`dates`] read the text of each;
//! [`tag`] finds places, topics and figures; [`draft`] renders the file. [`convert`]
//! runs them; [`write_draft`] is the only I/O.

pub mod byline;
pub mod dates;
pub mod detect;
pub mod draft;
pub mod english;
pub mod files;
pub mod hanzi;
pub mod input;
pub mod lines;
pub mod pdf;
pub mod people;
pub mod reading;
pub mod record;
pub mod recorded;
pub mod table;
pub mod tag;
pub mod text;
pub mod web;

mod assemble;

use crate::messages;
use assemble::*;

use crate::date::PartialDate;
use crate::load::raw::{RawCity, RawTopic};
use input::Budget;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::editorial::PLACEHOLDER_TITLE;

/// Places and topics to tag drafts with (from `cities.yaml` and `topics.yaml`).
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub cities: Vec<CityNames>,
    pub topics: Vec<TopicWords>,
}

#[derive(Debug, Clone)]
pub struct CityNames {
    pub id: String,
    pub zh: String,
    /// `province`, `prefecture` or `county`.
    pub level: String,
    /// The Chinese name and the aliases.
    pub names: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct TopicWords {
    pub id: String,
    pub zh: String,
    pub keywords: Vec<String>,
}

impl Registry {
    pub fn new(cities: &[RawCity], topics: &[RawTopic]) -> Self {
        Registry {
            cities: cities
                .iter()
                .map(|c| CityNames {
                    id: c.id.clone(),
                    zh: c.zh.clone(),
                    level: c.level.clone(),
                    names: std::iter::once(c.zh.clone())
                        .chain(c.aliases.iter().cloned())
                        .collect(),
                })
                .collect(),
            topics: topics
                .iter()
                .map(|t| TopicWords {
                    id: t.id.clone(),
                    zh: t.zh.clone(),
                    keywords: t.keywords.clone(),
                })
                .collect(),
        }
    }

    fn city(&self, id: &str) -> Option<&CityNames> {
        self.cities.iter().find(|c| c.id == id)
    }
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// `--date`: the year for dates printed without one, and the date of drafts whose
    /// text gives none.
    pub date: Option<PartialDate>,
    /// Name of the raw file, for the notes in the draft.
    pub source_file: String,
    /// The headline the file names itself (a web page's title, a Word title).
    pub title: Option<String>,
    /// Keep traditional characters instead of converting them to simplified ones.
    pub keep_traditional: bool,
    /// What reading the file did (running headers removed, text not read), for the
    /// draft's notes.
    pub read_notes: Vec<String>,
    /// The publication the file names outside its text (a web page's site name), used
    /// when the text names none.
    pub publication: Option<String>,
}

/// Something the importer did or doubts, at a line of the raw text (0: the whole text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: usize,
    pub message: String,
}

impl Note {
    pub fn new(line: usize, message: impl Into<String>) -> Self {
        Note {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "原文第{}行 / line {} of the raw text: ",
                self.line, self.line
            )?;
        }
        f.write_str(&self.message)
    }
}

/// A part of an article's body.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// A section heading (`##`).
    Heading(String),
    /// A paragraph and the raw line it starts at.
    Para(String, usize),
    /// A byline kept as printed: `（记者 武玲芳）`.
    Byline(String),
    /// A Markdown table (from a Word file), written as it is.
    Table(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub name: String,
    pub role: String,
}

/// A figure found in the text, for the editor to turn into an indicator observation.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub value: String,
    /// May be empty (an index such as 4.35).
    pub unit: String,
    pub sentence: String,
    /// Where the figure starts in the text it was found in, in characters.
    pub at: usize,
    /// Where the figure is already recorded (filled by [`recorded::annotate`]).
    pub recorded: Vec<String>,
}

/// One draft article.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The proposed file name (without `.zh.md`); [`write_draft`] may add a number.
    pub slug: String,
    pub title: String,
    pub subtitle: Option<String>,
    /// `None` when neither the text nor `--date` gives a year.
    pub date: Option<PartialDate>,
    pub cities: Vec<String>,
    pub topics: Vec<String>,
    pub publication: Option<String>,
    pub page_title: Option<String>,
    pub reporters: Vec<String>,
    pub people: Vec<Person>,
    pub summary: Option<String>,
    pub body: Vec<Body>,
    pub facts: Vec<Fact>,
    /// What the editor should check, in plain words (Chinese / English).
    pub warnings: Vec<String>,
    pub source_file: String,
    /// First and last line of the raw text the draft came from.
    pub lines: (usize, usize),
}

impl Draft {
    pub fn paragraphs(&self) -> usize {
        self.body
            .iter()
            .filter(|b| matches!(b, Body::Para(..)))
            .count()
    }

    /// The running text of the draft (paragraphs only).
    pub fn text(&self) -> String {
        paragraphs_text(&self.body)
    }
}

/// The paragraphs of a body, one per line (headings and bylines left out).
fn paragraphs_text(body: &[Body]) -> String {
    body.iter()
        .filter_map(|b| match b {
            Body::Para(t, _) => Some(t.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What one file gave: how it was read and its drafts.
#[derive(Debug, Clone)]
pub struct Imported {
    pub read_as: String,
    pub drafts: Vec<Draft>,
}

/// Reads one file and turns it into drafts, all within one time budget (`limit`,
/// [`input::limits::SECONDS`] for the command and the desk): the work runs on a thread of
/// its own ([`within`]), every reader checks the budget in its loops, and the text
/// pipeline does not start once it is spent, so no input keeps the editor waiting past
/// it or keeps working after the refusal.
pub fn read_and_convert(
    path: &Path,
    registry: &Registry,
    opts: &ImportOptions,
    limit: std::time::Duration,
) -> Result<Imported, String> {
    let (path, registry, base) = (path.to_path_buf(), registry.clone(), opts.clone());
    within(limit, move |budget| {
        let read = input::read(&path, budget)?;
        budget.check()?;
        let opts = ImportOptions {
            title: read.title,
            read_notes: read.notes,
            publication: read.publication,
            ..base
        };
        Ok(Imported {
            read_as: read.read_as,
            drafts: convert_within(&read.text, &registry, &opts, Some(budget))?,
        })
    })
}

/// Runs `work` on a thread of its own under a [`Budget`] of `limit`. Past the budget the
/// caller gets the refusal at once; the work, which checks the same budget, stops soon
/// after and its result is dropped.
fn within<T: Send + 'static>(
    limit: std::time::Duration,
    work: impl FnOnce(Budget) -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    let budget = Budget::new(limit);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("import".into())
        // The receiver is gone when the budget ran out: nothing left to tell.
        .spawn(move || drop(tx.send(work(budget))))
        .map_err(|e| format!("cannot start the import: {e}"))?;
    match rx.recv_timeout(limit) {
        Ok(result) => result,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(budget.refusal()),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            Err(messages::IMPORT_STOPPED.say(&[]))
        }
    }
}

/// Turns the raw text of one page into draft articles (none if it holds no running text).
pub fn convert(raw: &str, registry: &Registry, opts: &ImportOptions) -> Vec<Draft> {
    // Without a budget nothing stops it.
    convert_within(raw, registry, opts, None).unwrap_or_default()
}

/// [`convert`], stopping between its stages with the refusal once `budget` is spent.
fn convert_within(
    raw: &str,
    registry: &Registry,
    opts: &ImportOptions,
    budget: Option<Budget>,
) -> Result<Vec<Draft>, String> {
    let in_time = || budget.map_or(Ok(()), |b| b.check());
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let (raw, mut early) = characters(raw, opts);
    early.splice(0..0, opts.read_notes.iter().cloned());
    let (raw, lifted) = byline::lift_own_line_datelines(&raw);
    early.extend(lifted.iter().map(Note::to_string));
    let (raw, tables) = take_tables(&raw);
    in_time()?;
    let cleaned = web::clean(&raw, opts.title.as_deref());
    early.extend(cleaned.notes.iter().map(Note::to_string));
    in_time()?;
    let (_layout, blocks, mut notes) = lines::blocks(&cleaned.text);
    in_time()?;
    let (mut pieces, page) = detect::segment(&blocks);
    in_time()?;
    // A page without running text (only headlines or credits) gives no draft.
    pieces.retain(|p| p.body.iter().any(|b| matches!(b, Body::Para(..))));
    if cleaned.web && pieces.len() > 1 {
        // A web copy is one article: what looked like the next one is more of it.
        pieces = vec![detect::merge(pieces)];
    }
    let whole: String = blocks
        .iter()
        .filter_map(|b| match b {
            lines::Block::Para { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n");
    // The page's own address (a `本文链接` line, a saved page's canonical link) dates it
    // better than the years its text mentions.
    let address_year = dates::address_year(&raw);
    let (page_year, year_note) = match (page.year_mark, dates::text_year(&whole), opts.date) {
        (Some(y), _, _) => (Some(y), None),
        (None, Some((y, dates::YearSource::WorkReport)), _) => (Some(y), None),
        (None, _, None) if address_year.is_some() => (address_year, None),
        (None, _, Some(given)) => (Some(given.year), None),
        (None, Some((y, _)), None) => (
            Some(y),
            Some(format!(
                "年份 {y} 是正文提到的最近年份，请核对 / the year {y} is the latest the text mentions: check it (or pass --date)"
            )),
        ),
        (None, None, None) => (None, None),
    };
    let mut drafts = Vec::new();
    for mut piece in pieces {
        in_time()?;
        // Notes from the layout stage go to the draft whose lines they are in.
        let (mine, rest): (Vec<Note>, Vec<Note>) = notes
            .drain(..)
            .partition(|n| n.line >= piece.first_line && n.line <= piece.last_line);
        notes = rest;
        piece.notes.extend(mine);
        drafts.push(draft_from(
            piece,
            page_year,
            year_note.as_deref(),
            &cleaned,
            registry,
            opts,
        ));
    }
    for (line, table) in &tables {
        let owner = drafts.iter().rposition(|d| d.lines.0 <= *line).unwrap_or(0);
        if let Some(d) = drafts.get_mut(owner) {
            put_table(d, *line, table);
        }
    }
    if let Some(first) = drafts.first_mut() {
        first.warnings.extend(notes.iter().map(Note::to_string));
        // What was done to the whole text comes first.
        first.warnings.splice(0..0, early);
    }
    move_stray_decks(&mut drafts, registry);
    for d in &mut drafts {
        let body = d.text();
        let text = format!(
            "{}\n{}\n{}",
            d.title,
            d.subtitle.as_deref().unwrap_or(""),
            &body[byline::dateline(&body).end..]
        );
        let (cities, warning) = pick_cities(&text, registry);
        d.cities = cities;
        d.warnings.extend(warning);
        let date = d
            .date
            .map_or_else(|| "undated".to_owned(), |d| d.to_string());
        let main_city = d.cities.first().map_or("", String::as_str);
        d.slug = draft::slug(&date, main_city, &d.title);
    }
    Ok(drafts)
}

/// Repairs pinyin-in-brackets debris and turns traditional characters into simplified
/// ones (unless asked to keep them); returns the text and notes on what was done.
fn characters(raw: &str, opts: &ImportOptions) -> (String, Vec<String>) {
    let mut notes = Vec::new();
    let (text, pinyin) = hanzi::strip_pinyin_brackets(raw);
    if pinyin > 0 {
        notes.push(format!(
            "删去了 {pinyin} 处字后括号里的拼音（转换出错的痕迹，如“發(fā)”）/ removed {pinyin} pinyin syllables in brackets after characters (debris of a broken converter, as in 發(fā))"
        ));
    }
    let script = hanzi::simplify(&text);
    if !script.is_traditional() {
        return (text, notes);
    }
    if opts.keep_traditional {
        notes.push(format!(
            "原文是繁体字（{} 个字有简体），按 --keep-traditional 保留 / the text is in traditional characters ({} have a simplified form), kept as asked",
            script.traditional, script.traditional
        ));
        return (text, notes);
    }
    notes.push(format!(
        "原文是繁体字，已转为简体（OpenCC，{} 个字），请核对人名地名 / the text was in traditional characters and was converted to simplified ({} characters, OpenCC): check names; --keep-traditional keeps them",
        script.traditional, script.traditional
    ));
    (script.simplified, notes)
}

/// Takes the table lines out of the text (each becomes a blank line, so line numbers
/// stay) and returns them with their line numbers.
fn take_tables(raw: &str) -> (String, Vec<(usize, String)>) {
    if !raw.contains(input::TABLE_LINE) {
        return (raw.to_owned(), Vec::new());
    }
    let mut text = String::with_capacity(raw.len());
    let mut tables = Vec::new();
    for (i, line) in raw.lines().enumerate() {
        match line.strip_prefix(input::TABLE_LINE) {
            Some(rows) => {
                let rows: Vec<&str> = rows.split(input::TABLE_LINE).collect();
                tables.push((i + 1, rows.join("\n")));
            }
            None => text.push_str(line),
        }
        text.push('\n');
    }
    (text, tables)
}

/// Puts a table after the paragraph printed before it.
fn put_table(draft: &mut Draft, line: usize, table: &str) {
    let at = draft
        .body
        .iter()
        .rposition(|b| matches!(b, Body::Para(_, l) if *l < line))
        .map_or(0, |p| p + 1);
    draft.body.insert(at, Body::Table(table.to_owned()));
}

/// Writes `draft` into `dir` as `<slug>.zh.md`, never over an existing file: when the
/// slug is taken (by a Chinese or English file), `-2`, `-3`, … is added. Returns the path.
pub fn write_draft(draft: &Draft, dir: &Path) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let text = draft.to_markdown();
    for n in 1..1000 {
        let slug = if n == 1 {
            draft.slug.clone()
        } else {
            format!("{}-{n}", draft.slug)
        };
        if dir.join(format!("{slug}.en.md")).exists() {
            continue;
        }
        let path = dir.join(format!("{slug}.zh.md"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(text.as_bytes())?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        format!(
            "every name from {}.zh.md to {}-999.zh.md is taken",
            draft.slug, draft.slug
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The import's refusal past its budget, naming `seconds` (in either language).
    fn said_too_slow(err: &str, seconds: &str) -> bool {
        err == messages::IMPORT_TOO_SLOW.say(&[("seconds", &seconds)])
    }

    #[test]
    fn one_time_budget_covers_reading_and_the_text_pipeline() {
        // A crafted input that is slow to lay out: 2 MB of short lines, each a candidate
        // headline, dateline or figure. Its budget is far below what it needs.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("slow.txt");
        let line = "太原市2025年3月26日电 记者 张三 PM2.5浓度为35.1微克/立方米\n";
        std::fs::write(&path, line.repeat((2 << 20) / line.len())).unwrap();
        let registry = Registry::default();
        let opts = ImportOptions::default();
        let short = std::time::Duration::from_millis(50);
        let err = read_and_convert(&path, &registry, &opts, short).unwrap_err();
        assert!(said_too_slow(&err, "0.05"), "{err}");
        // The pipeline itself stops between its stages once the budget is spent.
        let text = std::fs::read_to_string(&path).unwrap();
        let spent = Budget::new(std::time::Duration::ZERO);
        let stopped = convert_within(&text, &registry, &opts, Some(spent));
        assert!(said_too_slow(&stopped.unwrap_err(), "0"));
        // A small file within the budget gives its drafts.
        let small = dir.path().join("small.txt");
        std::fs::write(&small, "晋中空气质量持续改善\n\n2025年，晋中市PM2.5平均浓度为35微克/立方米，同比下降10.1%。全市优良天数比例为70.2%。\n").unwrap();
        let ok =
            read_and_convert(&small, &registry, &opts, std::time::Duration::from_secs(20)).unwrap();
        assert_eq!(ok.drafts.len(), 1);
    }

    #[test]
    fn past_the_budget_the_reader_stops_soon_after_the_refusal() {
        // A Word file whose text is 48 MB of short paragraphs: inflating and reading it
        // takes seconds, far past a budget of 0.2 s.
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let deflated = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", deflated).unwrap();
        zip.write_all(b"<w:document><w:body>").unwrap();
        let paragraph = "<w:p><w:r><w:t>太原市空气质量持续改善。</w:t></w:r></w:p>";
        let block = paragraph.repeat((1 << 20) / paragraph.len());
        for _ in 0..48 {
            zip.write_all(block.as_bytes()).unwrap();
        }
        zip.write_all(b"</w:body></w:document>").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.docx");
        std::fs::write(&path, zip.finish().unwrap().into_inner()).unwrap();

        let ended = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = ended.clone();
        let limit = std::time::Duration::from_millis(200);
        let err = within(limit, move |budget| {
            let read = input::read(&path, budget);
            flag.store(true, std::sync::atomic::Ordering::SeqCst);
            read
        })
        .unwrap_err();
        assert!(said_too_slow(&err, "0.2"), "{err}");
        // The reader saw the budget spent and ended: the flag is set within a second of
        // the refusal (reading the whole file takes several).
        let refused = std::time::Instant::now();
        while !ended.load(std::sync::atomic::Ordering::SeqCst) {
            assert!(
                refused.elapsed() < std::time::Duration::from_secs(1),
                "the reader kept working after the refusal"
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }

    fn registry() -> Registry {
        let city = |id: &str, zh: &str, alias: &str, level: &str| CityNames {
            id: id.into(),
            zh: zh.into(),
            level: level.into(),
            names: vec![zh.into(), alias.into()],
        };
        let topic = |id: &str, words: &[&str]| TopicWords {
            id: id.into(),
            zh: id.into(),
            keywords: words.iter().map(|w| w.to_string()).collect(),
        };
        Registry {
            cities: vec![
                city("shanxi", "山西省", "山西", "province"),
                city("taiyuan", "太原市", "太原", "prefecture"),
                city("jinzhong", "晋中市", "晋中", "prefecture"),
                city("yuncheng", "运城市", "运城", "prefecture"),
            ],
            topics: vec![
                topic("air", &["空气", "扬尘"]),
                topic("water", &["水质", "断面"]),
                topic("policy", &["政府工作报告"]),
            ],
        }
    }

    fn opts(date: Option<&str>) -> ImportOptions {
        ImportOptions {
            date: date.and_then(|d| PartialDate::parse(d).ok()),
            source_file: "raw.txt".into(),
            ..ImportOptions::default()
        }
    }

    #[test]
    fn several_datelines_make_several_drafts() {
        let raw = "2025\n\n科学导报讯 3月26日，晋中市召开扬尘治理会议，要求改善空气质量。 王梅\n\n扬尘治理再加码\n\n科学导报讯 4月3日，太原市生态环境局召开会议，部署断面水质提升工作。 王家隆\n\n水质提升\n";
        let drafts = convert(raw, &registry(), &opts(None));
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[0].title, "扬尘治理再加码");
        assert_eq!(drafts[0].cities, ["jinzhong"]);
        assert_eq!(drafts[0].topics, ["air"]);
        assert_eq!(
            drafts[0].date.map(|d| d.to_string()).as_deref(),
            Some("2025-03-26")
        );
        assert_eq!(drafts[0].slug, "2025-03-26-jinzhong-yangchenzhili");
        assert_eq!(drafts[1].title, "水质提升");
        assert_eq!(drafts[1].cities, ["taiyuan"]);
        assert_eq!(drafts[1].publication.as_deref(), Some("科学导报"));
        assert_eq!(drafts[1].reporters, ["王家隆"]);
    }

    /// A portal whose topics.yaml has no `policy` (the demo's) gets a topic it has, never
    /// an id `check` would refuse.
    #[test]
    fn no_topic_falls_back_to_a_topic_of_the_registry() {
        let mut registry = registry();
        registry.topics.retain(|t| t.id != "policy");
        let first = registry.topics[0].id.clone();
        let drafts = convert(
            "会议强调，要切实提高认识。\n",
            &registry,
            &opts(Some("2025")),
        );
        assert_eq!(drafts[0].topics, std::slice::from_ref(&first));
        assert!(drafts[0]
            .warnings
            .iter()
            .any(|w| w.contains(&format!("tagged `{first}`"))));
        registry.topics.clear();
        let drafts = convert(
            "会议强调，要切实提高认识。\n",
            &registry,
            &opts(Some("2025")),
        );
        assert!(drafts[0].topics.is_empty());
        assert!(drafts[0].warnings.iter().any(|w| w.contains("topics.yaml")));
    }

    #[test]
    fn no_place_gives_the_province_and_no_topic_gives_policy_with_warnings() {
        let drafts = convert(
            "会议强调，要切实提高认识。\n",
            &registry(),
            &opts(Some("2025")),
        );
        assert_eq!(drafts[0].cities, ["shanxi"]);
        assert_eq!(drafts[0].topics, ["policy"]);
        assert!(drafts[0]
            .warnings
            .iter()
            .any(|w| w.contains("tagged `shanxi`")));
        assert!(drafts[0]
            .warnings
            .iter()
            .any(|w| w.contains("tagged `policy`")));
        assert!(drafts[0].warnings.iter().any(|w| w.contains("no headline")));
    }

    #[test]
    fn the_province_is_tagged_only_when_nothing_more_precise_is_named() {
        let drafts = convert(
            "山西省和晋中市的空气质量持续改善。\n",
            &registry(),
            &opts(Some("2025")),
        );
        assert_eq!(drafts[0].cities, ["jinzhong"]);
    }

    #[test]
    fn a_deck_naming_another_articles_place_moves_there() {
        let raw = "运城依黄河而生，因黄河而兴，运城的断面水质持续改善。 程国媛\n\n以绿为笔 书写河东大地锦绣答卷\n\n太原市的空气质量持续改善，太原扬尘管控成效明显。 任晓明\n\n太原：一城绿韵织锦绣\n\n———运城积极创建黄河流域生态保护和高质量发展先行区\n";
        let drafts = convert(raw, &registry(), &opts(Some("2025")));
        assert_eq!(drafts.len(), 2);
        assert_eq!(
            drafts[0].subtitle.as_deref(),
            Some("运城积极创建黄河流域生态保护和高质量发展先行区")
        );
        assert_eq!(drafts[1].subtitle, None);
        assert_eq!(drafts[1].cities, ["taiyuan"]);
    }

    #[test]
    fn without_any_year_the_draft_has_no_date_and_says_so() {
        let drafts = convert("运城的空气质量持续改善。\n", &registry(), &opts(None));
        assert_eq!(drafts[0].date, None);
        assert!(drafts[0].warnings.iter().any(|w| w.contains("--date")));
        let drafts = convert(
            "运城的空气质量持续改善。\n",
            &registry(),
            &opts(Some("2024-05")),
        );
        assert_eq!(
            drafts[0].date.map(|d| d.to_string()).as_deref(),
            Some("2024-05")
        );
    }

    #[test]
    fn a_year_printed_alone_dates_the_page() {
        let raw = "2026\n\n运城的空气质量持续改善，2025年成效显著，力争2027年底达标。\n";
        let drafts = convert(raw, &registry(), &opts(None));
        assert_eq!(
            drafts[0].date.map(|d| d.to_string()).as_deref(),
            Some("2026")
        );
        let raw = "运城的空气质量持续改善，2024年成效显著，力争2027年底达标。\n";
        let drafts = convert(raw, &registry(), &opts(None));
        assert_eq!(
            drafts[0].date.map(|d| d.to_string()).as_deref(),
            Some("2024")
        );
        assert!(drafts[0]
            .warnings
            .iter()
            .any(|w| w.contains("latest the text mentions")));
    }

    #[test]
    fn facts_and_warnings_reach_the_draft() {
        let raw = "2025年，运城市优良天数比例为66.9%，同比增加6.7个百分点，全市水质断面达标\n";
        let drafts = convert(raw, &registry(), &opts(None));
        let d = &drafts[0];
        assert_eq!(d.facts.len(), 2);
        assert!(d
            .warnings
            .iter()
            .any(|w| w.contains("stops without punctuation")));
        let md = d.to_markdown();
        assert!(md.contains("#   - 66.9% | "));
    }

    #[test]
    fn odd_input_gives_no_panic() {
        for raw in [
            "",
            "\n\n\n",
            "话题",
            "话题：",
            "——",
            "姻",
            "姻 ",
            "(记者)",
            "（记者 ）",
            "_{",
            "PM_{}",
            "PM₁",
            "V类",
            "芋类",
            "。",
            "2026",
            "99999年9月99日",
            "科学导报讯",
            "讯",
            " 王梅",
            "a\u{FFFD}b\u{3400}c\u{20000}",
            "1.\n\n#\n\n---\n\n- 列表",
            "标题\n——副标题\n\n正文没有标点",
        ] {
            for date in [None, Some("2025-02-28")] {
                let drafts = convert(raw, &registry(), &opts(date));
                for d in &drafts {
                    let _ = d.to_markdown();
                }
            }
        }
        assert!(convert("扬尘治理再加码\n\n策划:路丽华\n", &registry(), &opts(None)).is_empty());
    }

    #[test]
    fn write_draft_never_overwrites() {
        let dir = tempfile::tempdir().expect("temp dir");
        let drafts = convert(
            "运城的空气质量持续改善。\n\n空气更好\n",
            &registry(),
            &opts(Some("2025")),
        );
        let first = write_draft(&drafts[0], dir.path()).expect("write");
        std::fs::write(&first, "edited by hand").expect("edit");
        let second = write_draft(&drafts[0], dir.path()).expect("write");
        assert_ne!(first, second);
        assert!(second.to_string_lossy().ends_with("-2.zh.md"));
        assert_eq!(
            std::fs::read_to_string(&first).expect("read"),
            "edited by hand"
        );
    }
}
