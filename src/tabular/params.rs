//! The validated settings of the tabular workflow, built with a consuming builder.

use serde::{Deserialize, Serialize};

use super::choices::{Evaluation, ModelShape, TemperatureChoice};
use super::dataset::LupiDataset;
use super::fitted::FittedLupi;
use crate::compute::Precision;
use crate::distillation::TeacherTargets;
use crate::error::{LupiError, Result};
use crate::experiments::LupiParams;
use crate::losses::{BaseLoss, Temperature};
use crate::models::Initialization;

/// Settings of [`TabularParams::fit`]; every setter documents its default.
///
/// ```no_run
/// use lupi::tabular::{Evaluation, LupiDataset, ModelShape, TabularParams, TemperatureChoice};
/// # fn run(dataset: &LupiDataset) -> lupi::Result<()> {
/// let fitted = TabularParams::new()
///     .model(ModelShape::Mlp(vec![16]))
///     .temperature(TemperatureChoice::Auto)
///     .evaluation(Evaluation::CrossValidation(5))
///     .steps(500)
///     .fit(dataset)?;
/// println!("T = {}", fitted.metadata.temperature.value);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TabularParams {
    /// Model of the teacher and every student.
    pub model: ModelShape,
    /// The temperature, or `Auto`.
    pub temperature: TemperatureChoice,
    /// Folds of the cross-validation that chooses an automatic temperature.
    pub temperature_folds: usize,
    /// In-sample or cross-fitted teacher targets.
    pub teacher_targets: TeacherTargets,
    /// Optimizer steps of every model.
    pub steps: usize,
    /// Adam's base learning rate (decayed to 0 on a cosine).
    pub learning_rate: f64,
    /// Seed of every random draw (splits, initialisation).
    pub seed: u64,
    /// How the report measures the models.
    pub evaluation: Evaluation,
    /// Tensor precision.
    pub precision: Precision,
}

/// The settings recorded in a saved model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedSettings {
    /// `linear` or `mlp:…`.
    pub model: ModelShape,
    /// `in-sample` or `cross-fit:K`.
    pub teacher_targets: TeacherTargets,
    /// Optimizer steps.
    pub steps: usize,
    /// Adam's base learning rate.
    pub learning_rate: f64,
    /// Seed.
    pub seed: u64,
    /// How the report was measured.
    pub evaluation: Evaluation,
}

impl Default for TabularParams {
    fn default() -> Self {
        Self::new()
    }
}

impl TabularParams {
    /// Defaults: a linear model, `T = 1`, in-sample teacher targets, full-batch Adam at 0.05
    /// with cosine decay, 1000 steps, seed 0, a 20% hold-out, 5 folds for an automatic
    /// temperature, f32 tensors.
    pub fn new() -> Self {
        TabularParams {
            model: ModelShape::Linear,
            temperature: TemperatureChoice::Fixed(
                Temperature::new(1.0).unwrap_or(Temperature::ZERO),
            ),
            temperature_folds: 5,
            teacher_targets: TeacherTargets::InSample,
            steps: 1000,
            learning_rate: 0.05,
            seed: 0,
            evaluation: Evaluation::Holdout(0.2),
            precision: Precision::F32,
        }
    }

    /// Model shape (default linear).
    pub fn model(mut self, model: ModelShape) -> Self {
        self.model = model;
        self
    }

    /// Temperature (default fixed at 1).
    pub fn temperature(mut self, temperature: TemperatureChoice) -> Self {
        self.temperature = temperature;
        self
    }

    /// Folds of the automatic temperature's cross-validation (default 5).
    pub fn temperature_folds(mut self, folds: usize) -> Self {
        self.temperature_folds = folds;
        self
    }

    /// Teacher targets (default in-sample: the teacher predicts its own training rows).
    pub fn teacher_targets(mut self, teacher_targets: TeacherTargets) -> Self {
        self.teacher_targets = teacher_targets;
        self
    }

    /// Optimizer steps (default 1000).
    pub fn steps(mut self, steps: usize) -> Self {
        self.steps = steps;
        self
    }

