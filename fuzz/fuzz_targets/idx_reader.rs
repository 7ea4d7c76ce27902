//! The IDX reader on arbitrary bytes, plain or gzip: as images and as labels. Any input must
//! give images or an error, never a panic, and never more memory than the input can fill.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use lupi::data::mnist::idx::{images_from_bytes, labels_from_bytes};

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("fuzz-input");
    if let Ok(images) = images_from_bytes(bytes, path) {
        assert_eq!(
            images.pixels.len(),
            images.count * images.rows * images.cols
        );
        assert!(images.image(images.count.saturating_sub(1)).is_some() || images.count == 0);
    }
    if let Ok(labels) = labels_from_bytes(bytes, path) {
        assert_eq!(labels.histogram().iter().sum::<usize>(), labels.len());
    }
});
