//! Typing and encoding of one feature column.
//!
//! - A column is numeric when every non-missing training value parses as a float (missing
//!   markers are listed in [`super::value::MISSING_MARKERS`]); otherwise it is categorical,
//!   unless at least 90% (and at least 10) of its values are numbers: then the others are
//!   taken for typos and reported as an error naming the first one.
//! - Numeric columns pass through. A non-finite value (`inf`, `-inf`, `1e400`, ...) is an
//!   error. A missing value is an error unless an [`Impute`] strategy was chosen, in which
//!   case it is replaced by the training mean or median of that column.
//! - Categorical columns are one-hot encoded: one output per training category, sorted, named
//!   `column=value`. A category not seen in training encodes as all zeros, so new data can be
//!   scored without refitting. A missing value is an error without imputation and all zeros
//!   with it (there is no mean of categories to fall back on).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::error::{Error, Result};
use super::raw::Table;
use super::value::{Cell, classify};

/// How missing values in feature columns are filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Impute {
    /// Replace with the column's mean on the training rows.
    Mean,
    /// Replace with the column's median on the training rows.
    Median,
}

impl FromStr for Impute {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self> {
        match name {
            "mean" => Ok(Impute::Mean),
            "median" => Ok(Impute::Median),
            _ => Err(Error::UnknownImpute {
                name: name.to_string(),
            }),
        }
    }
}

/// How a column is turned into numbers, as fitted on training rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ColumnKind {
    /// One output equal to the value.
    Numeric {
        /// Replacement for missing values; `None` means missing values are errors.
        impute_value: Option<f64>,
    },
    /// One output per category, 1 for the row's category and 0 elsewhere.
    Categorical {
        /// Training categories, sorted; output `i` is `name=categories[i]`.
        categories: Vec<String>,
        /// When true a missing value encodes as all zeros; when false it is an error.
        missing_as_zeros: bool,
    },
}

/// The fitted encoding of one source column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnEncoding {
    /// Source column name.
    pub name: String,
    /// Numeric or categorical, with what was learned from the training rows.
    pub kind: ColumnKind,
}

/// A categorical column with at least this many categories, most of them seen once, is
/// reported: it is more likely an identifier or free text than a category.
pub const MANY_CATEGORIES: usize = 20;

/// Something suspicious but not fatal found while fitting, for the caller to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// Every non-missing training value of the column is the same, so it carries no signal.
    ConstantColumn {
        /// The column.
        column: String,
        /// Its only value.
        value: String,
    },
    /// A categorical column has at least [`MANY_CATEGORIES`] categories and more categories
    /// than half its non-missing values, so its one-hot encoding is wide and mostly noise.
    ManyCategories {
        /// The column.
        column: String,
        /// Number of distinct categories.
        categories: usize,
        /// Number of non-missing values.
        values: usize,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::ConstantColumn { column, value } => write!(
                formatter,
                "column '{column}' has the same value '{value}' in every row; it carries no \
                 information"
            ),
            Warning::ManyCategories {
                column,
                categories,
                values,
            } => write!(
                formatter,
                "column '{column}' is categorical with {categories} distinct values in \
                 {values} rows; if it is an identifier or free text, exclude it or pass it as \
                 the id column"
            ),
        }
    }
}

