//! The learning task and how the target column is turned into numbers.
//!
//! Inference rules when no task is requested, in order:
//! 1. a group column was given → ranking (the target holds numeric relevance labels);
//! 2. exactly two distinct values → binary, the sorted values mapped to 0 and 1;
//! 3. numeric with at most [`MAX_INTEGER_CLASSES`] distinct values, all integers → multiclass;
//! 4. numeric otherwise → regression;
//! 5. non-numeric with more than two values → multiclass.
//!
//! Numeric labels are compared by value, so `1` and `1.0` are the same class, and sorted
//! numerically (`9` before `10`); text labels are sorted by their UTF-8 bytes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::error::{Error, Result};
use super::raw::Table;
use super::value::{Cell, classify};

/// Largest number of distinct integer values for which a numeric target is taken as classes.
pub const MAX_INTEGER_CLASSES: usize = 20;

/// How many distinct values a reason or error message lists before eliding the rest.
const LISTED_VALUES: usize = 10;

/// The kind of prediction problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Task {
    /// Predict a real number.
    Regression,
    /// Predict one of two classes (encoded 0 and 1).
    Binary,
    /// Predict one of several classes (encoded 0..k).
    Multiclass,
    /// Order rows within each group by a numeric relevance label.
    Ranking,
}

impl fmt::Display for Task {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Task::Regression => "regression",
            Task::Binary => "binary",
            Task::Multiclass => "multiclass",
            Task::Ranking => "ranking",
        };
        formatter.write_str(name)
    }
}

impl FromStr for Task {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self> {
        match name {
            "regression" => Ok(Task::Regression),
            "binary" => Ok(Task::Binary),
            "multiclass" => Ok(Task::Multiclass),
            "ranking" => Ok(Task::Ranking),
            _ => Err(Error::UnknownTask {
                name: name.to_string(),
            }),
        }
    }
}

/// The fitted description of the target: which column, which task, and for classification the
/// labels in class-index order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetEncoding {
    /// Target column name.
    pub column: String,
    /// The task.
    pub task: Task,
    /// Class labels, index `i` being class `i`; empty for regression and ranking.
    pub classes: Vec<String>,
    /// True when the labels are numbers and should be compared by value.
    pub numeric_classes: bool,
}

impl TargetEncoding {
    /// Class index of a raw label, or `None` when the label was not seen at fit time.
    pub fn class_index(&self, label: &str) -> Option<usize> {
        if self.numeric_classes {
            let value = label.parse::<f64>().ok()?;
            self.classes
                .iter()
                .position(|class| class.parse::<f64>().ok() == Some(value))
        } else {
            self.classes.iter().position(|class| class == label)
        }
    }

    /// Raw label of a class index, for writing predictions back in the user's terms.
    pub fn class_label(&self, index: usize) -> Option<&str> {
        self.classes.get(index).map(String::as_str)
    }

    /// Encodes the target column of `table`: the class index for classification, the value for
    /// regression and ranking.
    pub fn encode(&self, table: &Table) -> Result<Vec<f64>> {
        let column_index =
            table
                .column_index(&self.column)
                .ok_or_else(|| Error::MissingColumn {
                    source_name: table.source().to_string(),
                    role: "target",
                    column: self.column.clone(),
                })?;
        let labels = read_labels(table, column_index, &self.column)?;
        let mut encoded = Vec::with_capacity(labels.len());
        for (row, label) in labels.iter().enumerate() {
            let value = match (self.task, label) {
                (Task::Regression | Task::Ranking, Label::Number(value)) => *value,
                (Task::Regression | Task::Ranking, Label::Text(text)) => {
                    return Err(non_numeric(table, row, &self.column, text, self.task));
                }
                (Task::Binary | Task::Multiclass, _) => {
                    let raw = &table.rows()[row][column_index];
                    let index = self.class_index(raw).ok_or_else(|| Error::UnknownClass {
                        source_name: table.source().to_string(),
                        row_description: table.describe_row(row),
                        column: self.column.clone(),
                        value: raw.clone(),
                        known: self.classes.join(", "),
                    })?;
                    index as f64
                }
            };
            encoded.push(value);
        }
        Ok(encoded)
    }
}

