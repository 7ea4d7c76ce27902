use burn::optim::{AdamConfig, Optimizer, RmsPropConfig, SgdConfig};
use burn::tensor::{Int, Tensor, TensorData};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::{Objective, OptimizerConfig, OptimizerKind};
use crate::compute::{Precision, tensor3, to_host};
use crate::error::{LupiError, Result};
use crate::models::BatchedMlp;

/// How long and how a batch of models is trained.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FitConfig {
    /// Optimizer, learning rate and schedule.
    pub optimizer: OptimizerConfig,
    /// Number of optimizer steps.
    pub steps: usize,
    /// Examples per step; `None` for full-batch training.
    pub batch_size: Option<usize>,
    /// Dropout probability after each hidden layer (0 for none).
    pub dropout: f64,
    /// Seed of the mini-batch order and the dropout masks.
    pub seed: u64,
}

/// How often (in steps) parameters are checked for NaN or infinity.
const DIVERGENCE_CHECK_EVERY: usize = 25;

/// Trains every model of `model` on `inputs` to minimise `objective`, and returns the trained
/// batch (without autodiff tracking).
///
/// Each step computes the forward pass of all models at once, differentiates the sum over
/// models of each model's mean loss (models share no parameters, so each receives exactly its
/// own gradient), and applies one optimizer step to every parameter tensor.
///
/// `role` names the models in errors ("teacher", "distilled", ...).
///
/// # Shapes
/// - `inputs`: `[models, examples, inputs]`; the objective's tensors `[models, examples, outputs]`
///
/// # Errors
/// [`LupiError::Diverged`] when a parameter becomes NaN or infinite, naming the model and step;
/// an invalid configuration, or a pairwise objective whose pairs do not fit the inputs or that
/// is asked to train on mini-batches.
pub fn fit(
    model: &BatchedMlp,
    inputs: &Tensor<3>,
    objective: &Objective,
    config: &FitConfig,
    role: &str,
) -> Result<BatchedMlp> {
    config.optimizer.validate()?;
    if config.steps == 0 {
        return Err(LupiError::invalid("steps", 0, "must be ≥ 1"));
    }
    if !(0.0..1.0).contains(&config.dropout) {
        return Err(LupiError::invalid(
            "dropout",
            config.dropout,
            "must be in [0, 1)",
        ));
    }
    let [models, examples, _] = inputs.dims();
    objective.check(
        models,
        examples,
        model.architecture.outputs,
        config.batch_size,
    )?;
    match config.optimizer.kind {
        OptimizerKind::Adam => {
            let adam = AdamConfig::new().with_epsilon(1e-8).build();
            run(adam, model, inputs, objective, config, role)
        }
        OptimizerKind::RmsProp => {
            let rmsprop = RmsPropConfig::new()
                .with_alpha(0.99)
                .with_momentum(0.0)
                .with_epsilon(1e-8)
                .build();
            run(rmsprop, model, inputs, objective, config, role)
        }
        OptimizerKind::Sgd => run(
            SgdConfig::new().build(),
            model,
            inputs,
            objective,
            config,
            role,
        ),
    }
}

fn run<O: Optimizer>(
    optimizer: O,
    model: &BatchedMlp,
    inputs: &Tensor<3>,
    objective: &Objective,
    config: &FitConfig,
    role: &str,
) -> Result<BatchedMlp> {
    let [models, examples, _] = inputs.dims();
    let device = inputs.device();
    let precision = if inputs.dtype() == burn::tensor::DType::F64 {
        Precision::F64
    } else {
        Precision::F32
    };
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let batch_size = config.batch_size.unwrap_or(examples).clamp(1, examples);
    let mut order: Vec<usize> = (0..examples).collect();
    let mut cursor = examples;

    let mut parameters: Vec<Tensor<3>> = model
        .tensors()
        .into_iter()
        .map(|tensor| tensor.autodiff().require_grad())
        .collect();
    let mut states: Vec<Option<O::State<3>>> = vec![None; parameters.len()];
    let mut current = model.clone();

    for step in 0..config.steps {
        let rows = if batch_size < examples {
            if cursor + batch_size > examples {
                order.shuffle(&mut rng);
                cursor = 0;
            }
            let picked: Vec<i64> = order[cursor..cursor + batch_size]
                .iter()
                .map(|&row| row as i64)
                .collect();
            cursor += batch_size;
            Some(Tensor::<1, Int>::from_data(
                TensorData::new(picked, [batch_size]),
                &device,
            ))
        } else {
            None
        };
        let batch_inputs = match &rows {
            Some(rows) => inputs.clone().select(1, rows.clone()),
            None => inputs.clone(),
        };

        current.set_tensors(parameters.clone());
        let masks = dropout_masks(
            &current,
            batch_size,
            config.dropout,
            &mut rng,
            precision,
            &device,
        );
        let outputs = current.forward_with_masks(batch_inputs, masks.as_deref());
        let gradients = objective.surrogate(outputs, rows.as_ref()).backward();

        let learning_rate = config.optimizer.learning_rate_at(step, config.steps);
        let mut updated = Vec::with_capacity(parameters.len());
        for (parameter, state) in parameters.iter().zip(states.iter_mut()) {
            let gradient = parameter
                .grad(&gradients)
                .unwrap_or_else(|| parameter.clone().without_autodiff().zeros_like());
            let (next, next_state) = optimizer.step(
                learning_rate,
                parameter.clone().without_autodiff(),
                gradient,
                state.take(),
            );
            *state = next_state;
            updated.push(next.autodiff().require_grad());
        }
        parameters = updated;

        if (step + 1) % DIVERGENCE_CHECK_EVERY == 0 || step + 1 == config.steps {
            check_finite(&parameters, models, step + 1, config, role)?;
        }
    }
    current.set_tensors(parameters);
    Ok(current.without_autodiff())
}

/// Inverted-dropout masks for each hidden layer: 0 with probability `p`, else `1/(1 − p)`.
/// Drawn on the host from the fit's own generator, so runs are reproducible.
fn dropout_masks(
    model: &BatchedMlp,
    examples: usize,
    probability: f64,
    rng: &mut ChaCha8Rng,
    precision: Precision,
    device: &burn::tensor::Device,
) -> Option<Vec<Tensor<3>>> {
    use rand::Rng;
    if probability == 0.0 || model.architecture.hidden.is_empty() {
        return None;
    }
    let keep = 1.0 / (1.0 - probability);
    let masks = model
        .architecture
        .hidden
        .iter()
        .map(|&width| {
            let values: Vec<f64> = (0..model.models * examples * width)
                .map(|_| {
                    if rng.random::<f64>() < probability {
                        0.0
                    } else {
                        keep
                    }
                })
                .collect();
            tensor3(&values, [model.models, examples, width], precision, device)
        })
        .collect();
    Some(masks)
}

fn check_finite(
    parameters: &[Tensor<3>],
    models: usize,
    step: usize,
    config: &FitConfig,
    role: &str,
) -> Result<()> {
    let mut totals = vec![0.0; models];
    for parameter in parameters {
        let per_model = to_host(parameter.clone().without_autodiff().sum_dims(&[1, 2]));
        for (total, value) in totals.iter_mut().zip(per_model) {
            *total += value;
        }
    }
    match totals.iter().position(|total| !total.is_finite()) {
        None => Ok(()),
        Some(index) => Err(LupiError::Diverged {
            model: role.to_string(),
            index,
            step,
            steps: config.steps,
            learning_rate: config.optimizer.learning_rate,
        }),
    }
}
