//! The commands: each a short `run` on top of the pipeline.

pub mod build;
pub mod check;
pub mod import;
pub mod new;
pub mod serve;
pub mod translate;
