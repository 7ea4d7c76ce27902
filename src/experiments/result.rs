use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::evaluation::{PairedDifference, Summary};

/// A published value, mean ± std.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PaperValue {
    /// Mean over repeats, as printed in the paper.
    pub mean: f64,
    /// Standard deviation, as printed.
    pub std: f64,
}

/// Named entries kept in insertion order (JSON objects print in that order).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ordered<T>(pub Vec<(String, T)>);

impl<T> Ordered<T> {
    /// The entry named `name`.
    pub fn get(&self, name: &str) -> Option<&T> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }
}

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// One row of a results table: one task (and variant), every model's metric over repeats.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowResult {
    /// `classification`, `regression` or `regression_on_labels`.
    pub task: String,
    /// The data variant (`values`, `masked`, `paper` in Table 4), if any.
    pub variant: Option<String>,
    /// `accuracy` or `rmse`.
    pub metric: String,
    /// Each model's summary: teacher, input, distilled, gd, and the controls.
    pub models: Ordered<Summary>,
    /// The paper's values for the models it reports.
    pub paper: Ordered<PaperValue>,
    /// Distilled minus input, paired over repeats.
    pub distilled_minus_input: PairedDifference,
}

/// Wall and CPU seconds.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Seconds {
    /// Elapsed wall-clock seconds.
    pub wall: f64,
    /// CPU seconds of the threads that did the work.
    pub cpu: f64,
    /// Where a table has distinct phases (features, then folds), the wall and CPU seconds of
    /// each. Every timing lives under `seconds`, so results compare equal without it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<Phase>,
}

/// Time taken by one phase of a run.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Phase {
    /// What the phase did.
    pub name: String,
    /// Elapsed wall-clock seconds.
    pub wall: f64,
    /// CPU seconds.
    pub cpu: f64,
}

/// The result of reproducing one table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableResult {
    /// `table1`, … .
    pub table: String,
    /// The paper's title for the table.
    pub title: String,
    /// The seed used.
    pub seed: u64,
    /// Number of repeats.
    pub repeats: usize,
    /// Every setting that shaped the numbers.
    pub settings: serde_json::Value,
    /// Time taken.
    pub seconds: Seconds,
    /// The rows.
    pub rows: Vec<RowResult>,
}
