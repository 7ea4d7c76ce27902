//! The four MNIST files: their names and where they were found.

use std::path::PathBuf;

use super::error::Result;
use super::idx::{LabeledImages, read_labeled};

/// Base name of the training images (60,000 images of 28 x 28 bytes, IDX magic 2051).
pub const TRAIN_IMAGES: &str = "train-images-idx3-ubyte";
/// Base name of the training labels (60,000 digits, IDX magic 2049).
pub const TRAIN_LABELS: &str = "train-labels-idx1-ubyte";
/// Base name of the test images (10,000 images of 28 x 28 bytes, IDX magic 2051).
pub const TEST_IMAGES: &str = "t10k-images-idx3-ubyte";
/// Base name of the test labels (10,000 digits, IDX magic 2049).
pub const TEST_LABELS: &str = "t10k-labels-idx1-ubyte";

/// The four base names, in the order of the fields of [`MnistFiles`].
///
/// On disk each may appear as the base name (plain IDX) or with a `.gz` suffix.
pub const FILE_NAMES: [&str; 4] = [TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS];

/// Paths of the four MNIST files, each either plain IDX or gzip-compressed IDX.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MnistFiles {
    /// Training images (60,000 x 28 x 28).
    pub train_images: PathBuf,
    /// Training labels (60,000).
    pub train_labels: PathBuf,
    /// Test images (10,000 x 28 x 28).
    pub test_images: PathBuf,
    /// Test labels (10,000).
    pub test_labels: PathBuf,
}

impl MnistFiles {
    /// Reads and checks the training split (images and labels, counts must agree).
    pub fn load_train(&self) -> Result<LabeledImages> {
        read_labeled(&self.train_images, &self.train_labels)
    }

    /// Reads and checks the test split (images and labels, counts must agree).
    pub fn load_test(&self) -> Result<LabeledImages> {
        read_labeled(&self.test_images, &self.test_labels)
    }
}
