use burn::tensor::Tensor;
use serde::{Deserialize, Serialize};

use super::{BaseLoss, Reduction};
use crate::error::{LupiError, Result};

/// The temperature `T ≥ 0` of the meta-loss; `T = ∞` is allowed.
///
/// Serialised as a number, or as the string `"inf"` for infinity (JSON has no infinity).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Temperature(f64);

impl Temperature {
    /// `T = 0`: the student imitates the teacher everywhere (`w = 1`).
    pub const ZERO: Temperature = Temperature(0.0);
    /// `T = ∞`: the student imitates the teacher only where the teacher's loss is exactly 0.
    pub const INFINITY: Temperature = Temperature(f64::INFINITY);

    /// Validates a temperature: it must be `≥ 0` (`+∞` allowed) and not NaN.
    pub fn new(value: f64) -> Result<Self> {
        if value.is_nan() || value < 0.0 {
            return Err(LupiError::invalid(
                "temperature",
                value,
                "must be ≥ 0 (or inf)",
            ));
        }
        Ok(Temperature(value))
    }

    /// The value, possibly `+∞`.
    pub fn value(self) -> f64 {
        self.0
    }
}

impl std::fmt::Display for Temperature {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_infinite() {
            write!(formatter, "inf")
        } else {
            write!(formatter, "{}", self.0)
        }
    }
}

impl std::str::FromStr for Temperature {
    type Err = LupiError;

    fn from_str(text: &str) -> Result<Self> {
        match text.trim() {
            "inf" | "infinity" | "∞" => Ok(Temperature::INFINITY),
            other => {
                let value = other
                    .parse::<f64>()
                    .map_err(|_| LupiError::invalid("temperature", other, "not a number"))?;
                Temperature::new(value)
            }
        }
    }
}

impl Serialize for Temperature {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        if self.0.is_infinite() {
            serializer.serialize_str("inf")
        } else {
            serializer.serialize_f64(self.0)
        }
    }
}

impl<'de> Deserialize<'de> for Temperature {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum NumberOrText {
            Number(f64),
            Text(String),
        }
        let parsed = match NumberOrText::deserialize(deserializer)? {
            NumberOrText::Number(value) => Temperature::new(value),
            NumberOrText::Text(text) => text.parse(),
        };
        parsed.map_err(serde::de::Error::custom)
    }
}

/// How the teacher's trust weight `w` is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WeightMode {
    /// One weight per example, `w_i = exp(−T · l(f_t(x*_i), y_i))`: the method as published.
    #[default]
    PerExample,
    /// One weight for the whole batch, `w = exp(−T · mean_i l(f_t(x*_i), y_i))`. This is what
    /// the authors' released code computes; offered to reproduce it, not recommended.
    BatchMean,
}

/// What the student imitates where it trusts the teacher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeacherTarget {
    /// The teacher's prediction: its value, sigmoid probability or softmax distribution.
    #[default]
    Soft,
    /// The teacher's decision: `1[f_t > 0]` (binary), the one-hot arg-max (multiclass; ties
    /// give every tied class a 1), the value itself (regression). The authors' MNIST script
    /// does this.
    Hard,
}

/// The generalized meta-loss for distillation and learning using privileged information.
///
/// ```text
/// L_i = l(f(x_i), y_i) + w_i · ( l(f(x_i), t_i) − l(f(x_i), y_i) )
/// w_i = exp(−T · l(f_t(x*_i), y_i))        (a constant: no gradient flows through it)
/// t_i = a(f_t(x*_i))                        (the teacher's prediction as a target)
/// ```
///
/// where `l` is a [`BaseLoss`], `f` the student on input features `x`, `f_t` the fixed teacher
/// on privileged features `x*`, and `a` the base loss's prediction map (identity, sigmoid or
/// softmax). Limits: `T = 0` gives `w = 1`, pure imitation of the teacher; `T = ∞` gives
/// `w = 1` only where the teacher's loss is exactly 0 and `w = 0` elsewhere, so the student
/// learns from `y` wherever the teacher errs.
///
/// Because each base loss is affine in its target (up to a term free of `f`), `L_i` has the
/// same gradient in `f` as `l(f(x_i), (1 − w_i) y_i + w_i t_i)`: see [`MetaLoss::mixed_target`].
///
/// # Shapes
/// - student outputs, teacher outputs, targets: `[models, examples, outputs]`
/// - weights and per-example losses: `[models, examples, 1]`
///
/// # Example
/// ```
/// use lupi::compute::{Precision, evaluation_device, tensor3, to_host};
/// use lupi::losses::{BaseLoss, MetaLoss, Reduction, Temperature};
///
/// let device = evaluation_device();
/// let student = tensor3(&[0.0, 1.0], [1, 2, 1], Precision::F64, &device);
/// let teacher = tensor3(&[0.5, 2.0], [1, 2, 1], Precision::F64, &device);
/// let targets = tensor3(&[0.5, 0.0], [1, 2, 1], Precision::F64, &device);
/// let loss = MetaLoss::new(BaseLoss::SquaredError, Temperature::INFINITY);
/// // The teacher is exact on the first example (w = 1: imitate it) and wrong on the second
/// // (w = 0: learn from y): losses (0 − 0.5)² = 0.25 and (1 − 0)² = 1.
/// let per_example = loss.forward(student, teacher, targets, Reduction::None);
/// assert_eq!(to_host(per_example), vec![0.25, 1.0]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MetaLoss {
    /// The base loss `l`.
    pub base: BaseLoss,
    /// The temperature `T`.
    pub temperature: Temperature,
    /// Per-example weights (default) or one batch weight as in the authors' code.
    pub weight_mode: WeightMode,
    /// The teacher's prediction (default) or its decision as the imitation target.
    pub teacher_target: TeacherTarget,
}

