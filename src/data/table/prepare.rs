//! One-call entry points for the command line: file in, encoded data out.

use std::path::Path;

use super::data::InputData;
use super::encoder::{Encoder, FitOptions, Fitted};
use super::error::Result;
use super::read::read_csv;
use super::select::{ColumnSpec, select_columns};

/// Reads a training file, resolves the column roles and fits the encoder on all its rows.
///
/// Callers that hold out validation rows should instead read the file, split the [`Table`]
/// with [`Table::select_rows`], and call [`Encoder::fit`] on the training part, so that
/// categories and impute values come from training rows only.
///
/// [`Table`]: super::raw::Table
/// [`Table::select_rows`]: super::raw::Table::select_rows
pub fn prepare_training(path: &Path, spec: &ColumnSpec, options: &FitOptions) -> Result<Fitted> {
    let table = read_csv(path)?;
    let selection = select_columns(table.names(), spec)?;
    Encoder::fit(&table, &selection, options)
}

/// Reads a prediction file and encodes its input features with a saved encoder.
pub fn prepare_prediction(path: &Path, encoder: &Encoder) -> Result<InputData> {
    let table = read_csv(path)?;
    encoder.transform_inputs(&table)
}

#[cfg(test)]
mod tests {
    use super::super::task::Task;
    use super::*;

    #[test]
    fn training_then_prediction_files() {
        let directory = tempfile::tempdir().expect("temp dir");
        let train = directory.path().join("train.csv");
        let predict = directory.path().join("predict.csv");
        std::fs::write(&train, "x,priv,y\n1,9,a\n2,8,b\n3,7,c\n").expect("write train");
        std::fs::write(&predict, "extra,x\nq,4\n").expect("write predict");
        let spec = ColumnSpec {
            target: "y".to_string(),
            privileged: vec!["priv".to_string()],
            ..ColumnSpec::default()
        };
        let fitted = prepare_training(&train, &spec, &FitOptions::default()).expect("train");
        assert_eq!(fitted.data.task, Task::Multiclass);
        assert_eq!(fitted.data.target, vec![0.0, 1.0, 2.0]);
        assert_eq!(fitted.data.privileged, vec![9.0, 8.0, 7.0]);
        let inputs = prepare_prediction(&predict, &fitted.encoder).expect("predict");
        assert_eq!(inputs.input, vec![4.0]);
        assert_eq!(inputs.n_rows, 1);
    }
}
