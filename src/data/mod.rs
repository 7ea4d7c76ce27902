//! Data sets: the [`Matrix`] type, scaling fitted on training rows only, and the synthetic
//! generators of the paper's experiments (and their ranking version).

pub mod affinity;
mod lupi_data;
mod matrix;
pub mod mnist;
pub mod ranking;
mod scaling;
pub mod synthetic;
pub mod table;

pub use lupi_data::{LupiData, LupiSplit};
pub use matrix::Matrix;
pub use scaling::{Standardizer, mean_and_deviation};
