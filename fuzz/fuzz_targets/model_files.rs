//! The model directory reader (metadata JSON, version check, safetensors weights, shape
//! checks against the metadata) on arbitrary bytes. The input is split at the first NUL byte:
//! `model.json` before, `weights.safetensors` after. Any input must give a model or an error,
//! never a panic; a model that loads must predict on a row of zeros without panicking.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use lupi::data::Matrix;
use lupi::tabular::FittedLupi;

fuzz_target!(|bytes: &[u8]| {
    let split = bytes
        .iter()
        .position(|&byte| byte == 0)
        .unwrap_or(bytes.len());
    let metadata = &bytes[..split];
    let weights = bytes.get(split + 1..).unwrap_or(&[]);
    let Ok(model) = FittedLupi::from_file_contents(metadata, weights, Path::new("fuzz-model"))
    else {
        return;
    };
    let inputs = model.metadata.input_names.len();
    if let Ok(zeros) = Matrix::new(1, inputs, vec![0.0; inputs]) {
        let _ = model.predict_features(&zeros);
    }
});