impl MetaLoss {
    /// A meta-loss with per-example weights.
    pub fn new(base: BaseLoss, temperature: Temperature) -> Self {
        MetaLoss {
            base,
            temperature,
            weight_mode: WeightMode::PerExample,
            teacher_target: TeacherTarget::Soft,
        }
    }

    /// Sets the imitation target (default [`TeacherTarget::Soft`]).
    pub fn with_teacher_target(mut self, teacher_target: TeacherTarget) -> Self {
        self.teacher_target = teacher_target;
        self
    }

    /// The target `t` the student imitates, from the teacher's raw outputs.
    pub fn teacher_targets(&self, teacher_outputs: Tensor<3>) -> Tensor<3> {
        let teacher_outputs = teacher_outputs.detach();
        match (self.teacher_target, self.base) {
            (TeacherTarget::Soft, _) | (TeacherTarget::Hard, BaseLoss::SquaredError) => {
                self.base.prediction(teacher_outputs)
            }
            (TeacherTarget::Hard, BaseLoss::BinaryCrossEntropy) => {
                let positive = teacher_outputs.clone().greater_elem(0.0);
                teacher_outputs.zeros_like().mask_fill(positive, 1.0)
            }
            (TeacherTarget::Hard, BaseLoss::SoftmaxCrossEntropy) => {
                let [models, examples, classes] = teacher_outputs.dims();
                let best = teacher_outputs
                    .clone()
                    .max_dim(2)
                    .expand([models, examples, classes]);
                let chosen = teacher_outputs.clone().greater_equal(best);
                teacher_outputs.zeros_like().mask_fill(chosen, 1.0)
            }
        }
    }

    /// Sets the weight mode (default [`WeightMode::PerExample`]).
    pub fn with_weight_mode(mut self, weight_mode: WeightMode) -> Self {
        self.weight_mode = weight_mode;
        self
    }

    /// The teacher's per-example loss `l(f_t(x*), y)`, shape `[models, examples, 1]`.
    pub fn teacher_loss(&self, teacher_outputs: Tensor<3>, targets: Tensor<3>) -> Tensor<3> {
        self.base.per_example(teacher_outputs.detach(), targets)
    }

    /// The trust weights `w = exp(−T · teacher_loss)`, detached, shape `[models, examples, 1]`.
    ///
    /// In [`WeightMode::BatchMean`] every example of a model gets the weight of the model's
    /// mean teacher loss over the examples given.
    pub fn weights(&self, teacher_loss: Tensor<3>) -> Tensor<3> {
        let [models, examples, _] = teacher_loss.dims();
        let teacher_loss = match self.weight_mode {
            WeightMode::PerExample => teacher_loss.detach(),
            WeightMode::BatchMean => teacher_loss
                .detach()
                .mean_dim(1)
                .expand([models, examples, 1]),
        };
        let temperature = self.temperature.value();
        if temperature == 0.0 {
            // exp(−0 · l) is 1 even where l is infinite; computing it would give NaN there.
            teacher_loss.ones_like()
        } else if temperature.is_infinite() {
            let exact = teacher_loss.clone().equal_elem(0.0);
            teacher_loss.zeros_like().mask_fill(exact, 1.0)
        } else {
            teacher_loss.mul_scalar(-temperature).exp()
        }
    }

    /// The meta-loss, per example or reduced.
    ///
    /// # Shapes
    /// - `student_outputs`, `teacher_outputs`, `targets`: `[models, examples, outputs]`
    /// - returns: `[models, examples, 1]` or `[models, 1, 1]` according to `reduction`
    pub fn forward(
        &self,
        student_outputs: Tensor<3>,
        teacher_outputs: Tensor<3>,
        targets: Tensor<3>,
        reduction: Reduction,
    ) -> Tensor<3> {
        let teacher_outputs = teacher_outputs.detach();
        let weights = self.weights(self.teacher_loss(teacher_outputs.clone(), targets.clone()));
        let teacher_targets = self.teacher_targets(teacher_outputs);
        let label_loss = self.base.per_example(student_outputs.clone(), targets);
        let imitation_loss = self.base.per_example(student_outputs, teacher_targets);
        reduction.apply(label_loss.clone() + weights * (imitation_loss - label_loss))
    }

    /// The mixed target `(1 − w) y + w t` against which the base loss has the same gradient in
    /// the student's outputs as the meta-loss.
    ///
    /// # Shapes
    /// - `teacher_outputs`, `targets`, returns: `[models, examples, outputs]`
    pub fn mixed_target(&self, teacher_outputs: Tensor<3>, targets: Tensor<3>) -> Tensor<3> {
        let teacher_outputs = teacher_outputs.detach();
        let weights = self.weights(self.teacher_loss(teacher_outputs.clone(), targets.clone()));
        let teacher_targets = self.teacher_targets(teacher_outputs);
        targets.clone() + weights * (teacher_targets - targets)
    }
}
