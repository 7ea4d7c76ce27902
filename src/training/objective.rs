use burn::tensor::{Int, Tensor};

use crate::error::{LupiError, Result};
use crate::losses::{
    BaseLoss, GeneralizedDistillation, MetaLoss, PairBatch, Reduction, binary_cross_entropy,
    binary_cross_entropy_gradient,
};

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
    /// The pairwise logistic (RankNet) loss on score differences, against per-pair targets:
    /// per model, `mean over its pairs of softplus(d) − q d` with `d = s_first − s_second`.
    ///
    /// With `q` the labels `P` this is the plain pairwise loss; with the mixed targets
    /// `(1 − w) P + w σ(d^t)` of
    /// [`PairwiseMetaLoss::mixed_target`](crate::losses::PairwiseMetaLoss::mixed_target) it has
    /// the gradient of the pairwise meta-loss. Scores are the models' single output; pairs
    /// index all training rows, so this objective needs full-batch training.
    Pairwise {
        /// Each model's pairs of training rows (boxed: it holds five tensors).
        pairs: Box<PairBatch>,
        /// Per-pair targets in `[0, 1]`, `[models, pairs, 1]` (0 on padding pairs).
        targets: Tensor<3>,
    },
}

impl Objective {
    /// The scalar whose gradient in the parameters is the sum over models of each model's mean
    /// loss on the batch: models are independent, so each gets its own gradient.
    ///
    /// Where the gradient in the outputs is known in closed form (`a(f) − target`, see
    /// [`BaseLoss`]), the returned scalar is the surrogate `Σ f · g` with `g` that gradient held
    /// constant; autodiff then only has to run through the network. For
    /// [`Objective::Pairwise`] the surrogate is `Σ d · g` over the pair differences `d`
    /// (gathered from the outputs, so autodiff runs through the gather), with
    /// `g = (σ(d) − q) / pairs` held constant; `rows` must then be `None` (full batch).
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
            Objective::Pairwise { pairs, targets } => {
                let differences = pairs.differences(outputs);
                let gradient = binary_cross_entropy_gradient(
                    differences.clone().without_autodiff(),
                    targets.clone(),
                ) * pairs.mean_weights();
                (differences * gradient).sum()
            }
        }
    }

    /// The per-model mean loss on all examples, `[models, 1, 1]`, for monitoring. For
    /// [`Objective::Pairwise`] with mixed targets this is the pair loss against those targets,
    /// which differs from the pairwise meta-loss by a term free of the student.
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
            Objective::Pairwise { pairs, targets } => pairs.reduce(
                binary_cross_entropy(pairs.differences(outputs), targets.clone()),
                Reduction::Mean,
            ),
        }
    }

    /// Checks that the objective fits a batch of `models` models with `outputs` outputs
    /// trained on `examples` rows, `batch_size` at a time.
    pub(crate) fn check(
        &self,
        models: usize,
        examples: usize,
        outputs: usize,
        batch_size: Option<usize>,
    ) -> Result<()> {
        let Objective::Pairwise { pairs, targets } = self else {
            return Ok(());
        };
        if batch_size.is_some_and(|size| size < examples) {
            return Err(LupiError::invalid(
                "batch_size",
                batch_size.unwrap_or_default(),
                format!(
                    "the pairwise objective pairs rows across the whole training set \
                     ({examples} rows): train full-batch"
                ),
            ));
        }
        if outputs != 1 {
            return Err(LupiError::ShapeMismatch {
                what: "outputs of a model trained on pairs (one score per row)".into(),
                expected: "1".into(),
                found: outputs.to_string(),
            });
        }
        if pairs.models() != models || pairs.rows() != examples {
            return Err(LupiError::ShapeMismatch {
                what: "pair batch (models × rows) and training inputs".into(),
                expected: format!("{models} × {examples}"),
                found: format!("{} × {}", pairs.models(), pairs.rows()),
            });
        }
        let expected = pairs.labels().dims();
        if targets.dims() != expected {
            return Err(LupiError::ShapeMismatch {
                what: "pair targets and pair batch".into(),
                expected: format!("{expected:?}"),
                found: format!("{:?}", targets.dims()),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::{Precision, evaluation_device, tensor3, to_host};
    use crate::losses::{PairSet, PairwiseMetaLoss, Temperature};

    #[test]
    fn pairwise_surrogate_has_the_meta_loss_gradient() {
        let device = evaluation_device();
        let sets = [
            PairSet {
                first: vec![0, 3, 2],
                second: vec![1, 1, 0],
                label: vec![1.0, 0.0, 1.0],
            },
            PairSet {
                first: vec![2],
                second: vec![3],
                label: vec![0.0],
            },
        ];
        let pairs = PairBatch::new(&sets, 4, Precision::F64, &device).expect("valid");
        let student = [0.2, -0.5, 1.3, 0.7, -1.0, 0.4, 0.9, 2.0];
        let teacher = [1.5, -0.2, 0.3, 0.0, 0.6, -0.8, 1.1, 0.2];
        let scores = |values: &[f64]| tensor3(values, [2, 4, 1], Precision::F64, &device);
        for temperature in [0.0, 1.0, f64::INFINITY] {
            let loss = PairwiseMetaLoss::new(Temperature::new(temperature).expect("valid"));
            let tracked = scores(&student).autodiff().require_grad();
            let direct = loss
                .forward(tracked.clone(), scores(&teacher), &pairs, Reduction::Mean)
                .sum();
            let direct = to_host(tracked.grad(&direct.backward()).expect("gradient"));

            let objective = Objective::Pairwise {
                targets: loss.mixed_target(scores(&teacher), &pairs),
                pairs: Box::new(pairs.clone()),
            };
            let tracked = scores(&student).autodiff().require_grad();
            let surrogate = objective.surrogate(tracked.clone(), None);
            let surrogate = to_host(tracked.grad(&surrogate.backward()).expect("gradient"));
            // Analytically equal (the loss is affine in its target); f64 rounding only.
            for (a, b) in direct.iter().zip(&surrogate) {
                assert!((a - b).abs() < 1e-12, "T = {temperature}: {a} vs {b}");
            }
        }
    }
}
