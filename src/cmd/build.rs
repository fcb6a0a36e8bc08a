use crate::cli::BuildArgs;
use crate::pipeline::{self, BuildOptions};
use std::path::Path;

/// Builds the portal and prints a one-line summary; returns whether it succeeded.
pub fn run(root: &Path, args: BuildArgs) -> bool {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        out: args.out,
        base_url: args.base_url,
        drafts: args.drafts,
        search: !args.no_search,
        portable: args.portable,
    };
    let progress = |done: usize, total: usize| eprintln!("  rendered {done}/{total} pages");
    match pipeline::build(&opts, &progress) {
        Ok(summary) => {
            eprint!("{}", summary.warnings);
            let stages: Vec<String> = summary
                .stages
                .iter()
                .map(|(name, d)| format!("{name} {}ms", d.as_millis()))
                .collect();
            println!(
                "Built {} pages ({} files, {:.1} MB) into {} in {}ms ({}){}",
                summary.pages,
                summary.files,
                summary.bytes as f64 / 1e6,
                opts.out_dir().display(),
                summary.total.as_millis(),
                stages.join(", "),
                match summary.warnings.0.len() {
                    0 => String::new(),
                    n => format!(", {n} warning(s)"),
                }
            );
            true
        }
        Err(pipeline::BuildError::Content(diags)) => {
            eprint!("{diags}");
            eprintln!(
                "Build failed: {} error(s). Nothing was written; {} is unchanged.",
                diags.error_count(),
                opts.out_dir().display()
            );
            false
        }
        Err(err) => {
            eprintln!("{err}");
            eprintln!("Build failed. {} is unchanged.", opts.out_dir().display());
            false
        }
    }
}
