use burn::tensor::Tensor;

use super::{BaseLoss, Reduction};
use crate::error::{LupiError, Result};

/// Generalized distillation (Lopez-Paz, Bottou, Schölkopf and Vapnik, ICLR 2016), for
/// classification:
///
/// ```text
/// L_i = (1 − λ) · l(f(x_i), y_i) + λ · l(f(x_i), s_i),    s_i = a(f_t(x*_i) / T_gd)
/// ```
///
/// with `a` the sigmoid (binary) or softmax (multiclass), `λ ∈ [0, 1]` the imitation weight and
/// `T_gd > 0` the softening temperature. Since cross-entropy is affine in its target, `L_i`
/// equals `l(f(x_i), (1 − λ) y_i + λ s_i)`.
///
/// # Shapes
/// - student outputs, teacher outputs, targets: `[models, examples, outputs]`
/// - per-example losses: `[models, examples, 1]`
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GeneralizedDistillation {
    base: BaseLoss,
    imitation: f64,
    temperature: f64,
}

impl GeneralizedDistillation {
    /// Validates `λ ∈ [0, 1]`, `T_gd > 0`, and a classification base loss.
    pub fn new(base: BaseLoss, imitation: f64, temperature: f64) -> Result<Self> {
        if !(0.0..=1.0).contains(&imitation) {
            return Err(LupiError::invalid(
                "imitation (λ)",
                imitation,
                "must be in [0, 1]",
            ));
        }
        if !(temperature > 0.0 && temperature.is_finite()) {
            return Err(LupiError::invalid(
                "distillation temperature",
                temperature,
                "must be finite and > 0",
            ));
        }
        if base == BaseLoss::SquaredError {
            return Err(LupiError::invalid(
                "base loss",
                base.name(),
                "generalized distillation softens class probabilities: classification only",
            ));
        }
        Ok(GeneralizedDistillation {
            base,
            imitation,
            temperature,
        })
    }

    /// The base loss (binary or softmax cross-entropy).
    pub fn base(&self) -> BaseLoss {
        self.base
    }

    /// The softened teacher probabilities `s = a(f_t / T_gd)`.
    pub fn soft_targets(&self, teacher_outputs: Tensor<3>) -> Tensor<3> {
        self.base
            .prediction(teacher_outputs.detach().div_scalar(self.temperature))
    }

    /// The loss, per example or reduced.
    pub fn forward(
        &self,
        student_outputs: Tensor<3>,
        teacher_outputs: Tensor<3>,
        targets: Tensor<3>,
        reduction: Reduction,
    ) -> Tensor<3> {
        let soft = self.soft_targets(teacher_outputs);
        let label_loss = self.base.per_example(student_outputs.clone(), targets);
        let imitation_loss = self.base.per_example(student_outputs, soft);
        reduction.apply(
            label_loss.mul_scalar(1.0 - self.imitation) + imitation_loss.mul_scalar(self.imitation),
        )
    }

    /// The mixed target `(1 − λ) y + λ s`.
    pub fn mixed_target(&self, teacher_outputs: Tensor<3>, targets: Tensor<3>) -> Tensor<3> {
        let soft = self.soft_targets(teacher_outputs);
        targets.mul_scalar(1.0 - self.imitation) + soft.mul_scalar(self.imitation)
    }
}
