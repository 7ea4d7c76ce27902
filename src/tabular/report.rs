//! What a fit reports and records: the held-out comparison of every model, the temperature
//! curve, how much the student trusted the teacher, and the training metrics.

use serde::{Deserialize, Serialize};

use super::choices::Evaluation;
use super::predictions::Metrics;
use crate::losses::Temperature;

/// Mean and population standard deviation of one metric over folds (std 0 for a hold-out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricSummary {
    /// `rmse`, `mae`, `accuracy`, `ndcg@10` or `kendall_tau`.
    pub metric: String,
    /// Mean over folds.
    pub mean: f64,
    /// Population standard deviation over folds.
    pub std: f64,
}

/// One model's held-out metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelScore {
    /// `teacher`, `input`, `distilled`, `self_distilled`, or the control: `mean` (`constant`
    /// for ranking).
    pub model: String,
    /// Its metrics.
    pub metrics: Vec<MetricSummary>,
}

/// The held-out comparison of the teacher, the students and the controls.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationReport {
    /// Hold-out or cross-validation.
    pub method: Evaluation,
    /// The temperature of the distilled and self-distilled students.
    pub temperature: Temperature,
    /// One entry per model.
    pub models: Vec<ModelScore>,
}

impl EvaluationReport {
    /// The mean of `metric` for `model`, when reported.
    pub fn mean(&self, model: &str, metric: &str) -> Option<f64> {
        self.models
            .iter()
            .find(|score| score.model == model)?
            .metrics
            .iter()
            .find(|summary| summary.metric == metric)
            .map(|summary| summary.mean)
    }
}

/// The cross-validated score of one temperature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurvePoint {
    /// The temperature.
    pub temperature: Temperature,
    /// Mean held-out score over folds.
    pub mean: f64,
    /// Population standard deviation over folds.
    pub std: f64,
}

/// How the temperature was set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemperatureRecord {
    /// The temperature used.
    pub value: Temperature,
    /// `given` or `cross_validation`.
    pub chosen_by: String,
    /// Folds of the cross-validation (none when given).
    pub folds: Option<usize>,
    /// The score of the curve (`rmse`: lower is better; `accuracy`, `ndcg@10`: higher is
    /// better).
    pub metric: String,
    /// The curve over the grid (empty when given).
    pub curve: Vec<CurvePoint>,
}

/// Quantiles of the trust weights `w = exp(−T · l(teacher, y))` over the training rows (for
/// ranking, over the training pairs), and the share of them where the student mostly learned
/// from `y` (`w < 0.5`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TrustSummary {
    /// Smallest weight.
    pub min: f64,
    /// 10% quantile.
    pub q10: f64,
    /// Median.
    pub median: f64,
    /// 90% quantile.
    pub q90: f64,
    /// Largest weight.
    pub max: f64,
    /// Share of rows with `w < 0.5`.
    pub share_below_half: f64,
}

impl TrustSummary {
    /// Summarises weights (nearest-rank quantiles on the sorted values).
    pub fn new(weights: &[f64]) -> Self {
        let mut sorted = weights.to_vec();
        sorted.sort_by(f64::total_cmp);
        let quantile = |share: f64| {
            if sorted.is_empty() {
                return f64::NAN;
            }
            let index = (share * (sorted.len() - 1) as f64).round() as usize;
            sorted[index]
        };
        let below = weights.iter().filter(|weight| **weight < 0.5).count();
        TrustSummary {
            min: quantile(0.0),
            q10: quantile(0.1),
            median: quantile(0.5),
            q90: quantile(0.9),
            max: quantile(1.0),
            share_below_half: below as f64 / weights.len().max(1) as f64,
        }
    }
}

/// Metrics of the final teacher and student on their own training rows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TrainingMetrics {
    /// The teacher on `x*`.
    pub teacher: Metrics,
    /// The distilled student on `x`.
    pub student: Metrics,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trust_quantiles_by_hand() {
        // Eleven weights 0, 0.1, …, 1: nearest-rank quantiles fall on the values themselves.
        let weights: Vec<f64> = (0..=10).map(|step| step as f64 / 10.0).collect();
        let summary = TrustSummary::new(&weights);
        assert_eq!((summary.min, summary.q10, summary.median), (0.0, 0.1, 0.5));
        assert_eq!((summary.q90, summary.max), (0.9, 1.0));
        // 0, 0.1, 0.2, 0.3, 0.4 are below one half: 5 of 11.
        assert_eq!(summary.share_below_half, 5.0 / 11.0);
    }
}
