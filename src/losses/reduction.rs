use burn::tensor::Tensor;

/// How per-example losses `[models, examples, 1]` are reduced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reduction {
    /// Keep one value per example: `[models, examples, 1]`.
    None,
    /// Mean over examples, one value per model: `[models, 1, 1]`.
    Mean,
    /// Sum over examples, one value per model: `[models, 1, 1]`.
    Sum,
}

impl Reduction {
    /// Applies the reduction to per-example losses of shape `[models, examples, 1]`.
    pub fn apply(self, per_example: Tensor<3>) -> Tensor<3> {
        match self {
            Reduction::None => per_example,
            Reduction::Mean => per_example.mean_dim(1),
            Reduction::Sum => per_example.sum_dim(1),
        }
    }
}
