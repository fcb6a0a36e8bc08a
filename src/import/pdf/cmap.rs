//! A PDF font as text: how the bytes of a string split into character codes, what
//! Unicode text each code stands for, and how wide it is.
//!
//! The text comes from the font's `ToUnicode` map when it has one; else from its
//! encoding: a predefined CMap of Chinese, Japanese or Korean fonts names the encoding
//! of the codes themselves (`UniGB-UCS2-H`: UCS-2; `UniGB-UTF16-H`: UTF-16;
//! `GBK-EUC-H`, `GB-EUC-H`, `GBpc-EUC-H`: GBK/GB18030 bytes; `B5pc-H`, `ETen-B5-H`: Big5;
//! `90ms-RKSJ-H`: Shift-JIS; `KSC-EUC-H`: EUC-KR), and a simple font's encoding
//! (`WinAnsiEncoding` and its `Differences`) names its glyphs.

use lopdf::{Dictionary, Document, Object, Stream};
use std::collections::HashMap;

use super::deref;

/// How a string's bytes split into codes.
#[derive(Debug, Clone)]
enum Split {
    /// One byte a code (simple fonts).
    One,
    /// Two bytes a code (Identity, UCS-2).
    Two,
    /// UTF-16BE: two bytes, or four for a surrogate pair.
    Utf16,
    /// Legacy double-byte encodings: one byte below `lead`, else two; GB18030's four-byte
    /// codes when the second byte is a digit.
    Lead { lead: u8, four_byte: bool },
    /// The code space ranges of an embedded CMap: (length, low, high).
    Ranges(Vec<(usize, u32, u32)>),
}

/// What a code means when the font has no `ToUnicode` entry for it.
#[derive(Debug, Clone)]
enum Fallback {
    None,
    Ucs2,
    Utf16,
    /// The code's bytes in a character encoding.
    Legacy(&'static encoding_rs::Encoding),
    /// A simple font's 256 codes.
    Table(Box<[Option<char>; 256]>),
}

#[derive(Debug, Clone)]
pub struct Font {
    split: Split,
    to_unicode: Option<ToUnicode>,
    fallback: Fallback,
    widths: Widths,
    /// A simple font: byte 32 is a word space (word spacing applies to it).
    simple: bool,
}

/// One character code of a string, as text, with its advance in thousandths of the
/// font size.
pub struct Code {
    pub text: String,
    pub width: f64,
    /// The single-byte code 32, to which word spacing applies.
    pub word_space: bool,
}

impl Font {
    /// A font the page names but does not define: its text is read as Latin-1, so at
    /// least digits and letters come through.
    pub fn unknown() -> Font {
        Font {
            split: Split::One,
            to_unicode: None,
            fallback: simple_table(None),
            widths: Widths::default(),
            simple: true,
        }
    }

    /// Reads a font dictionary; `stream` inflates a stream under the import's limits.
    /// The second value says what of the font could not be read.
    pub fn new(
        doc: &Document,
        dict: &Dictionary,
        stream: &mut dyn FnMut(&Stream) -> Option<Vec<u8>>,
    ) -> (Font, Option<String>) {
        let name = dict
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_stream().ok())
            .and_then(&mut *stream)
            .map(|data| ToUnicode::parse(&data));
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        if subtype != b"Type0" {
            let encoding = dict.get(b"Encoding").ok().and_then(|o| deref(doc, o));
            return (
                Font {
                    split: Split::One,
                    to_unicode,
                    fallback: simple_table(encoding),
                    widths: Widths::simple(doc, dict),
                    simple: true,
                },
                None,
            );
        }
        let descendant = dict
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        let widths = descendant.map_or_else(Widths::default, |d| Widths::cid(doc, d));
        let encoding = dict.get(b"Encoding").ok().and_then(|o| deref(doc, o));
        let (split, fallback, cmap_name) = match encoding {
            Some(Object::Name(n)) => {
                let n = String::from_utf8_lossy(n).into_owned();
                let (split, fallback) = predefined(&n);
                (split, fallback, n)
            }
            Some(Object::Stream(s)) => {
                let embedded = stream(s).map(|d| ToUnicode::parse(&d)).unwrap_or_default();
                let base = embedded.base.clone().unwrap_or_default();
                let (split, fallback) = predefined(&base);
                let split = if embedded.codespace.is_empty() {
                    split
                } else {
                    Split::Ranges(embedded.codespace)
                };
                (split, fallback, format!("embedded CMap {base}"))
            }
            _ => (Split::Two, Fallback::None, "Identity-H".to_owned()),
        };
        let problem = (to_unicode.is_none() && matches!(fallback, Fallback::None)).then(|| {
            format!(
                "font {name} ({cmap_name}) has no map from its glyphs to characters; its text is missing (export the PDF again with fonts embedded, or copy the text from the original document)"
            )
        });
        (
            Font {
                split,
                to_unicode,
                fallback,
                widths,
                simple: false,
            },
            problem,
        )
    }

