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
    if let Err(err) = crate::write::check_out_outside_inputs(root, &opts.out_dir()) {
        crate::eprintln_escaped!("error: {err}");
        return false;
    }
    let progress =
        |done: usize, total: usize| crate::eprintln_escaped!("  rendered {done}/{total} pages");
    match pipeline::build(&opts, &progress) {
        Ok(summary) => {
            crate::eprint_escaped!("{}", summary.warnings);
            let stages: Vec<String> = summary
                .stages
                .iter()
                .map(|(name, d)| format!("{name} {}ms", d.as_millis()))
                .collect();
            crate::println_escaped!(
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
            crate::eprint_escaped!("{diags}");
            crate::eprintln_escaped!(
                "Build failed: {} error(s). Nothing was written; {} is unchanged.",
                diags.error_count(),
                opts.out_dir().display()
            );
            false
        }
        Err(err) => {
            crate::eprintln_escaped!("{err}");
            crate::eprintln_escaped!("Build failed. {} is unchanged.", opts.out_dir().display());
            false
        }
    }
}
