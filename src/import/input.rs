//! What editors bring, read into plain text lines: `.txt` in any of the encodings
//! Chinese files come in, saved web pages, Word files and PDF pages with a text layer.
//! Each reader says what it did, for the editor; the text then goes through
//! [`super::convert`] like any other.

use crate::messages;
use std::path::{Path, PathBuf};

pub use super::reading::{limits, Budget, Input, BOLD, TABLE_LINE};

/// File kinds import reads, by extension.
pub const EXTENSIONS: [&str; 5] = ["txt", "html", "htm", "docx", "pdf"];

/// The files to import from the paths given: files as they are, folders by the files
/// in them (not below them) whose extension import reads, in name order.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path)
                .map_err(|e| format!("{}: cannot read the folder: {e}", path.display()))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && kind_of(p).is_some())
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(messages::IMPORT_FOLDER_EMPTY.say(&[("folder", &path.display())]));
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn kind_of(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    EXTENSIONS.iter().copied().find(|e| *e == ext)
}

/// Reads one file by its extension (anything unknown is read as text), stopping with a
/// refusal once `budget` is spent.
pub fn read(path: &Path, budget: Budget) -> Result<Input, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| messages::IMPORT_CANNOT_READ.say(&[("why", &e)]))?
        .len();
    if size > limits::FILE_BYTES {
        return Err(messages::IMPORT_FILE_TOO_LARGE.say(&[
            ("size", &(size >> 20)),
            ("limit", &(limits::FILE_BYTES >> 20)),
        ]));
    }
    let bytes =
        std::fs::read(path).map_err(|e| messages::IMPORT_CANNOT_READ.say(&[("why", &e)]))?;
    let input = match kind_of(path) {
        Some("docx") => docx(&bytes, budget)?,
        Some("pdf") => super::pdf::read(&bytes, budget)?,
        kind => {
            if let Some(what) = not_text(&bytes) {
                return Err(what);
            }
            if matches!(kind, Some("html" | "htm")) {
                let (page, encoding) = decode(&bytes);
                // Readability parses the page in one call, which cannot be stopped
                // inside: the page is bounded by the file's size instead.
                let mut read = html(&page);
                budget.check()?;
                read.read_as = format!("{}, {encoding}", read.read_as);
                read
            } else {
                let (text, encoding) = decode(&bytes);
                Input {
                    text,
                    read_as: messages::IMPORT_READ_TEXT.say(&[("encoding", &encoding)]),
                    title: None,
                    notes: Vec::new(),
                    publication: None,
                }
            }
        }
    };
    if input.text.len() > limits::TEXT_BYTES {
        return Err(messages::IMPORT_TEXT_TOO_LONG.say(&[
            ("size", &(input.text.len() >> 20)),
            ("limit", &(limits::TEXT_BYTES >> 20)),
        ]));
    }
    Ok(input)
}

/// Why bytes that should be text are not (a file named `.txt` or `.html` that is an
/// image, an archive, an old Word file or any binary), judged on the start of the file
/// so a large one is refused at once.
pub fn not_text(bytes: &[u8]) -> Option<String> {
    let signatures: [(&[u8], &str); 8] = [
        (b"%PDF", "a PDF: rename it to .pdf"),
        (
            b"PK\x03\x04",
            "a zip archive (a .docx or .xlsx is one): give it its own extension",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "an old Office file (.doc, .xls): open it and save it as .docx",
        ),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x7FELF", "a program"),
        (b"{\\rtf", "an RTF file: open it and save it as .docx"),
    ];
    if let Some((_, what)) = signatures.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Some(messages::IMPORT_NOT_TEXT.say(&[("what", what)]));
    }
    // The start of the file decoded as the text reader would; control characters and
    // undecodable bytes are rare in text and everywhere in binary data.
    let mut head = &bytes[..bytes.len().min(64 << 10)];
    // Do not cut a UTF-16 unit or a multi-byte character in two: trim a few bytes.
    if head.len() < bytes.len() {
        head = &head[..head.len() - 4];
    }
    let (text, _) = decode(head);
    let (mut chars, mut odd) = (0usize, 0usize);
    for c in text.chars() {
        chars += 1;
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) {
            odd += 1;
        }
    }
    (odd * 50 > chars.max(1))
        .then(|| messages::IMPORT_NOT_TEXT_BYTES.say(&[("chars", &chars), ("odd", &odd)]))
}

