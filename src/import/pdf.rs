//! The text layer of a PDF, as government offices publish them: fonts with an embedded
//! map to Unicode (`ToUnicode`), and the predefined Chinese, Japanese and Korean CMaps of
//! fonts the reader's PDF viewer supplies (`STSong-Light` with `UniGB-UCS2-H`,
//! `GBK-EUC-H`, …), which carry no map of their own. Glyphs are placed on the page to
//! find lines, paragraphs, headlines (a larger size) and the running headers and footers
//! that repeat on every page; those are removed and listed.
//!
//! Objects are parsed by `lopdf`; decoding the page streams, fonts and layout is ours
//! (see the README for why). Nothing here may panic on a damaged file, and every stream
//! is inflated under [`limits`].

mod cmap;
mod layout;

use super::reading::{limits, Budget, Input};
use crate::messages;
use cmap::Font;
use layout::Glyph;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::BTreeMap;

/// Reads a PDF's text layer into lines and paragraphs; a PDF without one (a scan) is
/// refused with a message that says to run OCR. Reading stops once `budget` is spent.
pub fn read(bytes: &[u8], budget: Budget) -> Result<Input, String> {
    // lopdf parses object streams as it loads; a parser panic on a damaged file must end
    // this file's import, not the whole run (the reading below is our own and checked).
    let loaded = std::panic::catch_unwind(|| Document::load_mem(bytes));
    let doc = match loaded {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(messages::IMPORT_PDF_UNREADABLE.say(&[("why", &e)])),
        Err(_) => return Err(messages::IMPORT_PDF_DAMAGED.say(&[])),
    };
    // lopdf opens a file locked with an empty user password (permissions only, as many
    // offices publish); one that needs a password to open is refused.
    if doc.is_encrypted() && !doc.was_encrypted() {
        return Err(messages::IMPORT_PDF_PASSWORD.say(&[]));
    }
    let pages = doc.get_pages();
    if pages.len() > limits::PDF_PAGES {
        return Err(messages::IMPORT_PDF_TOO_MANY_PAGES
            .say(&[("pages", &pages.len()), ("limit", &limits::PDF_PAGES)]));
    }
    let mut reader = Reader {
        doc: &doc,
        inflated: 0,
        budget,
        notes: Vec::new(),
    };
    let mut glyphs_by_page = Vec::new();
    for &page in pages.values() {
        reader.in_time()?;
        glyphs_by_page.push(reader.page(page)?);
    }
    let laid = layout::lay_out(&glyphs_by_page);
    let letters = laid.text.chars().filter(|c| c.is_alphanumeric()).count();
    if letters < 20 {
        let mut message = messages::IMPORT_PDF_NO_TEXT.say(&[]);
        if let Some(why) = reader.notes.first() {
            message.push_str(&format!(" ({why})"));
        }
        return Err(message);
    }
    let mut notes = reader.notes;
    notes.extend(
        laid.removed
            .iter()
            .map(|line| format!("已删去页眉或页脚 / removed a running header or footer: {line}")),
    );
    Ok(Input {
        text: laid.text,
        read_as: messages::IMPORT_READ_PDF.say(&[("pages", &pages.len())]),
        title: laid.title,
        notes,
        publication: None,
    })
}

struct Reader<'a> {
    doc: &'a Document,
    /// Bytes inflated so far, against [`limits::INFLATED_BYTES`].
    inflated: u64,
    budget: Budget,
    notes: Vec<String>,
}

/// How deep Form XObjects may nest (each may draw another).
const FORM_DEPTH: usize = 4;

