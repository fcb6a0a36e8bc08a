//! Command-line arguments (clap derive). Knows nothing else.

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
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Absolute URL the site is served from, e.g. https://example.gov.cn/portal/ (default: base_url of site.yaml)
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include articles marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Output folder (default: <root>/site)
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
