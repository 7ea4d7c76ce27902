//! The fitted encoder: everything needed to turn a raw table into numbers the same way at
//! training and at prediction time. It is serializable so it can be saved with a model.

use serde::{Deserialize, Serialize};

use super::data::{InputData, TabularData};
use super::encode::{ColumnEncoding, Impute, Warning, required_index};
use super::error::{Error, Result};
use super::raw::Table;
use super::select::Selection;
use super::task::{TargetEncoding, Task, infer_task};
use super::value::is_missing;

/// Choices that affect fitting beyond column selection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FitOptions {
    /// Task to use; inferred from the target when `None`.
    pub task: Option<Task>,
    /// Missing-value strategy for feature columns; missing values are errors when `None`.
    pub impute: Option<Impute>,
}

/// Column encodings for inputs and privileged features, the target encoding, and the names of
/// the group and id columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Encoder {
    /// Input feature encodings, in output order.
    pub input: Vec<ColumnEncoding>,
    /// Privileged feature encodings, in output order.
    pub privileged: Vec<ColumnEncoding>,
    /// Target column and task.
    pub target: TargetEncoding,
    /// Group (query id) column name.
    pub group: Option<String>,
    /// Row identifier column name.
    pub id: Option<String>,
}

/// The result of fitting: encoded training data, the encoder, and what the user should hear.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// The training table, encoded.
    pub data: TabularData,
    /// The fitted encoder, to save with the model.
    pub encoder: Encoder,
    /// Why the task was chosen, e.g. `target 'y' has 2 distinct values (0, 1): binary`.
    pub task_reason: String,
    /// Non-fatal findings (constant or identifier-like columns), in column order.
    pub warnings: Vec<Warning>,
}

impl Encoder {
    /// Fits on `table` (the training rows) with the roles in `selection` and encodes it.
    pub fn fit(table: &Table, selection: &Selection, options: &FitOptions) -> Result<Fitted> {
        let inference = infer_task(
            table,
            &selection.target,
            options.task,
            selection.group.is_some(),
        )?;
        let mut warnings = Vec::new();
        let mut fit_columns = |names: &[String]| -> Result<Vec<ColumnEncoding>> {
            let mut encodings = Vec::with_capacity(names.len());
            for name in names {
                let (encoding, found) = ColumnEncoding::fit(table, name, options.impute)?;
                warnings.extend(found);
                encodings.push(encoding);
            }
            Ok(encodings)
        };
        let input = fit_columns(&selection.features)?;
        let privileged = fit_columns(&selection.privileged)?;
        let encoder = Encoder {
            input,
            privileged,
            target: inference.encoding,
            group: selection.group.clone(),
            id: selection.id.clone(),
        };
        let data = encoder.transform(table)?;
        Ok(Fitted {
            data,
            encoder,
            task_reason: inference.reason,
            warnings,
        })
    }

    /// The task the target is encoded for.
    pub fn task(&self) -> Task {
        self.target.task
    }

    /// Encoded input feature names.
    pub fn input_names(&self) -> Vec<String> {
        output_names(&self.input)
    }

    /// Encoded privileged feature names.
    pub fn privileged_names(&self) -> Vec<String> {
        output_names(&self.privileged)
    }

    /// Encodes a table that has every fitted column: inputs, privileged, target, group and id.
    /// Used for training data and labelled validation data.
    pub fn transform(&self, table: &Table) -> Result<TabularData> {
        let input = encode_columns(table, &self.input, "input")?;
        let privileged = encode_columns(table, &self.privileged, "privileged")?;
        let target = self.target.encode(table)?;
        let group = self.transform_groups(table)?;
        let id = match &self.id {
            Some(name) => Some(text_column(table, required_index(table, name, "id")?)),
            None => None,
        };
        Ok(TabularData {
            input_names: self.input_names(),
            privileged_names: self.privileged_names(),
            input,
            privileged,
            target,
            group,
            id,
            task: self.target.task,
            n_rows: table.n_rows(),
        })
    }

    /// The group (query id) of each row of `table`, when the encoder has a group column: for
    /// scoring a ranking, which needs every row's group.
    ///
    /// # Errors
    /// The group column is missing from `table`, or one of its cells is empty (named by file,
    /// row, column and value).
    pub fn transform_groups(&self, table: &Table) -> Result<Option<Vec<String>>> {
        match &self.group {
            Some(name) => Ok(Some(group_column(table, name)?)),
            None => Ok(None),
        }
    }

