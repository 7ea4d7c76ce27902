//! The raw, untyped table: column names and string cells, exactly as read.

use std::collections::HashMap;
use std::path::PathBuf;

use super::error::{Error, Result};

/// A rectangular table of string cells with unique, non-empty column names.
///
/// Cells are kept as text so typing decisions (numeric or categorical, missing or not) are made
/// once, by the encoder, with the whole column in view.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    source: String,
    names: Vec<String>,
    rows: Vec<Vec<String>>,
    /// Per row: its 1-based data row number in the original file and the 1-based line where it
    /// starts. Kept because quoted fields can span lines and because row subsets should still
    /// report positions a person can find in the file.
    origins: Vec<(usize, u64)>,
}

impl Table {
    /// Builds an in-memory table, checking that names are unique and non-empty and that every
    /// row has one cell per name. `source` describes where the data came from, for messages.
    ///
    /// Line numbers are assumed to be one line per row after a header line.
    pub fn new(source: &str, names: Vec<String>, rows: Vec<Vec<String>>) -> Result<Self> {
        let origins = (0..rows.len())
            .map(|index| (index + 1, index as u64 + 2))
            .collect();
        Self::with_origins(source, names, rows, origins)
    }

    /// Like [`Table::new`] but with explicit (data row, starting line) pairs, one per row.
    pub(super) fn with_origins(
        source: &str,
        names: Vec<String>,
        rows: Vec<Vec<String>>,
        origins: Vec<(usize, u64)>,
    ) -> Result<Self> {
        check_names(source, &names)?;
        for (index, row) in rows.iter().enumerate() {
            if row.len() != names.len() {
                return Err(Error::RowWidth {
                    source_name: source.to_string(),
                    row: index + 1,
                    found: row.len(),
                    expected: names.len(),
                });
            }
        }
        Ok(Self {
            source: source.to_string(),
            names,
            rows,
            origins,
        })
    }

    /// Where the table came from (usually the file path), for error messages.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Column names in file order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Data rows (header excluded), each with one cell per column.
    pub fn rows(&self) -> &[Vec<String>] {
        &self.rows
    }

    /// Number of data rows.
    pub fn n_rows(&self) -> usize {
        self.rows.len()
    }

    /// Position of a column by exact name.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|candidate| candidate == name)
    }

    /// The cells of one column, top to bottom.
    pub fn column(&self, index: usize) -> impl Iterator<Item = &str> + '_ {
        self.rows.iter().map(move |row| row[index].as_str())
    }

    /// Human-readable location of a 0-based row index: `data row 3 (line 4)`, numbered as in
    /// the original file even for a row subset.
    pub fn describe_row(&self, index: usize) -> String {
        let (row, line) = self
            .origins
            .get(index)
            .copied()
            .unwrap_or((index + 1, index as u64 + 2));
        format!("data row {row} (line {line})")
    }

    /// A new table holding only the given 0-based rows, in the given order; used to fit
    /// encodings on training rows only. Indices out of range are skipped.
    pub fn select_rows(&self, indices: &[usize]) -> Table {
        let mut rows = Vec::with_capacity(indices.len());
        let mut origins = Vec::with_capacity(indices.len());
        for &index in indices {
            if let (Some(row), Some(&origin)) = (self.rows.get(index), self.origins.get(index)) {
                rows.push(row.clone());
                origins.push(origin);
            }
        }
        Table {
            source: self.source.clone(),
            names: self.names.clone(),
            rows,
            origins,
        }
    }

    /// The column names joined for "available columns" messages.
    pub(super) fn available(&self) -> String {
        self.names.join(", ")
    }
}

fn check_names(source: &str, names: &[String]) -> Result<()> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (index, name) in names.iter().enumerate() {
        if name.is_empty() {
            return Err(Error::EmptyColumnName {
                path: PathBuf::from(source),
                position: index + 1,
            });
        }
        if let Some(&first) = seen.get(name.as_str()) {
            return Err(Error::DuplicateColumn {
                path: PathBuf::from(source),
                column: name.clone(),
                first: first + 1,
                second: index + 1,
            });
        }
        seen.insert(name, index);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|value| value.to_string()).collect()
    }

    #[test]
    fn new_rejects_short_row_naming_row() {
        let error = Table::new("memory", strings(&["a", "b"]), vec![strings(&["1"])])
            .expect_err("short row must fail");
        let message = error.to_string();
        assert!(message.contains("data row 1"), "{message}");
        assert!(message.contains("has 1 fields"), "{message}");
    }

    #[test]
    fn select_rows_keeps_order_and_lines() {
        let table = Table::with_origins(
            "memory",
            strings(&["a"]),
            vec![strings(&["x"]), strings(&["y"]), strings(&["z"])],
            vec![(1, 2), (2, 3), (3, 5)],
        )
        .expect("valid table");
        let subset = table.select_rows(&[2, 0]);
        assert_eq!(subset.rows(), &[strings(&["z"]), strings(&["x"])]);
        assert_eq!(subset.describe_row(0), "data row 3 (line 5)");
    }
}