    /// The codes of a string.
    pub fn codes(&self, bytes: &[u8]) -> Vec<Code> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let len = self.code_len(&bytes[i..]).clamp(1, bytes.len() - i);
            let raw = &bytes[i..i + len];
            i += len;
            let code = raw.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
            let text = self
                .to_unicode
                .as_ref()
                .and_then(|m| m.get(len, code))
                .unwrap_or_else(|| self.fallback(raw, code));
            let width = if self.simple {
                self.widths.simple_width(code)
            } else if matches!(self.split, Split::Two) && matches!(self.fallback, Fallback::None) {
                // Identity: the code is the glyph's CID.
                self.widths.cid_width(code)
            } else if text.is_ascii() {
                // Other CMaps map codes to CIDs we do not hold: ASCII is half width.
                500.0
            } else {
                self.widths.default
            };
            out.push(Code {
                word_space: self.simple && code == 32,
                text,
                width,
            });
        }
        out
    }

    fn code_len(&self, rest: &[u8]) -> usize {
        match &self.split {
            Split::One => 1,
            Split::Two => 2,
            Split::Utf16 => match rest {
                [0xD8..=0xDB, _, ..] => 4,
                _ => 2,
            },
            Split::Lead { lead, four_byte } => match rest {
                [b, ..] if *b < *lead => 1,
                [_, 0x30..=0x39, ..] if *four_byte => 4,
                _ => 2,
            },
            Split::Ranges(ranges) => ranges
                .iter()
                .find(|(len, lo, hi)| {
                    rest.len() >= *len && {
                        let code = rest[..*len]
                            .iter()
                            .fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
                        (*lo..=*hi).contains(&code)
                    }
                })
                .map_or(1, |(len, _, _)| *len),
        }
    }

    fn fallback(&self, raw: &[u8], code: u32) -> String {
        match &self.fallback {
            Fallback::None => String::new(),
            Fallback::Ucs2 => char::from_u32(code).map(String::from).unwrap_or_default(),
            Fallback::Utf16 => {
                let units: Vec<u16> = raw
                    .chunks(2)
                    .map(|c| c.iter().fold(0u16, |acc, &b| (acc << 8) | u16::from(b)))
                    .collect();
                String::from_utf16_lossy(&units)
            }
            Fallback::Legacy(encoding) => {
                let (text, _) = encoding.decode_without_bom_handling(raw);
                text.into_owned()
            }
            Fallback::Table(table) => table[(code & 0xFF) as usize]
                .map(String::from)
                .unwrap_or_default(),
        }
    }
}

