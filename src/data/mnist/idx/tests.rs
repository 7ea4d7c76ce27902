//! Tests of the IDX reader on small files built here, byte by byte.

use std::time::{Duration, Instant};

use super::super::error::Error;
use super::super::test_support::{TempDir, gzip, images_idx, labels_idx};
use super::{read_images, read_labeled, read_labels};

/// Two 3-row x 2-column images holding the bytes 0..12 in storage order.
fn two_small_images() -> Vec<u8> {
    images_idx(2, 3, 2, &(0..12).collect::<Vec<u8>>())
}

#[test]
fn reads_plain_images() {
    let dir = TempDir::new("plain-images");
    let path = dir.write("images", &two_small_images());
    let images = read_images(&path).unwrap();
    assert_eq!((images.count, images.rows, images.cols), (2, 3, 2));
    assert_eq!(images.pixels, (0..12).collect::<Vec<u8>>());
    assert_eq!(images.pixels_per_image(), 6);
    // The second image is the second half of the data, in storage order.
    assert_eq!(images.image(1), Some(&[6u8, 7, 8, 9, 10, 11][..]));
    assert_eq!(images.image(2), None);
    assert_eq!(images.image(usize::MAX), None);
}

#[test]
fn reads_gzip_images_same_as_plain() {
    let dir = TempDir::new("gz-images");
    let plain = read_images(&dir.write("images", &two_small_images())).unwrap();
    let compressed = read_images(&dir.write("images.gz", &gzip(&two_small_images()))).unwrap();
    assert_eq!(compressed, plain);
}

#[test]
fn gzip_is_detected_by_content_not_by_name() {
    let dir = TempDir::new("gz-no-suffix");
    let path = dir.write("images-without-suffix", &gzip(&two_small_images()));
    assert_eq!(
        read_images(&path).unwrap().pixels,
        (0..12).collect::<Vec<u8>>()
    );
}

#[test]
fn reads_plain_and_gzip_labels() {
    let dir = TempDir::new("labels");
    let bytes = labels_idx(5, &[3, 1, 4, 1, 5]);
    let plain = read_labels(&dir.write("labels", &bytes)).unwrap();
    let compressed = read_labels(&dir.write("labels.gz", &gzip(&bytes))).unwrap();
    assert_eq!(plain.0, vec![3, 1, 4, 1, 5]);
    assert_eq!(compressed, plain);
    assert_eq!(plain.histogram(), [0, 2, 0, 1, 1, 1, 0, 0, 0, 0]);
}

