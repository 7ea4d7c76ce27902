//! Where the tests find the real benchmark data, and the data set built once from it.

use std::path::PathBuf;
use std::sync::OnceLock;

use super::dataset::{AffinityDataset, DatasetOptions, build_dataset};

/// `LUPI_AFFINITY_DIR` if set, else the shared data folder beside the repository.
pub fn data_directory() -> PathBuf {
    std::env::var_os("LUPI_AFFINITY_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/affinity")
        })
}

/// The data set with default options, built once per test run (as text on failure, since
/// [`super::error::Error`] is not `Clone`).
pub fn default_dataset() -> &'static Result<AffinityDataset, String> {
    static DATASET: OnceLock<Result<AffinityDataset, String>> = OnceLock::new();
    DATASET.get_or_init(|| {
        build_dataset(&data_directory(), &DatasetOptions::default()).map_err(|e| e.to_string())
    })
}
