//! Command-line arguments (clap derive), their help in the editor's language.
//! Knows nothing else.

use crate::lang::Lang;
use crate::messages::{self, editor_lang, Message};
use crate::model::BaseUrl;
use clap::{Args, CommandFactory, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "shanshui", version)]
pub struct Cli {
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Build(BuildArgs),
    Serve(ServeArgs),
    Check(CheckArgs),
    New(NewArgs),
    Import(ImportArgs),
    Translate(TranslateArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    #[arg(long)]
    pub open: bool,
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    pub drafts: bool,
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
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    pub slug: String,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub keep_traditional: bool,
    #[command(flatten)]
    pub table: TableArgs,
}

// Importing a table of figures (.xlsx, .csv, or a table in a .html or .docx file with
// --table) as observations of an indicator. Without --write it only shows the change.
#[derive(Debug, Args, Default)]
pub struct TableArgs {
    #[arg(long, value_name = "N")]
    pub table: Option<usize>,
    #[arg(long)]
    pub indicator: Option<String>,
    #[arg(long)]
    pub period: Option<String>,
    #[arg(long)]
    pub scope: Option<String>,
    #[arg(long)]
    pub basis: Option<String>,
    #[arg(long)]
    pub unit: Option<String>,
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long)]
    pub column: Option<String>,
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, Args)]
pub struct TranslateArgs {
    pub article: String,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[arg(long, value_parser = BaseUrl::parse)]
    pub base_url: Option<BaseUrl>,
    #[arg(long)]
    pub drafts: bool,
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub no_search: bool,
    #[arg(long)]
    pub portable: bool,
}

/// The help of each command and argument, from the message catalogue: (subcommand,
/// argument id, text); no subcommand is the top level, no argument the command's own line.
const HELP: &[(Option<&str>, Option<&str>, Message)] = &[
    (None, None, messages::HELP_ABOUT),
    (None, Some("root"), messages::HELP_ROOT),
    (Some("build"), None, messages::HELP_BUILD),
    (
        Some("build"),
        Some("base_url"),
        messages::HELP_BUILD_BASE_URL,
    ),
    (Some("build"), Some("drafts"), messages::HELP_BUILD_DRAFTS),
    (Some("build"), Some("out"), messages::HELP_BUILD_OUT),
    (
        Some("build"),
        Some("no_search"),
        messages::HELP_BUILD_NO_SEARCH,
    ),
    (
        Some("build"),
        Some("portable"),
        messages::HELP_BUILD_PORTABLE,
    ),
    (Some("serve"), None, messages::HELP_SERVE),
    (Some("serve"), Some("port"), messages::HELP_SERVE_PORT),
    (Some("serve"), Some("open"), messages::HELP_SERVE_OPEN),
    (Some("serve"), Some("drafts"), messages::HELP_SERVE_DRAFTS),
    (
        Some("serve"),
        Some("no_search"),
        messages::HELP_SERVE_NO_SEARCH,
    ),
    (Some("check"), None, messages::HELP_CHECK),
    (Some("check"), Some("format"), messages::HELP_CHECK_FORMAT),
    (Some("new"), None, messages::HELP_NEW),
    (Some("new"), Some("slug"), messages::HELP_NEW_SLUG),
    (Some("import"), None, messages::HELP_IMPORT),
    (Some("import"), Some("files"), messages::HELP_IMPORT_FILES),
    (Some("import"), Some("date"), messages::HELP_IMPORT_DATE),
    (Some("import"), Some("out"), messages::HELP_IMPORT_OUT),
    (
        Some("import"),
        Some("keep_traditional"),
        messages::HELP_IMPORT_KEEP_TRADITIONAL,
    ),
    (Some("import"), Some("table"), messages::HELP_TABLE_TABLE),
    (
        Some("import"),
        Some("indicator"),
        messages::HELP_TABLE_INDICATOR,
    ),
    (Some("import"), Some("period"), messages::HELP_TABLE_PERIOD),
    (Some("import"), Some("scope"), messages::HELP_TABLE_SCOPE),
    (Some("import"), Some("basis"), messages::HELP_TABLE_BASIS),
    (Some("import"), Some("unit"), messages::HELP_TABLE_UNIT),
    (Some("import"), Some("source"), messages::HELP_TABLE_SOURCE),
    (Some("import"), Some("column"), messages::HELP_TABLE_COLUMN),
    (Some("import"), Some("write"), messages::HELP_TABLE_WRITE),
    (Some("translate"), None, messages::HELP_TRANSLATE),
    (
        Some("translate"),
        Some("article"),
        messages::HELP_TRANSLATE_ARTICLE,
    ),
];

/// The command line to parse, its help in the editor's language.
pub fn command() -> clap::Command {
    command_in(editor_lang())
}

/// The command line with its help in `lang`.
pub fn command_in(lang: Lang) -> clap::Command {
    HELP.iter()
        .fold(Cli::command(), |cmd, (sub, arg, message)| {
            let text = message.text(lang);
            let with_help = |c: clap::Command| match arg {
                Some(arg) => c.mut_arg(*arg, |a| a.help(text)),
                None => c.about(text),
            };
            match sub {
                Some(sub) => cmd.mut_subcommand(*sub, with_help),
                None => with_help(cmd),
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_is_well_formed_in_each_language() {
        for lang in [Lang::Zh, Lang::En] {
            command_in(lang).debug_assert();
        }
    }

    /// Every argument and command has its help from the catalogue: none left without.
    #[test]
    fn every_argument_has_its_help() {
        let cmd = command_in(Lang::Zh);
        for sub in std::iter::once(&cmd).chain(cmd.get_subcommands()) {
            if sub.get_name() == "help" {
                continue;
            }
            assert!(sub.get_about().is_some(), "{}: no about", sub.get_name());
            for arg in sub.get_arguments() {
                let id = arg.get_id().as_str();
                // clap's own flags, and `new --write`, which has never had a help line.
                if ["help", "version"].contains(&id) || (sub.get_name(), id) == ("new", "write") {
                    continue;
                }
                assert!(
                    arg.get_help().is_some(),
                    "{} --{id}: no help",
                    sub.get_name()
                );
            }
        }
    }
}
