//! The version check: a model is read only by the lupi version that wrote it, because the
//! meaning of its metadata and tensors may change between versions.

use std::path::Path;

use crate::error::{LupiError, Result};

/// The metadata key holding the version of lupi that wrote the model.
pub const VERSION_KEY: &str = "lupi_version";

/// Checks that `metadata` was written by this version of lupi.
///
/// # Errors
/// [`LupiError::File`] naming `path` when the key is missing or the versions differ.
pub fn check_version(metadata: &serde_json::Value, path: &Path) -> Result<()> {
    let current = env!("CARGO_PKG_VERSION");
    match metadata
        .get(VERSION_KEY)
        .and_then(serde_json::Value::as_str)
    {
        Some(written) if written == current => Ok(()),
        Some(written) => Err(LupiError::file(
            path,
            format!(
                "model written by lupi {written}, but this is lupi {current}; refit the model \
                 with this version"
            ),
        )),
        None => Err(LupiError::file(
            path,
            format!("no '{VERSION_KEY}' field: not a lupi model file"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_this_version() {
        let path = Path::new("model.json");
        let current = serde_json::json!({ "lupi_version": env!("CARGO_PKG_VERSION") });
        assert!(check_version(&current, path).is_ok());
        let old = serde_json::json!({ "lupi_version": "0.0.1" });
        let message = check_version(&old, path).unwrap_err().to_string();
        assert!(
            message.contains("0.0.1") && message.contains("model.json"),
            "{message}"
        );
        assert!(check_version(&serde_json::json!({}), path).is_err());
    }
}
