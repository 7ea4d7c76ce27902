//! Loss functions: the base losses, the meta-loss built on any of them, generalized
//! distillation, and the pairwise ranking loss with its meta-loss.
//!
//! All losses work on batched tensors of shape `[models, examples, outputs]` and return
//! per-example values of shape `[models, examples, 1]`; reduce with [`Reduction`].

mod base_loss;
mod binary_cross_entropy;
mod generalized_distillation;
mod meta_loss;
mod pairwise;
mod reduction;
mod softmax_cross_entropy;
mod squared_error;

pub use base_loss::BaseLoss;
pub use binary_cross_entropy::{binary_cross_entropy, binary_cross_entropy_gradient};
pub use generalized_distillation::GeneralizedDistillation;
pub use meta_loss::{MetaLoss, TeacherTarget, Temperature, WeightMode};
pub use pairwise::{PairBatch, PairSet, PairwiseMetaLoss, pairs_from_groups, pairwise_logistic};
pub use reduction::Reduction;
pub use softmax_cross_entropy::{softmax_cross_entropy, softmax_cross_entropy_gradient};
pub use squared_error::{squared_error, squared_error_gradient};
