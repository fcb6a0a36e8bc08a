use clap::FromArgMatches;
use shanshui::cli::{Cli, Command};
use std::process::ExitCode;

// A build allocates many small strings per page: with mimalloc, a build of the
// 300-article benchmark corpus runs 21% fewer instructions (callgrind: 2.89 G → 2.29 G).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_transparent_huge_pages();
    // Parsed from the command built with its help in the editor's language.
    let parsed = shanshui::cli::command()
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        // A refused argument is echoed in the message: printed with what acts on a
        // terminal escaped. Help and version go out as clap writes them.
        Err(err) if err.use_stderr() => {
            shanshui::eprint_escaped!("{err}");
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
        Err(err) => err.exit(),
    };
    let ok = match cli.command {
        Command::Build(args) => shanshui::cmd::build::run(&cli.root, args),
        Command::Import(args) => shanshui::cmd::import::run(&cli.root, args),
        Command::Translate(args) => shanshui::cmd::translate::run(&cli.root, args),
        Command::Check(args) => shanshui::cmd::check::run(&cli.root, args),
        Command::New(args) => shanshui::cmd::new::run(&cli.root, args),
        Command::Serve(args) => shanshui::cmd::serve::run(&cli.root, args),
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// mimalloc v3 asks for transparent huge pages, and the kernel then spends much of a
/// build zeroing them: a quarter of all samples in a profile of a 10,000-article build.
/// Turned off for this process before the first large allocation (README, Performance).
/// `SHANSHUI_THP=1` leaves them on, to measure the difference (`bench/ab.sh`).
fn no_transparent_huge_pages() {
    if std::env::var_os("SHANSHUI_THP").is_some_and(|v| v == "1") {
        return;
    }
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
