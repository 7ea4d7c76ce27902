use serde::{Deserialize, Serialize};

use crate::error::{LupiError, Result};

/// Which optimizer updates the parameters (burn's implementations, with PyTorch's defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptimizerKind {
    /// Adam, β = (0.9, 0.999), ε = 1e-8.
    #[default]
    Adam,
    /// RMSprop, α = 0.99, ε = 1e-8, no momentum.
    RmsProp,
    /// Plain stochastic gradient descent.
    Sgd,
}

/// The learning-rate schedule over a run of `steps` steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Schedule {
    /// The same rate at every step.
    #[default]
    Constant,
    /// Cosine decay to 0: `lr_t = lr · (1 + cos(π t / steps)) / 2` at step `t = 0, 1, …`
    /// (PyTorch's `CosineAnnealingLR` with `T_max = steps`).
    Cosine,
}

/// Optimizer, base learning rate and schedule.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct OptimizerConfig {
    /// The optimizer.
    pub kind: OptimizerKind,
    /// The base learning rate.
    pub learning_rate: f64,
    /// The schedule applied to the learning rate.
    pub schedule: Schedule,
}

impl OptimizerConfig {
    /// Adam with cosine decay: the defaults of the paper experiments.
    pub fn adam_cosine(learning_rate: f64) -> Self {
        OptimizerConfig {
            kind: OptimizerKind::Adam,
            learning_rate,
            schedule: Schedule::Cosine,
        }
    }

    /// Checks that the learning rate is finite and positive.
    pub fn validate(&self) -> Result<()> {
        if !(self.learning_rate > 0.0 && self.learning_rate.is_finite()) {
            return Err(LupiError::invalid(
                "learning_rate",
                self.learning_rate,
                "must be finite and > 0",
            ));
        }
        Ok(())
    }

    /// The learning rate at step `step` (0-based) of `steps`.
    pub fn learning_rate_at(&self, step: usize, steps: usize) -> f64 {
        match self.schedule {
            Schedule::Constant => self.learning_rate,
            Schedule::Cosine => {
                let progress = step as f64 / steps.max(1) as f64;
                self.learning_rate * 0.5 * (1.0 + (std::f64::consts::PI * progress).cos())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_starts_at_the_rate_and_halves_midway() {
        let config = OptimizerConfig::adam_cosine(0.05);
        assert_eq!(config.learning_rate_at(0, 1000), 0.05);
        // cos(π/2) = 0, so the midpoint is half the base rate.
        assert!((config.learning_rate_at(500, 1000) - 0.025).abs() < 1e-15);
    }

    #[test]
    fn rejects_non_positive_rates() {
        let mut config = OptimizerConfig::adam_cosine(0.0);
        assert!(config.validate().is_err());
        config.learning_rate = f64::NAN;
        assert!(config.validate().is_err());
    }
}
