//! Predictions in the user's terms (values, class probabilities and labels, or ranking scores)
//! and the task's metrics.

use burn::tensor::activation::{sigmoid, softmax};
use serde::{Deserialize, Serialize};

use super::dataset::group_rows;
use super::scaling::TargetScale;
use crate::compute::{Precision, evaluation_device, tensor3, to_host};
use crate::data::table::Task;
use crate::error::{LupiError, Result};
use crate::evaluation::rmse;
use crate::experiments::ranking::query_metrics;

/// One model's predictions for a set of rows.
///
/// - regression: `values`, one per row, in the target's units;
/// - ranking: `values`, one score per row (higher = more relevant; only the order within a
///   group means anything);
/// - classification: `probabilities`, `rows × classes.len()` row-major (binary included: the
///   two columns are `1 − p` and `p`).
#[derive(Debug, Clone, PartialEq)]
pub struct Predictions {
    /// The task.
    pub task: Task,
    /// Class labels in class-index order (empty for regression).
    pub classes: Vec<String>,
    /// Predicted values (regression) or scores (ranking).
    pub values: Vec<f64>,
    /// Class probabilities (classification).
    pub probabilities: Vec<f64>,
}

/// The task's metrics; those that do not apply are `None`.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Metrics {
    /// Root mean squared error (regression).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rmse: Option<f64>,
    /// Mean absolute error (regression).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mae: Option<f64>,
    /// Share of rows whose most probable class is the true one (classification).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accuracy: Option<f64>,
    /// NDCG@10 per group, averaged over groups (ranking).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub ndcg_at_10: Option<f64>,
    /// Kendall's τ-b between scores and grades per group, averaged over groups (ranking).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub kendall_tau: Option<f64>,
}

impl Metrics {
    /// The metric that chooses the temperature: RMSE for regression, NDCG@10 for ranking,
    /// accuracy otherwise.
    pub fn primary(&self) -> f64 {
        self.rmse
            .or(self.accuracy)
            .or(self.ndcg_at_10)
            .unwrap_or(f64::NAN)
    }

    /// The metrics as (name, value) pairs, in a fixed order.
    pub fn named(&self) -> Vec<(&'static str, f64)> {
        [
            ("rmse", self.rmse),
            ("mae", self.mae),
            ("accuracy", self.accuracy),
            ("ndcg@10", self.ndcg_at_10),
            ("kendall_tau", self.kendall_tau),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.map(|value| (name, value)))
        .collect()
    }
}

/// The name of the primary metric and whether a higher value is better.
pub fn primary_metric(task: Task) -> (&'static str, bool) {
    match task {
        Task::Regression => ("rmse", false),
        Task::Ranking => ("ndcg@10", true),
        Task::Binary | Task::Multiclass => ("accuracy", true),
    }
}

/// Whether a task's predictions are one value per row (regression, ranking) rather than class
/// probabilities.
fn one_value_per_row(task: Task) -> bool {
    matches!(task, Task::Regression | Task::Ranking)
}

impl Predictions {
    /// Turns raw outputs (`rows × outputs`, row-major) into predictions: un-scaled values,
    /// sigmoid probabilities (binary) or softmax probabilities (multiclass).
    pub fn from_outputs(
        task: Task,
        classes: &[String],
        outputs: &[f64],
        target_scale: Option<&TargetScale>,
    ) -> Self {
        let mut predictions = Predictions {
            task,
            classes: classes.to_vec(),
            values: Vec::new(),
            probabilities: Vec::new(),
        };
        let device = evaluation_device();
        match task {
            Task::Binary => {
                let logits = tensor3(outputs, [1, outputs.len(), 1], Precision::F64, &device);
                for probability in to_host(sigmoid(logits)) {
                    predictions
                        .probabilities
                        .extend([1.0 - probability, probability]);
                }
            }
            Task::Multiclass => {
                let width = classes.len().max(1);
                let rows = outputs.len() / width;
                let logits = tensor3(outputs, [1, rows, width], Precision::F64, &device);
                predictions.probabilities = to_host(softmax(logits, 2));
            }
            Task::Regression | Task::Ranking => {
                predictions.values = outputs
                    .iter()
                    .map(|value| target_scale.map_or(*value, |scale| scale.inverse(*value)))
                    .collect();
            }
        }
        predictions
    }

