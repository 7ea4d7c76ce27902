//! The practitioner's workflow on a table whose privileged columns exist only at training
//! time: fit a teacher on the privileged features and a student on the input features with
//! the meta-loss, compare them with controls on held-out rows, save, load and predict.
//!
//! ```text
//! LupiDataset ──► TabularParams::fit ──► FittedLupi ──► save(dir) / load(dir) ──► predict
//!                  │ temperature: given, or cross-validated over TEMPERATURE_GRID
//!                  │ report: teacher, input, distilled, self_distilled, mean (ranking:
//!                  │         constant) on held-out rows (ranking: whole held-out groups)
//!                  └ final teacher and student on all rows
//! ```
//!
//! Features are standardised, and for regression the target too, with the statistics of the
//! rows each model trains on; the base loss follows the task (squared error, binary or
//! softmax cross-entropy, or for ranking the pairwise logistic loss on the pairs of rows of
//! one group).
//!
//! ```no_run
//! use lupi::data::table::{ColumnSpec, FitOptions, prepare_training, read_csv};
//! use lupi::tabular::{LupiDataset, TabularParams};
//! use std::path::Path;
//!
//! # fn main() -> lupi::Result<()> {
//! let spec = ColumnSpec {
//!     target: "y".into(),
//!     privileged: vec!["clean".into()],
//!     ..ColumnSpec::default()
//! };
//! let fitted = prepare_training(Path::new("train.csv"), &spec, &FitOptions::default())?;
//! let dataset = LupiDataset::from_fitted(fitted)?;
//! let model = TabularParams::new().steps(500).fit(&dataset)?;
//! model.save(Path::new("model"))?;
//! let predictions = model.predict(&read_csv(Path::new("new.csv"))?)?;
//! # Ok(())
//! # }
//! ```

mod batched;
mod choices;
mod dataset;
mod fit;
mod fitted;
mod metadata;
mod params;
mod plot;
mod predictions;
mod ranking;
mod report;
mod scaling;
mod splits;

pub use batched::base_loss;
pub use choices::{Evaluation, ModelShape, TemperatureChoice};
pub use dataset::LupiDataset;
pub use fit::TEMPERATURE_GRID;
pub use fitted::FittedLupi;
pub use metadata::ModelMetadata;
pub use params::{RecordedSettings, TabularParams};
pub use plot::temperature_curve_svg;
pub use predictions::{Metrics, Predictions, primary_metric};
pub use report::{
    CurvePoint, EvaluationReport, MetricSummary, ModelScore, TemperatureRecord, TrainingMetrics,
    TrustSummary,
};
pub use scaling::{Scalers, TargetScale};
