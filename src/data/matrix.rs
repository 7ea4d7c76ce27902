use crate::error::{LupiError, Result};

/// A dense row-major matrix of `f64`: `rows` examples by `cols` features.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    /// Number of rows (examples).
    pub rows: usize,
    /// Number of columns (features).
    pub cols: usize,
    /// `rows * cols` values, row after row.
    pub values: Vec<f64>,
}

impl Matrix {
    /// Wraps row-major values, checking their count.
    pub fn new(rows: usize, cols: usize, values: Vec<f64>) -> Result<Self> {
        if values.len() != rows * cols {
            return Err(LupiError::ShapeMismatch {
                what: "matrix values".into(),
                expected: format!("{rows} × {cols} = {}", rows * cols),
                found: values.len().to_string(),
            });
        }
        Ok(Matrix { rows, cols, values })
    }

    /// A `rows × cols` matrix of zeros.
    pub fn zeros(rows: usize, cols: usize) -> Self {
        Matrix {
            rows,
            cols,
            values: vec![0.0; rows * cols],
        }
    }

    /// Row `index` as a slice.
    pub fn row(&self, index: usize) -> &[f64] {
        &self.values[index * self.cols..(index + 1) * self.cols]
    }

    /// Row `index` as a mutable slice.
    pub fn row_mut(&mut self, index: usize) -> &mut [f64] {
        &mut self.values[index * self.cols..(index + 1) * self.cols]
    }

    /// The rows listed in `indices`, in that order.
    pub fn select_rows(&self, indices: &[usize]) -> Matrix {
        let mut values = Vec::with_capacity(indices.len() * self.cols);
        for &index in indices {
            values.extend_from_slice(self.row(index));
        }
        Matrix {
            rows: indices.len(),
            cols: self.cols,
            values,
        }
    }

    /// The columns listed in `indices`, in that order.
    pub fn select_columns(&self, indices: &[usize]) -> Matrix {
        let mut values = Vec::with_capacity(self.rows * indices.len());
        for row in 0..self.rows {
            let source = self.row(row);
            values.extend(indices.iter().map(|&index| source[index]));
        }
        Matrix {
            rows: self.rows,
            cols: indices.len(),
            values,
        }
    }

    /// Scales every row to unit Euclidean length; an all-zero row stays zero.
    pub fn scale_rows_to_unit_length(&mut self) {
        for row in 0..self.rows {
            let values = self.row_mut(row);
            let norm = values.iter().map(|v| v * v).sum::<f64>().sqrt();
            if norm > 0.0 {
                values.iter_mut().for_each(|v| *v /= norm);
            }
        }
    }
}