impl ColumnEncoding {
    /// Types and fits column `name` of `table`, returning warnings such as a constant column.
    pub fn fit(table: &Table, name: &str, impute: Option<Impute>) -> Result<(Self, Vec<Warning>)> {
        let index = required_index(table, name, "input")?;
        let cells: Vec<(usize, &str, Cell)> = table
            .column(index)
            .enumerate()
            .map(|(row, cell)| (row, cell, classify(cell)))
            .collect();
        let present: Vec<&(usize, &str, Cell)> = cells
            .iter()
            .filter(|(_, _, cell)| *cell != Cell::Missing)
            .collect();
        if present.is_empty() {
            return Err(Error::AllMissing {
                source_name: table.source().to_string(),
                column: name.to_string(),
            });
        }
        let numeric = present.iter().all(|(_, _, cell)| *cell != Cell::Text);
        let texts = present
            .iter()
            .filter(|(_, _, cell)| *cell == Cell::Text)
            .count();
        // At least 90% numbers (and at least 10 of them): the text values are typos, not
        // categories.
        let numbers = present.len() - texts;
        if texts > 0 && numbers >= 10 && numbers * 10 >= present.len() * 9 {
            let &&(row, text, _) = present
                .iter()
                .find(|(_, _, cell)| *cell == Cell::Text)
                .ok_or_else(|| non_finite(table, 0, name, ""))?;
            return Err(Error::MostlyNumeric {
                source_name: table.source().to_string(),
                row_description: table.describe_row(row),
                column: name.to_string(),
                value: text.to_string(),
                numbers,
                values: present.len(),
            });
        }

        let mut warnings = Vec::new();
        let (kind, constant_value) = if numeric {
            let mut values = Vec::with_capacity(present.len());
            for &&(row, text, cell) in &present {
                match cell {
                    Cell::Number(value) => values.push(value),
                    _ => return Err(non_finite(table, row, name, text)),
                }
            }
            let impute_value = impute.map(|strategy| summarize(&mut values, strategy));
            let first = present[0].1;
            let constant = values.iter().all(|value| *value == values[0]);
            let kind = ColumnKind::Numeric { impute_value };
            (kind, constant.then(|| first.to_string()))
        } else {
            let mut categories: Vec<String> = present
                .iter()
                .map(|(_, text, _)| text.to_string())
                .collect();
            categories.sort();
            categories.dedup();
            let constant = (categories.len() == 1).then(|| categories[0].clone());
            if categories.len() >= MANY_CATEGORIES && categories.len() * 2 > present.len() {
                warnings.push(Warning::ManyCategories {
                    column: name.to_string(),
                    categories: categories.len(),
                    values: present.len(),
                });
            }
            let kind = ColumnKind::Categorical {
                categories,
                missing_as_zeros: impute.is_some(),
            };
            (kind, constant)
        };

        let encoding = ColumnEncoding {
            name: name.to_string(),
            kind,
        };
        // Fitting also validates: missing values without imputation fail here, at training
        // time, rather than surprising the user later.
        let mut scratch = Vec::with_capacity(encoding.width());
        for row in 0..table.n_rows() {
            scratch.clear();
            encoding.encode_cell(table, index, row, &mut scratch)?;
        }
        if let Some(value) = constant_value {
            warnings.push(Warning::ConstantColumn {
                column: name.to_string(),
                value,
            });
        }
        Ok((encoding, warnings))
    }

    /// Number of output values this column produces.
    pub fn width(&self) -> usize {
        match &self.kind {
            ColumnKind::Numeric { .. } => 1,
            ColumnKind::Categorical { categories, .. } => categories.len(),
        }
    }

    /// Names of the output values: the column name, or `column=category` per category.
    pub fn output_names(&self) -> Vec<String> {
        match &self.kind {
            ColumnKind::Numeric { .. } => vec![self.name.clone()],
            ColumnKind::Categorical { categories, .. } => categories
                .iter()
                .map(|category| format!("{}={}", self.name, category))
                .collect(),
        }
    }

    /// Appends the encoding of cell (`row`, `column_index`) of `table` to `output`.
    pub(super) fn encode_cell(
        &self,
        table: &Table,
        column_index: usize,
        row: usize,
        output: &mut Vec<f64>,
    ) -> Result<()> {
        let text = table.rows()[row][column_index].as_str();
        let cell = classify(text);
        match &self.kind {
            ColumnKind::Numeric { impute_value } => {
                let value = match cell {
                    Cell::Number(value) => value,
                    Cell::Missing => match impute_value {
                        Some(value) => *value,
                        None => return Err(missing(table, row, &self.name, text)),
                    },
                    Cell::NonFinite => return Err(non_finite(table, row, &self.name, text)),
                    Cell::Text => {
                        return Err(Error::NotNumeric {
                            source_name: table.source().to_string(),
                            row_description: table.describe_row(row),
                            column: self.name.clone(),
                            value: text.to_string(),
                        });
                    }
                };
                output.push(value);
            }
            ColumnKind::Categorical {
                categories,
                missing_as_zeros,
            } => {
                if cell == Cell::Missing && !missing_as_zeros {
                    return Err(missing(table, row, &self.name, text));
                }
                let start = output.len();
                output.resize(start + categories.len(), 0.0);
                // Missing (with imputation) and unseen categories both leave the zeros.
                if cell != Cell::Missing
                    && let Ok(position) = categories.binary_search_by(|c| c.as_str().cmp(text))
                {
                    output[start + position] = 1.0;
                }
            }
        }
        Ok(())
    }
}

