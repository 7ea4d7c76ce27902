//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong in lupi, with the numbers and names that went wrong.
#[derive(Debug, thiserror::Error)]
pub enum LupiError {
    /// A parameter is outside its valid range.
    #[error("invalid parameter `{name}` = {value}: {reason}")]
    InvalidParameter {
        /// The parameter's name as the user spells it (builder method or flag).
        name: &'static str,
        /// The offending value, formatted.
        value: String,
        /// What the valid range is.
        reason: String,
    },

    /// Two tensors or tables that must agree in size do not.
    #[error("shape mismatch: {what}: expected {expected}, found {found}")]
    ShapeMismatch {
        /// Which quantities disagree.
        what: String,
        /// The expected size.
        expected: String,
        /// The size found.
        found: String,
    },

    /// Training produced a non-finite loss or parameter.
    #[error(
        "training diverged: {model} (model {index} of its batch) has a non-finite parameter \
         after step {step} of {steps}; try a lower learning rate (it was {})",
        crate::error::short_number(*.learning_rate)
    )]
    Diverged {
        /// The role of the model ("teacher", "distilled", ...).
        model: String,
        /// Index of the model inside its batch (the repeat or fold).
        index: usize,
        /// The step at which the problem was detected.
        step: usize,
        /// The number of steps asked for.
        steps: usize,
        /// The learning rate in use.
        learning_rate: f64,
    },

    /// A trained model's predictions are not finite numbers although its parameters are.
    #[error(
        "training produced non-finite predictions: the {model}'s {metric} on its training rows \
         is {value}; the values may be too large for 64-bit floats or the learning rate ({}) too \
         high: rescale the columns or try a lower learning rate",
        crate::error::short_number(*.learning_rate)
    )]
    NonFinitePredictions {
        /// The role of the model ("teacher", "student").
        model: String,
        /// The metric that is not finite.
        metric: String,
        /// Its value (NaN or infinite).
        value: f64,
        /// The learning rate in use.
        learning_rate: f64,
    },

    /// A file could not be read or written.
    #[error("{path}: {message}")]
    File {
        /// The file concerned.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },

    /// Input data is malformed.
    #[error("{0}")]
    Data(String),

    /// The affinity benchmark's files are missing or malformed.
    #[error(transparent)]
    Affinity(#[from] crate::data::affinity::Error),

    /// A metric could not be computed (mismatched lengths, a single class, a constant series).
    #[error(transparent)]
    Metric(#[from] crate::evaluation::ranking_metrics::MetricError),

    /// The LUPI-SVM baseline rejected its parameters or data.
    #[error(transparent)]
    Svm(#[from] crate::models::lupi_svm::SvmError),

    /// MNIST files are missing, malformed or could not be downloaded.
    #[error(transparent)]
    Mnist(#[from] crate::data::mnist::Error),

    /// A CSV table could not be read, selected, encoded or written (boxed: its variants carry
    /// paths and values, and would make every `Result` of the crate large).
    #[error(transparent)]
    Table(Box<crate::data::table::Error>),
}

impl From<crate::data::table::Error> for LupiError {
    fn from(error: crate::data::table::Error) -> Self {
        LupiError::Table(Box::new(error))
    }
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, LupiError>;

impl LupiError {
    /// Shorthand for [`LupiError::InvalidParameter`].
    pub fn invalid(name: &'static str, value: impl ToString, reason: impl ToString) -> Self {
        LupiError::InvalidParameter {
            name,
            value: value.to_string(),
            reason: reason.to_string(),
        }
    }

    /// Shorthand for [`LupiError::File`] from an I/O error.
    pub fn file(path: impl Into<PathBuf>, error: impl ToString) -> Self {
        LupiError::File {
            path: path.into(),
            message: error.to_string(),
        }
    }
}

/// `value` as a short decimal (`0.05`, `1200`) or, beyond 1e6 or under 1e-4, in scientific
/// notation (`1e300`): the full decimal expansion of a huge float is hundreds of digits.
pub fn short_number(value: f64) -> String {
    let magnitude = value.abs();
    if value.is_finite() && magnitude != 0.0 && !(1e-4..1e6).contains(&magnitude) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_numbers_stay_short() {
        assert_eq!(short_number(0.05), "0.05");
        assert_eq!(short_number(1200.0), "1200");
        assert_eq!(short_number(1e300), "1e300");
        assert_eq!(short_number(-2.5e-7), "-2.5e-7");
        assert_eq!(short_number(f64::INFINITY), "inf");
        assert_eq!(short_number(0.0), "0");
    }
}
