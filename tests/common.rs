//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The shared folder beside the repository (`../shared`), where the data sets and the test
/// vectors live.
pub fn shared_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
}

/// Runs the `lupi` binary built for these tests.
pub fn lupi(arguments: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lupi"))
        .args(arguments)
        .output()
        .expect("run lupi")
}

/// Command output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_string()
}

/// `directory/name` as a string argument.
pub fn path(directory: &std::path::Path, name: &str) -> String {
    directory.join(name).display().to_string()
}

/// Runs lupi expecting failure: a non-zero exit, an error naming each of `expected`, no panic,
/// and no file at `out`.
pub fn assert_fails(arguments: &[&str], expected: &[&str], out: &std::path::Path) {
    let output = lupi(arguments);
    let stderr = text(&output.stderr);
    assert!(!output.status.success(), "{arguments:?} succeeded");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for word in expected {
        assert!(
            stderr.contains(word),
            "{arguments:?}: '{word}' not in: {stderr}"
        );
    }
    assert!(!out.exists(), "{arguments:?} left {}", out.display());
}
