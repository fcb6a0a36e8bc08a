//! Text printed to a terminal, made harmless: a file name, a front-matter value or an
//! error can hold ESC, BEL or C1 codes that set the window title, clear the screen or
//! move the cursor, or bidirectional overrides that show a line in another order than
//! it is. Every message the commands print goes through here, written visibly instead
//! (`\u{1b}`), so the editor sees what is in the file and the terminal is untouched.

use std::borrow::Cow;

/// Whether `c` changes what a terminal shows rather than being shown: C0 and C1 control
/// codes, DEL, and the bidirectional embeddings, overrides and isolates.
fn acts_on_terminal(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character that acts on a terminal written as `\u{…}`, except tab
/// and, where `keep_line_ends`, line feed (a message's own layout).
pub fn printable(text: &str, keep_line_ends: bool) -> Cow<'_, str> {
    let kept = |c: char| c == '\t' || (keep_line_ends && c == '\n');
    if !text.chars().any(|c| acts_on_terminal(c) && !kept(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts_on_terminal(c) && !kept(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// JSON text with every character that acts on a terminal written as a JSON escape
/// (`\u0085`), so that it stays valid JSON, reads back the same, and is printed as is
/// (line ends and tabs are the layout; inside strings JSON escapes them already). All
/// such characters are in the Basic Multilingual Plane: one `\uXXXX` each.
pub fn json_printable(json: &str) -> Cow<'_, str> {
    let escaped = |c: char| acts_on_terminal(c) && !matches!(c, '\n' | '\t');
    if !json.chars().any(escaped) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if escaped(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Writes `text` to standard output (or error), escaped. A reader that has gone away (a
/// pipe into `head`, a closed terminal under `serve`) is not the command's failure: the
/// write error is ignored, where `println!` would panic.
pub fn say(text: &str, to_stderr: bool) {
    use std::io::Write;
    let text = printable(text, true);
    let _ = if to_stderr {
        std::io::stderr().lock().write_all(text.as_bytes())
    } else {
        std::io::stdout().lock().write_all(text.as_bytes())
    };
}

/// `println!` with what acts on a terminal escaped (line ends kept).
#[macro_export]
macro_rules! println_escaped {
    ($($arg:tt)*) => {
        $crate::terminal::say(&format!("{}\n", format_args!($($arg)*)), false)
    };
}

/// `print!` with what acts on a terminal escaped (line ends kept).
#[macro_export]
macro_rules! print_escaped {
    ($($arg:tt)*) => {
        $crate::terminal::say(&format!($($arg)*), false)
    };
}

/// `eprintln!` with what acts on a terminal escaped (line ends kept).
#[macro_export]
macro_rules! eprintln_escaped {
    ($($arg:tt)*) => {
        $crate::terminal::say(&format!("{}\n", format_args!($($arg)*)), true)
    };
}

/// `eprint!` with what acts on a terminal escaped (line ends kept).
#[macro_export]
macro_rules! eprint_escaped {
    ($($arg:tt)*) => {
        $crate::terminal::say(&format!($($arg)*), true)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_its_meaning_and_leaves_the_terminal_alone() {
        let value = serde_json::json!({"line": "a\u{85}b\u{202e}c\u{1b}[2J 汾河"});
        let json = serde_json::to_string_pretty(&value).unwrap();
        let shown = json_printable(&json);
        assert!(!shown.chars().any(acts_on_terminal_but_layout), "{shown}");
        let back: serde_json::Value = serde_json::from_str(&shown).unwrap();
        assert_eq!(back, value);
        assert_eq!(printable(&shown, true), shown);
    }

    fn acts_on_terminal_but_layout(c: char) -> bool {
        acts_on_terminal(c) && !matches!(c, '\n' | '\t')
    }

    #[test]
    fn codes_that_act_on_a_terminal_are_written_out() {
        assert_eq!(
            printable("标题\u{1b}]0;x\u{7}", true),
            "标题\\u{1b}]0;x\\u{7}"
        );
        assert_eq!(printable("a\u{9b}2Jb\u{7f}", true), "a\\u{9b}2Jb\\u{7f}");
        assert_eq!(printable("\u{202e}cod", true), "\\u{202e}cod");
        assert_eq!(printable("a\r\nb", true), "a\\u{d}\nb");
        assert_eq!(printable("a\nb\tc", false), "a\\u{a}b\tc");
        assert!(matches!(printable("汾河 ok\n", true), Cow::Borrowed(_)));
    }
}
