//! One stochastic sub-gradient step of the LUPI-SVM (see [`super::LupiSvmParams::fit`] for the
//! derivation).

use super::linear_algebra::{dot, shrink_and_add};
use super::params::LupiSvmParams;

/// The two weight vectors being learned. `privileged` is empty for the plain Pegasos models.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Weights {
    /// `w`, over the decision features (including the appended bias feature, if any).
    pub(super) decision: Vec<f64>,
    /// `w*`, over the privileged features.
    pub(super) privileged: Vec<f64>,
}

impl Weights {
    /// All-zero weights, the Pegasos starting point.
    pub(super) fn zeros(decision_width: usize, privileged_width: usize) -> Self {
        Self {
            decision: vec![0.0; decision_width],
            privileged: vec![0.0; privileged_width],
        }
    }
}

/// One training example as the step sees it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Example<'a> {
    /// `x` (with the bias feature already appended when a bias is fitted).
    pub(super) decision_features: &'a [f64],
    /// `x*`, absent for the plain Pegasos models.
    pub(super) privileged_features: Option<&'a [f64]>,
    /// `y` in {-1, +1}.
    pub(super) sign: f64,
}

/// Applies the step for iteration `t >= 1` (counted over all epochs) with `eta_t = 1/(lambda t)`:
///
/// ```text
/// m = y <w, x>,  s = y <w*, x*>   (s = 0 without privileged features)
/// w  <- (1 - eta lambda)  w  + eta [1 - m - s > 0 and 1 - m > 0] y x
/// w* <- (1 - eta lambda*) w* + eta ([1 - m - s > 0] + [s < 0] - lambda_s) y x*
/// ```
///
/// Both indicators are evaluated with the weights from before the step.
pub(super) fn sub_gradient_step(
    weights: &mut Weights,
    example: Example<'_>,
    iteration: u64,
    params: &LupiSvmParams,
) {
    let step_size = 1.0 / (params.regularization * iteration as f64);
    let decision_margin = example.sign * dot(&weights.decision, example.decision_features);
    let privileged_margin = example.privileged_features.map_or(0.0, |features| {
        example.sign * dot(&weights.privileged, features)
    });

    let combined_hinge_active = 1.0 - decision_margin - privileged_margin > 0.0;
    let decision_hinge_active = 1.0 - decision_margin > 0.0;
    let decision_pull = if combined_hinge_active && decision_hinge_active {
        step_size * example.sign
    } else {
        0.0
    };
    shrink_and_add(
        &mut weights.decision,
        1.0 - step_size * params.regularization,
        decision_pull,
        example.decision_features,
    );

    if let Some(features) = example.privileged_features {
        let sign_hinge_active = privileged_margin < 0.0;
        let coefficient = f64::from(u8::from(combined_hinge_active))
            + f64::from(u8::from(sign_hinge_active))
            - params.slack_penalty;
        shrink_and_add(
            &mut weights.privileged,
            1.0 - step_size * params.privileged_regularization,
            step_size * coefficient * example.sign,
            features,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOLERANCE: f64 = 1e-12;

    fn hand_params() -> LupiSvmParams {
        LupiSvmParams::builder()
            .regularization(0.5)
            .privileged_regularization(0.25)
            .slack_penalty(0.1)
            .build()
            .expect("valid parameters")
    }

    fn assert_close(actual: &[f64], expected: &[f64]) {
        assert_eq!(actual.len(), expected.len());
        for (a, e) in actual.iter().zip(expected) {
            assert!((a - e).abs() < TOLERANCE, "{actual:?} != {expected:?}");
        }
    }

    #[test]
    fn both_hinges_active() {
        // lambda = 0.5, lambda* = 0.25, lambda_s = 0.1, t = 2 -> eta = 1 / (0.5 * 2) = 1.
        // x = [0.5, 1] (last entry = bias feature), x* = [2], y = +1, w = [1, -1], w* = [0.1].
        // m = 0.5 - 1 = -0.5; s = 0.2. 1 - m - s = 1.3 > 0; 1 - m = 1.5 > 0; s < 0 is false.
        // w  <- (1 - 0.5) [1, -1] + 1 * [0.5, 1] = [1.0, 0.5]
        // w* <- (1 - 0.25) 0.1 + 1 * (1 + 0 - 0.1) * 2 = 0.075 + 1.8 = 1.875
        let mut weights = Weights {
            decision: vec![1.0, -1.0],
            privileged: vec![0.1],
        };
        let example = Example {
            decision_features: &[0.5, 1.0],
            privileged_features: Some(&[2.0]),
            sign: 1.0,
        };
        sub_gradient_step(&mut weights, example, 2, &hand_params());
        assert_close(&weights.decision, &[1.0, 0.5]);
        assert_close(&weights.privileged, &[1.875]);
    }

    #[test]
    fn decision_hinge_inactive_blocks_the_w_update() {
        // Same parameters, t = 2 -> eta = 1. x = [1, 1], x* = [1], y = +1,
        // w = [1, 0.5], w* = [-1]. m = 1.5, s = -1.
        // 1 - m - s = 0.5 > 0 (combined hinge active), 1 - m = -0.5 (inactive), s < 0 (active).
        // w  <- 0.5 * [1, 0.5] = [0.5, 0.25]                    (shrink only)
        // w* <- 0.75 * (-1) + 1 * (1 + 1 - 0.1) * 1 = -0.75 + 1.9 = 1.15
        let mut weights = Weights {
            decision: vec![1.0, 0.5],
            privileged: vec![-1.0],
        };
        let example = Example {
            decision_features: &[1.0, 1.0],
            privileged_features: Some(&[1.0]),
            sign: 1.0,
        };
        sub_gradient_step(&mut weights, example, 2, &hand_params());
        assert_close(&weights.decision, &[0.5, 0.25]);
        assert_close(&weights.privileged, &[1.15]);
    }

    #[test]
    fn negative_label_first_step_is_pegasos() {
        // t = 1, lambda = 0.5 -> eta = 2, shrink factor 1 - 2 * 0.5 = 0 (Pegasos' first step
        // forgets the zero start). y = -1, x = [3, 1], w = 0 -> m = 0, 1 - m = 1 > 0.
        // w <- 0 + 2 * (-1) * [3, 1] = [-6, -2]. No privileged part.
        let mut weights = Weights::zeros(2, 0);
        let example = Example {
            decision_features: &[3.0, 1.0],
            privileged_features: None,
            sign: -1.0,
        };
        sub_gradient_step(&mut weights, example, 1, &hand_params());
        assert_close(&weights.decision, &[-6.0, -2.0]);
        assert!(weights.privileged.is_empty());
    }
}
