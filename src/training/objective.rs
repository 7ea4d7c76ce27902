use burn::tensor::{Int, Tensor};

use crate::losses::{BaseLoss, GeneralizedDistillation, MetaLoss, Reduction};

/// How the meta-loss is differentiated during training.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MetaForm {
    /// Autodiff through the base loss against the mixed target `(1 − w) y + w t`, whose gradient
    /// in the student's outputs equals the meta-loss's (fewer operations per step).
    #[default]
    MixedTarget,
    /// Autodiff through the meta-loss as written.
    Direct,
}

/// What a batch of models minimises, averaged over the examples of each model.
///
/// Every tensor is `[models, examples, outputs]`, aligned with the training inputs.
#[derive(Debug, Clone)]
pub enum Objective {
    /// The base loss against fixed targets (hard labels, soft labels, or precomputed mixed
    /// targets).
    Targets {
        /// The base loss.
        base: BaseLoss,
        /// The targets.
        targets: Tensor<3>,
    },
    /// The base loss against fixed targets, each example weighted: per model, the loss is
    /// `Σ_i v_i l_i / Σ_i v_i`. A weight of 0 leaves an example out of that model's training
    /// (how the teachers of a cross-fit each skip their held-out fold).
    WeightedTargets {
        /// The base loss.
        base: BaseLoss,
        /// The targets.
        targets: Tensor<3>,
        /// Non-negative example weights, `[models, examples, 1]`.
        example_weights: Tensor<3>,
    },
    /// The meta-loss against the labels and a fixed teacher's outputs.
    Meta {
        /// The meta-loss.
        loss: MetaLoss,
        /// The teacher's raw outputs on the training examples.
        teacher_outputs: Tensor<3>,
        /// The labels.
        targets: Tensor<3>,
        /// How it is differentiated.
        form: MetaForm,
    },
    /// Generalized distillation against the labels and a fixed teacher's outputs.
    Distillation {
        /// The loss.
        loss: GeneralizedDistillation,
        /// The teacher's raw outputs on the training examples.
        teacher_outputs: Tensor<3>,
        /// The labels.
        targets: Tensor<3>,
    },
}

impl Objective {
    /// The scalar whose gradient in the parameters is the sum over models of each model's mean
    /// loss on the batch: models are independent, so each gets its own gradient.
    ///
    /// Where the gradient in the outputs is known in closed form (`a(f) − target`, see
    /// [`BaseLoss`]), the returned scalar is the surrogate `Σ f · g` with `g` that gradient held
    /// constant; autodiff then only has to run through the network.
    pub(crate) fn surrogate(&self, outputs: Tensor<3>, rows: Option<&Tensor<1, Int>>) -> Tensor<1> {
        let pick = |tensor: &Tensor<3>| match rows {
            Some(rows) => tensor.clone().select(1, rows.clone()),
            None => tensor.clone(),
        };
        let examples = outputs.dims()[1] as f64;
        let closed_form = |base: BaseLoss, targets: Tensor<3>| {
            let gradient = base
                .output_gradient(outputs.clone().without_autodiff(), targets)
                .div_scalar(examples);
            (outputs.clone() * gradient).sum()
        };
        match self {
            Objective::Targets { base, targets } => closed_form(*base, pick(targets)),
            Objective::WeightedTargets {
                base,
                targets,
                example_weights,
            } => {
                let weights = pick(example_weights);
                // Normalise per model on this batch; a batch without any weighted example
                // contributes no gradient instead of dividing by zero.
                let totals = weights.clone().sum_dim(1).clamp_min(1e-12);
                let gradient = base
                    .output_gradient(outputs.clone().without_autodiff(), pick(targets))
                    * (weights / totals);
                (outputs.clone() * gradient).sum()
            }
            Objective::Meta {
                loss,
                teacher_outputs,
                targets,
                form: MetaForm::MixedTarget,
            } => closed_form(
                loss.base,
                loss.mixed_target(pick(teacher_outputs), pick(targets)),
            ),
            Objective::Meta {
                loss,
                teacher_outputs,
                targets,
                form: MetaForm::Direct,
            } => loss
                .forward(
                    outputs.clone(),
                    pick(teacher_outputs),
                    pick(targets),
                    Reduction::Mean,
                )
                .sum(),
            Objective::Distillation {
                loss,
                teacher_outputs,
                targets,
            } => closed_form(
                loss.base(),
                loss.mixed_target(pick(teacher_outputs), pick(targets)),
            ),
        }
    }

    /// The per-model mean loss on all examples, `[models, 1, 1]`, for monitoring.
    pub fn value(&self, outputs: Tensor<3>) -> Tensor<3> {
        match self {
            Objective::Targets { base, targets } => {
                Reduction::Mean.apply(base.per_example(outputs, targets.clone()))
            }
            Objective::WeightedTargets {
                base,
                targets,
                example_weights,
            } => {
                let weighted = base.per_example(outputs, targets.clone()) * example_weights.clone();
                weighted.sum_dim(1) / example_weights.clone().sum_dim(1).clamp_min(1e-12)
            }
            Objective::Meta {
                loss,
                teacher_outputs,
                targets,
                ..
            } => loss.forward(
                outputs,
                teacher_outputs.clone(),
                targets.clone(),
                Reduction::Mean,
            ),
            Objective::Distillation {
                loss,
                teacher_outputs,
                targets,
            } => loss.forward(
                outputs,
                teacher_outputs.clone(),
                targets.clone(),
                Reduction::Mean,
            ),
        }
    }
}
