//! A trained linear model and its decision function.

use super::error::SvmError;
use super::linear_algebra::dot;

/// Which features the decision function of a [`FittedSvm`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeatureSpace {
    /// The input features `x` (LUPI-SVM and input-only Pegasos).
    Input,
    /// The privileged features `x*` (privileged-only Pegasos, an upper-bound baseline).
    Privileged,
}

/// A trained model with decision function `f(row) = <w, row> + b`.
///
/// For the LUPI-SVM the privileged weights `w*` are kept for inspection but never used to
/// predict, because privileged features are unavailable at test time.
#[derive(Debug, Clone, PartialEq)]
pub struct FittedSvm {
    pub(super) weights: Vec<f64>,
    pub(super) bias: f64,
    pub(super) privileged_weights: Option<Vec<f64>>,
    pub(super) decision_space: FeatureSpace,
    pub(super) epoch_objectives: Vec<f64>,
}

impl FittedSvm {
    /// Decision value `f(row) = <w, row> + b` on a row of the [`Self::decision_space`] features
    /// (input features, or privileged features for the privileged-only model).
    ///
    /// # Errors
    /// [`SvmError::LengthMismatch`] when `row` does not have [`Self::weights`]`.len()` features.
    pub fn decision_value(&self, row: &[f64]) -> Result<f64, SvmError> {
        if row.len() != self.weights.len() {
            return Err(SvmError::LengthMismatch {
                what: "row",
                expected: self.weights.len(),
                found: row.len(),
            });
        }
        Ok(dot(&self.weights, row) + self.bias)
    }

    /// [`Self::decision_value`] for every row.
    ///
    /// # Errors
    /// As [`Self::decision_value`], for the first row of the wrong width.
    pub fn decision_values(&self, rows: &[Vec<f64>]) -> Result<Vec<f64>, SvmError> {
        rows.iter().map(|row| self.decision_value(row)).collect()
    }

    /// Predicted label `f(row) > 0`; a decision value of exactly 0 predicts `false`.
    ///
    /// # Errors
    /// As [`Self::decision_value`].
    pub fn predict(&self, row: &[f64]) -> Result<bool, SvmError> {
        Ok(self.decision_value(row)? > 0.0)
    }

    /// `w` without the bias entry, one weight per decision feature.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// `b`, the weight learned for the appended constant feature; 0 when no bias was fitted.
    ///
    /// Because the bias is an ordinary weight on a constant feature it is regularised by
    /// `lambda / 2 b^2` like the rest of `w`.
    pub fn bias(&self) -> f64 {
        self.bias
    }

    /// `w*` for the LUPI-SVM; `None` for the plain Pegasos models.
    pub fn privileged_weights(&self) -> Option<&[f64]> {
        self.privileged_weights.as_deref()
    }

    /// The features [`Self::decision_value`] expects.
    pub fn decision_space(&self) -> FeatureSpace {
        self.decision_space
    }

    /// Training objective after each epoch; empty unless `record_objective` was set.
    pub fn epoch_objectives(&self) -> &[f64] {
        &self.epoch_objectives
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decision_value_is_affine_and_checks_width() {
        // w = [2, -1], b = 0.5: f([1, 3]) = 2 - 3 + 0.5 = -0.5.
        let model = FittedSvm {
            weights: vec![2.0, -1.0],
            bias: 0.5,
            privileged_weights: Some(vec![9.0]),
            decision_space: FeatureSpace::Input,
            epoch_objectives: Vec::new(),
        };
        assert_eq!(model.decision_value(&[1.0, 3.0]), Ok(-0.5));
        assert_eq!(model.predict(&[1.0, 3.0]), Ok(false));
        assert_eq!(
            model.decision_value(&[1.0]),
            Err(SvmError::LengthMismatch {
                what: "row",
                expected: 2,
                found: 1
            })
        );
    }
}
