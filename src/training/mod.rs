//! Training: optimizers and learning-rate schedules, training objectives, and the fit loop for
//! batches of same-shaped models.

mod fit;
mod objective;
mod optimizer;
mod ridge;

pub use fit::{FitConfig, fit};
pub use objective::{MetaForm, Objective};
pub use optimizer::{OptimizerConfig, OptimizerKind, Schedule};
pub use ridge::GramRidge;
