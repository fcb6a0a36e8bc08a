use clap::Parser;
use shanshui::cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ok = match cli.command {
        Command::Build(args) => shanshui::cmd::build::run(&cli.root, args),
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
