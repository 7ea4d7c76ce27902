//! Tests of data-directory resolution and file discovery.

use std::ffi::OsString;
use std::path::PathBuf;

use super::super::error::Error;
use super::super::test_support::TempDir;
use super::{find_files, resolve_data_dir};

fn flag() -> Option<PathBuf> {
    Some(PathBuf::from("/from/flag"))
}
fn env() -> Option<OsString> {
    Some(OsString::from("/from/env"))
}
fn cache() -> Option<PathBuf> {
    Some(PathBuf::from("/home/user/.cache"))
}

#[test]
fn flag_wins_over_environment_and_cache() {
    assert_eq!(
        resolve_data_dir(flag(), env(), cache()).unwrap(),
        PathBuf::from("/from/flag")
    );
    assert_eq!(
        resolve_data_dir(flag(), None, None).unwrap(),
        PathBuf::from("/from/flag")
    );
}

#[test]
fn environment_wins_over_cache() {
    assert_eq!(
        resolve_data_dir(None, env(), cache()).unwrap(),
        PathBuf::from("/from/env")
    );
}

#[test]
fn cache_is_the_fallback() {
    let resolved = resolve_data_dir(None, None, cache()).unwrap();
    assert_eq!(resolved, PathBuf::from("/home/user/.cache/lupi/mnist"));
    // `LUPI_DATA_DIR=` (empty) counts as unset.
    let resolved = resolve_data_dir(None, Some(OsString::new()), cache()).unwrap();
    assert_eq!(resolved, PathBuf::from("/home/user/.cache/lupi/mnist"));
}

#[test]
fn nothing_to_go_on_is_an_error_that_says_what_to_do() {
    let error = resolve_data_dir(None, None, None).unwrap_err();
    assert!(matches!(error, Error::NoDataDir));
    let message = error.to_string();
    assert!(message.contains("--data-dir DIR") && message.contains("LUPI_DATA_DIR=DIR"));
}

#[test]
fn finds_plain_and_gzip_files_preferring_plain() {
    let dir = TempDir::new("find");
    dir.write("train-images-idx3-ubyte.gz", b"");
    dir.write("train-labels-idx1-ubyte", b"");
    dir.write("t10k-images-idx3-ubyte", b"");
    dir.write("t10k-images-idx3-ubyte.gz", b"");
    dir.write("t10k-labels-idx1-ubyte.gz", b"");
    let files = find_files(dir.path()).unwrap();
    assert_eq!(
        files.train_images,
        dir.path().join("train-images-idx3-ubyte.gz")
    );
    assert_eq!(
        files.train_labels,
        dir.path().join("train-labels-idx1-ubyte")
    );
    assert_eq!(files.test_images, dir.path().join("t10k-images-idx3-ubyte"));
    assert_eq!(
        files.test_labels,
        dir.path().join("t10k-labels-idx1-ubyte.gz")
    );
}

#[test]
fn missing_files_are_listed_with_the_fix() {
    let dir = TempDir::new("missing-files");
    dir.write("train-images-idx3-ubyte.gz", b"");
    dir.write("t10k-labels-idx1-ubyte", b"");
    // A directory with a file's name does not count as the file.
    std::fs::create_dir(dir.path().join("t10k-images-idx3-ubyte")).unwrap();
    let error = find_files(dir.path()).unwrap_err();
    match &error {
        Error::MissingFiles {
            dir: searched,
            missing,
        } => {
            assert_eq!(searched, dir.path());
            assert_eq!(
                missing,
                &["train-labels-idx1-ubyte", "t10k-images-idx3-ubyte"]
            );
        }
        other => panic!("expected MissingFiles, got {other:?}"),
    }
    let message = error.to_string();
    assert!(
        message.contains(&dir.path().display().to_string()),
        "{message}"
    );
    assert!(
        message.contains("train-labels-idx1-ubyte, t10k-images-idx3-ubyte"),
        "{message}"
    );
    for fix in [
        "lupi data fetch mnist",
        "--data-dir DIR",
        "LUPI_DATA_DIR=DIR",
    ] {
        assert!(message.contains(fix), "{message}");
    }
}

#[test]
fn absent_directory_lists_all_four_files() {
    let dir = TempDir::new("absent");
    let error = find_files(&dir.path().join("nowhere")).unwrap_err();
    assert!(matches!(&error, Error::MissingFiles { missing, .. } if missing.len() == 4));
}
