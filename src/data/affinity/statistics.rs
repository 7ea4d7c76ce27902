//! Summary statistics for comparing counts.

/// Pearson correlation r = Σ(xᵢ−x̄)(yᵢ−ȳ) / √(Σ(xᵢ−x̄)² Σ(yᵢ−ȳ)²); `None` when the lengths
/// differ, fewer than two values are given, or either side is constant.
pub fn pearson(first: &[f64], second: &[f64]) -> Option<f64> {
    if first.len() != second.len() || first.len() < 2 {
        return None;
    }
    let count = first.len() as f64;
    let mean_first = first.iter().sum::<f64>() / count;
    let mean_second = second.iter().sum::<f64>() / count;
    let (mut covariance, mut variance_first, mut variance_second) = (0.0, 0.0, 0.0);
    for (a, b) in first.iter().zip(second) {
        covariance += (a - mean_first) * (b - mean_second);
        variance_first += (a - mean_first).powi(2);
        variance_second += (b - mean_second).powi(2);
    }
    let denominator = (variance_first * variance_second).sqrt();
    (denominator > 0.0).then(|| covariance / denominator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pearson_of_known_series() {
        // y = 2x + 1 is perfectly correlated; [1,2,3] against [1,3,2] gives 0.5 by hand
        // (deviations -1,0,1 and -1,1,0: covariance 1, variances 2 and 2).
        let line = pearson(&[1.0, 2.0, 3.0], &[3.0, 5.0, 7.0]).unwrap_or(f64::NAN);
        assert!((line - 1.0).abs() < 1e-12);
        let half = pearson(&[1.0, 2.0, 3.0], &[1.0, 3.0, 2.0]).unwrap_or(f64::NAN);
        assert!((half - 0.5).abs() < 1e-12);
        assert_eq!(pearson(&[1.0, 1.0], &[2.0, 3.0]), None);
        assert_eq!(pearson(&[1.0], &[2.0]), None);
    }
}
