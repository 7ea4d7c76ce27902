//! Training: the epoch loop and the public `fit` entry points.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::error::SvmError;
use super::feature_matrix::FeatureMatrix;
use super::fitted::{FeatureSpace, FittedSvm};
use super::objective::objective;
use super::params::LupiSvmParams;
use super::training_set::TrainingSet;
use super::update_step::{Weights, sub_gradient_step};

impl LupiSvmParams {
    /// Trains the LUPI-SVM (Abbasi et al., BMC Bioinformatics 2018) when `privileged` is
    /// `Some`, or plain input-only Pegasos when it is `None`.
    ///
    /// # Objective
    /// With `y_i in {-1, +1}` (`true` maps to `+1`), `m_i = y_i <w, x_i>` and
    /// `s_i = y_i <w*, x*_i>`:
    ///
    /// ```text
    /// F(w, w*) = lambda/2 ||w||^2 + lambda*/2 ||w*||^2
    ///          + (1/n) sum_i [ max(0, 1 - m_i - s_i) + max(0, -s_i) + lambda_s s_i ]
    /// ```
    ///
    /// The privileged term `s_i` acts as a learned slack: it may relax the margin of example
    /// `i`, is kept non-negative by `max(0, -s_i)` and is charged `lambda_s` per unit.
    ///
    /// # Updates
    /// Pegasos-style: at iteration `t = 1, 2, ...` (counted across epochs) on example `i`, with
    /// `eta_t = 1 / (lambda t)` and the indicators evaluated at the current weights,
    ///
    /// ```text
    /// d/dw  = lambda  w  - [1 - m - s > 0] y x
    /// d/dw* = lambda* w* - [1 - m - s > 0] y x* - [s < 0] y x* + lambda_s y x*
    ///
    /// w  <- (1 - eta_t lambda)  w  + eta_t [1 - m - s > 0 and 1 - m > 0] y x
    /// w* <- (1 - eta_t lambda*) w* + eta_t ([1 - m - s > 0] + [s < 0] - lambda_s) y x*
    /// ```
    ///
    /// Choices made here:
    /// * `w` receives the hinge pull only when `x` alone also violates the margin (`1 - m > 0`),
    ///   as the baseline prescribes; when `w*` alone causes the violation `w` is only shrunk.
    ///   The `w` step is therefore not an exact sub-gradient of `F`, so `F` decreases on
    ///   average rather than being minimised exactly.
    /// * At a kink (an argument exactly 0) the zero sub-gradient is taken (strict `>`).
    /// * One step size `eta_t` serves both blocks. With `lambda* != lambda` the `w*` shrink
    ///   factor `1 - lambda*/(lambda t)` is negative while `t < lambda*/lambda`; with the
    ///   defaults (`lambda = lambda*`) it is `1 - 1/t` for both.
    /// * Both blocks move simultaneously from the same pre-step weights.
    /// * Weights start at 0; there is no projection onto the `1/sqrt(lambda)` ball and no
    ///   averaging: the last iterate is returned.
    /// * Bias: with `fit_bias` a constant `1.0` is appended to `x`, so `b` is the last entry of
    ///   `w` and is regularised with it. `w*` has no bias; append a constant column to `x*`
    ///   to get one.
    ///
    /// Each epoch visits every example once in an order drawn by shuffling the previous
    /// epoch's order with a `ChaCha8Rng` seeded once with `seed`, so results are reproducible.
    ///
    /// Without privileged features `s = 0`, both conditions become `y <w, x> < 1` and the
    /// update is Pegasos: `w <- (1 - 1/t) w + eta_t [y <w, x> < 1] y x`.
    ///
    /// # Errors
    /// [`SvmError::RaggedRow`], [`SvmError::NonFiniteValue`], [`SvmError::EmptyInput`],
    /// [`SvmError::LengthMismatch`] (labels or privileged rows vs. input rows),
    /// [`SvmError::SingleClass`], and the parameter errors of [`LupiSvmParams::validate`].
    pub fn fit(
        &self,
        inputs: &[Vec<f64>],
        privileged: Option<&[Vec<f64>]>,
        labels: &[bool],
    ) -> Result<FittedSvm, SvmError> {
        let inputs = FeatureMatrix::from_named_rows("inputs", inputs)?;
        let privileged = privileged
            .map(|rows| FeatureMatrix::from_named_rows("privileged", rows))
            .transpose()?;
        self.fit_matrices(&inputs, privileged.as_ref(), labels)
    }

    /// [`Self::fit`] on already-built matrices (for example from a flat buffer via
    /// [`FeatureMatrix::from_flat`]).
    ///
    /// # Errors
    /// As [`Self::fit`].
    pub fn fit_matrices(
        &self,
        inputs: &FeatureMatrix,
        privileged: Option<&FeatureMatrix>,
        labels: &[bool],
    ) -> Result<FittedSvm, SvmError> {
        self.validate()?;
        let data = TrainingSet::new(inputs, privileged, labels, self.fit_bias)?;
        Ok(self.train(&data, FeatureSpace::Input))
    }

    /// Plain Pegasos on the privileged features alone: [`Self::fit`] with `x*` in the role of
    /// `x` (regularised by `lambda`, bias per `fit_bias`). The resulting decision function reads
    /// privileged features; it is an upper-bound reference, not a deployable model.
    ///
    /// # Errors
    /// As [`Self::fit`].
    pub fn fit_privileged_only(
        &self,
        privileged: &[Vec<f64>],
        labels: &[bool],
    ) -> Result<FittedSvm, SvmError> {
        let privileged = FeatureMatrix::from_named_rows("privileged", privileged)?;
        self.fit_privileged_only_matrix(&privileged, labels)
    }

    /// [`Self::fit_privileged_only`] on an already-built matrix.
    ///
    /// # Errors
    /// As [`Self::fit`].
    pub fn fit_privileged_only_matrix(
        &self,
        privileged: &FeatureMatrix,
        labels: &[bool],
    ) -> Result<FittedSvm, SvmError> {
        self.validate()?;
        let data = TrainingSet::new(privileged, None, labels, self.fit_bias)?;
        Ok(self.train(&data, FeatureSpace::Privileged))
    }

    /// Runs `epochs` shuffled passes of [`sub_gradient_step`] and packages the result.
    fn train(&self, data: &TrainingSet, decision_space: FeatureSpace) -> FittedSvm {
        let mut weights = Weights::zeros(data.decision_width(), data.privileged_width());
        let mut generator = ChaCha8Rng::seed_from_u64(self.seed);
        let mut order: Vec<usize> = (0..data.example_count()).collect();
        let mut epoch_objectives = Vec::new();
        let mut iteration: u64 = 0;
        for _ in 0..self.epochs {
            order.shuffle(&mut generator);
            for &index in &order {
                iteration += 1;
                sub_gradient_step(&mut weights, data.example(index), iteration, self);
            }
            if self.record_objective {
                epoch_objectives.push(objective(&weights, data, self));
            }
        }
        let mut decision_weights = weights.decision;
        let bias = if self.fit_bias {
            decision_weights.pop().unwrap_or(0.0)
        } else {
            0.0
        };
        FittedSvm {
            weights: decision_weights,
            bias,
            privileged_weights: data.has_privileged().then_some(weights.privileged),
            decision_space,
            epoch_objectives,
        }
    }
}
