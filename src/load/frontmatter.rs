//! Splitting a Markdown file into its YAML front matter and its body.

/// A file split at its `---` fences. Lines are 1-based line numbers in the file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Line of the first YAML line (the line after the opening fence).
    pub yaml_line: usize,
    pub body: &'a str,
    /// Line of the first body line.
    pub body_line: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `---` line.
    NoOpeningFence,
    /// The opening fence is never closed.
    NoClosingFence,
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits `text` (already without BOM and with `\n` line ends) at its front-matter fences.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if is_fence(first) => {}
        _ => return Err(SplitError::NoOpeningFence),
    }
    let yaml_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = yaml_start;
    for (line_no, line) in (2..).zip(lines) {
        if is_fence(line) {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(SplitError::NoClosingFence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body_with_line_numbers() {
        let s = split("---\ntitle: a\ndate: 2025\n---\nbody\nmore\n").unwrap();
        assert_eq!(s.yaml, "title: a\ndate: 2025\n");
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body, "body\nmore\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn closing_fence_at_end_of_file() {
        let s = split("---\ntitle: a\n---").unwrap();
        assert_eq!(s.yaml, "title: a\n");
        assert_eq!(s.body, "");
    }

    #[test]
    fn fences_may_have_trailing_spaces_and_body_may_hold_rules() {
        let s = split("--- \na: 1\n---  \ntext\n---\nmore\n").unwrap();
        assert_eq!(s.yaml, "a: 1\n");
        assert_eq!(s.body, "text\n---\nmore\n");
    }

    #[test]
    fn missing_fences_are_errors() {
        assert_eq!(split("title: a\n"), Err(SplitError::NoOpeningFence));
        assert_eq!(split(""), Err(SplitError::NoOpeningFence));
        assert_eq!(split("---\ntitle: a\n"), Err(SplitError::NoClosingFence));
        assert_eq!(split("----\n"), Err(SplitError::NoOpeningFence));
    }
}
