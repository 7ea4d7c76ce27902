//! The steps shared by every experiment: train a batch of models, predict, score per model.

use burn::tensor::Tensor;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::LupiParams;
use super::seeds::derive_seed;
use crate::compute::{evaluation_device, to_host};
use crate::error::Result;
use crate::models::{Architecture, BatchedMlp};
use crate::training::{Objective, fit};

/// Trains `features.dims()[0]` models of `architecture` on `features` with `objective`.
///
/// Model `m` draws its initial weights from its own generator, seeded from the experiment's
/// seed, `scope` (which table, row, fold…), `role` and `m`; its batches and dropout masks from
/// a generator seeded the same way. `steps` overrides the parameter set's step count where a
/// protocol gives roles different budgets.
pub fn train_batch(
    scope: &str,
    role: &str,
    architecture: Architecture,
    features: &Tensor<3>,
    objective: &Objective,
    params: &LupiParams,
    steps: usize,
) -> Result<BatchedMlp> {
    let models = features.dims()[0];
    let mut generators: Vec<ChaCha8Rng> = (0..models)
        .map(|model| {
            ChaCha8Rng::seed_from_u64(derive_seed(
                params.seed,
                &[scope, role, "init"],
                model as u64,
            ))
        })
        .collect();
    let start = BatchedMlp::new(
        architecture,
        models,
        params.initialization,
        &mut generators,
        params.precision,
        &evaluation_device(),
    );
    let mut config = params.fit_config(derive_seed(params.seed, &[scope, role, "fit"], 0));
    config.steps = steps;
    fit(&start, features, objective, &config, role)
}

/// Host outputs of a batch, split per model: `[models][examples × outputs]`.
pub fn outputs_per_model(outputs: Tensor<3>) -> Vec<Vec<f64>> {
    let [models, examples, width] = outputs.dims();
    let values = to_host(outputs);
    (0..models)
        .map(|model| values[model * examples * width..(model + 1) * examples * width].to_vec())
        .collect()
}
