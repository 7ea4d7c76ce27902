//! Errors of the affinity loader; each variant names the file and, where there is one, the
//! row or record and the offending value, so that a user can find and fix the input.

use std::path::PathBuf;

/// Everything that can go wrong while reading the affinity benchmark and its structures.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file that could not be read.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The CSV reader rejected a record (wrong quoting, invalid UTF-8, ...).
    #[error("cannot parse CSV file {path}: {source}")]
    Csv {
        /// The CSV file.
        path: PathBuf,
        /// The reader's reason.
        source: csv::Error,
    },
    /// A header of the benchmark table is not the expected one at its position.
    #[error("{path}: column {column} is {found:?}, expected a header {expected}")]
    UnexpectedHeader {
        /// The CSV file.
        path: PathBuf,
        /// The 0-based column position.
        column: usize,
        /// The header text found there.
        found: String,
        /// What the header should look like.
        expected: String,
    },
    /// A field of a data row is missing or cannot be interpreted.
    #[error("{path}: data row {row}, column {column:?}: invalid value {value:?}: {reason}")]
    InvalidField {
        /// The CSV file.
        path: PathBuf,
        /// The 1-based data row (the header is row 0).
        row: usize,
        /// The column's name.
        column: String,
        /// The value found.
        value: String,
        /// Why it was rejected.
        reason: String,
    },
    /// A partner structure file does not exist.
    #[error("structure file {path} does not exist")]
    MissingStructure {
        /// The expected path.
        path: PathBuf,
    },
    /// pdbtbx refused a structure file, even at its loose strictness level.
    #[error("pdbtbx cannot parse {path}: {message}")]
    PdbParse {
        /// The structure file.
        path: PathBuf,
        /// pdbtbx's messages, joined.
        message: String,
    },
    /// A structure file is readable but its content is not usable.
    #[error("structure file {path}: {reason}")]
    InvalidStructure {
        /// The structure file.
        path: PathBuf,
        /// What is wrong, with the record or value concerned.
        reason: String,
    },
    /// The PRODIGY reference file is not the expected JSON.
    #[error("PRODIGY reference {path}: {reason}")]
    InvalidReference {
        /// The JSON file.
        path: PathBuf,
        /// What is wrong, with the key or value concerned.
        reason: String,
    },
    /// A function parameter given by the caller is out of its domain.
    #[error("invalid parameter {name} = {value}: {reason}")]
    InvalidParameter {
        /// The parameter's name.
        name: String,
        /// Its value, as text.
        value: String,
        /// Why it was rejected.
        reason: String,
    },
}

/// Result type of the affinity module.
pub type Result<T> = std::result::Result<T, Error>;
