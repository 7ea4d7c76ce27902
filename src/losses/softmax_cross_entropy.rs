use burn::tensor::Tensor;
use burn::tensor::activation::{log_softmax, softmax};

/// Softmax cross-entropy on logits against a soft target distribution.
///
/// ```text
/// l(z, p) = −Σ_k p_k log softmax(z)_k
/// ```
///
/// `log_softmax` subtracts the largest logit first, so large logits do not overflow.
///
/// # Shapes
/// - `logits`, `targets`: `[models, examples, classes]`, each target row summing to 1
/// - returns: `[models, examples, 1]`
///
/// PyTorch equivalent: `F.cross_entropy(z, p, reduction="none")` with probability targets.
pub fn softmax_cross_entropy(logits: Tensor<3>, targets: Tensor<3>) -> Tensor<3> {
    (log_softmax(logits, 2) * targets).sum_dim(2).neg()
}

/// Gradient of [`softmax_cross_entropy`] with respect to the logits: `softmax(z) − p`
/// (valid when each target row sums to 1).
///
/// # Shapes
/// - `logits`, `targets`, returns: `[models, examples, classes]`
pub fn softmax_cross_entropy_gradient(logits: Tensor<3>, targets: Tensor<3>) -> Tensor<3> {
    softmax(logits, 2) - targets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::{Precision, evaluation_device, tensor3, to_host};

    #[test]
    fn uniform_logits_give_log_of_class_count() {
        let device = evaluation_device();
        let logits = tensor3(&[3.0, 3.0, 3.0, 3.0], [1, 1, 4], Precision::F64, &device);
        let targets = tensor3(&[0.1, 0.2, 0.3, 0.4], [1, 1, 4], Precision::F64, &device);
        // By hand: every log-probability is log(1/4), and the targets sum to 1.
        let loss = to_host(softmax_cross_entropy(logits, targets));
        assert!((loss[0] - 4f64.ln()).abs() < 1e-12);
    }
}