    /// Constant predictions: `value` (regression, ranking) or certainty in `class`.
    pub fn constant(task: Task, classes: &[String], rows: usize, value: f64) -> Self {
        let mut predictions = Predictions {
            task,
            classes: classes.to_vec(),
            values: Vec::new(),
            probabilities: Vec::new(),
        };
        if one_value_per_row(task) {
            predictions.values = vec![value; rows];
        } else {
            for _ in 0..rows {
                predictions.probabilities.extend(
                    (0..classes.len()).map(|class| if class as f64 == value { 1.0 } else { 0.0 }),
                );
            }
        }
        predictions
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        if one_value_per_row(self.task) {
            self.values.len()
        } else {
            self.probabilities.len() / self.classes.len().max(1)
        }
    }

    /// The most probable class of each row (ties to the lowest index); empty for regression.
    pub fn class_indices(&self) -> Vec<usize> {
        self.probabilities
            .chunks(self.classes.len().max(1))
            .map(|row| {
                let mut best = 0;
                for (class, probability) in row.iter().enumerate() {
                    if *probability > row[best] {
                        best = class;
                    }
                }
                best
            })
            .collect()
    }

    /// The predictions of the rows in `rows`, in that order.
    pub fn select_rows(&self, rows: &[usize]) -> Self {
        let width = self.classes.len().max(1);
        let mut selected = Predictions {
            task: self.task,
            classes: self.classes.clone(),
            values: Vec::new(),
            probabilities: Vec::new(),
        };
        for row in rows {
            if one_value_per_row(self.task) {
                selected.values.push(self.values[*row]);
            } else {
                selected
                    .probabilities
                    .extend_from_slice(&self.probabilities[row * width..(row + 1) * width]);
            }
        }
        selected
    }

    /// The task's metrics against `targets` (values, or class indices). Ranking needs the
    /// groups: see [`Predictions::ranking_metrics`].
    ///
    /// # Errors
    /// When the counts of predictions and targets differ, or the task is ranking.
    pub fn metrics(&self, targets: &[f64]) -> Result<Metrics> {
        if targets.len() != self.rows() {
            return Err(LupiError::ShapeMismatch {
                what: "predictions and targets".into(),
                expected: self.rows().to_string(),
                found: targets.len().to_string(),
            });
        }
        if self.task == Task::Ranking {
            return Err(LupiError::Data(
                "ranking metrics are computed per group: they need the group of each row".into(),
            ));
        }
        if self.task == Task::Regression {
            let absolute: f64 = self
                .values
                .iter()
                .zip(targets)
                .map(|(prediction, target)| (prediction - target).abs())
                .sum();
            return Ok(Metrics {
                rmse: Some(rmse(&self.values, targets)),
                mae: Some(absolute / targets.len().max(1) as f64),
                ..Metrics::default()
            });
        }
        let correct = self
            .class_indices()
            .iter()
            .zip(targets)
            .filter(|(class, target)| **class as f64 == **target)
            .count();
        Ok(Metrics {
            accuracy: Some(correct as f64 / targets.len().max(1) as f64),
            ..Metrics::default()
        })
    }

    /// NDCG@10 and Kendall's τ-b of the scores against the relevance grades `targets`, per
    /// group of `groups` (one per row), averaged over the groups whose items do not all share
    /// one grade (see [`query_metrics`]).
    ///
    /// # Errors
    /// When the counts of scores, grades and groups differ, or no group has two grades.
    pub fn ranking_metrics(&self, targets: &[f64], groups: &[String]) -> Result<Metrics> {
        if targets.len() != self.values.len() || groups.len() != self.values.len() {
            return Err(LupiError::ShapeMismatch {
                what: "ranking scores, relevance grades and groups".into(),
                expected: self.values.len().to_string(),
                found: format!("{} grades and {} groups", targets.len(), groups.len()),
            });
        }
        let metrics = query_metrics(&self.values, targets, &group_rows(groups))?;
        Ok(Metrics {
            ndcg_at_10: Some(metrics.ndcg),
            kendall_tau: Some(metrics.kendall_tau),
            ..Metrics::default()
        })
    }

