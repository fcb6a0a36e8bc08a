//! What every reader of an input file shares with the stages after it: the text a
//! reader gives, the marks it leaves in that text, and what one input may cost. A leaf:
//! the readers (`input`, `pdf`) and the stages that clean the text (`text`) use it
//! without using each other.

/// Marks a line that holds a Markdown table (from a Word file); [`super::convert`] takes
/// such lines out before the text is laid out and puts them back as tables.
pub const TABLE_LINE: char = '\u{E001}';
/// Stands for `**` in text from a Word file (bold), so Markdown escaping leaves it alone.
pub const BOLD: char = '\u{E000}';

/// The text of one input file and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub text: String,
    /// What kind of file it was and how it was decoded, e.g. `GB18030/GBK 编码的文本`.
    pub read_as: String,
    /// The headline the file itself names (a web page's title, a Word heading styled as
    /// the title), when it names one.
    pub title: Option<String>,
    /// What reading the file removed or could not read, for the draft's notes.
    pub notes: Vec<String>,
    /// The publication the file names outside its text (a web page's title after the
    /// headline: `标题 - 大同新闻网`).
    pub publication: Option<String>,
}

/// What one input may cost, so that no file (a zip or stream bomb, a binary file named
/// `.txt`, a PDF of thousands of pages) can exhaust memory or run for minutes. A news
/// article is some kilobytes of text; these bounds are a hundred times that and more.
pub mod limits {
    /// The file as it is on disk.
    pub const FILE_BYTES: u64 = 64 << 20;
    /// Any one part once decompressed (a Word file's XML), and all of a PDF's page
    /// streams together.
    pub const INFLATED_BYTES: u64 = 64 << 20;
    /// The text one file may give, which [`super::super::convert`] then lays out.
    pub const TEXT_BYTES: usize = 4 << 20;
    /// Pages of a PDF read.
    pub const PDF_PAGES: usize = 300;
    /// Seconds the import of one file may take, reading and text pipeline together
    /// ([`super::super::read_and_convert`]); the PDF reader also stops itself at it.
    pub const SECONDS: u64 = 20;
}
