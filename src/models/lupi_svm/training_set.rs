//! Validated training data in the form the optimiser consumes.

use super::error::SvmError;
use super::feature_matrix::FeatureMatrix;
use super::update_step::Example;

/// Decision features (bias column appended when requested), optional privileged features and
/// labels mapped to `y in {-1, +1}`, all checked to describe the same examples.
#[derive(Debug, Clone)]
pub(super) struct TrainingSet {
    decision: FeatureMatrix,
    privileged: Option<FeatureMatrix>,
    signs: Vec<f64>,
}

impl TrainingSet {
    /// Validates shapes and labels.
    ///
    /// Checks, in order: at least one example, one label per example, one privileged row per
    /// example, and both classes present.
    pub(super) fn new(
        decision: &FeatureMatrix,
        privileged: Option<&FeatureMatrix>,
        labels: &[bool],
        fit_bias: bool,
    ) -> Result<Self, SvmError> {
        let example_count = decision.row_count();
        if example_count == 0 {
            return Err(SvmError::EmptyInput);
        }
        if labels.len() != example_count {
            return Err(SvmError::LengthMismatch {
                what: "labels",
                expected: example_count,
                found: labels.len(),
            });
        }
        if let Some(matrix) = privileged
            && matrix.row_count() != example_count
        {
            return Err(SvmError::LengthMismatch {
                what: "privileged",
                expected: example_count,
                found: matrix.row_count(),
            });
        }
        let positive_count = labels.iter().filter(|&&label| label).count();
        if positive_count == 0 || positive_count == example_count {
            return Err(SvmError::SingleClass);
        }
        let decision = if fit_bias {
            decision.with_constant_column()
        } else {
            decision.clone()
        };
        let signs = labels
            .iter()
            .map(|&label| if label { 1.0 } else { -1.0 })
            .collect();
        Ok(Self {
            decision,
            privileged: privileged.cloned(),
            signs,
        })
    }

    /// Number of training examples `n`.
    pub(super) fn example_count(&self) -> usize {
        self.signs.len()
    }

    /// Width of `x` as seen by `w` (bias column included).
    pub(super) fn decision_width(&self) -> usize {
        self.decision.column_count()
    }

    /// Width of `x*`, 0 without privileged features.
    pub(super) fn privileged_width(&self) -> usize {
        self.privileged
            .as_ref()
            .map_or(0, FeatureMatrix::column_count)
    }

    /// Whether privileged features were supplied (even zero columns wide).
    pub(super) fn has_privileged(&self) -> bool {
        self.privileged.is_some()
    }

    /// Example `index` (< [`Self::example_count`]).
    pub(super) fn example(&self, index: usize) -> Example<'_> {
        Example {
            decision_features: self.decision.row_within_bounds(index),
            privileged_features: self
                .privileged
                .as_ref()
                .map(|matrix| matrix.row_within_bounds(index)),
            sign: self.signs[index],
        }
    }

    /// Builds a set without validation, for hand-made unit-test fixtures.
    #[cfg(test)]
    pub(super) fn for_test(
        decision: FeatureMatrix,
        privileged: Option<FeatureMatrix>,
        signs: Vec<f64>,
    ) -> Self {
        Self {
            decision,
            privileged,
            signs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(rows: &[Vec<f64>]) -> FeatureMatrix {
        FeatureMatrix::from_rows(rows).expect("valid matrix")
    }

    #[test]
    fn validation_errors() {
        let inputs = matrix(&[vec![1.0], vec![2.0]]);
        assert_eq!(
            TrainingSet::new(&matrix(&[]), None, &[], true).err(),
            Some(SvmError::EmptyInput)
        );
        assert_eq!(
            TrainingSet::new(&inputs, None, &[true], true).err(),
            Some(SvmError::LengthMismatch {
                what: "labels",
                expected: 2,
                found: 1
            })
        );
        let short_privileged = matrix(&[vec![1.0]]);
        assert_eq!(
            TrainingSet::new(&inputs, Some(&short_privileged), &[true, false], true).err(),
            Some(SvmError::LengthMismatch {
                what: "privileged",
                expected: 2,
                found: 1
            })
        );
        assert_eq!(
            TrainingSet::new(&inputs, None, &[true, true], true).err(),
            Some(SvmError::SingleClass)
        );
    }

    #[test]
    fn labels_become_signs_and_bias_is_appended() {
        let inputs = matrix(&[vec![1.0], vec![2.0]]);
        let data = TrainingSet::new(&inputs, None, &[true, false], true).expect("ok");
        assert_eq!(data.decision_width(), 2);
        assert_eq!(data.privileged_width(), 0);
        let second = data.example(1);
        assert_eq!(second.decision_features, &[2.0, 1.0]);
        assert_eq!(second.sign, -1.0);
    }
}
