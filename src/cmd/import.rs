use crate::cli::ImportArgs;
use std::path::Path;

pub fn run(_root: &Path, _args: ImportArgs) -> bool {
    eprintln!("import is not available yet");
    false
}