#[test]
fn truncated_data_reports_expected_and_actual_lengths() {
    let dir = TempDir::new("truncated");
    // Header: 2 images of 2x2 = 8 data bytes; only 5 follow.
    let bytes = images_idx(2, 2, 2, &[1, 2, 3, 4, 5]);
    for (name, content) in [("short", bytes.clone()), ("short.gz", gzip(&bytes))] {
        let path = dir.write(name, &content);
        let error = read_images(&path).unwrap_err();
        assert!(
            matches!(
                error,
                Error::TruncatedData {
                    expected: 8,
                    actual: 5,
                    ..
                }
            ),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(
            message.contains("expected 8 bytes after the header, got 5"),
            "{message}"
        );
    }
}

#[test]
fn truncated_header_is_reported() {
    let dir = TempDir::new("short-header");
    // Correct magic and count, then the file stops inside the rows field.
    let path = dir.write("images", &images_idx(1, 28, 28, &[])[..10]);
    let error = read_images(&path).unwrap_err();
    assert!(
        matches!(
            error,
            Error::TruncatedHeader {
                expected: 16,
                actual: 10,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn trailing_bytes_are_counted() {
    let dir = TempDir::new("trailing");
    let path = dir.write("labels", &labels_idx(2, &[1, 2, 7, 7, 7]));
    let error = read_labels(&path).unwrap_err();
    assert!(
        matches!(
            error,
            Error::TrailingBytes {
                expected: 2,
                extra: 3,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn wrong_magic_names_the_value_found() {
    let dir = TempDir::new("magic");
    // A labels file passed where images are expected: magic 2049 instead of 2051.
    let path = dir.write("labels", &labels_idx(1, &[0]));
    let error = read_images(&path).unwrap_err();
    assert!(
        matches!(
            error,
            Error::WrongMagic {
                found: 2049,
                expected: 2051,
                ..
            }
        ),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("2049") && message.contains(&path.display().to_string()));

    let garbage = dir.write("text", b"hello, world, not idx");
    let error = read_labels(&garbage).unwrap_err();
    // "hell" read as a big-endian u32.
    let found = u32::from_be_bytes(*b"hell");
    assert!(matches!(error, Error::WrongMagic { found: value, .. } if value == found));
}

#[test]
fn zero_dimensions_are_rejected() {
    let dir = TempDir::new("zero");
    let path = dir.write("images", &images_idx(3, 0, 28, &[]));
    let error = read_images(&path).unwrap_err();
    assert!(
        matches!(
            error,
            Error::ZeroDimension {
                rows: 0,
                cols: 28,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn bad_label_names_its_index() {
    let dir = TempDir::new("bad-label");
    let path = dir.write("labels", &labels_idx(4, &[1, 2, 10, 3]));
    let error = read_labels(&path).unwrap_err();
    assert!(
        matches!(
            error,
            Error::BadLabel {
                index: 2,
                value: 10,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("index 2"));
}

#[test]
fn pair_with_different_counts_is_rejected() {
    let dir = TempDir::new("pair");
    let images = dir.write("images", &two_small_images());
    let labels = dir.write("labels", &labels_idx(3, &[0, 1, 2]));
    let error = read_labeled(&images, &labels).unwrap_err();
    assert!(
        matches!(
            error,
            Error::CountMismatch {
                images: 2,
                labels: 3,
                ..
            }
        ),
        "{error:?}"
    );

    let matching = dir.write("labels-2", &labels_idx(2, &[9, 8]));
    let pair = read_labeled(&images, &matching).unwrap();
    assert_eq!(pair.images.count, 2);
    assert_eq!(pair.labels.0, vec![9, 8]);
}

#[test]
fn absurd_declared_count_fails_fast_without_allocating() {
    let dir = TempDir::new("absurd");
    // 4e9 images of 28x28 would be 3.1e12 bytes; allocating that up front would abort the
    // test process, so reaching the assertions shows that memory followed the 10 bytes present.
    let bytes = images_idx(4_000_000_000, 28, 28, &[0; 10]);
    let expected = 4_000_000_000u64 * 784;
    for (name, content) in [("absurd", bytes.clone()), ("absurd.gz", gzip(&bytes))] {
        let path = dir.write(name, &content);
        let started = Instant::now();
        let error = read_images(&path).unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(2));
        assert!(
            matches!(error, Error::TruncatedData { expected: value, actual: 10, .. }
                if value == expected),
            "{error:?}"
        );
    }
    // Labels too: u32::MAX labels declared, 3 present.
    let path = dir.write("labels", &labels_idx(u32::MAX, &[1, 2, 3]));
    let error = read_labels(&path).unwrap_err();
    assert!(
        matches!(error, Error::TruncatedData { actual: 3, .. }),
        "{error:?}"
    );
}

#[test]
fn missing_and_corrupt_files_name_the_path() {
    let dir = TempDir::new("missing");
    let absent = dir.path().join("no-such-file");
    let error = read_images(&absent).unwrap_err();
    assert!(matches!(error, Error::Io { .. }), "{error:?}");
    assert!(error.to_string().contains(&absent.display().to_string()));

    // Gzip magic followed by bytes that are not a deflate stream.
    let corrupt = dir.write(
        "corrupt.gz",
        &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff],
    );
    let error = read_labels(&corrupt).unwrap_err();
    assert!(matches!(error, Error::Io { .. }), "{error:?}");
    assert!(error.to_string().contains(&corrupt.display().to_string()));
}

#[test]
fn empty_file_is_a_truncated_header() {
    let dir = TempDir::new("empty");
    let path = dir.write("empty", &[]);
    let error = read_labels(&path).unwrap_err();
    assert!(
        matches!(
            error,
            Error::TruncatedHeader {
                expected: 8,
                actual: 0,
                ..
            }
        ),
        "{error:?}"
    );
}
