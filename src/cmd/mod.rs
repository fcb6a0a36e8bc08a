//! The commands: each a short `run` on top of the pipeline.

pub mod build;
pub mod check;
pub mod import;
pub mod new;
pub mod serve;
pub mod translate;

use crate::messages;

/// Prints a command's error in the editor's language, as `check` prints its own.
fn error(what: &str) {
    crate::eprintln_escaped!("{}", messages::ERROR.say(&[("what", &what)]));
}

/// Prints what to do about the error before it.
fn hint(what: &str) {
    crate::eprintln_escaped!("{}", messages::HINT.say(&[("what", &what)]));
}