/// Position of a column the encoding needs, or an error naming it.
pub(super) fn required_index(table: &Table, name: &str, role: &'static str) -> Result<usize> {
    table
        .column_index(name)
        .ok_or_else(|| Error::MissingColumn {
            source_name: table.source().to_string(),
            role,
            column: name.to_string(),
        })
}

/// Mean or median of finite values; `values` is reordered by the median.
fn summarize(values: &mut [f64], strategy: Impute) -> f64 {
    match strategy {
        Impute::Mean => values.iter().sum::<f64>() / values.len() as f64,
        Impute::Median => {
            values.sort_by(f64::total_cmp);
            let middle = values.len() / 2;
            if values.len().is_multiple_of(2) {
                (values[middle - 1] + values[middle]) / 2.0
            } else {
                values[middle]
            }
        }
    }
}

fn missing(table: &Table, row: usize, column: &str, text: &str) -> Error {
    Error::MissingValue {
        source_name: table.source().to_string(),
        row_description: table.describe_row(row),
        column: column.to_string(),
        value: text.to_string(),
    }
}

fn non_finite(table: &Table, row: usize, column: &str, text: &str) -> Error {
    Error::NonFinite {
        source_name: table.source().to_string(),
        row_description: table.describe_row(row),
        column: column.to_string(),
        value: text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(values: &[&str]) -> Table {
        let rows = values.iter().map(|value| vec![value.to_string()]).collect();
        Table::new("train.csv", vec!["x".to_string()], rows).expect("valid table")
    }

    fn fit(values: &[&str], impute: Option<Impute>) -> Result<(ColumnEncoding, Vec<Warning>)> {
        ColumnEncoding::fit(&table(values), "x", impute)
    }

    fn encode_all(encoding: &ColumnEncoding, values: &[&str]) -> Result<Vec<f64>> {
        let table = table(values);
        let mut output = Vec::new();
        for row in 0..table.n_rows() {
            encoding.encode_cell(&table, 0, row, &mut output)?;
        }
        Ok(output)
    }

    #[test]
    fn numeric_column_passes_values_through() {
        let (encoding, warning) = fit(&["1", "2.5", "-3"], None).expect("fit");
        assert_eq!(encoding.kind, ColumnKind::Numeric { impute_value: None });
        assert!(warning.is_empty());
        assert_eq!(encoding.output_names(), vec!["x"]);
        assert_eq!(
            encode_all(&encoding, &["4", "-0.5"]).expect("encode"),
            vec![4.0, -0.5]
        );
    }

    #[test]
    fn categorical_column_is_one_hot_sorted() {
        let (encoding, _) = fit(&["red", "blue", "red", "green"], None).expect("fit");
        assert_eq!(encoding.output_names(), vec!["x=blue", "x=green", "x=red"]);
        let encoded = encode_all(&encoding, &["red", "blue"]).expect("encode");
        assert_eq!(encoded, vec![0.0, 0.0, 1.0, 1.0, 0.0, 0.0]);
    }

    #[test]
    fn mixed_numbers_and_text_is_categorical() {
        let (encoding, _) = fit(&["1", "2", "x"], None).expect("fit");
        assert_eq!(encoding.output_names(), vec!["x=1", "x=2", "x=x"]);
    }

    #[test]
    fn unseen_category_encodes_as_zeros() {
        let (encoding, _) = fit(&["a", "b"], None).expect("fit");
        assert_eq!(
            encode_all(&encoding, &["c"]).expect("encode"),
            vec![0.0, 0.0]
        );
    }

    #[test]
    fn missing_without_impute_names_row_and_column() {
        let message = fit(&["1", "", "3"], None)
            .expect_err("missing must fail")
            .to_string();
        assert!(message.contains("train.csv"), "{message}");
        assert!(message.contains("data row 2 (line 3)"), "{message}");
        assert!(message.contains("column 'x' is missing"), "{message}");
        let message = fit(&["a", "null"], None)
            .expect_err("missing must fail")
            .to_string();
        assert!(message.contains("data row 2"), "{message}");
    }

    #[test]
    fn impute_mean_and_median_use_training_values() {
        let (encoding, _) = fit(&["1", "NA", "2", "9"], Some(Impute::Mean)).expect("fit");
        assert_eq!(
            encoding.kind,
            ColumnKind::Numeric {
                impute_value: Some(4.0)
            }
        );
        assert_eq!(
            encode_all(&encoding, &["", "5"]).expect("encode"),
            vec![4.0, 5.0]
        );
        let (encoding, _) = fit(&["1", "NA", "2", "9"], Some(Impute::Median)).expect("fit");
        assert_eq!(encode_all(&encoding, &["nan"]).expect("encode"), vec![2.0]);
        let (encoding, _) = fit(&["1", "4", "2", "9"], Some(Impute::Median)).expect("fit");
        assert_eq!(encode_all(&encoding, &["null"]).expect("encode"), vec![3.0]);
    }

    #[test]
    fn impute_makes_missing_category_all_zeros() {
        let (encoding, _) = fit(&["a", "", "b"], Some(Impute::Mean)).expect("fit");
        assert_eq!(
            encode_all(&encoding, &[""]).expect("encode"),
            vec![0.0, 0.0]
        );
    }

    #[test]
    fn nan_literal_is_missing() {
        let message = fit(&["1", "NaN"], None)
            .expect_err("NaN is missing")
            .to_string();
        assert!(
            message.contains("column 'x' is missing (value 'NaN')"),
            "{message}"
        );
        let (encoding, _) = fit(&["1", "NaN", "3"], Some(Impute::Mean)).expect("fit");
        assert_eq!(
            encoding.kind,
            ColumnKind::Numeric {
                impute_value: Some(2.0)
            }
        );
    }

    #[test]
    fn non_finite_values_name_row_column_and_value() {
        for bad in ["1e400", "inf", "-inf"] {
            let message = fit(&["1", bad], None).expect_err("non-finite").to_string();
            assert!(message.contains("data row 2 (line 3)"), "{message}");
            assert!(message.contains("column 'x'"), "{message}");
            assert!(message.contains(&format!("'{bad}'")), "{message}");
        }
    }

    #[test]
    fn a_typo_in_a_numeric_column_is_an_error_not_a_category() {
        let mut values: Vec<&str> = vec!["1.5"; 12];
        values[7] = "1.5x";
        let message = fit(&values, None).expect_err("typo").to_string();
        assert!(
            message.contains("data row 8") && message.contains("'1.5x'"),
            "{message}"
        );
        assert!(
            message.contains("11 of its 12 values are numbers"),
            "{message}"
        );
        // A genuinely categorical column with a few numeric-looking codes stays categorical.
        let (encoding, _) = fit(&["a", "b", "3", "a", "b"], None).expect("categorical");
        assert_eq!(encoding.width(), 3);
    }

    #[test]
    fn numeric_encoding_rejects_text_at_apply_time() {
        let (encoding, _) = fit(&["1", "2"], None).expect("fit");
        let message = encode_all(&encoding, &["3", "abc"])
            .expect_err("text in numeric column")
            .to_string();
        assert!(message.contains("data row 2"), "{message}");
        assert!(message.contains("non-numeric value 'abc'"), "{message}");
    }

    #[test]
    fn constant_columns_warn() {
        let (_, warning) = fit(&["3", "3.0", ""], Some(Impute::Mean)).expect("fit");
        assert_eq!(
            warning,
            vec![Warning::ConstantColumn {
                column: "x".to_string(),
                value: "3".to_string()
            }]
        );
        let (_, warning) = fit(&["a", "a"], None).expect("fit");
        assert_eq!(warning.len(), 1);
        let text = warning[0].to_string();
        assert!(text.contains("column 'x' has the same value 'a'"), "{text}");
    }

    #[test]
    fn identifier_like_categorical_column_warns() {
        let values: Vec<String> = (0..30).map(|index| format!("patient-{index}")).collect();
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        let (encoding, warning) = fit(&values, None).expect("fit");
        assert_eq!(encoding.width(), 30);
        assert_eq!(
            warning,
            vec![Warning::ManyCategories {
                column: "x".to_string(),
                categories: 30,
                values: 30
            }]
        );
    }

    #[test]
    fn all_missing_column_is_an_error() {
        let message = fit(&["", "NA"], Some(Impute::Mean))
            .expect_err("all missing")
            .to_string();
        assert!(
            message.contains("column 'x' has no non-missing values"),
            "{message}"
        );
    }
}