/// How the codes of a predefined CMap are split and read, by its name.
fn predefined(name: &str) -> (Split, Fallback) {
    let lead = |lead, encoding| {
        (
            Split::Lead {
                lead,
                four_byte: false,
            },
            Fallback::Legacy(encoding),
        )
    };
    if name.contains("UCS2") {
        (Split::Two, Fallback::Ucs2)
    } else if name.contains("UTF16") {
        (Split::Utf16, Fallback::Utf16)
    } else if name.starts_with("GB") {
        // GB-EUC, GBpc-EUC, GBK-EUC, GBKp-EUC, GBK2K, GBT-EUC: all within GB18030.
        (
            Split::Lead {
                lead: 0x81,
                four_byte: true,
            },
            Fallback::Legacy(encoding_rs::GB18030),
        )
    } else if name.contains("B5") {
        lead(0x81, encoding_rs::BIG5)
    } else if name.contains("RKSJ") {
        lead(0x81, encoding_rs::SHIFT_JIS)
    } else if name.starts_with("KSC") {
        lead(0x81, encoding_rs::EUC_KR)
    } else if name == "EUC-H" || name == "EUC-V" {
        lead(0x80, encoding_rs::EUC_JP)
    } else {
        // Identity-H/V, and any CMap that maps to CIDs only.
        (Split::Two, Fallback::None)
    }
}

/// A simple font's 256 codes: its base encoding (WinAnsi unless it names MacRoman),
/// changed by its `Differences`.
fn simple_table(encoding: Option<&Object>) -> Fallback {
    let (base, differences) = match encoding {
        Some(Object::Name(n)) => (n.as_slice(), None),
        Some(Object::Dictionary(d)) => (
            d.get(b"BaseEncoding")
                .and_then(Object::as_name)
                .unwrap_or(b"WinAnsiEncoding"),
            d.get(b"Differences").and_then(Object::as_array).ok(),
        ),
        _ => (b"WinAnsiEncoding".as_slice(), None),
    };
    let encoding = if base == b"MacRomanEncoding" {
        encoding_rs::MACINTOSH
    } else {
        encoding_rs::WINDOWS_1252
    };
    let mut table: Box<[Option<char>; 256]> = Box::new([None; 256]);
    for (b, slot) in table.iter_mut().enumerate() {
        let byte = [b as u8];
        let (text, _) = encoding.decode_without_bom_handling(&byte);
        *slot = text.chars().next().filter(|c| *c != '\u{FFFD}');
    }
    let mut code = 0usize;
    for item in differences.into_iter().flatten() {
        match item {
            Object::Integer(n) => code = usize::try_from(*n).unwrap_or(256),
            Object::Name(glyph) => {
                if let Some(slot) = table.get_mut(code) {
                    *slot = glyph_char(glyph);
                }
                code += 1;
            }
            _ => {}
        }
    }
    Fallback::Table(table)
}