    /// The header and the rows of a prediction file: `prediction` (value or class label),
    /// then for classification `probability_<label>` per class; for ranking, `score`.
    pub fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        if one_value_per_row(self.task) {
            let rows = self
                .values
                .iter()
                .map(|value| vec![value.to_string()])
                .collect();
            let header = if self.task == Task::Ranking {
                "score"
            } else {
                "prediction"
            };
            return (vec![header.to_string()], rows);
        }
        let mut header = vec!["prediction".to_string()];
        header.extend(
            self.classes
                .iter()
                .map(|label| format!("probability_{label}")),
        );
        let width = self.classes.len().max(1);
        let rows = self
            .class_indices()
            .into_iter()
            .zip(self.probabilities.chunks(width))
            .map(|(class, probabilities)| {
                let mut row = vec![self.classes.get(class).cloned().unwrap_or_default()];
                row.extend(probabilities.iter().map(f64::to_string));
                row
            })
            .collect();
        (header, rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_metrics_and_scaling_by_hand() {
        let scale = TargetScale {
            mean: 10.0,
            scale: 2.0,
        };
        // Outputs 0 and 1 map to 10 and 12; errors against 11 and 11 are −1 and 1.
        let predictions =
            Predictions::from_outputs(Task::Regression, &[], &[0.0, 1.0], Some(&scale));
        assert_eq!(predictions.values, vec![10.0, 12.0]);
        let metrics = predictions.metrics(&[11.0, 11.0]).unwrap();
        assert_eq!((metrics.rmse, metrics.mae), (Some(1.0), Some(1.0)));
        assert!(predictions.metrics(&[1.0]).is_err());
    }

    #[test]
    fn binary_probabilities_labels_and_accuracy() {
        let classes = vec!["no".to_string(), "yes".to_string()];
        // Logit 0 gives p = 0.5 (a tie: the lowest class, "no"); logit 2 gives σ(2) ≈ 0.881.
        let predictions = Predictions::from_outputs(Task::Binary, &classes, &[0.0, 2.0], None);
        assert_eq!(predictions.class_indices(), vec![0, 1]);
        assert!((predictions.probabilities[3] - 0.880_797_077_977_882_3).abs() < 1e-12);
        assert_eq!(
            predictions.metrics(&[1.0, 1.0]).unwrap().accuracy,
            Some(0.5)
        );
        let (header, rows) = predictions.table();
        assert_eq!(
            header,
            vec!["prediction", "probability_no", "probability_yes"]
        );
        assert_eq!(rows[1][0], "yes");
    }

    #[test]
    fn ranking_metrics_group_rows_by_their_group_id() {
        // Groups interleaved in row order: "a" holds rows 0, 2, 4 and "b" rows 1, 3. Both are
        // ranked perfectly, so NDCG@10 and τ-b are 1 on each.
        let predictions =
            Predictions::from_outputs(Task::Ranking, &[], &[3.0, 0.5, 2.0, 0.1, 1.0], None);
        let groups: Vec<String> = ["a", "b", "a", "b", "a"].map(String::from).to_vec();
        let metrics = predictions
            .ranking_metrics(&[2.0, 1.0, 1.0, 0.0, 0.0], &groups)
            .unwrap();
        assert_eq!(metrics.ndcg_at_10, Some(1.0));
        assert_eq!(metrics.kendall_tau, Some(1.0));
        // Reversing group "b" alone: its τ-b is −1, so the mean over the two groups is 0.
        let reversed =
            Predictions::from_outputs(Task::Ranking, &[], &[3.0, 0.1, 2.0, 0.5, 1.0], None);
        let metrics = reversed
            .ranking_metrics(&[2.0, 1.0, 1.0, 0.0, 0.0], &groups)
            .unwrap();
        assert_eq!(metrics.kendall_tau, Some(0.0));
        assert!(predictions.metrics(&[2.0, 1.0, 1.0, 0.0, 0.0]).is_err());
        assert_eq!(predictions.table().0, vec!["score"]);
    }
}
