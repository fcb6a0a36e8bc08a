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

/// When the reading of one input must stop: the deadline of its [`limits::SECONDS`],
/// which every reader checks in its loops (a PDF's drawing instructions, a zip part as it
/// inflates, a Word file's XML, a table's cells) so that the work ends soon after the
/// budget runs out instead of running on unseen on a thread nobody waits for.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    deadline: std::time::Instant,
    limit: std::time::Duration,
}

impl Budget {
    pub fn new(limit: std::time::Duration) -> Budget {
        Budget {
            deadline: std::time::Instant::now() + limit,
            limit,
        }
    }

    /// The budget of one import: [`limits::SECONDS`] from now.
    pub fn standard() -> Budget {
        Budget::new(std::time::Duration::from_secs(limits::SECONDS))
    }

    pub fn spent(&self) -> bool {
        std::time::Instant::now() > self.deadline
    }

    /// The refusal once the budget is spent.
    pub fn check(&self) -> Result<(), String> {
        if self.spent() {
            Err(self.refusal())
        } else {
            Ok(())
        }
    }

    pub fn seconds(&self) -> f64 {
        self.limit.as_secs_f64()
    }

    pub fn refusal(&self) -> String {
        let seconds = self.seconds();
        crate::messages::IMPORT_TOO_SLOW.say(&[("seconds", &seconds)])
    }

    /// `reader`, failing with [`std::io::ErrorKind::TimedOut`] once the budget is spent
    /// (an inflating stream stops at its next read).
    pub fn reader<R: std::io::Read>(self, reader: R) -> BudgetReader<R> {
        BudgetReader {
            inner: reader,
            budget: self,
        }
    }
}

/// A reader that stops when its [`Budget`] is spent.
pub struct BudgetReader<R> {
    inner: R,
    budget: Budget,
}

impl<R: std::io::Read> std::io::Read for BudgetReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.budget.spent() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.inner.read(buf)
    }
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