/// The character of a glyph name: `uni4E2D`, `u1F600`, a single letter, or one of the
/// common names of digits and punctuation.
fn glyph_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    let name = name.split('.').next().unwrap_or(name);
    if let Some(hex) = name.strip_prefix("uni").or_else(|| name.strip_prefix('u')) {
        if (4..=6).contains(&hex.len()) {
            if let Some(c) = u32::from_str_radix(&hex[..hex.len().min(6)], 16)
                .ok()
                .and_then(char::from_u32)
            {
                return Some(c);
            }
        }
    }
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(c);
    }
    const NAMES: [(&str, char); 32] = [
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("colon", ':'),
        ("semicolon", ';'),
        ("hyphen", '-'),
        ("endash", '–'),
        ("emdash", '—'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("percent", '%'),
        ("slash", '/'),
        ("quotedbl", '"'),
        ("quotesingle", '\''),
        ("quoteleft", '‘'),
        ("quoteright", '’'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("bullet", '•'),
        ("degree", '°'),
        ("plus", '+'),
        ("equal", '='),
    ];
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Glyph widths in thousandths of the font size.
#[derive(Debug, Clone)]
struct Widths {
    /// Simple fonts: the width of code `first + k` is `list[k]`.
    first: u32,
    list: Vec<f64>,
    /// CID fonts: (first CID, last CID, width), sorted.
    ranges: Vec<(u32, u32, f64)>,
    default: f64,
}

impl Default for Widths {
    fn default() -> Self {
        Widths {
            first: 0,
            list: Vec::new(),
            ranges: Vec::new(),
            default: 1000.0,
        }
    }
}

/// A bound on the entries of a width array read, against a file that lists millions.
const MAX_WIDTHS: usize = 1 << 16;

impl Widths {
    fn simple(doc: &Document, font: &Dictionary) -> Widths {
        let first = font
            .get(b"FirstChar")
            .and_then(Object::as_i64)
            .ok()
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(0);
        let list = font
            .get(b"Widths")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .map(|a| {
                a.iter()
                    .take(256)
                    .map(|w| {
                        deref(doc, w)
                            .and_then(|w| w.as_float().ok())
                            .map_or(0.0, f64::from)
                    })
                    .collect()
            })
            .unwrap_or_default();
        Widths {
            first,
            list,
            ranges: Vec::new(),
            default: 500.0,
        }
    }

    /// `W` and `DW` of a CIDFont: `c [w1 w2 …]` and `c_first c_last w` entries.
    fn cid(doc: &Document, font: &Dictionary) -> Widths {
        let default = font
            .get(b"DW")
            .and_then(Object::as_float)
            .map_or(1000.0, f64::from);
        let items = font
            .get(b"W")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let num = |o: &Object| deref(doc, o).and_then(|o| o.as_float().ok()).map(f64::from);
        let mut ranges = Vec::new();
        let mut i = 0;
        while i < items.len() && ranges.len() < MAX_WIDTHS {
            let Some(first) = num(&items[i]) else { break };
            let first = first.max(0.0) as u32;
            match items.get(i + 1).and_then(|o| deref(doc, o)) {
                Some(Object::Array(list)) => {
                    for (k, w) in list.iter().take(MAX_WIDTHS).enumerate() {
                        let cid = first.saturating_add(k as u32);
                        ranges.push((cid, cid, num(w).unwrap_or(default)));
                    }
                    i += 2;
                }
                Some(last) => {
                    let last = deref(doc, last)
                        .and_then(|o| o.as_float().ok())
                        .map_or(first, |l| l.max(0.0) as u32);
                    let w = items.get(i + 2).and_then(num).unwrap_or(default);
                    ranges.push((first, last.max(first), w));
                    i += 3;
                }
                None => break,
            }
        }
        ranges.sort_by_key(|r| r.0);
        Widths {
            first: 0,
            list: Vec::new(),
            ranges,
            default,
        }
    }

    fn simple_width(&self, code: u32) -> f64 {
        code.checked_sub(self.first)
            .and_then(|k| self.list.get(k as usize))
            .copied()
            .filter(|w| *w > 0.0)
            .unwrap_or(self.default)
    }

    fn cid_width(&self, cid: u32) -> f64 {
        let at = self.ranges.partition_point(|r| r.0 <= cid);
        self.ranges[..at]
            .iter()
            .rev()
            .take(4)
            .find(|r| r.1 >= cid)
            .map_or(self.default, |r| r.2)
    }
}

/// A parsed CMap program: a `ToUnicode` map (codes → text), or an embedded encoding
/// CMap, of which the code space and the predefined CMap it builds on (`usecmap`) are
/// read.
#[derive(Debug, Clone, Default)]
pub struct ToUnicode {
    /// (code length, low, high)
    codespace: Vec<(usize, u32, u32)>,
    single: HashMap<(usize, u32), String>,
    /// (code length, low, high, the UTF-16 of `low`'s text; later codes add to its last
    /// unit), sorted by `low`.
    ranges: Vec<(usize, u32, u32, Vec<u16>)>,
    base: Option<String>,
}

/// A bound on the entries of one map, against a file that defines millions.
const MAX_ENTRIES: usize = 1 << 17;

impl ToUnicode {
    pub fn parse(data: &[u8]) -> ToUnicode {
        let tokens = tokens(data);
        let mut map = ToUnicode::default();
        let mut i = 0;
        let hex_code = |t: Option<&Token>| match t {
            Some(Token::Hex(b)) if !b.is_empty() && b.len() <= 4 => Some((
                b.len(),
                b.iter().fold(0u32, |acc, &x| (acc << 8) | u32::from(x)),
            )),
            _ => None,
        };
        while i < tokens.len() {
            match &tokens[i] {
                Token::Word(w) if w == "usecmap" => {
                    if let Some(Token::Name(n)) = i.checked_sub(1).map(|p| &tokens[p]) {
                        map.base = Some(n.clone());
                    }
                    i += 1;
                }
                Token::Word(w) if w == "begincodespacerange" => {
                    i += 1;
                    while let (Some((len, lo)), Some((_, hi))) =
                        (hex_code(tokens.get(i)), hex_code(tokens.get(i + 1)))
                    {
                        if map.codespace.len() < 64 {
                            map.codespace.push((len, lo, hi));
                        }
                        i += 2;
                    }
                }
                Token::Word(w) if w == "beginbfchar" => {
                    i += 1;
                    while let Some((len, code)) = hex_code(tokens.get(i)) {
                        let text = match tokens.get(i + 1) {
                            Some(Token::Hex(dst)) => utf16(dst),
                            Some(Token::Name(n)) => glyph_char(n.as_bytes())
                                .map(String::from)
                                .unwrap_or_default(),
                            _ => break,
                        };
                        if map.single.len() < MAX_ENTRIES {
                            map.single.insert((len, code), text);
                        }
                        i += 2;
                    }
                }
                Token::Word(w) if w == "beginbfrange" => {
                    i += 1;
                    while let (Some((len, lo)), Some((_, hi))) =
                        (hex_code(tokens.get(i)), hex_code(tokens.get(i + 1)))
                    {
                        let hi = hi.max(lo);
                        match tokens.get(i + 2) {
                            Some(Token::Hex(dst)) => {
                                if map.ranges.len() < MAX_ENTRIES {
                                    let units = dst
                                        .chunks(2)
                                        .map(|c| {
                                            c.iter().fold(0u16, |acc, &b| (acc << 8) | u16::from(b))
                                        })
                                        .collect();
                                    map.ranges.push((len, lo, hi, units));
                                }
                                i += 3;
                            }
                            Some(Token::Open) => {
                                i += 3;
                                let mut code = lo;
                                while let Some(Token::Hex(dst)) = tokens.get(i) {
                                    if code <= hi && map.single.len() < MAX_ENTRIES {
                                        map.single.insert((len, code), utf16(dst));
                                    }
                                    code = code.saturating_add(1);
                                    i += 1;
                                }
                                i += 1; // the closing bracket
                            }
                            _ => break,
                        }
                    }
                }
                _ => i += 1,
            }
        }
        map.ranges.sort_by_key(|r| r.1);
        map
    }

    fn get(&self, len: usize, code: u32) -> Option<String> {
        if let Some(text) = self.single.get(&(len, code)) {
            return Some(text.clone());
        }
        let at = self.ranges.partition_point(|r| r.1 <= code);
        let (_, lo, _, units) = self.ranges[..at]
            .iter()
            .rev()
            .take(8)
            .find(|r| r.0 == len && r.2 >= code)?;
        let mut units = units.clone();
        let last = units.last_mut()?;
        *last = last.wrapping_add((code - lo) as u16);
        Some(String::from_utf16_lossy(&units))
    }
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| c.iter().fold(0u16, |acc, &b| (acc << 8) | u16::from(b)))
        .collect();
    String::from_utf16_lossy(&units)
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Name(String),
    Word(String),
    Open,
    Close,
}

/// The tokens of a CMap program that matter here: hex strings, names, words and array
/// brackets (numbers are words; literal strings and comments are skipped).
fn tokens(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    let delimiter = |b: u8| b.is_ascii_whitespace() || b"<>[]/()%{}".contains(&b);
    while i < data.len() {
        match data[i] {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let end = data[i..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(data.len(), |p| i + p);
                let digits: Vec<u8> = data[i + 1..end]
                    .iter()
                    .filter(|b| b.is_ascii_hexdigit())
                    .map(|b| (*b as char).to_digit(16).unwrap_or(0) as u8)
                    .collect();
                let bytes = digits
                    .chunks(2)
                    .map(|c| (c[0] << 4) | c.get(1).copied().unwrap_or(0))
                    .collect();
                out.push(Token::Hex(bytes));
                i = end + 1;
            }
            b'(' => {
                // A literal string (a CMap's name or registry): skipped, with nesting.
                let mut depth = 0usize;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            b'[' => {
                out.push(Token::Open);
                i += 1;
            }
            b']' => {
                out.push(Token::Close);
                i += 1;
            }
            b'/' => {
                let start = i + 1;
                i = start;
                while i < data.len() && !delimiter(data[i]) {
                    i += 1;
                }
                out.push(Token::Name(
                    String::from_utf8_lossy(&data[start..i]).into_owned(),
                ));
            }
            b if b.is_ascii_whitespace() || b"{}>)".contains(&b) => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !delimiter(data[i]) {
                    i += 1;
                }
                out.push(Token::Word(
                    String::from_utf8_lossy(&data[start..i]).into_owned(),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_chars_ranges_and_arrays() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Adobe-Identity-UCS def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0010> <5C71> endbfchar
2 beginbfrange <0020> <0022> <897F> <0030> <0031> [<6C34> <D83DDE00>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";
        let map = ToUnicode::parse(cmap);
        assert_eq!(map.get(2, 0x10).as_deref(), Some("山"));
        assert_eq!(map.get(2, 0x03).as_deref(), Some(" "));
        assert_eq!(map.get(2, 0x20).as_deref(), Some("西"));
        assert_eq!(map.get(2, 0x22).as_deref(), Some("要"));
        assert_eq!(map.get(2, 0x23), None);
        assert_eq!(map.get(2, 0x30).as_deref(), Some("水"));
        assert_eq!(map.get(2, 0x31).as_deref(), Some("😀"));
        assert_eq!(map.codespace, [(2, 0, 0xFFFF)]);
    }

    #[test]
    fn predefined_cmaps_decode_their_codes() {
        let font = |name: &str| {
            let (split, fallback) = predefined(name);
            Font {
                split,
                to_unicode: None,
                fallback,
                widths: Widths::default(),
                simple: false,
            }
        };
        let text = |f: &Font, bytes: &[u8]| {
            f.codes(bytes)
                .into_iter()
                .map(|c| c.text)
                .collect::<String>()
        };
        let ucs2: Vec<u8> = "山西2025"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(text(&font("UniGB-UCS2-H"), &ucs2), "山西2025");
        let utf16: Vec<u8> = "𠀀水".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(text(&font("UniGB-UTF16-H"), &utf16), "𠀀水");
        let (gbk, _, _) = encoding_rs::GBK.encode("太原PM2.5");
        assert_eq!(text(&font("GBK-EUC-H"), &gbk), "太原PM2.5");
        assert_eq!(font("GBK-EUC-H").codes(&gbk).len(), 7);
        let (big5, _, _) = encoding_rs::BIG5.encode("臺灣");
        assert_eq!(text(&font("ETen-B5-H"), &big5), "臺灣");
        assert_eq!(text(&font("Identity-H"), &ucs2), "");
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_char(b"uni6C34"), Some('水'));
        assert_eq!(glyph_char(b"A"), Some('A'));
        assert_eq!(glyph_char(b"five"), Some('5'));
        assert_eq!(glyph_char(b"a.sc"), Some('a'));
        assert_eq!(glyph_char(b"g123"), None);
    }

    #[test]
    fn damaged_cmaps_give_what_they_can() {
        for data in [
            &b""[..],
            b"<",
            b"beginbfrange <00> <FF>",
            b"beginbfrange <0000> <FFFF> [",
            b"beginbfchar <0001> endbfchar",
            b"((((",
            b"begincodespacerange <00> endcodespacerange",
            b"beginbfrange <FFFFFFFF> <00000000> <0041> endbfrange",
        ] {
            let map = ToUnicode::parse(data);
            let _ = map.get(1, 0);
            let _ = map.get(4, u32::MAX);
        }
    }
}