    /// Encodes the input features of a prediction-time table. Privileged and target columns
    /// may be absent; extra columns are ignored; id and group are returned when present.
    pub fn transform_inputs(&self, table: &Table) -> Result<InputData> {
        let input = encode_columns(table, &self.input, "input")?;
        let optional_text = |name: &Option<String>| {
            name.as_deref()
                .and_then(|name| table.column_index(name))
                .map(|index| text_column(table, index))
        };
        Ok(InputData {
            input_names: self.input_names(),
            input,
            group: optional_text(&self.group),
            id: optional_text(&self.id),
            n_rows: table.n_rows(),
        })
    }
}

fn output_names(encodings: &[ColumnEncoding]) -> Vec<String> {
    encodings
        .iter()
        .flat_map(ColumnEncoding::output_names)
        .collect()
}

/// Encodes `encodings` row by row into a row-major matrix.
fn encode_columns(
    table: &Table,
    encodings: &[ColumnEncoding],
    role: &'static str,
) -> Result<Vec<f64>> {
    let indices = encodings
        .iter()
        .map(|encoding| required_index(table, &encoding.name, role))
        .collect::<Result<Vec<usize>>>()?;
    let width: usize = encodings.iter().map(ColumnEncoding::width).sum();
    let mut output = Vec::with_capacity(table.n_rows() * width);
    for row in 0..table.n_rows() {
        for (encoding, &index) in encodings.iter().zip(&indices) {
            encoding.encode_cell(table, index, row, &mut output)?;
        }
    }
    Ok(output)
}

fn text_column(table: &Table, index: usize) -> Vec<String> {
    table.column(index).map(str::to_string).collect()
}

/// Group ids must all be present: a missing query id would silently merge unrelated rows.
fn group_column(table: &Table, name: &str) -> Result<Vec<String>> {
    let index = required_index(table, name, "group")?;
    for (row, cell) in table.column(index).enumerate() {
        if is_missing(cell) {
            return Err(Error::MissingGroup {
                source_name: table.source().to_string(),
                row_description: table.describe_row(row),
                column: name.to_string(),
                value: cell.to_string(),
            });
        }
    }
    Ok(text_column(table, index))
}

#[cfg(test)]
mod tests {
    use super::super::read::read_csv;
    use super::super::select::{ColumnSpec, select_columns};
    use super::*;
    use std::path::Path;

    const TRAIN: &str = "\
id,age,color,lab_a,lab_b,y
r1,30,red,1.5,x,yes
r2,,blue,2.5,y,no
r3,50,red,3.5,x,yes
r4,40,green,4.5,y,no
";

    fn write(directory: &Path, name: &str, text: &str) -> std::path::PathBuf {
        let path = directory.join(name);
        std::fs::write(&path, text).expect("write fixture");
        path
    }

    fn fit_train(directory: &Path, impute: Option<Impute>) -> Result<Fitted> {
        let table = read_csv(&write(directory, "train.csv", TRAIN))?;
        let spec = ColumnSpec {
            target: "y".to_string(),
            privileged: vec!["lab_*".to_string()],
            id: Some("id".to_string()),
            ..ColumnSpec::default()
        };
        let selection = select_columns(table.names(), &spec)?;
        let options = FitOptions { task: None, impute };
        Encoder::fit(&table, &selection, &options)
    }

    #[test]
    fn fit_encodes_training_table() {
        let directory = tempfile::tempdir().expect("temp dir");
        let fitted = fit_train(directory.path(), Some(Impute::Median)).expect("fit");
        let data = &fitted.data;
        assert_eq!(
            data.input_names,
            vec!["age", "color=blue", "color=green", "color=red"]
        );
        assert_eq!(data.privileged_names, vec!["lab_a", "lab_b=x", "lab_b=y"]);
        assert_eq!(data.n_rows, 4);
        // Row 2 has a missing age, imputed with the median of 30, 50, 40.
        assert_eq!(data.input_row(1), &[40.0, 1.0, 0.0, 0.0]);
        assert_eq!(data.privileged_row(3), &[4.5, 0.0, 1.0]);
        assert_eq!(data.target, vec![1.0, 0.0, 1.0, 0.0]);
        assert_eq!(data.task, Task::Binary);
        assert_eq!(
            data.id.as_deref(),
            Some(&["r1", "r2", "r3", "r4"].map(String::from)[..])
        );
        assert_eq!(
            fitted.task_reason,
            "target 'y' has 2 distinct values (no, yes): binary"
        );
        assert!(fitted.warnings.is_empty());
    }

