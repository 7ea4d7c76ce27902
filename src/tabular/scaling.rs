//! Scaling fitted on the training rows of each model: the feature standardisers and, for
//! regression, the target's mean and standard deviation.

use serde::{Deserialize, Serialize};

use crate::data::{Matrix, Standardizer, mean_and_deviation};

/// The target's training mean and standard deviation (regression only): models learn
/// `(y − mean) / scale`, and predictions are mapped back with `f · scale + mean`.
///
/// Standardising the target makes the temperature comparable across data sets: the teacher's
/// squared error in `w = exp(−T · l)` is measured in target standard deviations squared.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TargetScale {
    /// Training mean of the target.
    pub mean: f64,
    /// Training population standard deviation (1 when the target is constant).
    pub scale: f64,
}

impl TargetScale {
    /// Fits on the training targets.
    pub fn fit(targets: &[f64]) -> Self {
        let (mean, deviation) = mean_and_deviation(targets);
        TargetScale {
            mean,
            scale: if deviation > 0.0 { deviation } else { 1.0 },
        }
    }

    /// `(y − mean) / scale`.
    pub fn forward(&self, value: f64) -> f64 {
        (value - self.mean) / self.scale
    }

    /// `f · scale + mean`.
    pub fn inverse(&self, value: f64) -> f64 {
        value * self.scale + self.mean
    }
}

/// Everything one model's inputs and targets were scaled with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scalers {
    /// Standardiser of the input features.
    pub input: Standardizer,
    /// Standardiser of the privileged features.
    pub privileged: Standardizer,
    /// The regression target's scale; `None` for classification.
    pub target: Option<TargetScale>,
}

/// Fits a standardiser on the rows of `matrix` where `training` is true.
pub fn fit_on_rows(matrix: &Matrix, training: &[bool]) -> Standardizer {
    let rows: Vec<usize> = (0..matrix.rows).filter(|row| training[*row]).collect();
    Standardizer::fit(&matrix.select_rows(&rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_scale_round_trips() {
        // Targets 1 and 3: mean 2, population standard deviation 1.
        let scale = TargetScale::fit(&[1.0, 3.0]);
        assert_eq!((scale.mean, scale.scale), (2.0, 1.0));
        assert_eq!(scale.inverse(scale.forward(7.5)), 7.5);
        assert_eq!(TargetScale::fit(&[4.0, 4.0]).scale, 1.0);
    }
}
