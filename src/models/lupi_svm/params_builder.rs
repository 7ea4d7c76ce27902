//! Builder for [`LupiSvmParams`].

use super::error::SvmError;
use super::params::LupiSvmParams;

/// Builder for [`LupiSvmParams`]; starts from the defaults and validates in [`Self::build`].
#[derive(Debug, Clone, Default)]
pub struct LupiSvmParamsBuilder {
    params: LupiSvmParams,
}

impl LupiSvmParamsBuilder {
    /// Sets `lambda` (> 0), the regulariser `lambda / 2 ||w||^2`; also sets `eta_t = 1/(lambda t)`.
    pub fn regularization(mut self, lambda: f64) -> Self {
        self.params.regularization = lambda;
        self
    }

    /// Sets `lambda*` (> 0), the regulariser `lambda* / 2 ||w*||^2`.
    pub fn privileged_regularization(mut self, lambda_star: f64) -> Self {
        self.params.privileged_regularization = lambda_star;
        self
    }

    /// Sets `lambda_s` (>= 0), the weight of `lambda_s y <w*, x*>` in the per-example loss.
    pub fn slack_penalty(mut self, lambda_s: f64) -> Self {
        self.params.slack_penalty = lambda_s;
        self
    }

    /// Sets the number of epochs (>= 1).
    pub fn epochs(mut self, epochs: usize) -> Self {
        self.params.epochs = epochs;
        self
    }

    /// Sets the seed of the `ChaCha8Rng` that shuffles the examples.
    pub fn seed(mut self, seed: u64) -> Self {
        self.params.seed = seed;
        self
    }

    /// Appends (`true`, the default) or omits a constant `1.0` bias feature.
    pub fn fit_bias(mut self, fit_bias: bool) -> Self {
        self.params.fit_bias = fit_bias;
        self
    }

    /// Records the training objective after every epoch (default `false`).
    pub fn record_objective(mut self, record_objective: bool) -> Self {
        self.params.record_objective = record_objective;
        self
    }

    /// Validates and returns the parameters.
    ///
    /// # Errors
    /// As [`LupiSvmParams::validate`].
    pub fn build(self) -> Result<LupiSvmParams, SvmError> {
        self.params.validate()?;
        Ok(self.params)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_sets_every_field() {
        let params = LupiSvmParams::builder()
            .regularization(0.5)
            .privileged_regularization(0.25)
            .slack_penalty(0.1)
            .epochs(3)
            .seed(7)
            .fit_bias(false)
            .record_objective(true)
            .build()
            .expect("valid parameters");
        assert_eq!(params.regularization(), 0.5);
        assert_eq!(params.privileged_regularization(), 0.25);
        assert_eq!(params.slack_penalty(), 0.1);
        assert_eq!(params.epochs(), 3);
        assert_eq!(params.seed(), 7);
        assert!(!params.fit_bias());
        assert!(params.record_objective());
    }

    #[test]
    fn build_validates() {
        assert_eq!(
            LupiSvmParams::builder().regularization(-0.1).build(),
            Err(SvmError::NonPositiveRegularization {
                name: "regularization",
                value: -0.1
            })
        );
        assert_eq!(
            LupiSvmParams::builder().epochs(0).build(),
            Err(SvmError::ZeroEpochs)
        );
        assert!(
            LupiSvmParams::builder()
                .regularization(f64::NAN)
                .build()
                .is_err()
        );
    }
}