/// The inferred (or checked) target encoding with a sentence explaining the decision.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskInference {
    /// The target encoding to use.
    pub encoding: TargetEncoding,
    /// Human-readable reason, e.g. `target 'y' has 2 distinct values (0, 1): binary`.
    pub reason: String,
}

/// Decides the task for `column` of `table`, or checks a `requested` one against the data.
///
/// `has_group` tells whether a group (query id) column was selected; ranking needs one.
pub fn infer_task(
    table: &Table,
    column: &str,
    requested: Option<Task>,
    has_group: bool,
) -> Result<TaskInference> {
    let column_index = table
        .column_index(column)
        .ok_or_else(|| Error::UnknownColumn {
            role: "target",
            column: column.to_string(),
            available: table.available(),
        })?;
    let labels = read_labels(table, column_index, column)?;
    let first_text = labels
        .iter()
        .enumerate()
        .find_map(|(row, label)| match label {
            Label::Text(text) => Some((row, *text)),
            Label::Number(_) => None,
        });
    let numeric = first_text.is_none();
    let classes = distinct_labels(&labels, numeric);
    let listed = list_values(&classes);
    if classes.len() == 1 {
        return Err(Error::ConstantTarget {
            column: column.to_string(),
            value: classes[0].clone(),
        });
    }
    let count = classes.len();
    let all_integers = labels.iter().all(|label| match label {
        Label::Number(value) => value.fract() == 0.0,
        Label::Text(_) => false,
    });

    let needs_numbers = |task: Task| -> Result<()> {
        match first_text {
            Some((row, text)) => Err(non_numeric(table, row, column, text, task)),
            None => Ok(()),
        }
    };

    let (task, reason) = match requested {
        Some(Task::Ranking) | None if has_group => {
            needs_numbers(Task::Ranking)?;
            let reason = format!(
                "target '{column}' holds numeric relevance labels and a group column was \
                 given: ranking"
            );
            (Task::Ranking, reason)
        }
        Some(Task::Ranking) => return Err(Error::RankingWithoutGroup),
        Some(Task::Regression) => {
            needs_numbers(Task::Regression)?;
            let reason = format!("task regression requested; target '{column}' is numeric");
            (Task::Regression, reason)
        }
        Some(Task::Binary) => {
            if count != 2 {
                return Err(Error::NotBinary {
                    column: column.to_string(),
                    count,
                    values: listed,
                });
            }
            let reason = format!("task binary requested; target '{column}' has values ({listed})");
            (Task::Binary, reason)
        }
        Some(Task::Multiclass) => {
            let reason = format!(
                "task multiclass requested; target '{column}' has {count} classes ({listed})"
            );
            (Task::Multiclass, reason)
        }
        None if count == 2 => {
            let reason = format!("target '{column}' has 2 distinct values ({listed}): binary");
            (Task::Binary, reason)
        }
        None if numeric && all_integers && count <= MAX_INTEGER_CLASSES => {
            let reason = format!(
                "target '{column}' has {count} distinct integer values ({listed}), at most \
                 {MAX_INTEGER_CLASSES}: multiclass (pass task regression to override)"
            );
            (Task::Multiclass, reason)
        }
        None if numeric => {
            let why = if all_integers {
                format!("{count} distinct integer values, more than {MAX_INTEGER_CLASSES}")
            } else {
                format!("{count} distinct values, not all integers")
            };
            let reason = format!("target '{column}' is numeric with {why}: regression");
            (Task::Regression, reason)
        }
        None => {
            let reason = format!(
                "target '{column}' has {count} distinct non-numeric values ({listed}): multiclass"
            );
            (Task::Multiclass, reason)
        }
    };

    let is_classification = matches!(task, Task::Binary | Task::Multiclass);
    let encoding = TargetEncoding {
        column: column.to_string(),
        task,
        classes: if is_classification {
            classes
        } else {
            Vec::new()
        },
        numeric_classes: is_classification && numeric,
    };
    Ok(TaskInference { encoding, reason })
}

/// A non-missing target value.
#[derive(Debug, Clone, Copy)]
enum Label<'a> {
    Number(f64),
    Text(&'a str),
}

