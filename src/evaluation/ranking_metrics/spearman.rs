//! Spearman rank correlation.

use super::error::MetricError;
use super::pearson::pearson_of_validated;
use super::ranks::average_ranks_of_finite;
use super::validation::check_paired_series;

/// Spearman's rho: the Pearson correlation of the average ranks,
/// `rho = pearson(rank(a), rank(b))`, with tied values sharing their mean rank.
///
/// Using Pearson on average ranks (rather than `1 - 6 sum d^2 / (n (n^2 - 1))`) keeps the
/// result exact when there are ties.
///
/// # Errors
/// As [`super::pearson()`]; [`MetricError::ConstantSeries`] when all values of a series tie.
pub fn spearman(first: &[f64], second: &[f64]) -> Result<f64, MetricError> {
    check_paired_series("first", first, "second", second)?;
    let first_ranks = average_ranks_of_finite(first);
    let second_ranks = average_ranks_of_finite(second);
    pearson_of_validated(&first_ranks, &second_ranks)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOLERANCE: f64 = 1e-12;

    #[test]
    fn with_ties_in_both_series() {
        // Ranks a = [1, 2.5, 2.5, 4], b = [1, 2, 3.5, 3.5]; both means 2.5.
        // Deviations a: [-1.5, 0, 0, 1.5], b: [-1.5, -0.5, 1, 1].
        // Cross = 2.25 + 0 + 0 + 1.5 = 3.75; sums of squares 4.5 and 4.5.
        // rho = 3.75 / 4.5 = 5/6.
        let rho = spearman(&[1.0, 2.0, 2.0, 3.0], &[10.0, 20.0, 30.0, 30.0]).expect("valid");
        assert!((rho - 5.0 / 6.0).abs() < TOLERANCE);
    }

    #[test]
    fn monotone_nonlinear_is_one() {
        // b = a^3 keeps the order, so the ranks are identical and rho = 1.
        let rho = spearman(&[1.0, 2.0, 3.0, 4.0], &[1.0, 8.0, 27.0, 64.0]).expect("valid");
        assert!((rho - 1.0).abs() < TOLERANCE);
    }

    #[test]
    fn all_tied_is_an_error() {
        assert_eq!(
            spearman(&[2.0, 2.0, 2.0], &[1.0, 2.0, 3.0]),
            Err(MetricError::ConstantSeries { argument: "first" })
        );
    }
}
