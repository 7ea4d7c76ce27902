use nalgebra::{DMatrix, DVector};

use crate::error::{LupiError, Result};

/// Ridge regression with an intercept, solved exactly through the Gram matrix of the
/// training rows (the dual form, cheap when there are fewer rows than features):
///
/// ```text
/// minimise  Σ_i (t_i − b − ⟨w, z_i⟩)² + λ ‖w‖²
/// w = Z̃ᵀ (Z̃ Z̃ᵀ + λ I)⁻¹ t̃,   b = mean(t) − ⟨w, mean(z)⟩
/// ```
///
/// with `Z̃`, `t̃` the training rows and targets centred on their means. Only inner products
/// between rows are needed, so callers pass the Gram matrix `G = Z Zᵀ` once and solve any
/// subset of rows (a fold) and any number of target columns (every role and temperature) with
/// one Cholesky factorisation. For squared error, a linear model trained to convergence
/// reaches this solution; solving it exactly avoids thousands of gradient steps per fold.
///
/// # Shapes
/// - `gram`: `rows × rows`, `G_ij = ⟨z_i, z_j⟩` over all rows of the data set
/// - `targets`: `train.len() × columns`
#[derive(Debug, Clone)]
pub struct GramRidge {
    train: Vec<usize>,
    /// Dual coefficients of the centred problem, `train × columns`.
    coefficients: DMatrix<f64>,
    /// Mean of each target column.
    target_means: DVector<f64>,
    /// Mean over training rows `j` of `G_ij`, for every row `i` of the data set.
    row_means: DVector<f64>,
    /// Mean of `G` over training × training rows.
    grand_mean: f64,
}

impl GramRidge {
    /// Fits with the penalty `lambda` relative to the mean squared norm of the (centred)
    /// training rows, `λ_used = λ · trace(G̃)/n`: the same `lambda` then means the same
    /// strength whatever the number and scale of the features (800 unit-length values, 210
    /// standardised counts, or both).
    pub fn fit_relative(
        gram: &DMatrix<f64>,
        train: &[usize],
        targets: &DMatrix<f64>,
        lambda: f64,
    ) -> Result<Self> {
        if train.is_empty() {
            return Self::fit(gram, train, targets, lambda);
        }
        let count = train.len() as f64;
        let mean_of = |i: usize| train.iter().map(|&j| gram[(i, j)]).sum::<f64>() / count;
        let grand = train.iter().map(|&i| mean_of(i)).sum::<f64>() / count;
        let trace: f64 = train
            .iter()
            .map(|&i| gram[(i, i)] - 2.0 * mean_of(i) + grand)
            .sum();
        let scale = (trace / count).max(f64::MIN_POSITIVE);
        Self::fit(gram, train, targets, lambda * scale)
    }

    /// Fits on the rows `train` of `gram` against `targets` (one column per problem).
    pub fn fit(
        gram: &DMatrix<f64>,
        train: &[usize],
        targets: &DMatrix<f64>,
        lambda: f64,
    ) -> Result<Self> {
        if !(lambda > 0.0 && lambda.is_finite()) {
            return Err(LupiError::invalid(
                "ridge",
                lambda,
                "must be finite and > 0",
            ));
        }
        if targets.nrows() != train.len() || train.is_empty() {
            return Err(LupiError::ShapeMismatch {
                what: "ridge targets".into(),
                expected: format!("{} rows", train.len()),
                found: targets.nrows().to_string(),
            });
        }
        let rows = train.len();
        let count = rows as f64;
        let row_means = DVector::from_iterator(
            gram.nrows(),
            (0..gram.nrows()).map(|i| train.iter().map(|&j| gram[(i, j)]).sum::<f64>() / count),
        );
        let grand_mean = train.iter().map(|&i| row_means[i]).sum::<f64>() / count;
        // Centred Gram: G̃_ij = G_ij − m_i − m_j + m, with m_i the mean over training rows.
        let mut system = DMatrix::from_fn(rows, rows, |a, b| {
            let (i, j) = (train[a], train[b]);
            gram[(i, j)] - row_means[i] - row_means[j] + grand_mean
        });
        for index in 0..rows {
            system[(index, index)] += lambda;
        }
        let target_means = DVector::from_iterator(
            targets.ncols(),
            targets.column_iter().map(|column| column.sum() / count),
        );
        let mut centred = targets.clone();
        for (mut column, mean) in centred.column_iter_mut().zip(target_means.iter()) {
            column.add_scalar_mut(-mean);
        }
        let cholesky = system.cholesky().ok_or_else(|| {
            LupiError::Data("ridge system is not positive definite (non-finite features?)".into())
        })?;
        Ok(GramRidge {
            train: train.to_vec(),
            coefficients: cholesky.solve(&centred),
            target_means,
            row_means,
            grand_mean,
        })
    }

