//! shanshui: a static site generator for a bilingual (Chinese first, English second)
//! environment portal.
//!
//! The pipeline flows one way: [`load`] → [`model`] → [`render`] → [`write`]; see
//! [`pipeline`].

pub mod binary;
pub mod cache;
pub mod cjk;
pub mod cli;
pub mod cmd;
pub mod date;
pub mod diag;
pub mod editorial;
pub mod import;
pub mod lang;
pub mod load;
pub mod messages;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod route;
pub mod search;
pub mod serve;
pub mod terminal;
pub mod verify;
pub mod write;
