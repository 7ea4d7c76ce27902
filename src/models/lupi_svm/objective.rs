//! The LUPI-SVM training objective, used to monitor convergence.

use super::linear_algebra::{dot, squared_norm};
use super::params::LupiSvmParams;
use super::training_set::TrainingSet;
use super::update_step::Weights;

/// Primal objective
///
/// ```text
/// F(w, w*) = lambda/2 ||w||^2 + lambda*/2 ||w*||^2
///          + (1/n) sum_i [ max(0, 1 - m_i - s_i) + max(0, -s_i) + lambda_s s_i ]
/// m_i = y_i <w, x_i>,  s_i = y_i <w*, x*_i>
/// ```
///
/// Without privileged features `s_i = 0` and `w*` is empty, which leaves the Pegasos objective
/// `lambda/2 ||w||^2 + (1/n) sum_i max(0, 1 - m_i)`.
pub(super) fn objective(weights: &Weights, data: &TrainingSet, params: &LupiSvmParams) -> f64 {
    let mut loss_sum = 0.0;
    for index in 0..data.example_count() {
        let example = data.example(index);
        let decision_margin = example.sign * dot(&weights.decision, example.decision_features);
        let privileged_margin = example.privileged_features.map_or(0.0, |features| {
            example.sign * dot(&weights.privileged, features)
        });
        loss_sum += (1.0 - decision_margin - privileged_margin).max(0.0)
            + (-privileged_margin).max(0.0)
            + params.slack_penalty * privileged_margin;
    }
    params.regularization / 2.0 * squared_norm(&weights.decision)
        + params.privileged_regularization / 2.0 * squared_norm(&weights.privileged)
        + loss_sum / data.example_count() as f64
}

#[cfg(test)]
mod tests {
    use super::super::feature_matrix::FeatureMatrix;
    use super::*;

    #[test]
    fn hand_computed_value() {
        // lambda = 0.5, lambda* = 0.25, lambda_s = 0.1; one positive example with
        // x = [0.5] plus bias -> [0.5, 1], x* = [2]; w = [1, -1], w* = [0.1].
        // m = -0.5, s = 0.2. Regularisers: 0.25 * 2 = 0.5 and 0.125 * 0.01 = 0.00125.
        // Loss: max(0, 1.3) + max(0, -0.2) + 0.1 * 0.2 = 1.32. Total 1.82125.
        let params = LupiSvmParams::builder()
            .regularization(0.5)
            .privileged_regularization(0.25)
            .slack_penalty(0.1)
            .build()
            .expect("valid parameters");
        let inputs = FeatureMatrix::from_rows(&[vec![0.5]])
            .expect("ok")
            .with_constant_column();
        let privileged = FeatureMatrix::from_rows(&[vec![2.0]]).expect("ok");
        let data = TrainingSet::for_test(inputs, Some(privileged), vec![1.0]);
        let weights = Weights {
            decision: vec![1.0, -1.0],
            privileged: vec![0.1],
        };
        assert!((objective(&weights, &data, &params) - 1.82125).abs() < 1e-12);
    }
}
