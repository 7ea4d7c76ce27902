//! Errors raised while reading, selecting, encoding and writing tabular data.
//!
//! Every variant carries enough context (file, 1-based data row and line, column, value) for a
//! practitioner to find the offending cell without a debugger.

use std::path::PathBuf;

/// Result alias used throughout the table module.
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can go wrong between a CSV file on disk and encoded numeric data.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read.
    #[error("cannot read '{path}': {source}")]
    Unreadable {
        /// File that failed.
        path: PathBuf,
        /// Underlying operating system error.
        #[source]
        source: std::io::Error,
    },

    /// The file has no header row at all.
    #[error("'{path}' is empty: expected a header row with column names")]
    EmptyFile {
        /// File that failed.
        path: PathBuf,
    },

    /// The file has a header row but no data rows.
    #[error("'{path}' has a header row but no data rows")]
    NoDataRows {
        /// File that failed.
        path: PathBuf,
    },

    /// A data row has a different number of fields than the header.
    #[error(
        "'{path}': data row {row} (line {line}) has {found} fields, the header has {expected}{}",
        if *.spans_lines {
            "; a quoted field of this row spans several lines: is a closing quote missing?"
        } else {
            ""
        }
    )]
    RaggedRow {
        /// File that failed.
        path: PathBuf,
        /// 1-based data row (the header is not counted).
        row: usize,
        /// 1-based line where the row starts.
        line: u64,
        /// Number of fields in the row.
        found: usize,
        /// Number of fields in the header.
        expected: usize,
        /// Whether a field of the row holds a line break (a quoted field that runs on, often
        /// because its closing quote is missing).
        spans_lines: bool,
    },

    /// A header field is not valid UTF-8.
    #[error("'{path}': header column {position} is not valid UTF-8 (read as '{lossy}')")]
    HeaderNotUtf8 {
        /// File that failed.
        path: PathBuf,
        /// 1-based column position.
        position: usize,
        /// The name with invalid bytes replaced, to help locate it.
        lossy: String,
    },

    /// A data field is not valid UTF-8.
    #[error(
        "'{path}': data row {row} (line {line}), column '{column}' is not valid UTF-8 \
         (read as '{lossy}')"
    )]
    FieldNotUtf8 {
        /// File that failed.
        path: PathBuf,
        /// 1-based data row.
        row: usize,
        /// 1-based line where the row starts.
        line: u64,
        /// Column of the offending field.
        column: String,
        /// The value with invalid bytes replaced, to help locate it.
        lossy: String,
    },

    /// Two header fields have the same name.
    #[error("'{path}': duplicate column name '{column}' (columns {first} and {second})")]
    DuplicateColumn {
        /// File (or table source) that failed.
        path: PathBuf,
        /// The repeated name.
        column: String,
        /// 1-based position of the first occurrence.
        first: usize,
        /// 1-based position of the second occurrence.
        second: usize,
    },

    /// A header field is empty, so the column cannot be named on the command line.
    #[error(
        "'{path}': column {position} has an empty name (a saved row index? \
         write the file without it or give the column a name)"
    )]
    EmptyColumnName {
        /// File (or table source) that failed.
        path: PathBuf,
        /// 1-based column position.
        position: usize,
    },

    /// The CSV parser reported an error not covered by a more specific variant.
    #[error("'{path}': malformed CSV near line {line}: {message}")]
    MalformedCsv {
        /// File that failed.
        path: PathBuf,
        /// 1-based line, 0 when the parser could not tell.
        line: u64,
        /// Parser message.
        message: String,
    },

    /// An in-memory table was built with a row of the wrong width.
    #[error("'{source_name}': data row {row} has {found} fields, the header has {expected}")]
    RowWidth {
        /// Description of the table's origin.
        source_name: String,
        /// 1-based data row.
        row: usize,
        /// Number of fields in the row.
        found: usize,
        /// Number of column names.
        expected: usize,
    },

    /// A column named in a selection does not exist.
    #[error("unknown {role} column '{column}'; available columns: {available}")]
    UnknownColumn {
        /// Which selection mentioned it (target, privileged, features, group, id).
        role: &'static str,
        /// The name that was not found.
        column: String,
        /// Comma-separated list of the table's columns.
        available: String,
    },

    /// A glob pattern in a selection matched no column.
    #[error("{role} pattern '{pattern}' matches no column; available columns: {available}")]
    PatternMatchesNothing {
        /// Which selection contained the pattern.
        role: &'static str,
        /// The pattern.
        pattern: String,
        /// Comma-separated list of the table's columns.
        available: String,
    },

    /// A comma-separated column list contains an empty item (for example `a,,b` or `a,`).
    #[error("empty column name in {role} list '{list}'")]
    EmptyListItem {
        /// Which selection contained it.
        role: &'static str,
        /// The list as given.
        list: String,
    },

    /// One column was given two roles that exclude each other.
    #[error("column '{column}' is given as {first_role} and also as {second_role}")]
    ColumnInTwoRoles {
        /// The column.
        column: String,
        /// First role (for example `target`).
        first_role: &'static str,
        /// Second role (for example `privileged`).
        second_role: &'static str,
    },

    /// After removing target, privileged, group and id columns nothing is left for the student.
    #[error(
        "no input feature left: every column is the target, privileged, group or id \
         (columns: {available})"
    )]
    NoInputFeatures {
        /// Comma-separated list of the table's columns.
        available: String,
    },

    /// A numeric value is infinite or overflows f64.
    #[error(
        "'{source_name}': {row_description}, column '{column}' has non-finite value '{value}' \
         (infinite, not-a-number or beyond the 64-bit float range)"
    )]
    NonFinite {
        /// Description of the table's origin.
        source_name: String,
        /// For example `data row 3 (line 4)`.
        row_description: String,
        /// Column of the value.
        column: String,
        /// The value as written in the file.
        value: String,
    },

    /// A value is missing and no imputation was requested.
    #[error(
        "'{source_name}': {row_description}, column '{column}' is missing (value '{value}'); \
         pass an impute option (mean or median) or clean the data"
    )]
    MissingValue {
        /// Description of the table's origin.
        source_name: String,
        /// For example `data row 3 (line 4)`.
        row_description: String,
        /// Column of the value.
        column: String,
        /// The missing marker as written (empty, `NA`, ...).
        value: String,
    },

    /// A column whose values are nearly all numbers holds a few that are not: almost surely a
    /// typo, which would otherwise silently turn the column into categories.
    #[error(
        "'{source_name}': {row_description}, column '{column}' has non-numeric value \
         '{value}', but {numbers} of its {values} values are numbers; fix the value, or leave \
         the cell empty (or NA) to mark it missing"
    )]
    MostlyNumeric {
        /// Description of the table's origin.
        source_name: String,
        /// For example `data row 3 (line 4)`.
        row_description: String,
        /// Column of the value.
        column: String,
        /// The first non-numeric value as written.
        value: String,
        /// How many present values parse as numbers.
        numbers: usize,
        /// How many values are present.
        values: usize,
    },

    /// A group (query id) cell is missing: imputing cannot apply, since a made-up id would
    /// merge the row into an unrelated group.
    #[error(
        "'{source_name}': {row_description}, group column '{column}' is missing (value \
         '{value}'); every row needs a group (query id): fill it in or remove the row"
    )]
    MissingGroup {
        /// Description of the table's origin.
        source_name: String,
        /// For example `data row 3 (line 4)`.
        row_description: String,
        /// The group column.
        column: String,
        /// The missing marker as written (empty, `NA`, ...).
        value: String,
    },

    /// A value in a column fitted as numeric does not parse as a number.
    #[error(
        "'{source_name}': {row_description}, column '{column}' has non-numeric value \
         '{value}' but the column was numeric when the encoding was fitted"
    )]
    NotNumeric {
        /// Description of the table's origin.
        source_name: String,
        /// For example `data row 3 (line 4)`.
        row_description: String,
        /// Column of the value.
        column: String,
        /// The value as written.
        value: String,
    },

    /// Every value of a column is missing, so it can be neither typed nor imputed.
    #[error("'{source_name}': column '{column}' has no non-missing values")]
    AllMissing {
        /// Description of the table's origin.
        source_name: String,
        /// The column.
        column: String,
    },

    /// A column the fitted encoding needs is absent from a new table.
    #[error("'{source_name}': required {role} column '{column}' is missing from the file")]
    MissingColumn {
        /// Description of the table's origin.
        source_name: String,
        /// Role of the column (input, privileged, target).
        role: &'static str,
        /// The column.
        column: String,
    },

    /// The target has a missing value.
    #[error("'{source_name}': {row_description}, target '{column}' is missing (value '{value}')")]
    MissingTarget {
        /// Description of the table's origin.
        source_name: String,
        /// For example `data row 3 (line 4)`.
        row_description: String,
        /// Target column.
        column: String,
        /// The missing marker as written.
        value: String,
    },

    /// The target takes a single value, so there is nothing to learn.
    #[error("target '{column}' has a single value '{value}' in every row: nothing to learn")]
    ConstantTarget {
        /// Target column.
        column: String,
        /// Its only value.
        value: String,
    },

    /// The target must be numeric for the requested task but a value is not.
    #[error(
        "'{source_name}': {row_description}, target '{column}' has non-numeric value '{value}', \
         but task {task} needs numbers"
    )]
    NonNumericTarget {
        /// Description of the table's origin.
        source_name: String,
        /// For example `data row 3 (line 4)`.
        row_description: String,
        /// Target column.
        column: String,
        /// The value.
        value: String,
        /// The task that needs numbers.
        task: String,
    },

    /// A binary task was requested but the target does not have exactly two values.
    #[error("task binary needs exactly 2 target values, but '{column}' has {count}: {values}")]
    NotBinary {
        /// Target column.
        column: String,
        /// Number of distinct values.
        count: usize,
        /// Some of the values, comma-separated.
        values: String,
    },

    /// A target label at transform time was not among the classes seen at fit time.
    #[error(
        "'{source_name}': {row_description}, target '{column}' has class '{value}' not seen \
         when fitting (known classes: {known})"
    )]
    UnknownClass {
        /// Description of the table's origin.
        source_name: String,
        /// For example `data row 3 (line 4)`.
        row_description: String,
        /// Target column.
        column: String,
        /// The unseen label.
        value: String,
        /// Known labels, comma-separated.
        known: String,
    },

    /// The ranking task needs a group (query id) column.
    #[error("task ranking needs a group (query id) column, but none was given")]
    RankingWithoutGroup,

    /// A task name could not be parsed.
    #[error("unknown task '{name}'; expected regression, binary, multiclass or ranking")]
    UnknownTask {
        /// The name given.
        name: String,
    },

    /// An impute option name could not be parsed.
    #[error("unknown impute option '{name}'; expected mean or median")]
    UnknownImpute {
        /// The name given.
        name: String,
    },

    /// Prediction output was given inconsistent lengths.
    #[error("cannot write '{path}': {message}")]
    InconsistentOutput {
        /// Output file.
        path: PathBuf,
        /// What did not match.
        message: String,
    },

    /// Writing the prediction file failed.
    #[error("cannot write '{path}': {source}")]
    Write {
        /// File (or its temporary sibling) that failed.
        path: PathBuf,
        /// Underlying error.
        #[source]
        source: std::io::Error,
    },
}
