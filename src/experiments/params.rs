use serde::{Deserialize, Serialize};

use crate::compute::Precision;
use crate::error::{LupiError, Result};
use crate::losses::{
    BaseLoss, GeneralizedDistillation, MetaLoss, TeacherTarget, Temperature, WeightMode,
};
use crate::models::Initialization;
use crate::training::{FitConfig, OptimizerConfig, OptimizerKind, Schedule};

/// The most optimizer steps a run accepts.
pub const MAX_STEPS: usize = 1_000_000;

/// The validated settings of a LUPI experiment: the loss, the model, and how it is trained.
///
/// Build with [`LupiParams::new`] and the consuming setters, then [`LupiParams::validate`].
/// Every setter documents its default.
///
/// ```
/// use lupi::experiments::LupiParams;
/// use lupi::losses::{BaseLoss, Temperature};
///
/// let params = LupiParams::new(BaseLoss::BinaryCrossEntropy)
///     .temperature(Temperature::new(1.0).unwrap())
///     .steps(500)
///     .validate()
///     .unwrap();
/// assert_eq!(params.steps, 500);
/// assert!(LupiParams::new(BaseLoss::SquaredError).steps(0).validate().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LupiParams {
    /// Base loss `l`.
    pub base_loss: BaseLoss,
    /// Meta-loss temperature `T`.
    pub temperature: Temperature,
    /// Per-example or batch-mean trust weights.
    pub weight_mode: WeightMode,
    /// The teacher's prediction or its decision as the imitation target.
    pub teacher_target: TeacherTarget,
    /// Generalized distillation's imitation weight `λ`.
    pub imitation: f64,
    /// Generalized distillation's softening temperature `T_gd`.
    pub distillation_temperature: f64,
    /// Hidden layer sizes (empty: linear model).
    pub hidden: Vec<usize>,
    /// Weight initialisation.
    pub initialization: Initialization,
    /// Optimizer, learning rate and schedule.
    pub optimizer: OptimizerConfig,
    /// Optimizer steps.
    pub steps: usize,
    /// Mini-batch size (`None`: full batch).
    pub batch_size: Option<usize>,
    /// Dropout after each hidden layer.
    pub dropout: f64,
    /// Seed of every random draw.
    pub seed: u64,
    /// Tensor precision.
    pub precision: Precision,
}

impl LupiParams {
    /// Defaults: `T = 0`, per-example weights, `λ = 0.5`, `T_gd = 2`, a linear model with zero
    /// initialisation, full-batch Adam at 0.05 with cosine decay, 1000 steps, seed 0, f32.
    pub fn new(base_loss: BaseLoss) -> Self {
        LupiParams {
            base_loss,
            temperature: Temperature::ZERO,
            weight_mode: WeightMode::PerExample,
            teacher_target: TeacherTarget::Soft,
            imitation: 0.5,
            distillation_temperature: 2.0,
            hidden: Vec::new(),
            initialization: Initialization::Zeros,
            optimizer: OptimizerConfig::adam_cosine(0.05),
            steps: 1000,
            batch_size: None,
            dropout: 0.0,
            seed: 0,
            precision: Precision::F32,
        }
    }

    /// Meta-loss temperature (default 0).
    pub fn temperature(mut self, temperature: Temperature) -> Self {
        self.temperature = temperature;
        self
    }

    /// Weight mode (default per example).
    pub fn weight_mode(mut self, weight_mode: WeightMode) -> Self {
        self.weight_mode = weight_mode;
        self
    }

    /// Imitation target (default the teacher's soft prediction).
    pub fn teacher_target(mut self, teacher_target: TeacherTarget) -> Self {
        self.teacher_target = teacher_target;
        self
    }

    /// Generalized distillation's `λ` (default 0.5).
    pub fn imitation(mut self, imitation: f64) -> Self {
        self.imitation = imitation;
        self
    }

    /// Generalized distillation's `T_gd` (default 2).
    pub fn distillation_temperature(mut self, temperature: f64) -> Self {
        self.distillation_temperature = temperature;
        self
    }

    /// Hidden layer sizes (default none: a linear model).
    pub fn hidden(mut self, hidden: Vec<usize>) -> Self {
        self.hidden = hidden;
        self
    }

    /// Initialisation (default zeros).
    pub fn initialization(mut self, initialization: Initialization) -> Self {
        self.initialization = initialization;
        self
    }

