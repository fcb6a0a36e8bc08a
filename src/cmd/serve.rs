use crate::cli::ServeArgs;
use crate::serve::{self, ServeOptions};
use std::path::Path;

pub fn run(root: &Path, args: ServeArgs) -> bool {
    let opts = ServeOptions {
        root: root.to_path_buf(),
        port: args.port,
        drafts: args.drafts,
        open: args.open,
        search: !args.no_search,
    };
    match serve::run(opts) {
        Ok(()) => true,
        Err(err) => {
            super::error(&format!("{err:#}"));
            false
        }
    }
}
