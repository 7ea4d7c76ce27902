//! Evaluation: metrics and summaries over repeats.

mod metrics;
mod summary;

pub use metrics::{accuracy_from_logits, argmax_accuracy, rmse};
pub use summary::{PairedDifference, Summary};
