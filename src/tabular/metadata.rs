//! The self-describing part of a saved model (`model.json`).

use serde::{Deserialize, Serialize};

use super::params::RecordedSettings;
use super::report::{EvaluationReport, TemperatureRecord, TrainingMetrics, TrustSummary};
use super::scaling::Scalers;
use crate::data::table::{Encoder, Task};
use crate::losses::BaseLoss;
use crate::models::Architecture;

/// Everything a saved model needs besides its weights, and what its fit reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelMetadata {
    /// The lupi version that wrote the model; loading requires the same.
    pub lupi_version: String,
    /// Regression, binary, multiclass or ranking.
    pub task: Task,
    /// The base loss of the task.
    pub base_loss: BaseLoss,
    /// Class labels in class-index order (empty for regression).
    pub classes: Vec<String>,
    /// Encoded input feature names, in the student's input order.
    pub input_names: Vec<String>,
    /// Encoded privileged feature names, in the teacher's input order.
    pub privileged_names: Vec<String>,
    /// How raw table columns become those features (none for a model fitted on matrices).
    pub encoder: Option<Encoder>,
    /// Feature and target scaling fitted on all training rows.
    pub scalers: Scalers,
    /// The student's shape (inputs = `input_names.len()`).
    pub student_architecture: Architecture,
    /// The teacher's shape (inputs = `privileged_names.len()`).
    pub teacher_architecture: Architecture,
    /// The temperature and how it was chosen, with the cross-validation curve.
    pub temperature: TemperatureRecord,
    /// The training settings.
    pub settings: RecordedSettings,
    /// Number of training rows.
    pub rows: usize,
    /// The held-out comparison of every model.
    pub evaluation: EvaluationReport,
    /// The trust weights of the final student over its training rows.
    pub trust: TrustSummary,
    /// The final teacher's and student's metrics on the training rows.
    pub training_metrics: TrainingMetrics,
}

impl ModelMetadata {
    /// The group (query id) column of a ranking model fitted on a table, as its encoder
    /// recorded it.
    pub fn group_column(&self) -> Option<&str> {
        self.encoder.as_ref()?.group.as_deref()
    }
}