    /// Predictions for the rows `rows` of the data set, `rows.len() × columns`.
    pub fn predict(&self, gram: &DMatrix<f64>, rows: &[usize]) -> DMatrix<f64> {
        let centred_kernel = DMatrix::from_fn(rows.len(), self.train.len(), |a, b| {
            let (i, j) = (rows[a], self.train[b]);
            gram[(i, j)] - self.row_means[i] - self.row_means[j] + self.grand_mean
        });
        let mut predictions = centred_kernel * &self.coefficients;
        for (mut column, mean) in predictions.column_iter_mut().zip(self.target_means.iter()) {
            column.add_scalar_mut(*mean);
        }
        predictions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The primal solution `(Z̃ᵀZ̃ + λI)⁻¹ Z̃ᵀ t̃`, computed directly.
    fn primal(features: &DMatrix<f64>, targets: &DVector<f64>, lambda: f64) -> (DVector<f64>, f64) {
        let feature_means = features.row_mean();
        let target_mean = targets.mean();
        let mut centred = features.clone();
        for mut row in centred.row_iter_mut() {
            row -= &feature_means;
        }
        let system = centred.transpose() * &centred
            + DMatrix::identity(features.ncols(), features.ncols()) * lambda;
        let weights = system
            .cholesky()
            .unwrap()
            .solve(&(centred.transpose() * targets.add_scalar(-target_mean)));
        let intercept = target_mean - (feature_means * &weights)[(0, 0)];
        (weights, intercept)
    }

    #[test]
    fn dual_solution_equals_the_primal_one() {
        // 6 rows, 3 features, fixed numbers; fit on rows 0..5, predict all.
        let features = DMatrix::from_row_slice(
            6,
            3,
            &[
                1.0, 0.5, -1.0, 2.0, -0.3, 0.0, 0.1, 1.2, 0.7, -1.5, 0.4, 2.2, 0.9, -2.0, 0.3, 0.0,
                0.0, 1.0,
            ],
        );
        let targets = DVector::from_row_slice(&[1.0, 2.0, -0.5, 0.3, 1.1]);
        let train: Vec<usize> = (0..5).collect();
        let gram = &features * features.transpose();
        let lambda = 0.7;
        let ridge = GramRidge::fit(
            &gram,
            &train,
            &DMatrix::from_column_slice(5, 1, targets.as_slice()),
            lambda,
        )
        .unwrap();
        let predictions = ridge.predict(&gram, &[0, 1, 2, 3, 4, 5]);
        let (weights, intercept) = primal(&features.rows(0, 5).into_owned(), &targets, lambda);
        for row in 0..6 {
            let expected = (features.row(row) * &weights)[(0, 0)] + intercept;
            assert!(
                (predictions[(row, 0)] - expected).abs() < 1e-12,
                "row {row}"
            );
        }
    }

    #[test]
    fn rejects_a_non_positive_penalty() {
        let gram = DMatrix::identity(2, 2);
        let targets = DMatrix::from_element(2, 1, 1.0);
        assert!(GramRidge::fit(&gram, &[0, 1], &targets, 0.0).is_err());
    }
}
