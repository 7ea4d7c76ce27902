//! Input checks shared by every metric, so each metric rejects bad input the same way.

use super::error::MetricError;

/// Fails with [`MetricError::LengthMismatch`] unless both series have the same length.
pub(super) fn check_same_length(left: usize, right: usize) -> Result<(), MetricError> {
    if left == right {
        Ok(())
    } else {
        Err(MetricError::LengthMismatch { left, right })
    }
}

/// Fails with [`MetricError::EmptyInput`] when `length` is zero.
pub(super) fn check_non_empty(length: usize) -> Result<(), MetricError> {
    if length == 0 {
        Err(MetricError::EmptyInput)
    } else {
        Ok(())
    }
}

/// Fails with [`MetricError::NonFiniteValue`] at the first NaN or infinity.
///
/// Rejecting NaN up front is what lets the metrics sort with a total order without
/// silently placing NaN somewhere arbitrary.
pub(super) fn check_finite(argument: &'static str, values: &[f64]) -> Result<(), MetricError> {
    match values.iter().position(|value| !value.is_finite()) {
        Some(index) => Err(MetricError::NonFiniteValue { argument, index }),
        None => Ok(()),
    }
}

/// Runs the three checks every paired-series metric needs, in a fixed order.
pub(super) fn check_paired_series(
    first_name: &'static str,
    first: &[f64],
    second_name: &'static str,
    second: &[f64],
) -> Result<(), MetricError> {
    check_same_length(first.len(), second.len())?;
    check_non_empty(first.len())?;
    check_finite(first_name, first)?;
    check_finite(second_name, second)
}
