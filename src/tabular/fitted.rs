//! A fitted model: the student that predicts from input features, the teacher it learned
//! from, and the metadata that makes them usable on new tables.

use std::path::Path;

use super::metadata::ModelMetadata;
use super::predictions::{Metrics, Predictions};
use crate::compute::{Precision, evaluation_device, tensor3};
use crate::data::Matrix;
use crate::data::table::{Encoder, InputData, Table, Task};
use crate::error::{LupiError, Result};
use crate::model_files::{NamedTensor, load_directory, parse_directory_files, save_directory};
use crate::models::{Architecture, BatchedMlp};

/// The result of [`TabularParams::fit`](super::TabularParams::fit).
///
/// # Shapes
/// - `student`: one model, `input_names.len()` inputs;
/// - `teacher`: one model, `privileged_names.len()` inputs.
#[derive(Debug, Clone)]
pub struct FittedLupi {
    /// Names, scalers, encoder, temperature and the fit's report.
    pub metadata: ModelMetadata,
    /// The distilled student, used for every prediction.
    pub student: BatchedMlp,
    /// The teacher on privileged features (saved for inspection; never needed to predict).
    pub teacher: BatchedMlp,
}

impl FittedLupi {
    /// Predicts from raw (unscaled) input features, columns in
    /// [`ModelMetadata::input_names`] order.
    pub fn predict_features(&self, input: &Matrix) -> Result<Predictions> {
        let expected = self.metadata.input_names.len();
        if input.cols != expected {
            return Err(LupiError::ShapeMismatch {
                what: "input feature columns".into(),
                expected: expected.to_string(),
                found: input.cols.to_string(),
            });
        }
        let scaled = self.metadata.scalers.input.transform(input);
        let device = evaluation_device();
        let features = tensor3(
            &scaled.values,
            [1, input.rows, input.cols],
            Precision::F64,
            &device,
        );
        // Predictions always run in f64: the stored weights are exact, so a loaded model gives
        // the same numbers as the one that was saved.
        let student = BatchedMlp::from_parameters(
            self.student.architecture.clone(),
            1,
            &self.student.parameters(),
            Precision::F64,
            &device,
        );
        let outputs = crate::compute::to_host(student.forward(features));
        Ok(Predictions::from_outputs(
            self.metadata.task,
            &self.metadata.classes,
            &outputs,
            self.metadata.scalers.target.as_ref(),
        ))
    }

    /// Predicts for a table that has the input columns (privileged and target columns may be
    /// absent and are ignored when present).
    ///
    /// # Errors
    /// When the model has no encoder (fitted on matrices), input columns are missing (all are
    /// named), or a cell cannot be encoded (the error names file, row, column and value).
    pub fn predict(&self, table: &Table) -> Result<Predictions> {
        let inputs = self.encode_inputs(table)?;
        self.predict_features(&Matrix::new(inputs.n_rows, inputs.n_input(), inputs.input)?)
    }

    /// The student's metrics on a labelled table: it needs the input and target columns, and
    /// for ranking the group column (metrics are per group). Returns the number of rows scored
    /// with the metrics.
    ///
    /// # Errors
    /// As [`FittedLupi::predict`]; a target or group column that is missing, or a cell of
    /// either that cannot be read (named by file, row, column and value).
    pub fn evaluate(&self, table: &Table) -> Result<(usize, Metrics)> {
        let encoder = self.encoder()?;
        let targets = encoder.target.encode(table)?;
        let predictions = self.predict(table)?;
        let metrics = match (self.metadata.task, encoder.transform_groups(table)?) {
            (Task::Ranking, Some(groups)) => predictions.ranking_metrics(&targets, &groups)?,
            (Task::Ranking, None) => {
                return Err(LupiError::Data(
                    "this ranking model records no group column, so it cannot be scored".into(),
                ));
            }
            _ => predictions.metrics(&targets)?,
        };
        Ok((targets.len(), metrics))
    }

