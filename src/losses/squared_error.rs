use burn::tensor::Tensor;

/// Squared error summed over outputs, per example.
///
/// ```text
/// l(f, t) = Σ_k (f_k − t_k)²
/// ```
///
/// # Shapes
/// - `outputs`, `targets`: `[models, examples, outputs]`
/// - returns: `[models, examples, 1]`
///
/// PyTorch equivalent: `((f - t) ** 2).sum(-1, keepdim=True)`.
pub fn squared_error(outputs: Tensor<3>, targets: Tensor<3>) -> Tensor<3> {
    (outputs - targets).square().sum_dim(2)
}

/// Gradient of [`squared_error`] with respect to `outputs`: `2 (f − t)`.
///
/// # Shapes
/// - `outputs`, `targets`, returns: `[models, examples, outputs]`
pub fn squared_error_gradient(outputs: Tensor<3>, targets: Tensor<3>) -> Tensor<3> {
    (outputs - targets).mul_scalar(2.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::{Precision, evaluation_device, tensor3, to_host};

    #[test]
    fn sums_over_outputs() {
        let device = evaluation_device();
        let outputs = tensor3(&[1.0, 2.0, 0.5, -1.0], [1, 2, 2], Precision::F64, &device);
        let targets = tensor3(&[0.0, 0.0, 0.5, 1.0], [1, 2, 2], Precision::F64, &device);
        // By hand: 1² + 2² = 5; 0² + (−2)² = 4.
        assert_eq!(to_host(squared_error(outputs, targets)), vec![5.0, 4.0]);
    }
}