/// Decodes text in the encodings Chinese files come in and names the one found: UTF-8
/// (with or without BOM), UTF-16 (by its BOM, or by the zero bytes of mostly-ASCII
/// lines), else GB18030, which includes GBK and GB2312.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let name = match encoding.name() {
            "UTF-8" => "UTF-8 (BOM)",
            "UTF-16LE" => "UTF-16LE (BOM)",
            _ => "UTF-16BE (BOM)",
        };
        return (text.into_owned(), name);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return (text.into_owned(), encoding.name());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), "UTF-8");
    }
    let (text, _, errors) = encoding_rs::GB18030.decode(bytes);
    let name = if errors {
        messages::IMPORT_GB_UNDECODABLE.text(messages::editor_lang())
    } else {
        "GB18030/GBK"
    };
    (text.into_owned(), name)
}

/// UTF-16 without a BOM: Chinese text in UTF-16 has zero bytes at the places of its
/// ASCII characters (line breaks, digits), all at even or all at odd offsets.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let zeros_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let pairs = bytes.len() / 2;
    if odd * 10 >= pairs && even == 0 {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs && odd == 0 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// A saved web page: the main text found by `dom_smoothie` (a port of Mozilla's
/// Readability, which scores the page's blocks by their text, links and class names),
/// one paragraph a line, after the page's title and published time. Import's own clean-up
/// then removes what Readability leaves (captions, share lines, copyright notices).
pub fn html(page: &str) -> Input {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        // Chinese says in 150 characters what Readability's default of 500 expects.
        char_threshold: 150,
        ..Default::default()
    };
    let article = dom_smoothie::Readability::new(page, None, Some(config.clone()))
        .and_then(|mut r| r.parse())
        .or_else(|_| {
            dom_smoothie::Readability::new(page, None, Some(config))
                .and_then(|mut r| r.parse_with_policy(dom_smoothie::ParsePolicy::Raw))
        });
    let Ok(article) = article else {
        return Input {
            text: String::new(),
            read_as: messages::IMPORT_READ_WEB_NO_TEXT.say(&[]),
            title: None,
            notes: Vec::new(),
            publication: None,
        };
    };
    let mut text = String::new();
    // The page's one `<h1>` is its headline; without one, its title less the site's name.
    let title = single_h1(page).or_else(|| page_title(&article.title));
    if let Some(t) = &title {
        text.push_str(t);
        text.push('\n');
    }
    if let Some(time) = &article.published_time {
        text.push_str(&format!("发布时间：{time}\n"));
    }
    if let Some(byline) = article.byline.as_deref().filter(|b| !b.trim().is_empty()) {
        text.push_str(&format!("作者：{}\n", byline.trim()));
    }
    // Readability leaves out the line under the headline that says when, where from and
    // by whom; it is taken from the page.
    for line in page_meta_lines(page) {
        if !article.text_content.contains(line.as_str()) {
            text.push_str(&line);
            text.push('\n');
        }
    }
    // The page's own address, which often holds its date (`/2024-08/15/`); import reads
    // the year from it and lists the line as removed.
    if let Some(address) = canonical_address(page) {
        text.push_str(&format!("本文链接：{address}\n"));
    }
    text.push('\n');
    for line in article.text_content.lines() {
        text.push_str(line.trim());
        text.push('\n');
    }
    Input {
        text,
        read_as: messages::IMPORT_READ_WEB.say(&[]),
        title,
        notes: Vec::new(),
        publication: site_name(&article.title),
    }
}