    /// Base learning rate (default 0.05).
    pub fn learning_rate(mut self, learning_rate: f64) -> Self {
        self.learning_rate = learning_rate;
        self
    }

    /// Seed (default 0).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Evaluation (default a 20% hold-out).
    pub fn evaluation(mut self, evaluation: Evaluation) -> Self {
        self.evaluation = evaluation;
        self
    }

    /// Precision (default f32).
    pub fn precision(mut self, precision: Precision) -> Self {
        self.precision = precision;
        self
    }

    /// Checks every value once, before any training.
    pub fn validate(self) -> Result<Self> {
        if self.temperature_folds < 2 {
            return Err(LupiError::invalid(
                "temperature folds",
                self.temperature_folds,
                "must be ≥ 2",
            ));
        }
        match self.evaluation {
            Evaluation::Holdout(fraction) if !(fraction > 0.0 && fraction < 1.0) => {
                return Err(LupiError::invalid("holdout", fraction, "must be in (0, 1)"));
            }
            Evaluation::CrossValidation(folds) if folds < 2 => {
                return Err(LupiError::invalid("cv", folds, "must be ≥ 2"));
            }
            _ => {}
        }
        self.lupi_params(BaseLoss::SquaredError).validate()?;
        Ok(self)
    }

    /// The experiment parameters these settings give for a base loss.
    pub fn lupi_params(&self, base_loss: BaseLoss) -> LupiParams {
        // Zero initialisation keeps a linear fit independent of the draw; hidden layers need a
        // random start to break their symmetry.
        let initialization = match self.model {
            ModelShape::Linear => Initialization::Zeros,
            ModelShape::Mlp(_) => Initialization::Uniform,
        };
        LupiParams::new(base_loss)
            .hidden(self.model.hidden())
            .initialization(initialization)
            .learning_rate(self.learning_rate)
            .steps(self.steps)
            .seed(self.seed)
            .precision(self.precision)
    }

    /// What a saved model records of these settings.
    pub fn recorded(&self) -> RecordedSettings {
        RecordedSettings {
            model: self.model.clone(),
            teacher_targets: self.teacher_targets,
            steps: self.steps,
            learning_rate: self.learning_rate,
            seed: self.seed,
            evaluation: self.evaluation,
        }
    }

    /// Validates, then cross-validates every temperature of
    /// [`TEMPERATURE_GRID`](super::TEMPERATURE_GRID) on `dataset` (without fitting a model).
    pub fn temperature_curve(self, dataset: &LupiDataset) -> Result<super::TemperatureRecord> {
        let params = self.validate()?;
        let lupi = params
            .lupi_params(super::base_loss(dataset.task))
            .validate()?;
        super::fit::choose_temperature(dataset, &params, &lupi)
    }

    /// Validates, then fits on `dataset`: chooses the temperature when asked, measures every
    /// model on held-out rows, and fits the final teacher and student on all rows.
    pub fn fit(self, dataset: &LupiDataset) -> Result<FittedLupi> {
        super::fit::fit(&self.validate()?, dataset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_each_invalid_value_by_name() {
        let cases = [
            (
                TabularParams::new().evaluation(Evaluation::Holdout(1.0)),
                "holdout",
            ),
            (
                TabularParams::new().evaluation(Evaluation::Holdout(0.0)),
                "holdout",
            ),
            (
                TabularParams::new().evaluation(Evaluation::CrossValidation(1)),
                "cv",
            ),
            (
                TabularParams::new().temperature_folds(1),
                "temperature folds",
            ),
            (TabularParams::new().steps(0), "steps"),
            (TabularParams::new().learning_rate(-0.1), "learning_rate"),
        ];
        for (params, name) in cases {
            let message = params.validate().unwrap_err().to_string();
            assert!(message.contains(name), "{message}");
        }
        let defaults = TabularParams::new().validate().unwrap();
        assert_eq!(defaults.temperature, "1".parse().unwrap());
        assert_eq!((defaults.steps, defaults.learning_rate), (1000, 0.05));
    }
}
