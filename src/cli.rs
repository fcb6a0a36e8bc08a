//! Command-line arguments (clap derive). Knows nothing else.

use crate::model::BaseUrl;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "shanshui",
    version,
    about = "Builds the bilingual environment portal from content/ into site/"
)]
pub struct Cli {
    /// The portal's root folder (holds content/, templates/, static/)
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the portal into site/
    Build(BuildArgs),
    /// Build, serve on 127.0.0.1, rebuild on changes and reload open pages
    Serve(ServeArgs),
    /// Validate everything and write nothing; exit 1 on errors
    Check(CheckArgs),
    /// Scaffold <slug>.zh.md and <slug>.en.md in content/articles
    New(NewArgs),
    /// Turn raw text, web pages, Word files and PDFs into draft articles for an editor to finish
    Import(ImportArgs),
    /// Write the English file of an existing Chinese article, for a translator to fill in
    Translate(TranslateArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port on 127.0.0.1
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the site in the default browser
    #[arg(long)]
    pub open: bool,
    /// Include articles marked `draft: true` (on by default when serving)
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    pub drafts: bool,
    /// Skip the search index (faster start on a large site)
    #[arg(long)]
    pub no_search: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format: text for people, json for tools
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The new article's slug (its URL): lowercase letters, digits and hyphens
    pub slug: String,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files to import (.txt in UTF-8, UTF-16 or GBK; .html; .docx; .pdf with a text layer), or folders of them
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Date of the drafts, used exactly as given: YYYY, YYYY-MM or YYYY-MM-DD (default: the date the text prints)
    #[arg(long)]
    pub date: Option<String>,
    /// Folder for the drafts (default: <root>/content/articles)
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Keep traditional characters (by default they are converted to simplified)
    #[arg(long)]
    pub keep_traditional: bool,
    #[command(flatten)]
    pub table: TableArgs,
}

/// Importing a table of figures (.xlsx, .csv, or a table in a .html or .docx file with
/// --table) as observations of an indicator. Without --write it only shows the change.
#[derive(Debug, Args, Default)]
pub struct TableArgs {
    /// Read the N-th table of a .html or .docx file (1 = the first) as figures; .xlsx and .csv files are always read as tables
    #[arg(long, value_name = "N")]
    pub table: Option<usize>,
    /// The indicator the figures are of (its file name under content/indicators/, without .yaml); default: the one the table's heading names
    #[arg(long)]
    pub indicator: Option<String>,
    /// The period: 2018 (the year), 2018:7 (July) or 2018:1-7 (January to July); default: the one the table's heading prints
    #[arg(long)]
    pub period: Option<String>,
    /// What part of each place the figures cover: city, urban, county or province
    #[arg(long)]
    pub scope: Option<String>,
    /// How the figures were computed, when not whole published figures (e.g. dust-excluded)
    #[arg(long)]
    pub basis: Option<String>,
    /// The unit of the figures, when the table does not print it
    #[arg(long)]
    pub unit: Option<String>,
    /// Where the figures were printed: an id of content/sources.yaml or an article's slug
    #[arg(long)]
    pub source: Option<String>,
    /// The header of the column holding the figures, when the table has several
    #[arg(long)]
    pub column: Option<String>,
    /// Write the observations into the indicator's file (without it, the change is only shown)
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, Args)]
pub struct TranslateArgs {
    /// The Chinese article: its slug or its .zh.md file
    pub article: String,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Absolute URL the site is served from, e.g. https://example.gov.cn/portal/ (default: base_url of site.yaml)
    #[arg(long, value_parser = BaseUrl::parse)]
    pub base_url: Option<BaseUrl>,
    /// Include articles marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Output folder (default: <root>/site)
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Skip the search index (faster; the search page then finds nothing)
    #[arg(long)]
    pub no_search: bool,
    /// A copy to open from a folder or a USB stick: every link relative, ending in index.html (search then needs a web server)
    #[arg(long)]
    pub portable: bool,
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
