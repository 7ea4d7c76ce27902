use burn::tensor::Tensor;

use crate::error::Result;
use crate::experiments::{LupiParams, train_batch};
use crate::losses::BaseLoss;
use crate::models::{Architecture, BatchedMlp};
use crate::training::Objective;

/// One kind of student: a name and the (mixed) targets it is trained against,
/// `[models, rows, outputs]`.
#[derive(Debug, Clone)]
pub struct StudentRole {
    /// The role's name in reports (`input`, `distilled`, `gd`, `self_distilled`, …).
    pub name: String,
    /// Its targets: `y` for the plain input model, `(1 − w) y + w t` for a meta-loss student,
    /// `(1 − λ) y + λ s` for generalized distillation.
    pub targets: Tensor<3>,
}

/// Trains every role's students on the same input features as one batch, and returns each
/// role's models (as many as `input` has) under its name.
///
/// Every role minimises the base loss against its own targets: this has exactly the
/// gradient of the meta-loss or of generalized distillation (see
/// [`MetaLoss::mixed_target`](crate::losses::MetaLoss::mixed_target)).
///
/// # Shapes
/// - `input`: `[models, rows, features]`
#[allow(clippy::too_many_arguments)]
pub fn train_students(
    scope: &str,
    base: BaseLoss,
    hidden: &[usize],
    input: &Tensor<3>,
    roles: &[StudentRole],
    params: &LupiParams,
    steps: usize,
) -> Result<Vec<(String, BatchedMlp)>> {
    let [models, _, features] = input.dims();
    let outputs = roles.first().map_or(1, |role| role.targets.dims()[2]);
    let stacked_input = Tensor::cat(vec![input.clone(); roles.len()], 0);
    let objective = Objective::Targets {
        base,
        targets: Tensor::cat(roles.iter().map(|role| role.targets.clone()).collect(), 0),
    };
    let architecture = Architecture {
        inputs: features,
        hidden: hidden.to_vec(),
        outputs,
    };
    let names: Vec<&str> = roles.iter().map(|role| role.name.as_str()).collect();
    let trained = train_batch(
        scope,
        &names.join("+"),
        architecture,
        &stacked_input,
        &objective,
        params,
        steps,
    )?;
    Ok(roles
        .iter()
        .enumerate()
        .map(|(index, role)| {
            (
                role.name.clone(),
                trained.select_models(index * models, models),
            )
        })
        .collect())
}
