#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

pub mod compute;
pub mod data;
pub mod distillation;
pub mod error;
pub mod evaluation;
pub mod losses;
pub mod model_files;
pub mod models;
pub mod tabular;
pub mod training;

pub use error::{LupiError, Result};
pub mod cli;
pub mod experiments;
