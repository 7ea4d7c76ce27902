use super::Matrix;

/// Per-feature standardisation `(v − mean) / std`, fitted on training rows only.
///
/// The standard deviation is the population one; a constant feature (std 0) is only centred,
/// so it maps to 0 instead of dividing by zero.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Standardizer {
    /// Training mean of each feature.
    pub mean: Vec<f64>,
    /// Training standard deviation of each feature (1 where it was 0).
    pub scale: Vec<f64>,
}

impl Standardizer {
    /// Fits means and standard deviations on `training` rows.
    ///
    /// Finite values of any size give a finite mean and scale (see [`mean_and_deviation`]).
    pub fn fit(training: &Matrix) -> Self {
        let (mean, scale) = (0..training.cols)
            .map(|col| {
                let column: Vec<f64> = (0..training.rows)
                    .map(|row| training.row(row)[col])
                    .collect();
                let (mean, deviation) = mean_and_deviation(&column);
                (mean, if deviation > 0.0 { deviation } else { 1.0 })
            })
            .unzip();
        Standardizer { mean, scale }
    }

    /// Applies the fitted scaling to any rows with the same columns.
    pub fn transform(&self, matrix: &Matrix) -> Matrix {
        let mut scaled = matrix.clone();
        for row in 0..scaled.rows {
            for ((value, center), scale) in scaled
                .row_mut(row)
                .iter_mut()
                .zip(&self.mean)
                .zip(&self.scale)
            {
                *value = (*value - center) / scale;
            }
        }
        scaled
    }
}

/// Mean and population standard deviation of `values` (0 and 0 when empty).
///
/// Summed directly first. When that overflows (values near the `f64` limit, such as `1e308`,
/// whose squares are infinite), the values are divided by the largest magnitude, summed, and
/// multiplied back: both results are at most that magnitude, so finite input always gives
/// finite output. Ordinary values take the direct path, so their results do not change.
pub fn mean_and_deviation(values: &[f64]) -> (f64, f64) {
    let count = values.len().max(1) as f64;
    let direct = |values: &mut dyn Iterator<Item = f64>| {
        let values: Vec<f64> = values.collect();
        let mean = values.iter().sum::<f64>() / count;
        let variance = values
            .iter()
            .map(|value| (value - mean).powi(2))
            .sum::<f64>()
            / count;
        (mean, variance.sqrt())
    };
    let (mean, deviation) = direct(&mut values.iter().copied());
    if mean.is_finite() && deviation.is_finite() {
        return (mean, deviation);
    }
    let largest = values
        .iter()
        .fold(0.0_f64, |largest, value| largest.max(value.abs()));
    if !largest.is_finite() || largest == 0.0 {
        return (mean, deviation);
    }
    let (mean, deviation) = direct(&mut values.iter().map(|value| value / largest));
    (mean * largest, deviation * largest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_on_training_rows_and_centres_constant_columns() {
        let training = Matrix::new(2, 2, vec![1.0, 5.0, 3.0, 5.0]).unwrap();
        let scaler = Standardizer::fit(&training);
        // Column 0: mean 2, population std 1; column 1: constant 5 (scale kept at 1).
        assert_eq!(scaler.mean, vec![2.0, 5.0]);
        assert_eq!(scaler.scale, vec![1.0, 1.0]);
        let test = Matrix::new(1, 2, vec![4.0, 6.0]).unwrap();
        assert_eq!(scaler.transform(&test).values, vec![2.0, 1.0]);
    }

    #[test]
    fn values_near_the_float_limit_give_a_finite_scale() {
        // 1e308 and -1e308: mean 0 and population std 1e308, although 1e308² overflows.
        let training = Matrix::new(2, 1, vec![1e308, -1e308]).unwrap();
        let scaler = Standardizer::fit(&training);
        assert_eq!(scaler.mean, vec![0.0]);
        assert_eq!(scaler.scale, vec![1e308]);
        assert_eq!(scaler.transform(&training).values, vec![1.0, -1.0]);
        // 1.5e308, 1.5e308, 1e308: the sum overflows. Divided by 1.5e308 they are 1, 1, 2/3,
        // with mean 8/9 and population std sqrt(2/81) = 0.157135 (by hand), times 1.5e308.
        let (mean, deviation) = mean_and_deviation(&[1.5e308, 1.5e308, 1e308]);
        assert!((mean / 1.5e308 - 8.0 / 9.0).abs() < 1e-12, "{mean}");
        assert!(
            (deviation / 1.5e308 - (2.0_f64 / 81.0).sqrt()).abs() < 1e-12,
            "{deviation}"
        );
        assert_eq!(mean_and_deviation(&[]), (0.0, 0.0));
    }
}
