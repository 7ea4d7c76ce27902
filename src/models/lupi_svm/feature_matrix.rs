//! A validated, row-major dense feature matrix.

use super::error::SvmError;

/// Dense row-major matrix of finite features: `row_count` rows of `column_count` values.
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureMatrix {
    values: Vec<f64>,
    row_count: usize,
    column_count: usize,
}

impl FeatureMatrix {
    /// Builds a matrix from one `Vec` per example; every row must have the width of the first.
    ///
    /// # Errors
    /// [`SvmError::RaggedRow`] for rows of different widths, [`SvmError::NonFiniteValue`] for
    /// NaN or infinite features.
    pub fn from_rows(rows: &[Vec<f64>]) -> Result<Self, SvmError> {
        Self::from_named_rows("rows", rows)
    }

    /// Wraps a flat row-major buffer: element `(row, column)` is
    /// `values[row * column_count + column]`.
    ///
    /// # Errors
    /// [`SvmError::LengthMismatch`] unless `values.len() == row_count * column_count`,
    /// [`SvmError::NonFiniteValue`] for NaN or infinite features.
    pub fn from_flat(
        values: Vec<f64>,
        row_count: usize,
        column_count: usize,
    ) -> Result<Self, SvmError> {
        let expected = row_count
            .checked_mul(column_count)
            .ok_or(SvmError::LengthMismatch {
                what: "values",
                expected: usize::MAX,
                found: values.len(),
            })?;
        if values.len() != expected {
            return Err(SvmError::LengthMismatch {
                what: "values",
                expected,
                found: values.len(),
            });
        }
        let matrix = Self {
            values,
            row_count,
            column_count,
        };
        matrix.check_finite("values")?;
        Ok(matrix)
    }

    /// [`Self::from_rows`] that names the matrix (`"inputs"`, `"privileged"`) in errors.
    pub(super) fn from_named_rows(what: &'static str, rows: &[Vec<f64>]) -> Result<Self, SvmError> {
        let column_count = rows.first().map_or(0, Vec::len);
        let mut values = Vec::with_capacity(rows.len() * column_count);
        for (row_index, row) in rows.iter().enumerate() {
            if row.len() != column_count {
                return Err(SvmError::RaggedRow {
                    what,
                    row: row_index,
                    expected: column_count,
                    found: row.len(),
                });
            }
            values.extend_from_slice(row);
        }
        let matrix = Self {
            values,
            row_count: rows.len(),
            column_count,
        };
        matrix.check_finite(what)?;
        Ok(matrix)
    }

    /// Number of rows (examples).
    pub fn row_count(&self) -> usize {
        self.row_count
    }

    /// Number of columns (features per example).
    pub fn column_count(&self) -> usize {
        self.column_count
    }

    /// The features of example `index`, or `None` past the last row.
    pub fn row(&self, index: usize) -> Option<&[f64]> {
        if index < self.row_count {
            let start = index * self.column_count;
            Some(&self.values[start..start + self.column_count])
        } else {
            None
        }
    }

    /// Row `index`, which the caller guarantees is below [`Self::row_count`].
    pub(super) fn row_within_bounds(&self, index: usize) -> &[f64] {
        let start = index * self.column_count;
        &self.values[start..start + self.column_count]
    }

    /// A copy with a constant `1.0` column appended, so that the last weight acts as the bias.
    pub(super) fn with_constant_column(&self) -> Self {
        let widened = self.column_count + 1;
        let mut values = Vec::with_capacity(self.row_count * widened);
        for row_index in 0..self.row_count {
            let start = row_index * self.column_count;
            values.extend_from_slice(&self.values[start..start + self.column_count]);
            values.push(1.0);
        }
        Self {
            values,
            row_count: self.row_count,
            column_count: widened,
        }
    }

    /// Fails at the first NaN or infinity, reporting its row and column.
    fn check_finite(&self, what: &'static str) -> Result<(), SvmError> {
        match self.values.iter().position(|value| !value.is_finite()) {
            Some(position) => Err(SvmError::NonFiniteValue {
                what,
                row: position / self.column_count.max(1),
                column: position % self.column_count.max(1),
            }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_flat_agree() {
        let from_rows = FeatureMatrix::from_rows(&[vec![1.0, 2.0], vec![3.0, 4.0]]).expect("ok");
        let from_flat = FeatureMatrix::from_flat(vec![1.0, 2.0, 3.0, 4.0], 2, 2).expect("ok");
        assert_eq!(from_rows, from_flat);
        assert_eq!(from_rows.row(1), Some(&[3.0, 4.0][..]));
        assert_eq!(from_rows.row(2), None);
    }

    #[test]
    fn constant_column_is_appended() {
        let matrix = FeatureMatrix::from_rows(&[vec![1.0, 2.0], vec![3.0, 4.0]]).expect("ok");
        let widened = matrix.with_constant_column();
        assert_eq!(widened.column_count(), 3);
        assert_eq!(widened.row(0), Some(&[1.0, 2.0, 1.0][..]));
        assert_eq!(widened.row(1), Some(&[3.0, 4.0, 1.0][..]));
        // Zero-width rows become a lone bias feature.
        let empty_width = FeatureMatrix::from_flat(vec![], 2, 0).expect("ok");
        assert_eq!(empty_width.with_constant_column().row(1), Some(&[1.0][..]));
    }

    #[test]
    fn rejects_bad_shapes_and_values() {
        assert_eq!(
            FeatureMatrix::from_rows(&[vec![1.0, 2.0], vec![3.0]]),
            Err(SvmError::RaggedRow {
                what: "rows",
                row: 1,
                expected: 2,
                found: 1
            })
        );
        assert_eq!(
            FeatureMatrix::from_flat(vec![1.0, 2.0, 3.0], 2, 2),
            Err(SvmError::LengthMismatch {
                what: "values",
                expected: 4,
                found: 3
            })
        );
        assert_eq!(
            FeatureMatrix::from_flat(vec![1.0, 2.0, f64::NAN, 4.0], 2, 2),
            Err(SvmError::NonFiniteValue {
                what: "values",
                row: 1,
                column: 0
            })
        );
    }
}
