//! Table 1: clean labels as privileged information.

use super::synthetic::{RowSpec, RowTask, SyntheticTable};
use crate::data::synthetic::SyntheticKind;

/// The table, with label noise of standard deviation `noise_sd` (the paper: 1).
pub fn table(noise_sd: f64) -> SyntheticTable {
    SyntheticTable {
        id: "table1",
        title: "Clean labels as privileged information",
        kinds: vec![SyntheticKind::CleanLabels { noise_sd }],
        rows: vec![
            RowSpec {
                task: RowTask::Classification,
                paper: [(0.95, 0.01), (0.87, 0.01), (0.95, 0.01)],
            },
            RowSpec {
                task: RowTask::Regression,
                paper: [(0.31, 0.01), (0.36, 0.01), (0.31, 0.01)],
            },
        ],
    }
}
