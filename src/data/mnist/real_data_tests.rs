//! Tests on the real MNIST files, where they are available.
//!
//! The directory is `LUPI_DATA_DIR` if set, else the shared data folder next to the project
//! (`../shared/data/mnist` from the crate root). When none
//! exists the tests print a note and pass: the crate must build and test without the data.

use std::io::Read;
use std::path::PathBuf;

use flate2::read::MultiGzDecoder;

use super::fetch::{SHA256_UNCOMPRESSED, sha256_hex};
use super::files::MnistFiles;
use super::locate::find_files;
use super::pooling::{PIXELS, POOLED_PIXELS, pooled_view, privileged_view};

fn real_files() -> Option<MnistFiles> {
    let candidates = match std::env::var_os("LUPI_DATA_DIR").filter(|value| !value.is_empty()) {
        // An explicit directory must hold the data: a wrong setting should fail, not skip.
        Some(dir) => {
            let dir = PathBuf::from(dir);
            let dir = if dir.join("mnist").is_dir() {
                dir.join("mnist")
            } else {
                dir
            };
            return Some(find_files(&dir).unwrap());
        }
        None => [PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/mnist")],
    };
    let found = candidates
        .iter()
        .find(|dir| dir.is_dir())
        .map(|dir| find_files(dir).unwrap());
    if found.is_none() {
        eprintln!("real MNIST files not found in {candidates:?}; skipping");
    }
    found
}

#[test]
fn real_test_split_has_the_published_label_counts() {
    let Some(files) = real_files() else { return };
    let test = files.load_test().unwrap();
    assert_eq!(
        (test.images.count, test.images.rows, test.images.cols),
        (10_000, 28, 28)
    );
    assert_eq!(test.images.pixels.len(), 10_000 * 784);
    // Test-set label counts for digits 0..9, from the data README.
    assert_eq!(
        test.labels.histogram(),
        [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    );
}

#[test]
fn real_train_split_loads_and_pools() {
    let Some(files) = real_files() else { return };
    let train = files.load_train().unwrap();
    assert_eq!(
        (train.images.count, train.images.rows, train.images.cols),
        (60_000, 28, 28)
    );
    assert_eq!(train.labels.len(), 60_000);
    // Training-set label counts as commonly tabulated for MNIST; they sum to 60,000.
    assert_eq!(
        train.labels.histogram(),
        [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    );
    // Averaging preserves the mean: the 49 pooled values and the 784 privileged values of an
    // image have the same mean (its mean pixel / 255).
    for index in [0, 1, 59_999] {
        let image = train.images.image(index).unwrap();
        let pooled = pooled_view(image).unwrap();
        let privileged = privileged_view(image).unwrap();
        let pooled_mean = pooled.iter().sum::<f32>() / POOLED_PIXELS as f32;
        let privileged_mean = privileged.iter().sum::<f32>() / PIXELS as f32;
        assert!(
            (pooled_mean - privileged_mean).abs() < 1e-5,
            "image {index}"
        );
        assert!(pooled.iter().all(|value| (0.0..=1.0).contains(value)));
        assert!(pooled_mean > 0.0, "image {index} is blank");
    }
}

#[test]
fn built_in_sums_match_the_real_files() {
    let Some(files) = real_files() else { return };
    let paths = [
        files.train_images,
        files.train_labels,
        files.test_images,
        files.test_labels,
    ];
    for (path, (name, expected)) in paths.iter().zip(SHA256_UNCOMPRESSED) {
        let raw = std::fs::read(path).unwrap();
        let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
            let mut bytes = Vec::new();
            MultiGzDecoder::new(&raw[..])
                .read_to_end(&mut bytes)
                .unwrap();
            bytes
        } else {
            raw
        };
        assert_eq!(sha256_hex(&bytes), expected, "{name} at {}", path.display());
    }
}