/// `<link rel="canonical" href="…">` or `<meta property="og:url" content="…">`.
fn canonical_address(page: &str) -> Option<String> {
    let doc = dom_query::Document::from(page);
    let canonical = doc.select(r#"link[rel="canonical"]"#).attr("href");
    let og = || doc.select(r#"meta[property="og:url"]"#).attr("content");
    canonical
        .or_else(og)
        .map(|a| a.trim().to_owned())
        .filter(|a| a.starts_with("http") && !a.contains(char::is_whitespace))
}

fn single_h1(page: &str) -> Option<String> {
    let doc = dom_query::Document::from(page);
    let heads = doc.select("h1");
    let texts: Vec<String> = heads
        .iter()
        .map(|h| h.text().split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| (6..=60).contains(&t.chars().count()))
        .collect();
    match texts.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// The publication lines of a page (`发布时间：… 来源：…`), wherever they are.
fn page_meta_lines(page: &str) -> Vec<String> {
    let doc = dom_query::Document::from(page);
    let mut lines: Vec<String> = Vec::new();
    for el in doc
        .select("body p, body div, body span, body li, body td, body time")
        .iter()
    {
        let text = el.text();
        let text = text.split_whitespace().collect::<Vec<_>>().join("  ");
        if text.chars().count() <= 90
            && super::web::is_meta_line(&text)
            && !lines
                .iter()
                .any(|l| l.contains(text.as_str()) || text.contains(l.as_str()))
        {
            lines.push(text);
        }
    }
    lines
}

/// A page's `<title>` cut where sites join the headline and their name (`_`, `|`, ` - `).
fn title_parts(title: &str) -> Vec<&str> {
    title
        .split(['_', '|', '｜'])
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(" — "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The site's name in a page's `<title>` (`标题_山西新闻网` → `山西新闻网`), when the part
/// after the headline names a paper, site or office.
fn site_name(title: &str) -> Option<String> {
    let parts = title_parts(title);
    let [.., headline, site] = parts.as_slice() else {
        return None;
    };
    let named = ["网", "报", "台", "在线", "厅", "局", "政府", "新闻"]
        .iter()
        .any(|e| site.ends_with(e));
    (named && site.chars().count() <= 12 && headline.chars().count() > site.chars().count())
        .then(|| (*site).to_owned())
}

/// A page's `<title>` without the site's name: `标题_山西新闻网` → `标题`.
fn page_title(title: &str) -> Option<String> {
    let title = title.trim();
    let parts = title_parts(title);
    let longest = parts.iter().max_by_key(|p| p.chars().count())?;
    Some((*longest).to_owned())
}

/// A Word file: paragraphs one a line, headings kept as `##` lines would be lost in
/// layout, so heading paragraphs are marked as short lines of their own; bold runs
/// between [`BOLD`] marks; tables as one [`TABLE_LINE`] line each.
pub fn docx(bytes: &[u8], budget: Budget) -> Result<Input, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| messages::IMPORT_NOT_DOCX.say(&[("why", &e)]))?;
    let part = zip
        .by_name("word/document.xml")
        .map_err(|_| messages::IMPORT_DOCX_NO_TEXT_PART.say(&[]))?;
    let xml = inflate_bounded(part, &messages::IMPORT_DOCX_TEXT_PART.say(&[]), budget)?;
    let xml = String::from_utf8(xml).map_err(|_| messages::IMPORT_DOCX_NOT_UTF8.say(&[]))?;
    let (text, title) = docx_text(&xml, budget)?;
    Ok(Input {
        text,
        read_as: messages::IMPORT_READ_DOCX.say(&[]),
        title,
        notes: Vec::new(),
        publication: None,
    })
}

/// Reads a decompressing stream to its end, or refuses once it gives more than
/// [`limits::INFLATED_BYTES`] (a file built to inflate to gigabytes is refused at the
/// limit, having used no more than it), or once `budget` is spent.
pub fn inflate_bounded(
    part: impl std::io::Read,
    what: &str,
    budget: Budget,
) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut out = Vec::new();
    budget
        .reader(part)
        .take(limits::INFLATED_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| match budget.check() {
            Err(refusal) => refusal,
            Ok(()) => messages::IMPORT_CANNOT_READ_PART.say(&[("what", &what), ("why", &e)]),
        })?;
    if out.len() as u64 > limits::INFLATED_BYTES {
        return Err(messages::IMPORT_INFLATES_TOO_MUCH
            .say(&[("what", &what), ("limit", &(limits::INFLATED_BYTES >> 20))]));
    }
    Ok(out)
}

/// The text of `word/document.xml`, and the paragraph styled `Title`, if any.
fn docx_text(xml: &str, budget: Budget) -> Result<(String, Option<String>), String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut title = None;
    let mut para = String::new();
    let mut style = String::new();
    let (mut bold, mut in_text) = (false, false);
    let mut run = String::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut table_depth = 0usize;
    let mut cell = String::new();
    // The last plain paragraph written and where in `out` it starts: a short one right
    // before a table is the table's caption and goes with it.
    let mut last_plain: Option<(usize, String)> = None;
    for n in 0usize.. {
        if n % 4096 == 0 {
            budget.check()?;
        }
        let event = reader
            .read_event()
            .map_err(|e| messages::IMPORT_DOCX_BROKEN.say(&[("why", &e)]))?;
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name();
                let local = name.local_name();
                let value = || {
                    e.attributes().filter_map(Result::ok).find_map(|a| {
                        (a.key.local_name().as_ref() == b"val")
                            .then(|| String::from_utf8_lossy(&a.value).into_owned())
                    })
                };
                match local.as_ref() {
                    b"tbl" => {
                        table_depth += 1;
                        if table_depth == 1 {
                            table.clear();
                        }
                    }
                    b"tr" if table_depth == 1 => table.push(Vec::new()),
                    b"tc" if table_depth == 1 => cell.clear(),
                    b"pStyle" => style = value().unwrap_or_default(),
                    b"b" => bold = !matches!(value().as_deref(), Some("0" | "false")),
                    b"t" => in_text = true,
                    b"tab" => run.push(' '),
                    b"br" => run.push(' '),
                    b"p" => {
                        para.clear();
                        style.clear();
                    }
                    b"r" => {
                        run.clear();
                        bold = false;
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                let t = t
                    .decode()
                    .map_err(|e| messages::IMPORT_DOCX_BROKEN.say(&[("why", &e)]))?;
                run.push_str(&t);
            }
            Event::GeneralRef(r) if in_text => {
                let entity = String::from_utf8_lossy(&r).into_owned();
                run.push_str(match entity.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                });
            }
            Event::End(e) => match e.name().local_name().as_ref() {
                b"t" => in_text = false,
                b"r" => {
                    if bold && !run.trim().is_empty() {
                        para.push(BOLD);
                        para.push_str(&run);
                        para.push(BOLD);
                    } else {
                        para.push_str(&run);
                    }
                    run.clear();
                }
                b"p" => {
                    let text = para.trim().replace(format!("{BOLD}{BOLD}").as_str(), "");
                    if table_depth > 0 {
                        if !cell.is_empty() && !text.is_empty() {
                            cell.push(' ');
                        }
                        cell.push_str(&text);
                    } else if !text.is_empty() {
                        let lower = style.to_ascii_lowercase();
                        let plain: String = text.chars().filter(|&c| c != BOLD).collect();
                        if lower == "title" && title.is_none() {
                            title = Some(plain.clone());
                        }
                        if lower == "title" || lower.starts_with("heading") {
                            // A heading stands alone: a blank line on each side.
                            out.push_str(&format!("\n{plain}\n\n"));
                        } else {
                            last_plain = Some((out.len(), text.clone()));
                            out.push_str(&text);
                            out.push('\n');
                        }
                    }
                }
                b"tc" if table_depth == 1 => {
                    if let Some(row) = table.last_mut() {
                        row.push(std::mem::take(&mut cell));
                    }
                }
                b"tbl" => {
                    table_depth = table_depth.saturating_sub(1);
                    if table_depth == 0 && !table.is_empty() {
                        let caption = last_plain.take().filter(|(at, text)| {
                            out.len() == at + text.len() + 1 && is_caption(text)
                        });
                        let mut line = table_line(&table);
                        if let Some((at, text)) = caption {
                            out.truncate(at);
                            line = format!("{TABLE_LINE}{text}{TABLE_LINE}{line}");
                        }
                        out.push_str(&format!("\n{line}\n\n"));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((out, title))
}

/// A table's caption: a short paragraph that is not a sentence (`表1 各片区湿地面积`), as
/// against one that leads into the table (`…见下表：`).
fn is_caption(text: &str) -> bool {
    let plain: String = text.chars().filter(|&c| c != BOLD).collect();
    let plain = plain.trim();
    (2..=50).contains(&plain.chars().count())
        && !plain.ends_with(['。', '：', ':', '；', '！', '？', '，'])
}

/// A table as a Markdown table on one line (rows separated by `\n` escapes are not
/// possible in a line, so rows are joined by [`TABLE_LINE`] too).
fn table_line(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let row = |cells: &[String]| {
        let mut s = String::from("|");
        for k in 0..columns {
            let cell = cells.get(k).map_or("", String::as_str);
            let cell: String = cell.chars().filter(|&c| c != BOLD).collect();
            s.push_str(&format!(" {} |", cell.replace('|', "\\|")));
        }
        s
    };
    let mut lines = vec![row(&rows[0])];
    lines.push(format!("|{}", " --- |".repeat(columns)));
    lines.extend(rows[1..].iter().map(|r| row(r)));
    let mut s = String::new();
    for l in lines {
        s.push(TABLE_LINE);
        s.push_str(&l);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_detected_and_named() {
        let text = "山西省生态环境厅\n2025年\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(decode(&gbk), (text.to_owned(), "GB18030/GBK"));
        assert_eq!(decode(text.as_bytes()), (text.to_owned(), "UTF-8"));
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&bom), (text.to_owned(), "UTF-8 (BOM)"));
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&le), (text.to_owned(), "UTF-16LE"));
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be), (text.to_owned(), "UTF-16BE"));
        let le_bom = [b"\xFF\xFE".as_slice(), &le].concat();
        assert_eq!(decode(&le_bom).1, "UTF-16LE (BOM)");
    }

    #[test]
    fn a_pages_one_h1_is_its_headline() {
        let page = "<html><head><title>山西省生态环境厅</title></head><body><div>首页</div><h1>太原汾河治理见成效</h1><p>发布时间：2023-05-06</p><p>今年以来，太原市持续推进汾河流域综合治理，水质明显改善，沿岸生态持续向好，群众满意度不断提高。汾河太原段的断面水质保持稳定。</p></body></html>";
        let read = html(page);
        assert_eq!(read.title.as_deref(), Some("太原汾河治理见成效"));
        assert!(read.text.contains("发布时间：2023-05-06"), "{}", read.text);
    }

    #[test]
    fn page_titles_lose_the_site_name() {
        assert_eq!(
            page_title("太原汾河治理见成效_山西新闻网").as_deref(),
            Some("太原汾河治理见成效")
        );
        assert_eq!(page_title(" ").as_deref(), None);
    }

    #[test]
    fn word_paragraphs_headings_bold_and_tables() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>汾河水质持续向好</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">今年，</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>太原</w:t></w:r><w:r><w:t>水质改善&amp;提升。</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>治理措施</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>断面</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>类别</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>温南社</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Ⅲ类</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
        let (text, title) = docx_text(xml, Budget::standard()).unwrap();
        assert_eq!(title.as_deref(), Some("汾河水质持续向好"));
        assert!(text.contains(&format!("今年，{BOLD}太原{BOLD}水质改善&提升。\n")));
        assert!(text.contains("\n治理措施\n"));
        let table = text.lines().find(|l| l.starts_with(TABLE_LINE)).unwrap();
        assert_eq!(
            table.split(TABLE_LINE).skip(1).collect::<Vec<_>>(),
            ["| 断面 | 类别 |", "| --- | --- |", "| 温南社 | Ⅲ类 |"]
        );
    }

    #[test]
    fn binary_bytes_are_not_text() {
        let mut noise = Vec::new();
        let mut x = 7u32;
        for _ in 0..200_000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            noise.push((x >> 16) as u8);
        }
        assert!(not_text(&noise).is_some_and(|m| messages::IMPORT_NOT_TEXT_BYTES.is_said(&m)));
        assert!(not_text(&vec![0u8; 4096]).is_some());
        assert!(not_text(b"\xD0\xCF\x11\xE0\xA1\xB1").is_some_and(|m| m.contains(".docx")));
        assert!(not_text(b"PK\x03\x04rest").is_some_and(|m| m.contains("zip")));
        for text in ["山西省生态环境厅\n2025年\n", "plain\ttext\r\n"] {
            assert_eq!(not_text(text.as_bytes()), None);
            let (gbk, _, _) = encoding_rs::GBK.encode(text);
            assert_eq!(not_text(&gbk), None);
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            assert_eq!(not_text(&le), None);
        }
    }

    #[test]
    fn a_word_bomb_is_refused_at_the_limit() {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .expect("zip");
        let block = vec![b'a'; 1 << 20];
        for _ in 0..(limits::INFLATED_BYTES >> 20) + 1 {
            zip.write_all(&block).expect("zip");
        }
        let bytes = zip.finish().expect("zip").into_inner();
        let e = docx(&bytes, Budget::standard()).expect_err("bomb");
        assert!(messages::IMPORT_INFLATES_TOO_MUCH.is_said(&e), "{e}");
    }

    #[test]
    fn broken_files_give_errors_not_panics() {
        assert!(docx(b"not a zip", Budget::standard()).is_err());
        assert!(super::super::pdf::read(b"%PDF-1.4 broken", Budget::standard()).is_err());
    }
}