    #[test]
    fn missing_value_without_impute_fails_naming_cell() {
        let directory = tempfile::tempdir().expect("temp dir");
        let message = fit_train(directory.path(), None)
            .expect_err("missing age")
            .to_string();
        assert!(message.contains("train.csv"), "{message}");
        assert!(message.contains("data row 2 (line 3)"), "{message}");
        assert!(message.contains("column 'age' is missing"), "{message}");
    }

    #[test]
    fn serde_round_trip_then_predict_without_privileged_columns() {
        let directory = tempfile::tempdir().expect("temp dir");
        let fitted = fit_train(directory.path(), Some(Impute::Mean)).expect("fit");
        let json = serde_json::to_string(&fitted.encoder).expect("serialize");
        let restored: Encoder = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(restored, fitted.encoder);

        // No privileged or target column, columns reordered, an extra column, and an unseen
        // category ("purple") which encodes as all zeros.
        let predict = "note,color,id,age\nhello,purple,p1,20\nbye,red,p2,\n";
        let table = read_csv(&write(directory.path(), "predict.csv", predict)).expect("read");
        let inputs = restored.transform_inputs(&table).expect("transform inputs");
        assert_eq!(inputs.input_names, fitted.data.input_names);
        assert_eq!(inputs.input_row(0), &[20.0, 0.0, 0.0, 0.0]);
        // The missing age is filled with the training mean of 30, 50, 40.
        assert_eq!(inputs.input_row(1), &[40.0, 0.0, 0.0, 1.0]);
        assert_eq!(inputs.id, Some(vec!["p1".to_string(), "p2".to_string()]));
        assert_eq!(inputs.group, None);
    }

    #[test]
    fn prediction_file_missing_input_column_is_an_error() {
        let directory = tempfile::tempdir().expect("temp dir");
        let fitted = fit_train(directory.path(), Some(Impute::Mean)).expect("fit");
        let table =
            read_csv(&write(directory.path(), "predict.csv", "id,age\np1,3\n")).expect("read");
        let message = fitted
            .encoder
            .transform_inputs(&table)
            .expect_err("color is required")
            .to_string();
        assert!(message.contains("predict.csv"), "{message}");
        assert!(message.contains("input column 'color'"), "{message}");
    }

    #[test]
    fn transform_requires_privileged_columns() {
        let directory = tempfile::tempdir().expect("temp dir");
        let fitted = fit_train(directory.path(), Some(Impute::Mean)).expect("fit");
        let text = "id,age,color,y\nv1,3,red,no\n";
        let table = read_csv(&write(directory.path(), "valid.csv", text)).expect("read");
        let message = fitted
            .encoder
            .transform(&table)
            .expect_err("privileged required")
            .to_string();
        assert!(message.contains("privileged column 'lab_a'"), "{message}");
    }

    #[test]
    fn constant_columns_are_reported_not_fatal() {
        let directory = tempfile::tempdir().expect("temp dir");
        let text = "a,k,p,y\n1,5,0.1,1.5\n2,5,0.2,2.5\n3,5,0.3,3.25\n";
        let table = read_csv(&write(directory.path(), "train.csv", text)).expect("read");
        let spec = ColumnSpec {
            target: "y".to_string(),
            privileged: vec!["p".to_string()],
            ..ColumnSpec::default()
        };
        let selection = select_columns(table.names(), &spec).expect("select");
        let fitted = Encoder::fit(&table, &selection, &FitOptions::default()).expect("fit");
        assert_eq!(fitted.data.task, Task::Regression);
        assert_eq!(fitted.data.target, vec![1.5, 2.5, 3.25]);
        assert_eq!(
            fitted.warnings,
            vec![Warning::ConstantColumn {
                column: "k".to_string(),
                value: "5".to_string()
            }]
        );
    }

    #[test]
    fn ranking_needs_complete_groups() {
        let directory = tempfile::tempdir().expect("temp dir");
        let text = "q,x,p,rel\nq1,1,0,2\nq1,2,1,0\n,3,0,1\n";
        let table = read_csv(&write(directory.path(), "rank.csv", text)).expect("read");
        let spec = ColumnSpec {
            target: "rel".to_string(),
            privileged: vec!["p".to_string()],
            group: Some("q".to_string()),
            ..ColumnSpec::default()
        };
        let selection = select_columns(table.names(), &spec).expect("select");
        let message = Encoder::fit(&table, &selection, &FitOptions::default())
            .expect_err("missing group")
            .to_string();
        assert!(
            message.contains("data row 3 (line 4), group column 'q' is missing"),
            "{message}"
        );
    }
}