impl Reader<'_> {
    /// The glyphs one page draws, in the order it draws them.
    fn page(&mut self, page: ObjectId) -> Result<Vec<Glyph>, String> {
        let mut data = Vec::new();
        for id in self.doc.get_page_contents(page) {
            if let Ok(Object::Stream(stream)) = self.doc.get_object(id) {
                data.extend(self.stream_data(stream)?);
                data.push(b'\n');
            }
        }
        let resources = page_resources(self.doc, page);
        let mut glyphs = Vec::new();
        let mut state = layout::State::default();
        self.run(&data, &resources, &mut state, &mut glyphs, 0)?;
        Ok(glyphs)
    }

    /// Runs a content stream's text operators, adding the glyphs drawn to `out`.
    fn run(
        &mut self,
        data: &[u8],
        resources: &[&Dictionary],
        state: &mut layout::State,
        out: &mut Vec<Glyph>,
        depth: usize,
    ) -> Result<(), String> {
        let Ok(content) = lopdf::content::Content::decode(data) else {
            self.note("a page's drawing instructions do not parse; its text is missing");
            return Ok(());
        };
        let mut fonts: BTreeMap<Vec<u8>, Font> = BTreeMap::new();
        let mut current: Option<Vec<u8>> = None;
        for (k, op) in content.operations.iter().enumerate() {
            if k % 4096 == 0 {
                self.in_time()?;
            }
            let nums: Vec<f64> = op
                .operands
                .iter()
                .filter_map(|o| o.as_float().ok().map(f64::from))
                .collect();
            match op.operator.as_str() {
                "Tf" => {
                    if let (Some(Object::Name(name)), Some(size)) =
                        (op.operands.first(), nums.first())
                    {
                        if !fonts.contains_key(name) {
                            let font = self.font(resources, name);
                            fonts.insert(name.clone(), font);
                        }
                        current = Some(name.clone());
                        state.font_size = *size;
                    }
                }
                "Tj" | "'" | "\"" => {
                    if op.operator == "'" {
                        state.next_line();
                    } else if op.operator == "\"" {
                        if let [w, c, ..] = nums[..] {
                            state.word_spacing = w;
                            state.char_spacing = c;
                        }
                        state.next_line();
                    }
                    if let (Some(Object::String(bytes, _)), Some(font)) = (
                        op.operands.last(),
                        current.as_ref().and_then(|n| fonts.get(n)),
                    ) {
                        state.show(font, bytes, out);
                    }
                }
                "TJ" => {
                    let (Some(Ok(items)), Some(font)) = (
                        op.operands.first().map(Object::as_array),
                        current.as_ref().and_then(|n| fonts.get(n)),
                    ) else {
                        continue;
                    };
                    for item in items {
                        match item {
                            Object::String(bytes, _) => state.show(font, bytes, out),
                            other => {
                                if let Ok(n) = other.as_float() {
                                    state.kern(f64::from(n));
                                }
                            }
                        }
                    }
                }
                "Do" if depth < FORM_DEPTH => {
                    if let Some(Object::Name(name)) = op.operands.first() {
                        self.form(resources, name, state, out, depth)?;
                    }
                }
                other => state.apply(other, &nums),
            }
        }
        Ok(())
    }

    /// Draws a Form XObject (a reusable drawing that may hold text).
    fn form(
        &mut self,
        resources: &[&Dictionary],
        name: &[u8],
        state: &mut layout::State,
        out: &mut Vec<Glyph>,
        depth: usize,
    ) -> Result<(), String> {
        let doc = self.doc;
        let Some(stream) = resources.iter().find_map(|r| {
            let xobjects = deref(doc, r.get(b"XObject").ok()?)?.as_dict().ok()?;
            deref(doc, xobjects.get(name).ok()?)?.as_stream().ok()
        }) else {
            return Ok(());
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
            return Ok(());
        }
        let data = self.stream_data(stream)?;
        let mut own: Vec<&Dictionary> = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| deref(doc, r))
            .and_then(|r| r.as_dict().ok())
            .into_iter()
            .collect();
        own.extend(resources.iter().copied());
        let matrix: Vec<f64> = stream
            .dict
            .get(b"Matrix")
            .and_then(Object::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|o| o.as_float().ok().map(f64::from))
                    .collect()
            })
            .unwrap_or_default();
        let saved = state.clone();
        if matrix.len() == 6 {
            state.apply("cm", &matrix);
        }
        self.run(&data, &own, state, out, depth + 1)?;
        *state = saved;
        Ok(())
    }

    /// A font of the resources by its name, read once per stream.
    fn font(&mut self, resources: &[&Dictionary], name: &[u8]) -> Font {
        let doc = self.doc;
        let dict = resources.iter().find_map(|r| {
            let fonts = deref(doc, r.get(b"Font").ok()?)?.as_dict().ok()?;
            deref(doc, fonts.get(name).ok()?)?.as_dict().ok()
        });
        let Some(dict) = dict else {
            return Font::unknown();
        };
        let mut stream = |s: &lopdf::Stream| self.stream_data(s).ok();
        let (font, problem) = Font::new(doc, dict, &mut stream);
        if let Some(problem) = problem {
            self.note(&problem);
        }
        font
    }

    /// A stream's bytes, inflated under the limit. Streams in filters other than Flate
    /// (rare for page text) are skipped with a note.
    fn stream_data(&mut self, stream: &lopdf::Stream) -> Result<Vec<u8>, String> {
        let filters: Vec<&[u8]> = match stream.dict.get(b"Filter") {
            Err(_) => Vec::new(),
            Ok(Object::Name(n)) => vec![n.as_slice()],
            Ok(Object::Array(a)) => a.iter().filter_map(|o| o.as_name().ok()).collect(),
            Ok(_) => Vec::new(),
        };
        let mut data = stream.content.clone();
        for filter in filters {
            data = match filter {
                b"FlateDecode" | b"Fl" => {
                    let left = limits::INFLATED_BYTES.saturating_sub(self.inflated);
                    let out = inflate_lenient(&data, left, self.budget);
                    // A stream cut short by the budget: the refusal, not a part of it.
                    self.in_time()?;
                    if out.len() as u64 > left {
                        return Err(messages::IMPORT_PDF_BOMB
                            .say(&[("limit", &(limits::INFLATED_BYTES >> 20))]));
                    }
                    out
                }
                other => {
                    let name = String::from_utf8_lossy(other).into_owned();
                    self.note(&format!(
                        "a stream compressed with {name} was not read; text in it is missing"
                    ));
                    return Ok(Vec::new());
                }
            };
        }
        self.inflated += data.len() as u64;
        Ok(data)
    }

    /// The PDF's own refusal once the budget is spent.
    fn in_time(&self) -> Result<(), String> {
        if self.budget.spent() {
            return Err(messages::IMPORT_PDF_TOO_SLOW.say(&[("seconds", &self.budget.seconds())]));
        }
        Ok(())
    }

    fn note(&mut self, message: &str) {
        let note = format!("PDF: {message}");
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }
}

