//! # lupi
//!
//! Learning using privileged information (LUPI) and knowledge distillation with a generalized
//! meta-loss. See the README for the method and the command line.
#![warn(missing_docs)]

pub mod compute;
pub mod data;
pub mod error;
pub mod evaluation;
pub mod losses;
pub mod models;
pub mod training;

pub use error::{LupiError, Result};
pub mod cli;
pub mod experiments;
