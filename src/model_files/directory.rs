//! The model directory: written atomically, read with clear errors.
//!
//! Saving writes both files into a temporary directory beside the target and renames it into
//! place, so a crash never leaves a half-written model that looks valid. An existing model at
//! the target is moved aside first and removed once the new one is in place.

use std::path::{Path, PathBuf};

use super::version::check_version;
use super::weights::{NamedTensor, decode_weights, encode_weights};
use crate::error::{LupiError, Result};

/// The metadata file's name inside a model directory.
pub const METADATA_FILE: &str = "model.json";
/// The weights file's name inside a model directory.
pub const WEIGHTS_FILE: &str = "weights.safetensors";

/// Writes `metadata` (a JSON object with the `lupi_version` key) and `tensors` as the model
/// directory `directory`, atomically.
pub fn save_directory(
    directory: &Path,
    metadata: &serde_json::Value,
    tensors: &[NamedTensor],
) -> Result<()> {
    let name = directory
        .file_name()
        .ok_or_else(|| LupiError::file(directory, "not a directory name"))?
        .to_string_lossy()
        .to_string();
    let parent = match directory.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if directory.exists() && !directory.is_dir() {
        return Err(LupiError::file(
            directory,
            "exists and is not a directory; a model is saved as a directory",
        ));
    }
    let foreign = directory.is_dir()
        && !directory.join(METADATA_FILE).is_file()
        && std::fs::read_dir(directory).map_or(true, |mut entries| entries.next().is_some());
    if foreign {
        // Replacing a model directory is the point; replacing someone's folder of files is not.
        return Err(LupiError::file(
            directory,
            format!(
                "exists and is not a lupi model directory (no {METADATA_FILE}); refusing to replace it"
            ),
        ));
    }
    let temporary = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    let previous = parent.join(format!(".{name}.{}.old", std::process::id()));
    let metadata_text = serde_json::to_string_pretty(metadata)
        .map_err(|error| LupiError::file(directory, error))?;
    let weights = encode_weights(tensors, &directory.join(WEIGHTS_FILE))?;

    let result = (|| -> std::io::Result<()> {
        if temporary.exists() {
            std::fs::remove_dir_all(&temporary)?;
        }
        std::fs::create_dir(&temporary)?;
        std::fs::write(temporary.join(METADATA_FILE), metadata_text.as_bytes())?;
        std::fs::write(temporary.join(WEIGHTS_FILE), &weights)?;
        let replacing = directory.exists();
        if replacing {
            std::fs::rename(directory, &previous)?;
        }
        if let Err(error) = std::fs::rename(&temporary, directory) {
            if replacing {
                // Put the old model back rather than leave nothing at the target.
                let _ = std::fs::rename(&previous, directory);
            }
            return Err(error);
        }
        if replacing {
            std::fs::remove_dir_all(&previous)?;
        }
        Ok(())
    })();
    result.map_err(|error| {
        let _ = std::fs::remove_dir_all(&temporary);
        LupiError::file(directory, format!("cannot save the model: {error}"))
    })
}

/// Reads a model directory: its metadata (after the version check) and its tensors.
///
/// # Errors
/// [`LupiError::File`] naming the file when the directory or a file is missing, unreadable,
/// not JSON or safetensors, or written by another version of lupi.
pub fn load_directory(directory: &Path) -> Result<(serde_json::Value, Vec<NamedTensor>)> {
    if !directory.is_dir() {
        return Err(LupiError::file(directory, "no such model directory"));
    }
    let metadata_path = directory.join(METADATA_FILE);
    let metadata_bytes = std::fs::read(&metadata_path)
        .map_err(|error| LupiError::file(&metadata_path, format!("cannot read: {error}")))?;
    let weights_path = directory.join(WEIGHTS_FILE);
    let weights = std::fs::read(&weights_path)
        .map_err(|error| LupiError::file(&weights_path, format!("cannot read: {error}")))?;
    parse_directory_files(&metadata_bytes, &weights, directory)
}

/// Parses the contents of a model directory's two files, already read into memory: the
/// metadata (JSON, after the version check) and the weights (safetensors). `directory` only
/// names the files in errors.
///
/// # Errors
/// [`LupiError::File`] naming the file when the metadata is not UTF-8 JSON, was written by
/// another version of lupi, or the weights are not f64 safetensors.
pub fn parse_directory_files(
    metadata_bytes: &[u8],
    weights: &[u8],
    directory: &Path,
) -> Result<(serde_json::Value, Vec<NamedTensor>)> {
    let metadata_path = directory.join(METADATA_FILE);
    let text = std::str::from_utf8(metadata_bytes).map_err(|error| {
        LupiError::file(&metadata_path, format!("not valid UTF-8 text: {error}"))
    })?;
    let metadata: serde_json::Value = serde_json::from_str(text)
        .map_err(|error| LupiError::file(&metadata_path, format!("not valid JSON: {error}")))?;
    check_version(&metadata, &metadata_path)?;
    let weights_path = directory.join(WEIGHTS_FILE);
    Ok((metadata, decode_weights(weights, &weights_path)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_atomically_replaces_and_reports_missing_files() {
        let root = tempfile::tempdir().unwrap();
        let directory = root.path().join("model");
        let metadata = serde_json::json!({ "lupi_version": env!("CARGO_PKG_VERSION"), "a": 1 });
        let tensors = vec![NamedTensor {
            name: "w".into(),
            shape: vec![1],
            values: vec![2.0],
        }];
        save_directory(&directory, &metadata, &tensors).unwrap();
        save_directory(&directory, &metadata, &tensors).unwrap();
        let (loaded, weights) = load_directory(&directory).unwrap();
        assert_eq!((loaded, weights), (metadata, tensors));
        // Only the model directory remains: no temporary or old copy beside it.
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
        std::fs::remove_file(directory.join(WEIGHTS_FILE)).unwrap();
        let message = load_directory(&directory).unwrap_err().to_string();
        assert!(message.contains(WEIGHTS_FILE), "{message}");
    }

    #[test]
    fn a_failed_save_leaves_the_target_and_no_temporary() {
        // The target is a file: saving fails before writing anything, and the file is kept.
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("model");
        std::fs::write(&target, b"not a model").unwrap();
        let metadata = serde_json::json!({ "lupi_version": env!("CARGO_PKG_VERSION") });
        let message = save_directory(&target, &metadata, &[])
            .unwrap_err()
            .to_string();
        assert!(message.contains("not a directory"), "{message}");
        assert_eq!(std::fs::read(&target).unwrap(), b"not a model");
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
        // The parent does not exist: an error, and nothing is created anywhere.
        let orphan = root.path().join("absent").join("model");
        assert!(save_directory(&orphan, &metadata, &[]).is_err());
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
    }
}
