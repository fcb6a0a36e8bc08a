use crate::cli::BuildArgs;
use crate::messages;
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
        crate::eprintln_escaped!("{}", messages::ERROR.say(&[("what", &err)]));
        return false;
    }
    let progress = |done: usize, total: usize| {
        let line = messages::BUILD_PROGRESS.say(&[("done", &done), ("total", &total)]);
        crate::eprintln_escaped!("{line}");
    };
    match pipeline::build(&opts, &progress) {
        Ok(summary) => {
            crate::eprint_escaped!("{}", summary.warnings);
            let stages: Vec<String> = summary
                .stages
                .iter()
                .map(|(name, d)| format!("{name} {}ms", d.as_millis()))
                .collect();
            let done = messages::BUILD_DONE.say(&[
                ("pages", &summary.pages),
                ("files", &summary.files),
                ("megabytes", &format!("{:.1}", summary.bytes as f64 / 1e6)),
                ("out", &opts.out_dir().display()),
                ("ms", &summary.total.as_millis()),
                ("stages", &stages.join(", ")),
            ]);
            let kept = match summary.rendered {
                Some(n) => messages::BUILD_DONE_KEPT.say(&[("rendered", &n)]),
                None => String::new(),
            };
            let warnings = match summary.warnings.0.len() {
                0 => String::new(),
                n => messages::BUILD_DONE_WARNINGS.say(&[("warnings", &n)]),
            };
            crate::println_escaped!("{done}{kept}{warnings}");
            true
        }
        Err(pipeline::BuildError::Content(diags)) => {
            crate::eprint_escaped!("{diags}");
            let failed = messages::BUILD_FAILED_CONTENT.say(&[
                ("errors", &diags.error_count()),
                ("out", &opts.out_dir().display()),
            ]);
            crate::eprintln_escaped!("{failed}");
            false
        }
        Err(err) => {
            crate::eprintln_escaped!("{err}");
            let failed = messages::BUILD_FAILED.say(&[("out", &opts.out_dir().display())]);
            crate::eprintln_escaped!("{failed}");
            false
        }
    }
}
