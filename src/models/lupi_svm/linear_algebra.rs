//! The two dense vector operations the sub-gradient steps need.

/// Inner product `<left, right> = sum_j left_j right_j`. Callers guarantee equal lengths.
pub(super) fn dot(left: &[f64], right: &[f64]) -> f64 {
    left.iter().zip(right).map(|(a, b)| a * b).sum()
}

/// `target <- shrink * target + step * source`, the shape of every Pegasos update.
pub(super) fn shrink_and_add(target: &mut [f64], shrink: f64, step: f64, source: &[f64]) {
    for (weight, &feature) in target.iter_mut().zip(source) {
        *weight = shrink * *weight + step * feature;
    }
}

/// Squared Euclidean norm `||vector||^2`.
pub(super) fn squared_norm(vector: &[f64]) -> f64 {
    dot(vector, vector)
}
