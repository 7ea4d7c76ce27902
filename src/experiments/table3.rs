//! Table 3: relevant features as privileged information.

use super::synthetic::{RowSpec, RowTask, SyntheticTable};
use crate::data::synthetic::SyntheticKind;

/// The table, with its third row: squared error on the 0/1 labels.
pub fn table() -> SyntheticTable {
    SyntheticTable {
        id: "table3",
        title: "Relevant features as privileged information",
        kinds: vec![SyntheticKind::RelevantFeatures],
        rows: vec![
            RowSpec {
                task: RowTask::Classification,
                paper: [(0.99, 0.01), (0.87, 0.03), (0.98, 0.01)],
            },
            RowSpec {
                task: RowTask::Regression,
                paper: [(0.01, 0.0), (0.14, 0.04), (0.14, 0.03)],
            },
            RowSpec {
                task: RowTask::RegressionOnLabels,
                paper: [(0.30, 0.0), (0.38, 0.02), (0.34, 0.02)],
            },
        ],
    }
}
