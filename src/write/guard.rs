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

/// A control character no text output may hold: all but tab, line feed and carriage return.
pub fn is_forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Refuses the build if a text file holds a control character or an XML file is not
/// well-formed, naming the file and the place.
pub fn check_output(files: &[OutputFile]) -> Result<()> {
    for f in files {
        if !TEXT.iter().any(|ext| f.path.ends_with(ext)) || f.path.starts_with(STATIC_DIR) {
            continue;
        }
        let Ok(text) = std::str::from_utf8(&f.bytes) else {
            bail!("refusing to publish {}: it is not valid UTF-8", f.path);
        };
        if let Some((i, c)) = text.char_indices().find(|&(_, c)| is_forbidden_control(c)) {
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
        ] {
            let err = check_output(&[bad]).unwrap_err().to_string();
            assert!(err.contains(why), "{err}");
        }
    }
}