    /// Encodes the input columns of `table`, after checking that none is missing.
    pub fn encode_inputs(&self, table: &Table) -> Result<InputData> {
        let encoder = self.encoder()?;
        let missing: Vec<&str> = encoder
            .input
            .iter()
            .map(|column| column.name.as_str())
            .filter(|name| table.column_index(name).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(LupiError::Data(format!(
                "'{}': missing input column(s) {}; the model needs {}",
                table.source(),
                quoted(&missing),
                quoted(
                    &encoder
                        .input
                        .iter()
                        .map(|c| c.name.as_str())
                        .collect::<Vec<_>>()
                )
            )));
        }
        Ok(encoder.transform_inputs(table)?)
    }

    /// The privileged (and target) columns present in `table`, which prediction ignores. A
    /// ranking model's group column is not among them: prediction copies it to its output.
    pub fn ignored_columns(&self, table: &Table) -> Vec<String> {
        let Ok(encoder) = self.encoder() else {
            return Vec::new();
        };
        encoder
            .privileged
            .iter()
            .map(|column| column.name.clone())
            .chain(std::iter::once(encoder.target.column.clone()))
            .filter(|name| table.column_index(name).is_some())
            .collect()
    }

    /// The fitted table encoder.
    pub fn encoder(&self) -> Result<&Encoder> {
        self.metadata.encoder.as_ref().ok_or_else(|| {
            LupiError::Data("this model was fitted on matrices and has no table encoder".into())
        })
    }

    /// Saves the model as a directory (`model.json` and `weights.safetensors`), atomically.
    pub fn save(&self, directory: &Path) -> Result<()> {
        let metadata = serde_json::to_value(&self.metadata)
            .map_err(|error| LupiError::file(directory, error))?;
        // JSON has no NaN or infinity (they are written as null), so a non-finite value would
        // save a model that cannot be loaded; refuse it here, where the cause is known.
        if let Err(error) = serde_json::from_value::<ModelMetadata>(metadata.clone()) {
            return Err(LupiError::file(
                directory,
                format!(
                    "cannot save the model: its metadata would not load back ({error}); a value \
                     is NaN or infinite"
                ),
            ));
        }
        let mut tensors = named_tensors("student", &self.student);
        tensors.extend(named_tensors("teacher", &self.teacher));
        if let Some(tensor) = tensors
            .iter()
            .find(|tensor| tensor.values.iter().any(|value| !value.is_finite()))
        {
            return Err(LupiError::file(
                directory,
                format!(
                    "cannot save the model: tensor '{}' holds NaN or infinite values",
                    tensor.name
                ),
            ));
        }
        save_directory(directory, &metadata, &tensors)
    }

    /// Loads a model saved by [`FittedLupi::save`], checking the lupi version and every
    /// tensor's shape against the metadata.
    pub fn load(directory: &Path) -> Result<Self> {
        let (metadata, tensors) = load_directory(directory)?;
        Self::from_saved_parts(metadata, &tensors, directory)
    }

    /// Builds a model from the contents of a model directory's two files, already read into
    /// memory (`model.json` and `weights.safetensors`), with the same checks as
    /// [`FittedLupi::load`]; `directory` only names the files in errors.
    pub fn from_file_contents(
        metadata_bytes: &[u8],
        weights: &[u8],
        directory: &Path,
    ) -> Result<Self> {
        let (metadata, tensors) = parse_directory_files(metadata_bytes, weights, directory)?;
        Self::from_saved_parts(metadata, &tensors, directory)
    }

