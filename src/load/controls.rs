//! Control characters in content: invisible, often carried in from PDFs or Word, and
//! fatal to feeds (XML 1.0 forbids them) and to HTML. Any but tab and line feed is an
//! error at its file, line and column, whether written raw or as a YAML escape (`"\x01"`).

use crate::diag::{Diagnostic, Diagnostics};
use std::path::Path;

use crate::messages::{self as M, Message};

const HINT: Message = M::CONTROL_HINT;

/// A control character other than tab and line feed, or a noncharacter (U+FFFE, U+FFFF
/// and the like: no text, and refused by XML, so by feeds and sitemaps).
fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n')) || is_noncharacter(c)
}

fn is_noncharacter(c: char) -> bool {
    let n = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// What the character found is called in the message.
fn kind(c: char) -> Message {
    if is_noncharacter(c) {
        M::NONCHARACTERS
    } else {
        M::CONTROL_CHARACTERS
    }
}

/// Reports the first control character of `text` (line ends already made `\n`), raw or,
/// in Markdown, written as a character reference (`&#1;`, which Markdown decodes);
/// `true` if there is one.
pub fn report_raw(path: &Path, text: &str, diags: &mut Diagnostics) -> bool {
    let raw = match may_hold_forbidden(text.as_bytes()) {
        true => text.char_indices().find(|&(_, c)| is_forbidden(c)),
        false => None,
    };
    let is_markdown = path.extension().is_some_and(|e| e == "md");
    let Some((i, c)) = raw.or_else(|| is_markdown.then(|| control_reference(text)).flatten())
    else {
        return false;
    };
    let line = text[..i].matches('\n').count() + 1;
    let line_start = text[..i].rfind('\n').map_or(0, |p| p + 1);
    let col = text[line_start..i].chars().count() + 1;
    diags.push(
        Diagnostic::error(
            path,
            line,
            kind(c).both(&[("code", &format!("{:04X}", u32::from(c)))]),
        )
        .col(col)
        .with_source(text)
        .hint(HINT.both(&[])),
    );
    true
}

/// Whether `text` may hold a character [`is_forbidden`]: false only if none of its UTF-8
/// sequences can encode one. Every article is read through this; decoding each character
/// for the test took a twentieth of a rebuild's time. Such a character is a control byte,
/// DEL, `C2 80`-`C2 9F` (U+0080-U+009F), `EF B7 …` (U+FDC0-U+FDFF, the noncharacters
/// U+FDD0-U+FDEF among them), `EF BF …` (U+FFC0-U+FFFF, U+FFFE and U+FFFF among them) or
/// a four-byte sequence (the noncharacters at the end of each plane).
fn may_hold_forbidden(bytes: &[u8]) -> bool {
    let flagged = |b: u8, n: u8| {
        ((b < 0x20) & (b != b'\t') & (b != b'\n'))
            | (b == 0x7f)
            | (b >= 0xf0)
            | ((b == 0xc2) & (0x80..0xa0).contains(&n))
            | ((b == 0xef) & ((n == 0xb7) | (n == 0xbf)))
    };
    // Each byte with the next, a block at a time and without branches inside it, so that
    // the loop is vectorised; the last byte of the text is followed by none.
    bytes.chunks(256).enumerate().any(|(k, block)| {
        let start = k * 256;
        let next = bytes
            .get(start + 1..start + 1 + block.len())
            .unwrap_or(&bytes[start + 1..]);
        let last = match next.len() < block.len() {
            true => flagged(block[block.len() - 1], 0),
            false => false,
        };
        last | block
            .iter()
            .zip(next)
            .fold(false, |any, (&b, &n)| any | flagged(b, n))
    })
}

/// The first `&#…;` or `&#x…;` in `text` that stands for a control character, with the
/// character.
fn control_reference(text: &str) -> Option<(usize, char)> {
    memchr::memmem::find_iter(text.as_bytes(), b"&#").find_map(|i| {
        let rest = &text[i + 2..];
        // A reference is at most `x` and 8 digits: look no further for its `;` (searching
        // the rest of the text made 2 MB of `&#x` take minutes).
        let end = rest.bytes().take(10).position(|b| b == b';')?;
        let code = match rest[..end].strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => rest[..end].parse().ok()?,
        };
        char::from_u32(code)
            .filter(|&c| is_forbidden(c) && c != '\0')
            .map(|c| (i, c))
    })
}

/// An error if a string of `yaml` (which starts at `first_line` of `path`) holds a control
/// character written as an escape, placed at the first escape of one.
pub fn escaped_in_yaml(path: &Path, yaml: &str, first_line: usize) -> Option<Diagnostic> {
    // Escapes exist only in double-quoted strings, which need a backslash.
    if !yaml.contains('\\') {
        return None;
    }
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).ok()?;
    if !holds_control(&value) {
        return None;
    }
    let (line, col) = yaml
        .lines()
        .enumerate()
        .find_map(|(n, l)| control_escape_col(l).map(|c| (n, c)))
        .unwrap_or((0, 0));
    let mut d = Diagnostic::error(path, line + first_line, M::CONTROL_ESCAPE.both(&[]))
        .col(col)
        .hint(HINT.both(&[]));
    d.source_line = yaml.lines().nth(line).map(Into::into);
    Some(d)
}

