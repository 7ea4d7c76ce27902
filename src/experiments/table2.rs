//! Table 2: clean features as privileged information.

use super::synthetic::{RowSpec, RowTask, SyntheticTable};
use crate::data::synthetic::SyntheticKind;

/// The table.
pub fn table() -> SyntheticTable {
    SyntheticTable {
        id: "table2",
        title: "Clean features as privileged information",
        kinds: vec![SyntheticKind::CleanFeatures],
        rows: vec![
            RowSpec {
                task: RowTask::Classification,
                paper: [(0.89, 0.02), (0.68, 0.02), (0.68, 0.02)],
            },
            RowSpec {
                task: RowTask::Regression,
                paper: [(0.03, 0.01), (5.78, 0.59), (5.78, 0.59)],
            },
        ],
    }
}