/// Reads the target cells, rejecting missing and non-finite values with their row.
fn read_labels<'a>(table: &'a Table, column_index: usize, column: &str) -> Result<Vec<Label<'a>>> {
    let mut labels = Vec::with_capacity(table.n_rows());
    for (row, cell) in table.column(column_index).enumerate() {
        let label = match classify(cell) {
            Cell::Missing => {
                return Err(Error::MissingTarget {
                    source_name: table.source().to_string(),
                    row_description: table.describe_row(row),
                    column: column.to_string(),
                    value: cell.to_string(),
                });
            }
            Cell::NonFinite => {
                return Err(Error::NonFinite {
                    source_name: table.source().to_string(),
                    row_description: table.describe_row(row),
                    column: column.to_string(),
                    value: cell.to_string(),
                });
            }
            Cell::Number(value) => Label::Number(value),
            Cell::Text => Label::Text(cell),
        };
        labels.push(label);
    }
    Ok(labels)
}

/// Sorted distinct labels as strings; numbers are deduplicated by value and written in Rust's
/// shortest round-trip form (`1.0` becomes `1`).
fn distinct_labels(labels: &[Label<'_>], numeric: bool) -> Vec<String> {
    if numeric {
        let mut values: Vec<f64> = labels
            .iter()
            .filter_map(|label| match label {
                Label::Number(value) => Some(*value),
                Label::Text(_) => None,
            })
            .collect();
        values.sort_by(f64::total_cmp);
        // `-0.0` and `0.0` compare equal here, so they form one class.
        values.dedup_by(|later, earlier| later == earlier);
        values.iter().map(|value| value.to_string()).collect()
    } else {
        let mut texts: Vec<String> = labels
            .iter()
            .map(|label| match label {
                Label::Number(value) => value.to_string(),
                Label::Text(text) => text.to_string(),
            })
            .collect();
        texts.sort();
        texts.dedup();
        texts
    }
}

fn list_values(values: &[String]) -> String {
    let mut listed = values
        .iter()
        .take(LISTED_VALUES)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if values.len() > LISTED_VALUES {
        listed.push_str(", ...");
    }
    listed
}

fn non_numeric(table: &Table, row: usize, column: &str, value: &str, task: Task) -> Error {
    Error::NonNumericTarget {
        source_name: table.source().to_string(),
        row_description: table.describe_row(row),
        column: column.to_string(),
        value: value.to_string(),
        task: task.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(values: &[&str]) -> Table {
        let rows = values.iter().map(|value| vec![value.to_string()]).collect();
        Table::new("train.csv", vec!["y".to_string()], rows).expect("valid table")
    }

    fn infer(values: &[&str]) -> TaskInference {
        infer_task(&table(values), "y", None, false).expect("inference must succeed")
    }

    fn infer_error(values: &[&str], requested: Option<Task>) -> String {
        infer_task(&table(values), "y", requested, false)
            .expect_err("inference must fail")
            .to_string()
    }

    #[test]
    fn two_numeric_values_are_binary() {
        let inference = infer(&["1", "0", "1.0", "0"]);
        assert_eq!(inference.encoding.task, Task::Binary);
        assert_eq!(inference.encoding.classes, vec!["0", "1"]);
        assert_eq!(
            inference.reason,
            "target 'y' has 2 distinct values (0, 1): binary"
        );
        let encoded = inference
            .encoding
            .encode(&table(&["1", "0", "1.0"]))
            .expect("encode");
        assert_eq!(encoded, vec![1.0, 0.0, 1.0]);
    }

    #[test]
    fn two_text_values_are_binary_sorted() {
        let inference = infer(&["yes", "no", "yes"]);
        assert_eq!(inference.encoding.task, Task::Binary);
        assert_eq!(inference.encoding.classes, vec!["no", "yes"]);
        assert!(!inference.encoding.numeric_classes);
        let encoded = inference
            .encoding
            .encode(&table(&["yes", "no"]))
            .expect("encode");
        assert_eq!(encoded, vec![1.0, 0.0]);
        assert_eq!(inference.encoding.class_label(1), Some("yes"));
    }

    #[test]
    fn few_integers_are_multiclass_sorted_numerically() {
        let inference = infer(&["10", "9", "2", "9"]);
        assert_eq!(inference.encoding.task, Task::Multiclass);
        assert_eq!(inference.encoding.classes, vec!["2", "9", "10"]);
        assert!(
            inference
                .reason
                .contains("3 distinct integer values (2, 9, 10)")
        );
        let encoded = inference
            .encoding
            .encode(&table(&["10", "2"]))
            .expect("encode");
        assert_eq!(encoded, vec![2.0, 0.0]);
    }

    #[test]
    fn many_integers_or_fractions_are_regression() {
        let many: Vec<String> = (0..21).map(|value| value.to_string()).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let inference = infer(&many);
        assert_eq!(inference.encoding.task, Task::Regression);
        assert_eq!(
            inference.reason,
            "target 'y' is numeric with 21 distinct integer values, more than 20: regression"
        );
        let inference = infer(&["0.5", "1.5", "2.25"]);
        assert_eq!(inference.encoding.task, Task::Regression);
        assert!(inference.encoding.classes.is_empty());
        let encoded = inference
            .encoding
            .encode(&table(&["0.5", "2.25"]))
            .expect("encode");
        assert_eq!(encoded, vec![0.5, 2.25]);
    }

    #[test]
    fn many_text_values_are_multiclass() {
        let inference = infer(&["cat", "dog", "bird", "dog"]);
        assert_eq!(inference.encoding.task, Task::Multiclass);
        assert_eq!(inference.encoding.classes, vec!["bird", "cat", "dog"]);
        assert_eq!(
            inference.reason,
            "target 'y' has 3 distinct non-numeric values (bird, cat, dog): multiclass"
        );
    }

    #[test]
    fn group_means_ranking() {
        let inference =
            infer_task(&table(&["0", "1", "2", "1"]), "y", None, true).expect("ranking inference");
        assert_eq!(inference.encoding.task, Task::Ranking);
        let message = infer_error(&["0", "1"], Some(Task::Ranking));
        assert!(message.contains("needs a group"), "{message}");
    }

    #[test]
    fn single_value_target_is_an_error() {
        let message = infer_error(&["7", "7", "7.0"], None);
        assert!(
            message.contains("target 'y' has a single value '7'"),
            "{message}"
        );
    }

    #[test]
    fn missing_target_names_row() {
        let message = infer_error(&["1", "0", "NA", "1"], None);
        assert!(message.contains("train.csv"), "{message}");
        assert!(message.contains("data row 3 (line 4)"), "{message}");
        assert!(message.contains("target 'y' is missing"), "{message}");
    }

    #[test]
    fn infinite_target_is_an_error() {
        let message = infer_error(&["1", "1e400"], None);
        assert!(message.contains("data row 2"), "{message}");
        assert!(message.contains("'1e400'"), "{message}");
    }

    #[test]
    fn requested_tasks_are_checked() {
        let message = infer_error(&["a", "b", "c"], Some(Task::Binary));
        assert!(message.contains("exactly 2 target values"), "{message}");
        let message = infer_error(&["1", "x"], Some(Task::Regression));
        assert!(message.contains("data row 2 (line 3)"), "{message}");
        assert!(message.contains("non-numeric value 'x'"), "{message}");
        let inference = infer_task(&table(&["1", "2", "3"]), "y", Some(Task::Regression), false)
            .expect("regression accepted");
        assert_eq!(inference.encoding.task, Task::Regression);
    }

    #[test]
    fn unknown_class_at_encode_time_names_row_and_value() {
        let encoding = infer(&["no", "yes"]).encoding;
        let message = encoding
            .encode(&table(&["yes", "maybe"]))
            .expect_err("unseen class must fail")
            .to_string();
        assert!(message.contains("data row 2"), "{message}");
        assert!(message.contains("class 'maybe'"), "{message}");
    }

    #[test]
    fn task_names_parse() {
        assert_eq!("ranking".parse::<Task>().expect("valid"), Task::Ranking);
        assert!("classification".parse::<Task>().is_err());
        assert_eq!(Task::Multiclass.to_string(), "multiclass");
    }
}
