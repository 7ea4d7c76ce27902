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
    pub fn fit(training: &Matrix) -> Self {
        let rows = training.rows.max(1) as f64;
        let mut mean = vec![0.0; training.cols];
        for row in 0..training.rows {
            for (total, value) in mean.iter_mut().zip(training.row(row)) {
                *total += value;
            }
        }
        mean.iter_mut().for_each(|total| *total /= rows);
        let mut scale = vec![0.0; training.cols];
        for row in 0..training.rows {
            for ((total, value), center) in scale.iter_mut().zip(training.row(row)).zip(&mean) {
                *total += (value - center).powi(2);
            }
        }
        for total in scale.iter_mut() {
            let deviation = (*total / rows).sqrt();
            *total = if deviation > 0.0 { deviation } else { 1.0 };
        }
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
}
