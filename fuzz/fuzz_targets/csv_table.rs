//! The CSV table reader, then the encoder, on arbitrary bytes: the first column is the
//! target and the second privileged. Any input must give a table or an error, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use lupi::data::table::{ColumnSpec, Encoder, FitOptions, Impute, read_csv_from, select_columns};

fuzz_target!(|bytes: &[u8]| {
    let Ok(table) = read_csv_from(bytes, Path::new("fuzz.csv")) else {
        return;
    };
    let names = table.names().to_vec();
    let (Some(target), Some(privileged)) = (names.first(), names.get(1)) else {
        return;
    };
    let spec = ColumnSpec {
        target: target.clone(),
        privileged: vec![privileged.clone()],
        ..ColumnSpec::default()
    };
    let Ok(selection) = select_columns(&names, &spec) else {
        return;
    };
    for impute in [None, Some(Impute::Median)] {
        let options = FitOptions { task: None, impute };
        if let Ok(fitted) = Encoder::fit(&table, &selection, &options) {
            let encoder = fitted.encoder;
            // Encoding the training table again must work and give the same numbers.
            let again = encoder
                .transform(&table)
                .expect("re-encoding the training table");
            assert_eq!(again.n_rows, fitted.data.n_rows);
            let _ = encoder.transform_inputs(&table);
        }
    }
});
