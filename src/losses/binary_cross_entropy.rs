use burn::tensor::Tensor;
use burn::tensor::activation::sigmoid;

/// Binary cross-entropy on logits against soft targets in `[0, 1]`, summed over outputs.
///
/// ```text
/// l(z, p) = −[p log σ(z) + (1 − p) log(1 − σ(z))]
///         = max(z, 0) − p z + log(1 + exp(−|z|))
/// ```
///
/// The second form is the one computed: it never takes the logarithm of a sigmoid, so it
/// neither underflows for large `|z|` nor loses precision when `σ(z)` rounds to 0 or 1.
///
/// # Shapes
/// - `logits`, `targets`: `[models, examples, outputs]`
/// - returns: `[models, examples, 1]`
///
/// PyTorch equivalent: `F.binary_cross_entropy_with_logits(z, p, reduction="none").sum(-1)`.
pub fn binary_cross_entropy(logits: Tensor<3>, targets: Tensor<3>) -> Tensor<3> {
    let softplus_of_negative_magnitude = logits.clone().abs().neg().exp().log1p();
    (logits.clone().clamp_min(0.0) - logits * targets + softplus_of_negative_magnitude).sum_dim(2)
}

/// Gradient of [`binary_cross_entropy`] with respect to the logits: `σ(z) − p`.
///
/// # Shapes
/// - `logits`, `targets`, returns: `[models, examples, outputs]`
pub fn binary_cross_entropy_gradient(logits: Tensor<3>, targets: Tensor<3>) -> Tensor<3> {
    sigmoid(logits) - targets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::{Precision, evaluation_device, tensor3, to_host};

    #[test]
    fn stays_finite_and_exact_for_extreme_logits() {
        let device = evaluation_device();
        let logits = tensor3(&[-800.0, 800.0, 0.0], [1, 3, 1], Precision::F64, &device);
        let targets = tensor3(&[1.0, 1.0, 0.25], [1, 3, 1], Precision::F64, &device);
        let loss = to_host(binary_cross_entropy(logits, targets));
        // By hand: z = −800, p = 1 gives 0 − (−800) + log(1 + e^−800) = 800; z = 800, p = 1
        // gives 800 − 800 + ~0 = 0; z = 0 gives log 2 whatever p is.
        assert!((loss[0] - 800.0).abs() < 1e-12);
        assert!(loss[1].abs() < 1e-12);
        assert!((loss[2] - std::f64::consts::LN_2).abs() < 1e-12);
    }
}
