//! MNIST handwritten digits: locating, downloading, reading and pooling the original IDX files.
//!
//! The regular view of a digit is its 7 x 7 average-pooled image, the privileged view its full
//! 28 x 28 image (see [`pooling`]).

pub mod error;
pub mod fetch;
pub mod files;
pub mod idx;
pub mod locate;
pub mod pooling;

#[cfg(test)]
mod real_data_tests;
#[cfg(test)]
mod test_support;

pub use self::error::{Error, Result};
pub use self::fetch::{DEFAULT_MIRROR, SHA256_UNCOMPRESSED, fetch};
pub use self::files::{FILE_NAMES, MnistFiles};
pub use self::idx::{Images, LabeledImages, Labels, read_images, read_labeled, read_labels};
pub use self::locate::{
    DATA_DIR_ENV, data_dir, default_data_dir, find_files, locate, resolve_data_dir,
};
pub use self::pooling::{pooled_view, privileged_view};
