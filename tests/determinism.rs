//! Determinism through the binary: the same seed gives the same JSON results with one worker
//! thread or two, every value but the timings, which live under each table's `seconds` key.
//! Table 6 reads the affinity benchmark from `../shared/data`. Run in release mode
//! (`cargo test --release`).

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Runs `lupi reproduce <arguments> --threads <threads> --json FILE` and returns the JSON
/// as a list of tables (a single table is written as one object).
fn reproduce(arguments: &[&str], threads: usize, directory: &Path) -> Vec<Value> {
    let path = directory.join(format!("results-{threads}.json"));
    let output = Command::new(env!("CARGO_BIN_EXE_lupi"))
        .arg("reproduce")
        .args(arguments)
        .args(["--quiet", "--threads", &threads.to_string(), "--json"])
        .arg(&path)
        .output()
        .expect("run lupi");
    assert!(
        output.status.success(),
        "{arguments:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(&path).expect("results written");
    match serde_json::from_str(&text).expect("valid JSON") {
        Value::Array(tables) => tables,
        table => vec![table],
    }
}

/// Removes each table's `seconds`, checking that every table has one.
fn without_timings(mut tables: Vec<Value>) -> Vec<Value> {
    for table in &mut tables {
        let map = table.as_object_mut().expect("a table is a JSON object");
        let seconds = map.remove("seconds").expect("every table has `seconds`");
        assert!(seconds.is_object(), "{seconds}");
    }
    tables
}

/// Every number in `value`, depth first.
fn numbers(value: &Value, found: &mut Vec<f64>) {
    match value {
        Value::Number(number) => found.extend(number.as_f64()),
        Value::Array(items) => items.iter().for_each(|item| numbers(item, found)),
        Value::Object(map) => map.values().for_each(|item| numbers(item, found)),
        _ => {}
    }
}

fn assert_same_results(arguments: &[&str], expected_tables: &[&str]) {
    let directory = tempfile::tempdir().expect("temp dir");
    let one = without_timings(reproduce(arguments, 1, directory.path()));
    let two = without_timings(reproduce(arguments, 2, directory.path()));
    let names: Vec<&str> = one
        .iter()
        .map(|table| table["table"].as_str().expect("table name"))
        .collect();
    assert_eq!(names, expected_tables);
    // Real results, not an empty shell: many numbers, not all equal.
    let mut values = Vec::new();
    numbers(&Value::Array(one.clone()), &mut values);
    assert!(values.len() > 50, "{} numbers", values.len());
    assert!(values.iter().any(|value| *value != values[0]));
    for (table_one, table_two) in one.iter().zip(&two) {
        assert_eq!(
            table_one, table_two,
            "{} differs between 1 and 2 threads",
            table_one["table"]
        );
    }
}

#[test]
fn synthetic_tables_are_identical_with_one_or_two_threads() {
    assert_same_results(
        &["synthetic", "--repeats", "2"],
        &["table1", "table2", "table3", "table4"],
    );
}

#[test]
fn table6_is_identical_with_one_or_two_threads() {
    let data = common::shared_dir().join("data");
    let data = data.to_str().expect("UTF-8 path");
    assert_same_results(&["table6", "--data-dir", data], &["table6"]);
}
