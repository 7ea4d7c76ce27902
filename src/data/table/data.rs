//! Encoded, numeric data ready for training and prediction.

use super::task::Task;

/// Training (or labelled evaluation) data: input and privileged features, target, and the
/// optional group and id columns, all aligned by row.
#[derive(Debug, Clone, PartialEq)]
pub struct TabularData {
    /// Names of the encoded input features (one-hot outputs are `column=value`).
    pub input_names: Vec<String>,
    /// Names of the encoded privileged features.
    pub privileged_names: Vec<String>,
    /// Input features, row-major, `n_rows × input_names.len()`.
    pub input: Vec<f64>,
    /// Privileged features, row-major, `n_rows × privileged_names.len()`.
    pub privileged: Vec<f64>,
    /// Class index (binary, multiclass) or value (regression, ranking), one per row.
    pub target: Vec<f64>,
    /// Group (query id) per row, when a group column was selected.
    pub group: Option<Vec<String>>,
    /// Row identifier per row, when an id column was selected.
    pub id: Option<Vec<String>>,
    /// The task the target was encoded for.
    pub task: Task,
    /// Number of rows.
    pub n_rows: usize,
}

impl TabularData {
    /// Number of encoded input features per row.
    pub fn n_input(&self) -> usize {
        self.input_names.len()
    }

    /// Number of encoded privileged features per row.
    pub fn n_privileged(&self) -> usize {
        self.privileged_names.len()
    }

    /// Input features of row `row`; empty when out of range.
    pub fn input_row(&self, row: usize) -> &[f64] {
        row_slice(&self.input, self.n_input(), row)
    }

    /// Privileged features of row `row`; empty when out of range.
    pub fn privileged_row(&self, row: usize) -> &[f64] {
        row_slice(&self.privileged, self.n_privileged(), row)
    }
}

/// Prediction-time data: only what the student needs, plus id and group when the file has them.
#[derive(Debug, Clone, PartialEq)]
pub struct InputData {
    /// Names of the encoded input features, identical to those at training time.
    pub input_names: Vec<String>,
    /// Input features, row-major, `n_rows × input_names.len()`.
    pub input: Vec<f64>,
    /// Group per row, when the fitted group column is present in the file.
    pub group: Option<Vec<String>>,
    /// Row identifier per row, when the fitted id column is present in the file.
    pub id: Option<Vec<String>>,
    /// Number of rows.
    pub n_rows: usize,
}

impl InputData {
    /// Number of encoded input features per row.
    pub fn n_input(&self) -> usize {
        self.input_names.len()
    }

    /// Input features of row `row`; empty when out of range.
    pub fn input_row(&self, row: usize) -> &[f64] {
        row_slice(&self.input, self.n_input(), row)
    }
}

fn row_slice(values: &[f64], width: usize, row: usize) -> &[f64] {
    let start = row.saturating_mul(width);
    values
        .get(start..start.saturating_add(width))
        .unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_row_major_slices() {
        let data = InputData {
            input_names: vec!["a".to_string(), "b".to_string()],
            input: vec![1.0, 2.0, 3.0, 4.0],
            group: None,
            id: None,
            n_rows: 2,
        };
        assert_eq!(data.input_row(1), &[3.0, 4.0]);
        assert!(data.input_row(2).is_empty());
    }
}
