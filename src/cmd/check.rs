use crate::cli::{CheckArgs, Format};
use crate::messages;
use crate::verify;
use std::path::Path;

/// Validates everything `build` does, plus links, images, translations and indicator
/// data, and writes nothing. Errors give exit 1; warnings do not.
pub fn run(root: &Path, args: CheckArgs) -> bool {
    let report = verify::verify(root);
    let diags = report.diagnostics;
    let errors = diags.error_count();
    let warnings = diags.0.len() - errors;
    match args.format {
        Format::Json => {
            let report = serde_json::json!({ "errors": errors, "warnings": warnings, "diagnostics": diags.0 });
            // Escaped as JSON, not as the terminal text is, so that it stays valid JSON.
            let json = serde_json::to_string_pretty(&report).unwrap_or_default();
            crate::println_escaped!("{}", crate::terminal::json_printable(&json));
        }
        Format::Text => {
            crate::eprint_escaped!("{diags}");
            let summary = messages::CHECK_SUMMARY.say(&[
                ("articles", &report.articles),
                ("indicators", &report.indicators),
                ("errors", &errors),
                ("warnings", &warnings),
            ]);
            crate::println_escaped!("{summary}");
        }
    }
    errors == 0
}
