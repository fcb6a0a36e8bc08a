//! The last look at the output before it is published: no control character in any text
//! file, and every XML file (feeds, sitemaps, charts) well-formed. Content is checked
//! where it is read, with its file and line; this catches what a template or a bug lets
//! through, so a broken feed is never swapped in.

use crate::output::OutputFile;
// Copied as they are, not made from content: not read as the site's own text.
use crate::route::STATIC_DIR;
use anyhow::{bail, Result};

/// Files made from content and read as text by browsers, feed readers and crawlers.
const TEXT: &[&str] = &[".html", ".xml", ".svg", ".json", ".csv", ".txt"];
const XML: &[&str] = &[".xml", ".svg"];

/// Where the first control character no text output may hold (all but tab, line feed and
/// carriage return) starts in `text`, and the character. Read on the bytes, which is
/// cheaper than decoding every character of every page: in UTF-8 a C0 control and DEL
/// are one byte of their own, a C1 control (U+0080-U+009F) is 0xC2 and 0x80-0x9F.
fn first_forbidden_control(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let forbidden = |i: usize, b: u8| match b {
        b'\t' | b'\n' | b'\r' => false,
        0..=0x1f | 0x7f => true,
        0xc2 => bytes
            .get(i + 1)
            .is_some_and(|next| (0x80..=0x9f).contains(next)),
        _ => false,
    };
    // Nearly every file holds none: a pass the compiler turns into vector instructions
    // clears a block at a time, and only a block that may hold one is read byte by byte
    // (`·` and other Latin-1 letters start with 0xC2 too).
    const BLOCK: usize = 64;
    let may_hold = |block: &[u8]| {
        block.iter().fold(false, |any, &b| {
            any | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r'))
                | (b == 0x7f)
                | (b == 0xc2)
        })
    };
    let at = bytes
        .chunks(BLOCK)
        .enumerate()
        .filter(|(_, block)| may_hold(block))
        .find_map(|(k, block)| {
            let start = k * BLOCK;
            (start..start + block.len()).find(|&i| forbidden(i, bytes[i]))
        })?;
    text[at..].chars().next().map(|c| (at, c))
}

/// Refuses the build if a text file holds a control character or an XML file is not
/// well-formed, naming the file and the place.
pub fn check_output(files: &[OutputFile]) -> Result<()> {
    for f in files {
        if !TEXT.iter().any(|ext| f.path.ends_with(ext)) || f.path.starts_with(STATIC_DIR) {
            continue;
        }
        let Ok(text) = simdutf8::basic::from_utf8(&f.bytes) else {
            bail!("refusing to publish {}: it is not valid UTF-8", f.path);
        };
        if let Some((i, c)) = first_forbidden_control(text) {
            let line = text[..i].matches('\n').count() + 1;
            bail!(
                "refusing to publish {}: line {line} holds the control character U+{:04X}; remove it from the content it comes from",
                f.path,
                u32::from(c)
            );
        }
        if XML.iter().any(|ext| f.path.ends_with(ext)) {
            if let Err(err) = roxmltree::Document::parse(text) {
                bail!(
                    "refusing to publish {}: it is not well-formed XML ({err})",
                    f.path
                );
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn the_byte_scan_finds_what_the_characters_hold() {
        // Every character of the C0 and C1 ranges, their neighbours and characters whose
        // UTF-8 shares bytes with a C1 control (U+00A0 is 0xC2 0xA0; U+0100 and 叟 hold 0x80).
        let chars = (0..=0x2ff_u32)
            .chain([0x3000, 0x53df, 0xfeff, 0x1f600])
            .filter_map(char::from_u32);
        for c in chars {
            let text = format!("a山{c}b");
            let expected = (c.is_control() && !matches!(c, '\t' | '\n' | '\r')).then_some((4, c));
            assert_eq!(
                first_forbidden_control(&text),
                expected,
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn a_control_anywhere_in_a_long_text_is_found_where_it_is() {
        // Across the blocks the scan clears at a time, a C1 control's two bytes split too.
        for at in (0..140).chain([1000, 4095]) {
            for c in ['\u{85}', '\u{1}', '\u{7f}'] {
                let text = format!("{}{c}·b", "a".repeat(at));
                assert_eq!(first_forbidden_control(&text), Some((at, c)), "{at} {c:?}");
            }
            assert_eq!(
                first_forbidden_control(&format!("{}·\n", "a".repeat(at))),
                None
            );
        }
    }

    #[test]
    fn control_characters_and_broken_xml_are_refused() {
        let ok = [
            file("index.html", "<p>a\tb\r\n</p>"),
            file("atom.xml", "<feed><title>山西</title></feed>"),
            file("static/logo.png", "\u{1}binary"),
            file("static/vendor.svg", "<svg>\u{1}"),
        ];
        check_output(&ok).unwrap();
        for (bad, why) in [
            (file("a/index.html", "<p>x\u{0}y</p>"), "U+0000"),
            (
                file("atom.xml", "<feed>\n<title>\u{1}</title></feed>"),
                "line 2",
            ),
            (file("en/atom.xml", "<feed><title>x</feed>"), "well-formed"),
            (file("charts/x.svg", "<svg>"), "well-formed"),
            (file("data/x.csv", "a,\u{7f}\n"), "U+007F"),
            (file("b/index.html", "<p>山\u{1f}</p>"), "U+001F"),
            (
                file("c/index.html", "<p>é\n\u{85}</p>"),
                "line 2 holds the control character U+0085",
            ),
            (file("d/index.html", "<p>\u{9f}</p>"), "U+009F"),
        ] {
            let err = check_output(&[bad]).unwrap_err().to_string();
            assert!(err.contains(why), "{err}");
        }
    }

    #[test]
    fn text_that_is_not_utf8_is_refused() {
        let text = "<p>山西省生态环境</p>".repeat(40);
        check_output(&[file("a/index.html", &text)]).unwrap();
        let bytes = text.as_bytes();
        // A character cut anywhere (its last byte dropped), a byte no UTF-8 holds, a
        // surrogate, and a sequence longer than needed, at the start, middle and end.
        for at in [0, 5, 100, bytes.len()] {
            let cut = &bytes[3..6][..2];
            for bad in [cut, b"\xff", b"\xed\xa0\x80", b"\xc0\xaf"] {
                let mut broken = bytes[..at].to_vec();
                broken.extend_from_slice(bad);
                broken.extend_from_slice(&bytes[at..]);
                let page = OutputFile {
                    path: "a/index.html".into(),
                    bytes: broken,
                };
                let err = check_output(&[page]).unwrap_err().to_string();
                assert!(err.contains("not valid UTF-8"), "{at} {bad:?}: {err}");
            }
        }
    }
}
