//! YAML text → `Raw*` structs, and its errors made to point: the position in the file
//! (not in the front matter), the opening bracket of an unclosed list, the second of
//! two keys, a hint for each kind of mistake.

use super::*;
use crate::messages::Said;

/// Parses `yaml` (which starts at `first_line` of `path`) into `T`.
pub fn parse_yaml<T: DeserializeOwned>(
    path: &Path,
    yaml: &str,
    first_line: usize,
) -> Result<Located<T>, Diagnostic> {
    // Before anything parses it into values: aliases could expand it a thousandfold.
    if let Some(d) = aliases::too_large(path, yaml, first_line) {
        return Err(d);
    }
    if let Some(d) = controls::escaped_in_yaml(path, yaml, first_line) {
        return Err(d);
    }
    match serde_yaml::from_str::<T>(yaml) {
        Ok(value) => Ok(Located {
            path: path.to_path_buf(),
            yaml: yaml.to_owned(),
            first_line,
            value,
        }),
        Err(err) => {
            let (mut line, mut col) = err
                .location()
                .map_or((first_line, 0), |l| (l.line() + first_line - 1, l.column()));
            // serde_yaml writes positions inside the YAML ("at line X column Y");
            // we print the position in the file ourselves.
            let mut message = err.to_string();
            // An unclosed `[` or `{` is noticed where the next key stands, often lines
            // later: say where the bracket was opened.
            if let Some((i, kind, open)) = flow_start(&message) {
                message = format!(
                    "{}while parsing the {kind} opened on line {}",
                    &message[..i],
                    open + first_line - 1
                );
            }
            let message = strip_positions(&message);
            let (message, offset) = strip_byte_offset(&message);
            // The reader reports bad characters by byte offset, with no line.
            if let Some((l, c)) = offset.and_then(|o| line_col_of_offset(yaml, o)) {
                (line, col) = (l + first_line - 1, c);
            }
            // A duplicate is detected when the mapping ends, and placed at its start:
            // point at the second occurrence of the key instead.
            if let Some((l, c)) =
                duplicate_key(&message).and_then(|k| position::repeated_key(yaml, k))
            {
                (line, col) = (l + first_line - 1, c);
            }
            // The end of the stream can lie past the last line (a file of one comment
            // without a line end): name the last line instead.
            let last_line = first_line + yaml.lines().count().max(1) - 1;
            if line > last_line {
                (line, col) = (last_line, 0);
            }
            let message = message.as_str();
            let source_line = line
                .checked_sub(first_line)
                .and_then(|i| yaml.lines().nth(i));
            // A comma inside a `{…}` value splits it: say which value to quote.
            let hint = source_line
                .and_then(crate::editorial::yaml_comma_hint)
                .unwrap_or_else(|| yaml_hint(message, yaml));
            let mut d = Diagnostic::error(
                path,
                line,
                crate::messages::INVALID_YAML.both(&[("message", &message)]),
            )
            .col(col)
            .hint(hint);
            d.source_line = source_line.map(Into::into);
            Err(d)
        }
    }
}

/// Removes every " at line N column M" from a YAML error message.
pub(super) fn strip_positions(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = rest[i + " at line ".len()..].trim_start_matches(|c: char| c.is_ascii_digit());
        rest = after.strip_prefix(" column ").map_or(after, |a| {
            a.trim_start_matches(|c: char| c.is_ascii_digit())
        });
    }
    out.push_str(rest);
    out
}

/// Where "while parsing a flow sequence (or mapping) at line N column M" starts in a
/// YAML error, what was being parsed (`[…]` or `{…}`), and N.
pub(super) fn flow_start(message: &str) -> Option<(usize, &'static str, usize)> {
    let i = message.find("while parsing a flow ")?;
    let rest = &message[i..];
    let kind = if rest.starts_with("while parsing a flow mapping") {
        "`{…}` mapping"
    } else {
        "`[…]` list"
    };
    let rest = &rest[rest.find(" at line ")? + " at line ".len()..];
    let line: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((i, kind, line.parse().ok()?))
}

/// Removes serde_yaml's " at position N" (a byte offset into the YAML) and returns it.
pub(super) fn strip_byte_offset(message: &str) -> (String, Option<usize>) {
    const MARK: &str = " at position ";
    let Some(i) = message.rfind(MARK) else {
        return (message.to_owned(), None);
    };
    let rest = &message[i + MARK.len()..];
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    match rest[..digits].parse() {
        Ok(offset) => (
            format!("{}{}", &message[..i], &rest[digits..]),
            Some(offset),
        ),
        Err(_) => (message.to_owned(), None),
    }
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
pub(super) fn line_col_of_offset(text: &str, offset: usize) -> Option<(usize, usize)> {
    let before = text.get(..offset)?;
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, col))
}

