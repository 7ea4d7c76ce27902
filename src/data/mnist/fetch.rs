//! Downloading the four MNIST files from a mirror and checking them against published sums.
//!
//! Each file is fetched as `<mirror>/<name>.gz`, decompressed in memory (unless the transfer
//! already undid the compression), checked against the SHA-256 of the uncompressed original
//! (built in below), and only then written, uncompressed, under its plain name. The write goes to a temporary file in the destination directory that
//! is renamed into place, so an interrupted, failed or corrupted download never leaves a file
//! under the final name.

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use flate2::read::MultiGzDecoder;
use sha2::{Digest, Sha256};

use super::error::{Error, Result};

/// Mirror used when the caller has no other: Google's copy of the original MNIST files.
pub const DEFAULT_MIRROR: &str = "https://storage.googleapis.com/cvdf-datasets/mnist/";

/// SHA-256 (lowercase hex) of each MNIST file after gunzip, by base name.
///
/// Copied from `SHA256SUMS.uncompressed` of the project's shared data; the four files there
/// are the original LeCun-Cortes-Burges files.
pub const SHA256_UNCOMPRESSED: [(&str, &str); 4] = [
    (
        "train-images-idx3-ubyte",
        "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    ),
    (
        "train-labels-idx1-ubyte",
        "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    ),
    (
        "t10k-images-idx3-ubyte",
        "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    ),
    (
        "t10k-labels-idx1-ubyte",
        "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    ),
];

/// Upper bound on a file's size, compressed or not. The largest MNIST file is 47,040,016
/// bytes uncompressed; the bound stops a hostile mirror from exhausting memory (a longer
/// stream is cut here and then fails the hash check).
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Downloads the four MNIST files from `mirror_base_url` into `dest_dir` (created if needed).
///
/// Requests `<mirror_base_url>/<name>.gz` for each name (a trailing `/` on the mirror is
/// optional), verifies the SHA-256 of the decompressed bytes against
/// [`SHA256_UNCOMPRESSED`] and writes them, uncompressed, to `dest_dir/<name>`. Files already
/// present there with the right hash are kept and not downloaded again. Returns the four
/// paths in the order of [`SHA256_UNCOMPRESSED`]. Honours the usual proxy environment
/// variables (`HTTPS_PROXY`, `NO_PROXY`, ...).
pub fn fetch(mirror_base_url: &str, dest_dir: &Path) -> Result<Vec<PathBuf>> {
    fetch_with_sums(
        &agent(true),
        mirror_base_url,
        dest_dir,
        &SHA256_UNCOMPRESSED,
    )
}

/// [`fetch`] against any table of `(base name, SHA-256 of the uncompressed file)`, so tests
/// can serve small fixtures of their own.
fn fetch_with_sums(
    agent: &ureq::Agent,
    mirror_base_url: &str,
    dest_dir: &Path,
    sums: &[(&str, &str)],
) -> Result<Vec<PathBuf>> {
    let mut written = Vec::with_capacity(sums.len());
    for &(name, expected) in sums {
        let path = dest_dir.join(name);
        if !already_verified(&path, expected) {
            let url = file_url(mirror_base_url, name);
            let compressed = download(agent, &url)?;
            let bytes = gunzip(&url, compressed)?;
            let actual = sha256_hex(&bytes);
            if actual != expected {
                return Err(Error::HashMismatch {
                    url,
                    expected: expected.to_string(),
                    actual,
                });
            }
            // Created only once a file has been verified, so that a mirror that fails from
            // the start leaves nothing behind, not even an empty directory.
            fs::create_dir_all(dest_dir)
                .map_err(|source| io_error("cannot create", dest_dir, source))?;
            write_atomically(&path, &bytes)?;
        }
        written.push(path);
    }
    Ok(written)
}

/// An HTTP agent with bounded waits; `use_env_proxy` is off only in tests, whose local server
/// must not be reached through a proxy that the environment may name.
fn agent(use_env_proxy: bool) -> ureq::Agent {
    let mut config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(Duration::from_secs(30)))
        .timeout_recv_response(Some(Duration::from_secs(60)));
    if !use_env_proxy {
        config = config.proxy(None);
    }
    config.build().new_agent()
}

/// `<mirror>/<name>.gz`, with exactly one `/` between mirror and name.
fn file_url(mirror_base_url: &str, name: &str) -> String {
    format!("{}/{name}.gz", mirror_base_url.trim_end_matches('/'))
}

/// Whether `path` already holds bytes with SHA-256 `expected` (a rerun need not download).
fn already_verified(path: &Path, expected: &str) -> bool {
    fs::read(path).is_ok_and(|bytes| sha256_hex(&bytes) == expected)
}

fn download(agent: &ureq::Agent, url: &str) -> Result<Vec<u8>> {
    let transport = |source| Error::Transport {
        url: url.to_string(),
        source: Box::new(source),
    };
    let mut response = agent.get(url).call().map_err(transport)?;
    let status = response.status().as_u16();
    if !response.status().is_success() {
        return Err(Error::HttpStatus {
            url: url.to_string(),
            status,
        });
    }
    response
        .body_mut()
        .with_config()
        .limit(MAX_FILE_BYTES)
        .read_to_vec()
        .map_err(transport)
}

/// Decompresses a downloaded `.gz` file. Bytes without the gzip magic are returned as they
/// are: a server may send the file with `Content-Encoding: gzip`, which the HTTP client then
/// undoes itself; the hash check decides either way.
fn gunzip(url: &str, compressed: Vec<u8>) -> Result<Vec<u8>> {
    if !compressed.starts_with(&[0x1f, 0x8b]) {
        return Ok(compressed);
    }
    let mut bytes = Vec::new();
    MultiGzDecoder::new(&compressed[..])
        .take(MAX_FILE_BYTES)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Gunzip {
            url: url.to_string(),
            source,
        })?;
    Ok(bytes)
}

/// SHA-256 of `bytes` as 64 lowercase hex digits.
pub(super) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename, so
/// readers see either no file or the complete one. The temporary file is removed on failure.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{file_name}.part-{}", std::process::id()));
    let result = write_and_sync(&temporary, bytes).and_then(|()| {
        fs::rename(&temporary, path).map_err(|source| io_error("cannot rename", path, source))
    });
    if result.is_err() {
        // Best effort: the original error is the one worth reporting.
        let _ = fs::remove_file(&temporary);
    }
    result
}

fn write_and_sync(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
        .map_err(|source| io_error("cannot create", path, source))?;
    file.write_all(bytes)
        .map_err(|source| io_error("cannot write", path, source))?;
    // Flush to disk before the rename makes the file visible under its final name.
    file.sync_all()
        .map_err(|source| io_error("cannot write", path, source))
}

fn io_error(action: &'static str, path: &Path, source: io::Error) -> Error {
    Error::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests;
