//! Tabular data for learning using privileged information: reading a CSV file, assigning
//! columns to roles (target, privileged, input features, group, id), typing and encoding them,
//! inferring the task, and writing predictions back.
//!
//! Typical flow: [`read_csv`] → [`select_columns`] → [`Encoder::fit`] (training) and, later,
//! [`read_csv`] → [`Encoder::transform_inputs`] (prediction) → [`write_predictions`].

mod data;
mod encode;
mod encoder;
mod error;
mod glob;
mod prepare;
mod raw;
mod read;
mod select;
mod task;
mod value;
mod write;

pub use data::{InputData, TabularData};
pub use encode::{ColumnEncoding, ColumnKind, Impute, MANY_CATEGORIES, Warning};
pub use encoder::{Encoder, FitOptions, Fitted};
pub use error::{Error, Result};
pub use glob::{is_pattern, matches as glob_matches};
pub use prepare::{prepare_prediction, prepare_training};
pub use raw::Table;
pub use read::{read_csv, read_csv_from};
pub use select::{ColumnSpec, Selection, parse_column_list, select_columns};
pub use task::{MAX_INTEGER_CLASSES, TargetEncoding, Task, TaskInference, infer_task};
pub use value::{MISSING_MARKERS, is_missing};
pub use write::{IdColumn, write_predictions};
