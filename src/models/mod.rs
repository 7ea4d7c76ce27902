//! Models: linear and multilayer perceptrons, batched so that many same-shaped models train as
//! one set of tensor operations.

mod init;
pub mod lupi_svm;
mod mlp;

pub use init::Initialization;
pub use mlp::{Architecture, BatchedMlp};