    /// Optimizer kind (default Adam).
    pub fn optimizer(mut self, kind: OptimizerKind) -> Self {
        self.optimizer.kind = kind;
        self
    }

    /// Base learning rate (default 0.05).
    pub fn learning_rate(mut self, learning_rate: f64) -> Self {
        self.optimizer.learning_rate = learning_rate;
        self
    }

    /// Learning-rate schedule (default cosine decay to 0).
    pub fn schedule(mut self, schedule: Schedule) -> Self {
        self.optimizer.schedule = schedule;
        self
    }

    /// Optimizer steps (default 1000).
    pub fn steps(mut self, steps: usize) -> Self {
        self.steps = steps;
        self
    }

    /// Mini-batch size (default full batch).
    pub fn batch_size(mut self, batch_size: Option<usize>) -> Self {
        self.batch_size = batch_size;
        self
    }

    /// Dropout probability after each hidden layer (default 0).
    pub fn dropout(mut self, dropout: f64) -> Self {
        self.dropout = dropout;
        self
    }

    /// Seed (default 0).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Precision (default f32).
    pub fn precision(mut self, precision: Precision) -> Self {
        self.precision = precision;
        self
    }

    /// Checks every value once, before any training.
    pub fn validate(self) -> Result<Self> {
        Temperature::new(self.temperature.value())?;
        if !(0.0..=1.0).contains(&self.imitation) {
            return Err(LupiError::invalid(
                "imitation (λ)",
                self.imitation,
                "must be in [0, 1]",
            ));
        }
        if !(self.distillation_temperature > 0.0 && self.distillation_temperature.is_finite()) {
            return Err(LupiError::invalid(
                "distillation temperature",
                self.distillation_temperature,
                "must be finite and > 0",
            ));
        }
        if self.steps == 0 {
            return Err(LupiError::invalid("steps", 0, "must be ≥ 1"));
        }
        if self.steps > MAX_STEPS {
            // A typo like 100000000 would otherwise run silently for hours.
            return Err(LupiError::invalid(
                "steps",
                self.steps,
                format!("must be at most {MAX_STEPS}"),
            ));
        }
        if self.batch_size == Some(0) {
            return Err(LupiError::invalid("batch_size", 0, "must be ≥ 1"));
        }
        if let Some(width) = self.hidden.iter().find(|width| **width == 0) {
            return Err(LupiError::invalid(
                "hidden",
                width,
                "layer sizes must be ≥ 1",
            ));
        }
        if !(0.0..1.0).contains(&self.dropout) {
            return Err(LupiError::invalid(
                "dropout",
                self.dropout,
                "must be in [0, 1)",
            ));
        }
        self.optimizer.validate()?;
        Ok(self)
    }

    /// The meta-loss these settings describe.
    pub fn meta_loss(&self) -> MetaLoss {
        MetaLoss::new(self.base_loss, self.temperature)
            .with_weight_mode(self.weight_mode)
            .with_teacher_target(self.teacher_target)
    }

    /// Generalized distillation with these settings (classification base losses only).
    pub fn generalized_distillation(&self) -> Result<GeneralizedDistillation> {
        GeneralizedDistillation::new(
            self.base_loss,
            self.imitation,
            self.distillation_temperature,
        )
    }

    /// The fit configuration, with a seed of its own for a given role.
    pub fn fit_config(&self, seed: u64) -> FitConfig {
        FitConfig {
            optimizer: self.optimizer,
            steps: self.steps,
            batch_size: self.batch_size,
            dropout: self.dropout,
            seed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_each_invalid_value_by_name() {
        let base = || LupiParams::new(BaseLoss::BinaryCrossEntropy);
        let cases = [
            (base().imitation(1.5), "imitation"),
            (base().imitation(-0.1), "imitation"),
            (base().steps(0), "steps"),
            (base().steps(MAX_STEPS + 1), "steps"),
            (base().learning_rate(-1.0), "learning_rate"),
            (
                base().distillation_temperature(0.0),
                "distillation temperature",
            ),
            (base().hidden(vec![16, 0]), "hidden"),
            (base().batch_size(Some(0)), "batch_size"),
            (base().dropout(1.0), "dropout"),
        ];
        for (params, name) in cases {
            let message = params.validate().unwrap_err().to_string();
            assert!(message.contains(name), "{message}");
        }
        assert!(Temperature::new(-1.0).is_err());
        assert!(Temperature::new(f64::NAN).is_err());
        assert!(base().validate().is_ok());
    }
}