/// The key named by a "duplicate field `k`" or "duplicate key `k`" message.
pub(super) fn duplicate_key(message: &str) -> Option<&str> {
    let i = message
        .find("duplicate field `")
        .map(|i| i + "duplicate field `".len())
        .or_else(|| {
            message
                .find("duplicate key `")
                .map(|i| i + "duplicate key `".len())
        })?;
    message[i..].split('`').next()
}

pub(super) fn yaml_hint(message: &str, yaml: &str) -> Said {
    let hint = if message.contains(" opened on line ") {
        M::YAML_UNCLOSED_HINT
    } else if message.contains("duplicate") {
        M::YAML_DUPLICATE_HINT
    } else if message.contains("control characters") {
        M::CONTROL_HINT
    } else if message.contains("unknown field") {
        M::YAML_UNKNOWN_FIELD_HINT
    } else if message.contains("missing field") {
        M::YAML_MISSING_FIELD_HINT
    } else if yaml.contains('\t') {
        M::YAML_TABS_HINT
    } else if message.contains("invalid type") {
        M::YAML_TYPE_HINT
    } else {
        M::YAML_HINT
    };
    hint.both(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of<T: DeserializeOwned + std::fmt::Debug>(yaml: &str) -> Diagnostic {
        parse_yaml::<T>(Path::new("x.md"), yaml, 2).unwrap_err()
    }

    #[test]
    fn a_duplicate_key_points_at_its_second_line() {
        let d = error_of::<RawFrontMatter>("title: a\ndate: 2025\ntitle: b\n");
        assert_eq!(d.line, 4, "{d}");
        assert!(d.message.contains("duplicate field `title`"), "{d}");
        let d = error_of::<RawFrontMatter>(
            "title: a\nsource:\n  publication: x\n  page_title: y\n  publication: z\n",
        );
        assert_eq!(d.line, 6, "{d}");
        let d = error_of::<RawFrontMatter>(
            "title: a\npeople:\n  - {name: a, name: b}\n  - {name: c}\n",
        );
        assert_eq!(d.line, 4, "{d}");
    }

    #[test]
    fn duplicate_ui_strings_are_errors() {
        let d = error_of::<UniqueKeys<String>>("home: 首页\ncities: 城市\nhome: 主页\n");
        assert_eq!(d.line, 4, "{d}");
        assert!(d.message.contains("duplicate key `home`"), "{d}");
        let ok: Located<UniqueKeys<String>> =
            parse_yaml(Path::new("x.yaml"), "a: b\nc: d\n", 1).unwrap();
        assert_eq!(ok.value.0.len(), 2);
    }

    #[test]
    fn a_date_of_the_wrong_type_points_at_the_value() {
        let d = error_of::<RawFrontMatter>("title: a\ndate: [2025]\ncities: [x]\n");
        assert_eq!(d.line, 3, "{d}");
        assert!(d.message.contains("expected a date"), "{d}");
        let ok: Located<RawFrontMatter> = parse_yaml(Path::new("x.md"), "date: 2025\n", 2).unwrap();
        assert_eq!(ok.value.date, Some(RawScalar::Int(2025)));
        let ok: Located<RawFrontMatter> =
            parse_yaml(Path::new("x.md"), "date: 2025-04\n", 2).unwrap();
        assert_eq!(ok.value.date, Some(RawScalar::Text("2025-04".into())));
    }

    #[test]
    fn a_control_character_is_placed_by_its_byte_offset() {
        let d = error_of::<RawFrontMatter>("title: a\ndate: 2025\nsummary: 摘\u{0}要\n");
        assert_eq!((d.line, d.col), (4, 11), "{d}");
        assert!(!d.message.contains("position"), "{d}");
    }

    #[test]
    fn an_unclosed_bracket_says_where_it_opens() {
        let d = error_of::<RawFrontMatter>("title: a\ntopics: [water\nsummary: b\n");
        assert_eq!(d.line, 4, "{d}");
        assert!(d.message.contains("list opened on line 3"), "{d}");
        assert!(
            d.hint.as_deref().unwrap_or("").contains("closing bracket"),
            "{d}"
        );
    }

    #[test]
    fn an_error_at_the_end_of_the_stream_names_the_last_line() {
        // Found by fuzzing: an indicator file holding one comment and no line end.
        let d = parse_yaml::<RawIndicator>(Path::new("x.yaml"), "# UI strings", 1).unwrap_err();
        assert_eq!(d.line, 1, "{d}");
        assert!(d.message.contains("missing field `id`"), "{d}");
    }

    #[test]
    fn byte_offsets_become_lines_and_columns() {
        assert_eq!(line_col_of_offset("ab\ncd", 4), Some((2, 2)));
        assert_eq!(line_col_of_offset("ab", 9), None);
        assert_eq!(
            strip_byte_offset("bad at position 12, here"),
            ("bad, here".to_owned(), Some(12))
        );
    }
}
