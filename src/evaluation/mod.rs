//! Evaluation: metrics and summaries over repeats.

mod metrics;
pub mod ranking_metrics;
mod summary;

pub use metrics::{accuracy_from_logits, argmax_accuracy, rmse};
pub use ranking_metrics::{
    MetricError, auc_pr, auc_roc, average_ranks, kendall_tau_b, ndcg_at_k, pearson, spearman,
};
pub use summary::{PairedDifference, Summary};
