//! Errors returned when configuring, training or applying a LUPI-SVM.

use thiserror::Error;

/// Why a LUPI-SVM could not be configured, trained or evaluated.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SvmError {
    /// A regularisation strength (`lambda` or `lambda*`) is not a finite number above zero.
    #[error("`{name}` must be finite and greater than 0, got {value}")]
    NonPositiveRegularization {
        /// Parameter name.
        name: &'static str,
        /// Rejected value.
        value: f64,
    },
    /// The slack penalty `lambda_s` is negative or not finite.
    #[error("`slack_penalty` must be finite and at least 0, got {value}")]
    InvalidSlackPenalty {
        /// Rejected value.
        value: f64,
    },
    /// Training was asked to run for zero epochs.
    #[error("the number of epochs must be at least 1")]
    ZeroEpochs,
    /// Two things that must have the same length do not.
    #[error("`{what}` has length {found}, expected {expected}")]
    LengthMismatch {
        /// What has the wrong length.
        what: &'static str,
        /// Length required by the other argument.
        expected: usize,
        /// Length received.
        found: usize,
    },
    /// A row of a feature matrix has a different width than the first row.
    #[error("row {row} of `{what}` has {found} features, expected {expected}")]
    RaggedRow {
        /// Which matrix.
        what: &'static str,
        /// Index of the offending row.
        row: usize,
        /// Width of the first row.
        expected: usize,
        /// Width of the offending row.
        found: usize,
    },
    /// There are no training examples.
    #[error("there are no training examples")]
    EmptyInput,
    /// All labels are equal, so there is no boundary to learn.
    #[error("the labels hold a single class; both classes are needed")]
    SingleClass,
    /// A feature value is NaN or infinite.
    #[error("`{what}` holds a non-finite value at row {row}, column {column}")]
    NonFiniteValue {
        /// Which matrix.
        what: &'static str,
        /// Row of the first non-finite value.
        row: usize,
        /// Column of the first non-finite value.
        column: usize,
    },
}