    /// Checks parsed metadata against the tensors and builds the model.
    fn from_saved_parts(
        metadata: serde_json::Value,
        tensors: &[NamedTensor],
        directory: &Path,
    ) -> Result<Self> {
        let metadata_path = directory.join(crate::model_files::METADATA_FILE);
        let metadata: ModelMetadata = serde_json::from_value(metadata)
            .map_err(|error| LupiError::file(&metadata_path, format!("malformed: {error}")))?;
        let weights_path = directory.join(crate::model_files::WEIGHTS_FILE);
        let check_inputs = |architecture: &Architecture, names: &[String], role: &str| {
            if architecture.inputs == names.len() {
                Ok(())
            } else {
                Err(LupiError::file(
                    &metadata_path,
                    format!(
                        "the {role} has {} inputs but {} feature names are listed",
                        architecture.inputs,
                        names.len()
                    ),
                ))
            }
        };
        check_inputs(
            &metadata.student_architecture,
            &metadata.input_names,
            "student",
        )?;
        check_inputs(
            &metadata.teacher_architecture,
            &metadata.privileged_names,
            "teacher",
        )?;
        let expected_outputs = match metadata.task {
            crate::data::table::Task::Multiclass => metadata.classes.len(),
            _ => 1,
        };
        for (role, architecture) in [
            ("student", &metadata.student_architecture),
            ("teacher", &metadata.teacher_architecture),
        ] {
            if architecture.outputs != expected_outputs {
                return Err(LupiError::file(
                    &metadata_path,
                    format!(
                        "the {role} has {} outputs, but a {} task with {} classes needs {}",
                        architecture.outputs,
                        metadata.task,
                        metadata.classes.len(),
                        expected_outputs
                    ),
                ));
            }
        }
        let scalers = &metadata.scalers;
        let input_count = metadata.input_names.len();
        let privileged_count = metadata.privileged_names.len();
        for (what, length, expected) in [
            ("input scaler", scalers.input.mean.len(), input_count),
            ("input scaler", scalers.input.scale.len(), input_count),
            (
                "privileged scaler",
                scalers.privileged.mean.len(),
                privileged_count,
            ),
            (
                "privileged scaler",
                scalers.privileged.scale.len(),
                privileged_count,
            ),
        ] {
            if length != expected {
                return Err(LupiError::file(
                    &metadata_path,
                    format!("the {what} has {length} values for {expected} features"),
                ));
            }
        }
        let student = model_from_tensors(
            "student",
            &metadata.student_architecture,
            tensors,
            &weights_path,
        )?;
        let teacher = model_from_tensors(
            "teacher",
            &metadata.teacher_architecture,
            tensors,
            &weights_path,
        )?;
        Ok(FittedLupi {
            metadata,
            student,
            teacher,
        })
    }
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("'{name}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The tensors of a one-model batch, named `<prefix>.layer<l>.weight` (`[in, out]`) and
/// `<prefix>.layer<l>.bias` (`[out]`).
fn named_tensors(prefix: &str, model: &BatchedMlp) -> Vec<NamedTensor> {
    let sizes = model.architecture.sizes();
    model
        .parameters()
        .into_iter()
        .enumerate()
        .map(|(index, values)| {
            let layer = index / 2;
            let (name, shape) = if index % 2 == 0 {
                ("weight", vec![sizes[layer], sizes[layer + 1]])
            } else {
                ("bias", vec![sizes[layer + 1]])
            };
            NamedTensor {
                name: format!("{prefix}.layer{layer}.{name}"),
                shape,
                values,
            }
        })
        .collect()
}

/// Rebuilds a model from its named tensors, checking each against the architecture.
fn model_from_tensors(
    prefix: &str,
    architecture: &Architecture,
    tensors: &[NamedTensor],
    path: &Path,
) -> Result<BatchedMlp> {
    let sizes = architecture.sizes();
    let mut parameters = Vec::new();
    for layer in 0..sizes.len() - 1 {
        for (kind, shape) in [
            ("weight", vec![sizes[layer], sizes[layer + 1]]),
            ("bias", vec![sizes[layer + 1]]),
        ] {
            let name = format!("{prefix}.layer{layer}.{kind}");
            let tensor = tensors
                .iter()
                .find(|tensor| tensor.name == name)
                .ok_or_else(|| LupiError::file(path, format!("tensor '{name}' is missing")))?;
            if tensor.shape != shape {
                return Err(LupiError::file(
                    path,
                    format!(
                        "tensor '{name}' has shape {:?}, but model.json describes {:?}",
                        tensor.shape, shape
                    ),
                ));
            }
            parameters.push(tensor.values.clone());
        }
    }
    Ok(BatchedMlp::from_parameters(
        architecture.clone(),
        1,
        &parameters,
        Precision::F64,
        &evaluation_device(),
    ))
}
