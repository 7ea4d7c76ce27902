use burn::tensor::Tensor;
use burn::tensor::activation::{sigmoid, softmax};
use serde::{Deserialize, Serialize};

use super::{
    binary_cross_entropy, binary_cross_entropy_gradient, softmax_cross_entropy,
    softmax_cross_entropy_gradient, squared_error, squared_error_gradient,
};

/// A base loss `l(f, t)` between a model's raw output `f` and a (possibly soft) target `t`.
///
/// | variant | output `f` | target `t` | `l(f, t)` | prediction used as a target |
/// |---|---|---|---|---|
/// | `SquaredError` | values | values | `Σ_k (f_k − t_k)²` | `f` |
/// | `BinaryCrossEntropy` | logits | probabilities | `−[t log σ(f) + (1−t) log(1−σ(f))]` | `σ(f)` |
/// | `SoftmaxCrossEntropy` | logits | distribution | `−Σ_k t_k log softmax(f)_k` | `softmax(f)` |
///
/// For all three, `∂l/∂f = a(f) − t` up to a constant factor (`a` the prediction map), and
/// `l` is affine in `t` up to a term that does not depend on `f`: this is what lets the
/// meta-loss be trained as the base loss against a mixed target (see
/// [`MetaLoss::mixed_target`](super::MetaLoss::mixed_target)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaseLoss {
    /// Squared error, for regression.
    SquaredError,
    /// Binary cross-entropy on logits with soft targets, for binary classification.
    BinaryCrossEntropy,
    /// Softmax cross-entropy with a soft target distribution, for multiclass classification.
    SoftmaxCrossEntropy,
}

impl BaseLoss {
    /// Per-example loss.
    ///
    /// # Shapes
    /// - `outputs`, `targets`: `[models, examples, outputs]`
    /// - returns: `[models, examples, 1]`
    pub fn per_example(self, outputs: Tensor<3>, targets: Tensor<3>) -> Tensor<3> {
        match self {
            BaseLoss::SquaredError => squared_error(outputs, targets),
            BaseLoss::BinaryCrossEntropy => binary_cross_entropy(outputs, targets),
            BaseLoss::SoftmaxCrossEntropy => softmax_cross_entropy(outputs, targets),
        }
    }

    /// Gradient of the per-example loss with respect to `outputs`.
    ///
    /// # Shapes
    /// - `outputs`, `targets`, returns: `[models, examples, outputs]`
    pub fn output_gradient(self, outputs: Tensor<3>, targets: Tensor<3>) -> Tensor<3> {
        match self {
            BaseLoss::SquaredError => squared_error_gradient(outputs, targets),
            BaseLoss::BinaryCrossEntropy => binary_cross_entropy_gradient(outputs, targets),
            BaseLoss::SoftmaxCrossEntropy => softmax_cross_entropy_gradient(outputs, targets),
        }
    }

    /// Maps raw outputs to the prediction used as a target: the value itself, the sigmoid
    /// probability, or the softmax distribution.
    ///
    /// # Shapes
    /// - `outputs`, returns: `[models, examples, outputs]`
    pub fn prediction(self, outputs: Tensor<3>) -> Tensor<3> {
        match self {
            BaseLoss::SquaredError => outputs,
            BaseLoss::BinaryCrossEntropy => sigmoid(outputs),
            BaseLoss::SoftmaxCrossEntropy => softmax(outputs, 2),
        }
    }

    /// The name used in reports and JSON.
    pub fn name(self) -> &'static str {
        match self {
            BaseLoss::SquaredError => "squared_error",
            BaseLoss::BinaryCrossEntropy => "binary_cross_entropy",
            BaseLoss::SoftmaxCrossEntropy => "softmax_cross_entropy",
        }
    }
}
