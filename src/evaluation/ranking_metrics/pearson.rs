//! Pearson product-moment correlation.

use super::error::MetricError;
use super::validation::check_paired_series;

/// Pearson correlation coefficient
///
/// ```text
/// r = sum_i (a_i - mean(a)) (b_i - mean(b))
///     / sqrt( sum_i (a_i - mean(a))^2 * sum_i (b_i - mean(b))^2 )
/// ```
///
/// computed with two passes (means first) for accuracy. The result is clamped to `[-1, 1]`
/// because rounding can push a perfect correlation a few ulps past 1.
///
/// # Errors
/// [`MetricError::LengthMismatch`], [`MetricError::EmptyInput`],
/// [`MetricError::NonFiniteValue`], and [`MetricError::ConstantSeries`] when either series has
/// zero variance (instead of returning NaN).
pub fn pearson(first: &[f64], second: &[f64]) -> Result<f64, MetricError> {
    check_paired_series("first", first, "second", second)?;
    pearson_of_validated(first, second)
}

/// [`pearson`] for two finite, non-empty series of equal length.
pub(super) fn pearson_of_validated(first: &[f64], second: &[f64]) -> Result<f64, MetricError> {
    let count = first.len() as f64;
    let first_mean = first.iter().sum::<f64>() / count;
    let second_mean = second.iter().sum::<f64>() / count;
    let mut cross = 0.0;
    let mut first_squares = 0.0;
    let mut second_squares = 0.0;
    for (&a, &b) in first.iter().zip(second) {
        let first_deviation = a - first_mean;
        let second_deviation = b - second_mean;
        cross += first_deviation * second_deviation;
        first_squares += first_deviation * first_deviation;
        second_squares += second_deviation * second_deviation;
    }
    if first_squares == 0.0 {
        return Err(MetricError::ConstantSeries { argument: "first" });
    }
    if second_squares == 0.0 {
        return Err(MetricError::ConstantSeries { argument: "second" });
    }
    Ok((cross / (first_squares * second_squares).sqrt()).clamp(-1.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOLERANCE: f64 = 1e-12;

    #[test]
    fn hand_computed() {
        // Means 2.5 and 5. Deviations a: [-1.5, -0.5, 0.5, 1.5], b: [-3, -1, 0, 4].
        // Cross = 4.5 + 0.5 + 0 + 6 = 11; sum a_dev^2 = 5; sum b_dev^2 = 26.
        // r = 11 / sqrt(130).
        let r = pearson(&[1.0, 2.0, 3.0, 4.0], &[2.0, 4.0, 5.0, 9.0]).expect("valid");
        assert!((r - 11.0 / 130.0_f64.sqrt()).abs() < TOLERANCE);
    }

    #[test]
    fn perfect_negative() {
        // b = 10 - 2 a is an exact decreasing line, so r = -1.
        let r = pearson(&[1.0, 2.0, 3.0], &[8.0, 6.0, 4.0]).expect("valid");
        assert!((r + 1.0).abs() < TOLERANCE);
    }

    #[test]
    fn constant_series_is_an_error() {
        assert_eq!(
            pearson(&[1.0, 2.0], &[3.0, 3.0]),
            Err(MetricError::ConstantSeries { argument: "second" })
        );
        // A single point has zero variance.
        assert_eq!(
            pearson(&[1.0], &[2.0]),
            Err(MetricError::ConstantSeries { argument: "first" })
        );
    }

    #[test]
    fn input_errors() {
        assert_eq!(
            pearson(&[1.0], &[1.0, 2.0]),
            Err(MetricError::LengthMismatch { left: 1, right: 2 })
        );
        assert_eq!(pearson(&[], &[]), Err(MetricError::EmptyInput));
        assert_eq!(
            pearson(&[1.0, 2.0], &[f64::NAN, 2.0]),
            Err(MetricError::NonFiniteValue {
                argument: "second",
                index: 0
            })
        );
    }
}
