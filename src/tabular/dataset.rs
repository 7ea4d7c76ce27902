//! The training data of the tabular workflow: what the models see, with its names.

use crate::data::Matrix;
use crate::data::table::{Encoder, Fitted, TabularData, Task};
use crate::error::{LupiError, Result};

/// Input features `x` (available at prediction time), privileged features `x*` (training
/// only) and targets, aligned by row, with the feature names and the task.
///
/// Targets are class indices `0..classes` for classification, values for regression and
/// relevance grades (higher = more relevant) for ranking; a ranking data set also carries each
/// row's group (query id), set with [`LupiDataset::with_groups`].
///
/// ```
/// use lupi::data::Matrix;
/// use lupi::data::table::Task;
/// use lupi::tabular::LupiDataset;
///
/// let dataset = LupiDataset::new(
///     Matrix::new(2, 1, vec![0.5, 1.5]).unwrap(),
///     Matrix::new(2, 1, vec![1.0, 2.0]).unwrap(),
///     vec![1.0, 2.0],
///     Task::Regression,
/// )
/// .unwrap();
/// assert_eq!(dataset.input_names, vec!["input_0"]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LupiDataset {
    /// Input features, `rows × input_names.len()`.
    pub input: Matrix,
    /// Privileged features, `rows × privileged_names.len()`.
    pub privileged: Matrix,
    /// One target per row.
    pub targets: Vec<f64>,
    /// Names of the input features, in column order.
    pub input_names: Vec<String>,
    /// Names of the privileged features, in column order.
    pub privileged_names: Vec<String>,
    /// Regression, binary, multiclass or ranking.
    pub task: Task,
    /// The group (query id) of each row, for ranking: only rows of the same group are
    /// compared, and splits keep every group whole.
    pub groups: Option<Vec<String>>,
    /// Class labels in class-index order (empty for regression).
    pub classes: Vec<String>,
    /// The encoder that produced the features from a table, when they came from one; saved
    /// with the model so that prediction encodes new tables the same way.
    pub encoder: Option<Encoder>,
}

impl LupiDataset {
    /// A data set from matrices, with generated names (`input_0`, `privileged_0`, …) and, for
    /// classification, labels `0..classes`.
    ///
    /// # Errors
    /// When the row counts disagree, a class target is not a whole number ≥ 0, or a ranking
    /// grade is not finite.
    pub fn new(input: Matrix, privileged: Matrix, targets: Vec<f64>, task: Task) -> Result<Self> {
        if input.rows != privileged.rows || input.rows != targets.len() {
            return Err(LupiError::ShapeMismatch {
                what: "rows of input, privileged features and targets".into(),
                expected: input.rows.to_string(),
                found: format!("{} and {}", privileged.rows, targets.len()),
            });
        }
        let classes = match task {
            Task::Regression => Vec::new(),
            Task::Binary | Task::Multiclass => {
                if let Some(bad) = targets
                    .iter()
                    .find(|value| !(value.fract() == 0.0 && **value >= 0.0))
                {
                    return Err(LupiError::Data(format!(
                        "class targets must be whole numbers ≥ 0, found {bad}"
                    )));
                }
                if task == Task::Binary
                    && let Some(bad) = targets.iter().find(|value| **value > 1.0)
                {
                    return Err(LupiError::Data(format!(
                        "binary targets must be 0 or 1, found {bad}"
                    )));
                }
                let largest = targets.iter().fold(0.0f64, |high, value| high.max(*value));
                let count = if task == Task::Binary {
                    2
                } else {
                    largest as usize + 1
                };
                (0..count).map(|class| class.to_string()).collect()
            }
            Task::Ranking => {
                if let Some(row) = targets.iter().position(|value| !value.is_finite()) {
                    return Err(LupiError::Data(format!(
                        "relevance grade of row {row} is {}, not a finite number",
                        targets[row]
                    )));
                }
                Vec::new()
            }
        };
        let name = |prefix: &str, count: usize| -> Vec<String> {
            (0..count)
                .map(|index| format!("{prefix}_{index}"))
                .collect()
        };
        Ok(LupiDataset {
            input_names: name("input", input.cols),
            privileged_names: name("privileged", privileged.cols),
            input,
            privileged,
            targets,
            task,
            groups: None,
            classes,
            encoder: None,
        })
    }

    /// The same data set with the group (query id) of each row, for ranking.
    ///
    /// # Errors
    /// When there is not one group per row.
    ///
    /// ```
    /// use lupi::data::Matrix;
    /// use lupi::data::table::Task;
    /// use lupi::tabular::LupiDataset;
    ///
    /// // Two queries of two items each; the targets are relevance grades.
    /// let dataset = LupiDataset::new(
    ///     Matrix::new(4, 1, vec![0.1, 0.9, 0.4, 0.2]).unwrap(),
    ///     Matrix::new(4, 1, vec![0.0, 1.0, 1.0, 0.0]).unwrap(),
    ///     vec![0.0, 2.0, 1.0, 0.0],
    ///     Task::Ranking,
    /// )
    /// .unwrap()
    /// .with_groups(["q1", "q1", "q2", "q2"].map(String::from).to_vec())
    /// .unwrap();
    /// assert_eq!(dataset.outputs(), 1);
    /// ```
    pub fn with_groups(mut self, groups: Vec<String>) -> Result<Self> {
        if groups.len() != self.rows() {
            return Err(LupiError::ShapeMismatch {
                what: "groups and rows".into(),
                expected: self.rows().to_string(),
                found: groups.len().to_string(),
            });
        }
        self.groups = Some(groups);
        Ok(self)
    }

    /// The data set of an encoded table, keeping the encoder for prediction.
    pub fn from_fitted(fitted: Fitted) -> Result<Self> {
        let Fitted { data, encoder, .. } = fitted;
        let mut dataset = Self::from_tabular(data, &encoder)?;
        dataset.encoder = Some(encoder);
        Ok(dataset)
    }

    /// The data set of a table encoded with an existing encoder.
    ///
    /// # Errors
    /// A ranking table without a group column.
    pub fn from_tabular(data: TabularData, encoder: &Encoder) -> Result<Self> {
        if data.task == Task::Ranking && data.group.is_none() {
            return Err(LupiError::Data(
                "task ranking needs a group (query id) column, but the table has none".into(),
            ));
        }
        Ok(LupiDataset {
            input: Matrix::new(data.n_rows, data.n_input(), data.input.clone())?,
            privileged: Matrix::new(data.n_rows, data.n_privileged(), data.privileged.clone())?,
            targets: data.target,
            input_names: data.input_names,
            privileged_names: data.privileged_names,
            task: data.task,
            groups: data.group,
            classes: encoder.target.classes.clone(),
            encoder: None,
        })
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.targets.len()
    }

    /// Number of model outputs: one value (regression), one logit (binary), one logit per
    /// class (multiclass) or one score (ranking).
    pub fn outputs(&self) -> usize {
        match self.task {
            Task::Multiclass => self.classes.len(),
            _ => 1,
        }
    }
}

/// The rows of each group, groups in the order they first appear.
pub fn group_rows(groups: &[String]) -> Vec<Vec<usize>> {
    let mut index_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (row, group) in groups.iter().enumerate() {
        let index = *index_of.entry(group.as_str()).or_insert_with(|| {
            members.push(Vec::new());
            members.len() - 1
        });
        members[index].push(row);
    }
    members
}
