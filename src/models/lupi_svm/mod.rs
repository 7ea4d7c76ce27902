//! LUPI-SVM baseline: a linear large-margin classifier that uses privileged features `x*`
//! (available only during training) to learn per-example slacks, trained with Pegasos-style
//! stochastic sub-gradient descent. Plain Pegasos on `x` alone or on `x*` alone shares the code.
//!
//! The objective and the exact update equations are documented on [`LupiSvmParams::fit`].

mod error;
mod feature_matrix;
mod fit;
mod fitted;
mod linear_algebra;
mod objective;
mod params;
mod params_builder;
mod training_set;
mod update_step;

#[cfg(test)]
mod training_tests;

pub use error::SvmError;
pub use feature_matrix::FeatureMatrix;
pub use fitted::{FeatureSpace, FittedSvm};
pub use params::{
    DEFAULT_EPOCHS, DEFAULT_PRIVILEGED_REGULARIZATION, DEFAULT_REGULARIZATION, DEFAULT_SEED,
    DEFAULT_SLACK_PENALTY, LupiSvmParams,
};
pub use params_builder::LupiSvmParamsBuilder;
