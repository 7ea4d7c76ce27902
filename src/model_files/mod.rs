//! Saving and loading fitted models: a directory holding the weights
//! (`weights.safetensors`) and self-describing metadata (`model.json`).
//!
//! This module knows the file formats, the version check and atomic saving; what the
//! metadata means, and which tensors a model needs, belongs to the model type (see
//! [`crate::tabular::FittedLupi`]).
//!
//! ```text
//! MODEL_DIR/
//!   model.json            { "lupi_version": "0.1.0", … }
//!   weights.safetensors   named f64 tensors ("student.layer0.weight", …)
//! ```

mod directory;
mod version;
mod weights;

pub use directory::{
    METADATA_FILE, WEIGHTS_FILE, load_directory, parse_directory_files, save_directory,
};
pub use version::{VERSION_KEY, check_version};
pub use weights::{NamedTensor, decode_weights, encode_weights};
