//! Average ("fractional") ranks.

use super::error::MetricError;
use super::ties::{ascending_order, tie_run_end};
use super::validation::{check_finite, check_non_empty};

/// One-based ranks of `values` in ascending order, tied values sharing the mean of the ranks
/// they span.
///
/// For a run of `m` tied values occupying sorted positions `p+1, ..., p+m` every member gets
/// rank `p + (m + 1) / 2`. Example: `[10, 20, 20, 5]` has ranks `[2, 3.5, 3.5, 1]`.
///
/// # Errors
/// [`MetricError::EmptyInput`] for an empty slice, [`MetricError::NonFiniteValue`] for NaN or
/// infinite values.
pub fn average_ranks(values: &[f64]) -> Result<Vec<f64>, MetricError> {
    check_non_empty(values.len())?;
    check_finite("values", values)?;
    Ok(average_ranks_of_finite(values))
}

/// [`average_ranks`] for input already known to be finite.
pub(super) fn average_ranks_of_finite(values: &[f64]) -> Vec<f64> {
    let order = ascending_order(values);
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let end = tie_run_end(values, &order, start);
        // Sorted positions start+1 ..= end (one-based) average to (start + 1 + end) / 2.
        let shared_rank = (start + 1 + end) as f64 / 2.0;
        for &index in &order[start..end] {
            ranks[index] = shared_rank;
        }
        start = end;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_the_mean_rank() {
        // Sorted: 5 (rank 1), 20 and 20 (ranks 2 and 3, mean 2.5), 30 (rank 4).
        let ranks = average_ranks(&[20.0, 5.0, 30.0, 20.0]).expect("valid input");
        assert_eq!(ranks, vec![2.5, 1.0, 4.0, 2.5]);
    }

    #[test]
    fn signed_zeros_are_tied() {
        // -0.0 and +0.0 are the same number, so they share ranks 1 and 2: mean 1.5.
        let ranks = average_ranks(&[0.0, -0.0, 1.0]).expect("valid input");
        assert_eq!(ranks, vec![1.5, 1.5, 3.0]);
    }

    #[test]
    fn rejects_nan_and_empty() {
        assert_eq!(average_ranks(&[]), Err(MetricError::EmptyInput));
        assert_eq!(
            average_ranks(&[1.0, f64::NAN]),
            Err(MetricError::NonFiniteValue {
                argument: "values",
                index: 1
            })
        );
    }
}
