//! Errors of the MNIST module: reading IDX files, finding and downloading them.

use std::path::PathBuf;

/// Result type of every fallible function in this module.
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can go wrong while locating, downloading, reading or pooling MNIST data.
///
/// Each variant names the file (or URL) involved and the offending value, so the message alone
/// tells the user what to fix.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An operating-system error while opening, reading, writing or renaming a file.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done, e.g. "cannot read".
        action: &'static str,
        /// The file concerned.
        path: PathBuf,
        /// The underlying error (also reports corrupt gzip streams).
        source: std::io::Error,
    },

    /// The first four bytes are not the IDX magic number expected for this kind of file.
    #[error(
        "{path}: wrong magic number {found} (0x{found:08x}), expected {expected} for an IDX \
         {kind} file"
    )]
    WrongMagic {
        /// The file concerned.
        path: PathBuf,
        /// The magic number found in the file (big-endian u32).
        found: u32,
        /// The magic number an IDX file of this kind must start with.
        expected: u32,
        /// "images" or "labels".
        kind: &'static str,
    },

    /// The file ends inside its header.
    #[error("{path}: truncated header: expected {expected} bytes, got {actual}")]
    TruncatedHeader {
        /// The file concerned.
        path: PathBuf,
        /// Header length in bytes (16 for images, 8 for labels).
        expected: usize,
        /// Bytes actually present.
        actual: usize,
    },

    /// The header declares an image with zero rows or zero columns.
    #[error("{path}: image dimensions must be non-zero, header says {rows} rows x {cols} columns")]
    ZeroDimension {
        /// The file concerned.
        path: PathBuf,
        /// Rows declared in the header.
        rows: u32,
        /// Columns declared in the header.
        cols: u32,
    },

    /// The header declares more data than this machine can address.
    #[error("{path}: header declares {count} items of {item_bytes} bytes, too large to address")]
    TooLarge {
        /// The file concerned.
        path: PathBuf,
        /// Item count declared in the header.
        count: u32,
        /// Bytes per item (rows * cols for images, 1 for labels).
        item_bytes: u64,
    },

    /// The data after the header is shorter than the header declares.
    #[error("{path}: truncated data: expected {expected} bytes after the header, got {actual}")]
    TruncatedData {
        /// The file concerned.
        path: PathBuf,
        /// Data bytes declared by the header (count * rows * cols, or count).
        expected: u64,
        /// Data bytes actually present.
        actual: u64,
    },

    /// Bytes remain after the data declared by the header.
    #[error("{path}: {extra} trailing bytes after the {expected} data bytes the header declares")]
    TrailingBytes {
        /// The file concerned.
        path: PathBuf,
        /// Data bytes declared by the header.
        expected: u64,
        /// Bytes found after them.
        extra: u64,
    },

    /// A label is not a digit 0..=9.
    #[error("{path}: label {value} at index {index} is not a digit 0..=9")]
    BadLabel {
        /// The labels file concerned.
        path: PathBuf,
        /// Zero-based position of the first bad label.
        index: usize,
        /// The value found there.
        value: u8,
    },

    /// An images file and its labels file hold different numbers of items.
    #[error(
        "{images_path} holds {images} images but {labels_path} holds {labels} labels; \
         they must be the same split of the same data set"
    )]
    CountMismatch {
        /// The images file.
        images_path: PathBuf,
        /// Number of images in it.
        images: usize,
        /// The labels file.
        labels_path: PathBuf,
        /// Number of labels in it.
        labels: usize,
    },

    /// An image handed to pooling does not have the expected number of pixels.
    #[error("image has {actual} pixels, expected {expected} (28 x 28, row-major)")]
    ImageSize {
        /// Pixels expected.
        expected: usize,
        /// Pixels given.
        actual: usize,
    },

    /// No data directory was given and the platform has no user cache directory.
    #[error(
        "no MNIST data directory: pass `--data-dir DIR` or set `LUPI_DATA_DIR=DIR` \
         (this platform has no user cache directory to fall back on)"
    )]
    NoDataDir,

    /// Some of the four MNIST files are absent from the data directory.
    #[error(
        "MNIST files missing in {}: {}. To fix: run `lupi data fetch mnist` to download them, \
         or pass `--data-dir DIR`, or set `LUPI_DATA_DIR=DIR`, where DIR holds the four files \
         (each plain or with a .gz suffix)",
        dir.display(),
        missing.join(", ")
    )]
    MissingFiles {
        /// The directory searched.
        dir: PathBuf,
        /// Base names of the missing files (without `.gz`).
        missing: Vec<String>,
    },

    /// The server answered a download request with a non-success HTTP status.
    #[error("download of {url} failed: HTTP status {status}")]
    HttpStatus {
        /// The URL requested.
        url: String,
        /// The HTTP status code received.
        status: u16,
    },

    /// The download failed below HTTP (DNS, connection, TLS, timeout, body read).
    #[error("download of {url} failed: {source}")]
    Transport {
        /// The URL requested.
        url: String,
        /// The error reported by the HTTP client (boxed: it is large).
        source: Box<ureq::Error>,
    },

    /// A downloaded file is not a valid gzip stream.
    #[error("download of {url} is not valid gzip: {source}")]
    Gunzip {
        /// The URL downloaded.
        url: String,
        /// The decompression error.
        source: std::io::Error,
    },

    /// A downloaded file decompressed to bytes whose SHA-256 is not the published one.
    #[error(
        "download of {url} is corrupt: SHA-256 of the uncompressed file is {actual}, \
         expected {expected}"
    )]
    HashMismatch {
        /// The URL downloaded.
        url: String,
        /// Expected SHA-256, lowercase hex.
        expected: String,
        /// SHA-256 actually computed, lowercase hex.
        actual: String,
    },
}