/// Inflates zlib data to at most `limit + 1` bytes (one more says the limit was passed),
/// keeping what came out before any damage (a truncated or badly checksummed stream
/// still gives its text), and stopping when `budget` is spent.
fn inflate_lenient(data: &[u8], limit: u64, budget: Budget) -> Vec<u8> {
    let out = read_lenient(budget.reader(flate2::read::ZlibDecoder::new(data)), limit);
    if out.is_empty() && data.len() > 2 {
        // A raw deflate stream without the zlib header.
        let raw = flate2::read::DeflateDecoder::new(&data[2..]);
        return read_lenient(budget.reader(raw), limit);
    }
    out
}

/// Reads up to `limit + 1` bytes, stopping quietly at the first error.
fn read_lenient(reader: impl std::io::Read, limit: u64) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    let mut reader = reader.take(limit + 1);
    let mut buf = [0u8; 16 << 10];
    loop {
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    out
}

/// The resource dictionaries of a page, its own first, then those it inherits.
fn page_resources(doc: &Document, page: ObjectId) -> Vec<&Dictionary> {
    let mut found = Vec::new();
    let mut node = doc.get_dictionary(page).ok();
    // The page tree is shallow; the bound stops a loop of parents.
    for _ in 0..32 {
        let Some(dict) = node else { break };
        if let Some(r) = dict
            .get(b"Resources")
            .ok()
            .and_then(|r| deref(doc, r))
            .and_then(|r| r.as_dict().ok())
        {
            found.push(r);
        }
        node = dict
            .get(b"Parent")
            .ok()
            .and_then(|p| deref(doc, p))
            .and_then(|p| p.as_dict().ok());
    }
    found
}

/// An object, or the object a reference points to (references to references followed
/// a few times).
fn deref<'a>(doc: &'a Document, mut object: &'a Object) -> Option<&'a Object> {
    for _ in 0..8 {
        match object {
            Object::Reference(id) => object = doc.get_object(*id).ok()?,
            other => return Some(other),
        }
    }
    None
}

#[cfg(test)]
mod tests;
