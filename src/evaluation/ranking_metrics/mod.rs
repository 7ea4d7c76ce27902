//! Ranking and correlation metrics on `f64` slices: AUC-ROC, AUC-PR, Spearman, Pearson,
//! Kendall τ-b, NDCG@k.
//!
//! Every metric validates its input and returns [`MetricError`] instead of NaN or a panic.

mod auc_roc;
mod average_precision;
mod error;
mod inversion_count;
mod kendall_tau;
mod ndcg;
mod pearson;
mod ranks;
mod spearman;
mod ties;
mod validation;

pub use auc_roc::auc_roc;
pub use average_precision::auc_pr;
pub use error::MetricError;
pub use kendall_tau::kendall_tau_b;
pub use ndcg::{MAXIMUM_RELEVANCE, ndcg_at_k};
pub use pearson::pearson;
pub use ranks::average_ranks;
pub use spearman::spearman;
