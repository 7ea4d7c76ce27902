//! Hyper-parameters of the LUPI-SVM and their validation.

use super::error::SvmError;
use super::params_builder::LupiSvmParamsBuilder;

/// Default `lambda`, the regularisation strength on the decision weights `w`.
pub const DEFAULT_REGULARIZATION: f64 = 0.01;
/// Default `lambda*`, the regularisation strength on the privileged weights `w*`.
pub const DEFAULT_PRIVILEGED_REGULARIZATION: f64 = 0.01;
/// Default `lambda_s`, the weight of the slack term `lambda_s y <w*, x*>`.
pub const DEFAULT_SLACK_PENALTY: f64 = 0.001;
/// Default number of passes over the training set.
pub const DEFAULT_EPOCHS: usize = 100;
/// Default seed of the ChaCha8 generator that shuffles the examples each epoch.
pub const DEFAULT_SEED: u64 = 0;

/// Validated hyper-parameters of the LUPI-SVM (and of the plain Pegasos baselines, which use
/// only `regularization`, `epochs`, `seed` and `fit_bias`).
///
/// Build with [`LupiSvmParams::builder`]; [`Default`] gives the documented defaults. The fields
/// are private so that every value in existence has passed [`LupiSvmParams::validate`].
#[derive(Debug, Clone, PartialEq)]
pub struct LupiSvmParams {
    pub(super) regularization: f64,
    pub(super) privileged_regularization: f64,
    pub(super) slack_penalty: f64,
    pub(super) epochs: usize,
    pub(super) seed: u64,
    pub(super) fit_bias: bool,
    pub(super) record_objective: bool,
}

impl Default for LupiSvmParams {
    fn default() -> Self {
        Self {
            regularization: DEFAULT_REGULARIZATION,
            privileged_regularization: DEFAULT_PRIVILEGED_REGULARIZATION,
            slack_penalty: DEFAULT_SLACK_PENALTY,
            epochs: DEFAULT_EPOCHS,
            seed: DEFAULT_SEED,
            fit_bias: true,
            record_objective: false,
        }
    }
}

impl LupiSvmParams {
    /// A builder starting from the defaults
    /// (`lambda = 0.01`, `lambda* = 0.01`, `lambda_s = 0.001`, 100 epochs, seed 0, bias on).
    pub fn builder() -> LupiSvmParamsBuilder {
        LupiSvmParamsBuilder::default()
    }

    /// Checks `lambda > 0`, `lambda* > 0`, `lambda_s >= 0` (all finite) and `epochs >= 1`.
    ///
    /// `lambda > 0` is required because the step size is `eta_t = 1 / (lambda t)`.
    ///
    /// # Errors
    /// [`SvmError::NonPositiveRegularization`], [`SvmError::InvalidSlackPenalty`],
    /// [`SvmError::ZeroEpochs`].
    pub fn validate(&self) -> Result<(), SvmError> {
        check_positive("regularization", self.regularization)?;
        check_positive("privileged_regularization", self.privileged_regularization)?;
        if !(self.slack_penalty.is_finite() && self.slack_penalty >= 0.0) {
            return Err(SvmError::InvalidSlackPenalty {
                value: self.slack_penalty,
            });
        }
        if self.epochs == 0 {
            return Err(SvmError::ZeroEpochs);
        }
        Ok(())
    }

    /// `lambda`, the strength of `lambda / 2 ||w||^2`.
    pub fn regularization(&self) -> f64 {
        self.regularization
    }

    /// `lambda*`, the strength of `lambda* / 2 ||w*||^2`.
    pub fn privileged_regularization(&self) -> f64 {
        self.privileged_regularization
    }

    /// `lambda_s`, the weight of the per-example term `lambda_s y <w*, x*>`.
    pub fn slack_penalty(&self) -> f64 {
        self.slack_penalty
    }

    /// Number of passes over the (shuffled) training set.
    pub fn epochs(&self) -> usize {
        self.epochs
    }

    /// Seed of the `ChaCha8Rng` that draws each epoch's permutation.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Whether a constant feature `1.0` is appended to the decision features (see
    /// [`super::FittedSvm::bias`]).
    pub fn fit_bias(&self) -> bool {
        self.fit_bias
    }

    /// Whether the training objective is evaluated after every epoch (costs one extra pass).
    pub fn record_objective(&self) -> bool {
        self.record_objective
    }
}

/// Fails unless `value` is finite and strictly positive.
fn check_positive(name: &'static str, value: f64) -> Result<(), SvmError> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(SvmError::NonPositiveRegularization { name, value })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_documented() {
        let params = LupiSvmParams::default();
        assert_eq!(params.validate(), Ok(()));
        assert_eq!(params.regularization(), 0.01);
        assert_eq!(params.privileged_regularization(), 0.01);
        assert_eq!(params.slack_penalty(), 0.001);
        assert_eq!(params.epochs(), 100);
    }

    #[test]
    fn rejects_invalid_values() {
        let invalid = LupiSvmParams {
            regularization: 0.0,
            ..LupiSvmParams::default()
        };
        assert_eq!(
            invalid.validate(),
            Err(SvmError::NonPositiveRegularization {
                name: "regularization",
                value: 0.0
            })
        );
        let invalid = LupiSvmParams {
            privileged_regularization: -1.0,
            ..Default::default()
        };
        assert_eq!(
            invalid.validate(),
            Err(SvmError::NonPositiveRegularization {
                name: "privileged_regularization",
                value: -1.0
            })
        );
        let invalid = LupiSvmParams {
            slack_penalty: -0.5,
            ..Default::default()
        };
        assert_eq!(
            invalid.validate(),
            Err(SvmError::InvalidSlackPenalty { value: -0.5 })
        );
        let invalid = LupiSvmParams {
            epochs: 0,
            ..Default::default()
        };
        assert_eq!(invalid.validate(), Err(SvmError::ZeroEpochs));
    }
}