fn holds_control(value: &serde_yaml::Value) -> bool {
    use serde_yaml::Value;
    match value {
        Value::String(s) => s.chars().any(is_forbidden),
        Value::Sequence(items) => items.iter().any(holds_control),
        Value::Mapping(map) => map
            .iter()
            .any(|(k, v)| holds_control(k) || holds_control(v)),
        Value::Tagged(t) => holds_control(&t.value),
        _ => false,
    }
}

/// The column (1-based) of the first escape in `line` that stands for a control
/// character: `\0 \a \b \e \f \v \r \N`, or `\x`, `\u`, `\U` with a control's code.
fn control_escape_col(line: &str) -> Option<usize> {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i + 1 < chars.len() {
        if chars[i] != '\\' {
            i += 1;
            continue;
        }
        let code_len = match chars[i + 1] {
            '0' | 'a' | 'b' | 'e' | 'f' | 'v' | 'r' | 'N' => return Some(i + 1),
            'x' => 2,
            'u' => 4,
            'U' => 8,
            _ => 0,
        };
        let digits: String = chars.iter().skip(i + 2).take(code_len).collect();
        if code_len > 0
            && u32::from_str_radix(&digits, 16)
                .ok()
                .and_then(char::from_u32)
                .is_some_and(is_forbidden)
        {
            return Some(i + 1);
        }
        // Skip the escaped character, so `\\x01` is a backslash and text.
        i += 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_control_characters_are_placed_by_line_and_column() {
        let mut diags = Diagnostics::default();
        assert!(!report_raw(Path::new("a.md"), "标题\n\t正文\n", &mut diags));
        assert!(report_raw(
            Path::new("a.md"),
            "标题\n正文\u{0}x\n",
            &mut diags
        ));
        let d = &diags.0[0];
        assert_eq!((d.line, d.col), (2, 3), "{d:?}");
        assert!(d.message.contains("U+0000"));
        assert!(report_raw(
            Path::new("a.md"),
            "正文\n\n一\u{FFFF}",
            &mut diags
        ));
        let d = &diags.0[1];
        assert_eq!((d.line, d.col), (3, 2), "{d:?}");
        assert!(d.message.contains("noncharacters are not allowed (U+FFFF"));
        for fine in ["\u{FFFD}", "\u{FDCF}", "\u{10FFFD}"] {
            assert!(!report_raw(Path::new("a.md"), fine, &mut diags), "{fine:?}");
        }
        assert!(report_raw(
            Path::new("a.md"),
            "\u{1FFFE}\u{FDD0}",
            &mut diags
        ));
    }

    #[test]
    fn the_byte_test_misses_no_forbidden_character() {
        let mut buffer = [0; 4];
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            if is_forbidden(c) {
                assert!(may_hold_forbidden(bytes), "U+{:04X}", u32::from(c));
                // Also between other text.
                let text = format!("中{c}a");
                assert!(
                    may_hold_forbidden(text.as_bytes()),
                    "U+{:04X}",
                    u32::from(c)
                );
            }
        }
        for fine in [
            "",
            "\t\n",
            "标题，正文。（全角）",
            "plain ASCII text",
            "é ü ǚ",
        ] {
            assert!(!may_hold_forbidden(fine.as_bytes()), "{fine:?}");
        }
    }

    #[test]
    fn character_references_to_control_characters_in_markdown_are_found() {
        let mut diags = Diagnostics::default();
        let md = Path::new("a.md");
        assert!(!report_raw(
            md,
            "a &#9; &#x4E2D; &#0; &amp;#1;\n",
            &mut diags
        ));
        assert!(!report_raw(Path::new("a.yaml"), "t: '&#1;'\n", &mut diags));
        assert!(report_raw(md, "正文\n控制&#x7F;字符\n", &mut diags));
        assert!(report_raw(md, "&#1;", &mut diags));
        let d = &diags.0[0];
        assert_eq!((d.line, d.col), (2, 3), "{d:?}");
        assert!(d.message.contains("U+007F"), "{}", d.message);
    }

    #[test]
    fn escaped_control_characters_in_yaml_strings_are_found() {
        let yaml = "title: \"a\\tb\"\nsummary: \"x\\\\x01 \\x01\"\n";
        let d = escaped_in_yaml(Path::new("a.md"), yaml, 2).expect("an error");
        assert_eq!((d.line, d.col), (3, 18), "{d:?}");
        for fine in [
            "title: \"a\\tb\\n\"\n",
            "title: 'a\\x01'\n",
            "title: \"\\\\x01\"\n",
        ] {
            assert!(
                escaped_in_yaml(Path::new("a.md"), fine, 2).is_none(),
                "{fine}"
            );
        }
        for bad in ["t: \"\\0\"", "t: \"\\u0085\"", "t: [\"\\e\"]", "\"\\b\": 1"] {
            assert!(
                escaped_in_yaml(Path::new("a.md"), bad, 1).is_some(),
                "{bad}"
            );
        }
    }
}
