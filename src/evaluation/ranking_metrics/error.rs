//! Errors returned by the ranking and regression metrics.

use thiserror::Error;

/// Why a metric could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MetricError {
    /// The two input series have different lengths.
    #[error("length mismatch: the first series has {left} elements, the second has {right}")]
    LengthMismatch {
        /// Length of the first argument.
        left: usize,
        /// Length of the second argument.
        right: usize,
    },
    /// The inputs contain no element.
    #[error("the input is empty")]
    EmptyInput,
    /// The labels hold only positives or only negatives, so a two-class metric is undefined.
    #[error("the labels hold a single class; both positive and negative examples are needed")]
    SingleClass,
    /// The labels hold no positive example, so recall (and average precision) is undefined.
    #[error("the labels hold no positive example")]
    NoPositiveLabel,
    /// A series is constant, so a correlation coefficient would divide by zero.
    #[error("`{argument}` is constant, so the correlation is undefined")]
    ConstantSeries {
        /// Name of the constant argument.
        argument: &'static str,
    },
    /// A value is NaN or infinite.
    #[error("`{argument}` holds a non-finite value at index {index}")]
    NonFiniteValue {
        /// Name of the offending argument.
        argument: &'static str,
        /// Position of the first non-finite value.
        index: usize,
    },
    /// A graded relevance is negative or so large that the gain `2^rel - 1` overflows.
    #[error("relevance at index {index} is outside [0, {maximum}]")]
    RelevanceOutOfRange {
        /// Position of the first offending relevance.
        index: usize,
        /// Largest accepted relevance.
        maximum: u32,
    },
    /// The cutoff `k` of a top-k metric is zero.
    #[error("the cutoff k must be at least 1")]
    ZeroCutoff,
}
