//! Finding the MNIST data directory and the four files in it.
//!
//! The directory is, in order of precedence: the `--data-dir` flag, the `LUPI_DATA_DIR`
//! environment variable, then `<user cache dir>/lupi/mnist` (where `lupi data fetch mnist`
//! puts the files by default).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::error::{Error, Result};
use super::files::{FILE_NAMES, MnistFiles};

/// Environment variable naming the data directory when no flag is given.
pub const DATA_DIR_ENV: &str = "LUPI_DATA_DIR";

/// Default data directory, `<user cache dir>/lupi/mnist` (e.g. `~/.cache/lupi/mnist` on
/// Linux), or `None` where the platform has no user cache directory.
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|cache| cache_data_dir(&cache))
}

/// Chooses the data directory: `flag` if given, else `env_value` (the value of
/// `LUPI_DATA_DIR`) if set and non-empty, else `<user_cache_dir>/lupi/mnist`.
///
/// Pure: the environment and the cache directory are parameters so callers (and tests) decide
/// where they come from. An empty `env_value` counts as unset, as `LUPI_DATA_DIR=` usually
/// means "no value" in a shell. Fails only when all three are absent.
pub fn resolve_data_dir(
    flag: Option<PathBuf>,
    env_value: Option<OsString>,
    user_cache_dir: Option<PathBuf>,
) -> Result<PathBuf> {
    if let Some(dir) = flag {
        return Ok(dir);
    }
    if let Some(value) = env_value.filter(|value| !value.is_empty()) {
        return Ok(PathBuf::from(value));
    }
    user_cache_dir
        .map(|cache| cache_data_dir(&cache))
        .ok_or(Error::NoDataDir)
}

/// [`resolve_data_dir`] with the process's `LUPI_DATA_DIR` and the user's cache directory.
pub fn data_dir(flag: Option<PathBuf>) -> Result<PathBuf> {
    resolve_data_dir(flag, std::env::var_os(DATA_DIR_ENV), dirs::cache_dir())
}

/// Finds the four MNIST files in `dir`, each as its plain name or with a `.gz` suffix.
///
/// When both exist the plain file is taken (no decompression needed). When any is missing the
/// error lists every missing name and says how to fix it.
pub fn find_files(dir: &Path) -> Result<MnistFiles> {
    let mut found = Vec::with_capacity(FILE_NAMES.len());
    let mut missing = Vec::new();
    for name in FILE_NAMES {
        let plain = dir.join(name);
        let compressed = dir.join(format!("{name}.gz"));
        if plain.is_file() {
            found.push(plain);
        } else if compressed.is_file() {
            found.push(compressed);
        } else {
            missing.push(name.to_string());
        }
    }
    match <[PathBuf; 4]>::try_from(found) {
        Ok([train_images, train_labels, test_images, test_labels]) if missing.is_empty() => {
            Ok(MnistFiles {
                train_images,
                train_labels,
                test_images,
                test_labels,
            })
        }
        _ => Err(Error::MissingFiles {
            dir: dir.to_path_buf(),
            missing,
        }),
    }
}

/// Resolves the data directory as [`data_dir`] does, then finds the four files in it or, when
/// it is a root holding several data sets, in its `mnist` subfolder.
pub fn locate(flag: Option<PathBuf>) -> Result<MnistFiles> {
    let dir = data_dir(flag)?;
    match find_files(&dir) {
        Err(Error::MissingFiles { .. }) if dir.join("mnist").is_dir() => {
            find_files(&dir.join("mnist"))
        }
        other => other,
    }
}

fn cache_data_dir(user_cache_dir: &Path) -> PathBuf {
    user_cache_dir.join("lupi").join("mnist")
}

#[cfg(test)]
mod tests;
