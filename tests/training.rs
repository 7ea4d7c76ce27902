//! Training: batched fits equal one-at-a-time fits, the mixed-target and direct forms of the
//! meta-loss train the same model, and divergence is reported.

use lupi::compute::{Precision, evaluation_device, tensor3};
use lupi::losses::{BaseLoss, MetaLoss, PairBatch, PairSet, Temperature, pairs_from_groups};
use lupi::models::{Architecture, BatchedMlp, Initialization};
use lupi::training::{
    FitConfig, MetaForm, Objective, OptimizerConfig, OptimizerKind, Schedule, fit,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn random_values(count: usize, seed: u64) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..count).map(|_| rng.random_range(-1.0..1.0)).collect()
}

fn config(kind: OptimizerKind, steps: usize) -> FitConfig {
    FitConfig {
        optimizer: OptimizerConfig {
            kind,
            learning_rate: 0.01,
            schedule: Schedule::Cosine,
        },
        steps,
        batch_size: None,
        dropout: 0.0,
        seed: 3,
    }
}

fn mlp(models: usize, seeds: &[u64]) -> BatchedMlp {
    let mut rngs: Vec<ChaCha8Rng> = seeds
        .iter()
        .map(|seed| ChaCha8Rng::seed_from_u64(*seed))
        .collect();
    BatchedMlp::new(
        Architecture {
            inputs: 4,
            hidden: vec![5],
            outputs: 3,
        },
        models,
        Initialization::Uniform,
        &mut rngs,
        Precision::F64,
        &evaluation_device(),
    )
}

#[test]
fn batched_training_equals_one_model_at_a_time() {
    let device = evaluation_device();
    let (models, examples) = (3, 20);
    let inputs = random_values(models * examples * 4, 1);
    let targets: Vec<f64> = random_values(models * examples * 3, 2);
    let seeds = [10, 11, 12];
    for kind in [
        OptimizerKind::Adam,
        OptimizerKind::RmsProp,
        OptimizerKind::Sgd,
    ] {
        let batch_inputs = tensor3(&inputs, [models, examples, 4], Precision::F64, &device);
        let batch_targets = tensor3(&targets, [models, examples, 3], Precision::F64, &device);
        let objective = Objective::Targets {
            base: BaseLoss::SquaredError,
            targets: batch_targets,
        };
        let batched = fit(
            &mlp(models, &seeds),
            &batch_inputs,
            &objective,
            &config(kind, 50),
            "test",
        )
        .expect("fit")
        .parameters();
        for model in 0..models {
            let single_inputs = tensor3(
                &inputs[model * examples * 4..(model + 1) * examples * 4],
                [1, examples, 4],
                Precision::F64,
                &device,
            );
            let objective = Objective::Targets {
                base: BaseLoss::SquaredError,
                targets: tensor3(
                    &targets[model * examples * 3..(model + 1) * examples * 3],
                    [1, examples, 3],
                    Precision::F64,
                    &device,
                ),
            };
            let single = fit(
                &mlp(1, &seeds[model..=model]),
                &single_inputs,
                &objective,
                &config(kind, 50),
                "test",
            )
            .expect("fit")
            .parameters();
            for (batched_tensor, single_tensor) in batched.iter().zip(&single) {
                let width = single_tensor.len();
                let slice = &batched_tensor[model * width..(model + 1) * width];
                for (a, b) in slice.iter().zip(single_tensor) {
                    // Same arithmetic in float64, only batched: agreement to rounding.
                    assert!((a - b).abs() < 1e-10, "{kind:?} model {model}: {a} vs {b}");
                }
            }
        }
    }
}

#[test]
fn mixed_target_and_direct_forms_train_the_same_model() {
    let device = evaluation_device();
    let (models, examples) = (2, 30);
    let inputs = tensor3(
        &random_values(models * examples * 4, 5),
        [models, examples, 4],
        Precision::F64,
        &device,
    );
    let labels: Vec<f64> = random_values(models * examples * 3, 6)
        .chunks(3)
        .flat_map(|row| {
            let best = if row[0] > row[1] && row[0] > row[2] {
                0
            } else if row[1] > row[2] {
                1
            } else {
                2
            };
            (0..3).map(move |class| if class == best { 1.0 } else { 0.0 })
        })
        .collect();
    let targets = tensor3(&labels, [models, examples, 3], Precision::F64, &device);
    let teacher_outputs = tensor3(
        &random_values(models * examples * 3, 7),
        [models, examples, 3],
        Precision::F64,
        &device,
    );
    let loss = MetaLoss::new(
        BaseLoss::SoftmaxCrossEntropy,
        Temperature::new(1.0).expect("valid"),
    );
    let trained = |form: MetaForm| {
        let objective = Objective::Meta {
            loss,
            teacher_outputs: teacher_outputs.clone(),
            targets: targets.clone(),
            form,
        };
        fit(
            &mlp(models, &[1, 2]),
            &inputs,
            &objective,
            &config(OptimizerKind::Adam, 100),
            "test",
        )
        .expect("fit")
        .parameters()
    };
    let mixed = trained(MetaForm::MixedTarget);
    let direct = trained(MetaForm::Direct);
    for (a, b) in mixed.iter().flatten().zip(direct.iter().flatten()) {
        // The two forms have the same gradient analytically; after 100 Adam steps in float64
        // they differ only by rounding.
        assert!((a - b).abs() < 1e-9, "{a} vs {b}");
    }
}

#[test]
fn divergence_names_the_model_and_step() {
    let device = evaluation_device();
    let inputs = tensor3(
        &[1e30, -1e30, 1e30, 1e30],
        [2, 1, 2],
        Precision::F32,
        &device,
    );
    let targets = tensor3(&[1e30, -1e30], [2, 1, 1], Precision::F32, &device);
    let objective = Objective::Targets {
        base: BaseLoss::SquaredError,
        targets,
    };
    let mut rngs = [ChaCha8Rng::seed_from_u64(0), ChaCha8Rng::seed_from_u64(1)];
    let model = BatchedMlp::new(
        Architecture::linear(2, 1),
        2,
        Initialization::Zeros,
        &mut rngs,
        Precision::F32,
        &device,
    );
    let mut settings = config(OptimizerKind::Sgd, 100);
    settings.optimizer.learning_rate = 1.0;
    let error = fit(&model, &inputs, &objective, &settings, "teacher").expect_err("must diverge");
    let message = error.to_string();
    assert!(
        message.contains("teacher") && message.contains("step 25"),
        "{message}"
    );
    assert!(message.contains("lower learning rate"), "{message}");
}

#[test]
fn mini_batches_and_dropout_are_reproducible() {
    let device = evaluation_device();
    let inputs = tensor3(
        &random_values(2 * 40 * 4, 8),
        [2, 40, 4],
        Precision::F32,
        &device,
    );
    let targets = tensor3(
        &random_values(2 * 40 * 3, 9),
        [2, 40, 3],
        Precision::F32,
        &device,
    );
    let objective = Objective::Targets {
        base: BaseLoss::SquaredError,
        targets,
    };
    let mut settings = config(OptimizerKind::Adam, 30);
    settings.batch_size = Some(16);
    settings.dropout = 0.2;
    let start = || {
        let mut rngs = [ChaCha8Rng::seed_from_u64(0), ChaCha8Rng::seed_from_u64(1)];
        let architecture = Architecture {
            inputs: 4,
            hidden: vec![8],
            outputs: 3,
        };
        BatchedMlp::new(
            architecture,
            2,
            Initialization::Uniform,
            &mut rngs,
            Precision::F32,
            &device,
        )
    };
    let first = fit(&start(), &inputs, &objective, &settings, "test")
        .expect("fit")
        .parameters();
    let second = fit(&start(), &inputs, &objective, &settings, "test")
        .expect("fit")
        .parameters();
    assert_eq!(first, second);
    let untrained = start().parameters();
    assert_ne!(first, untrained, "training must move the parameters");
}

/// Three models on the same inputs, each ranking by a different feature, with different pair
/// counts (so two of them carry padding pairs).
fn pairwise_problem() -> (Vec<f64>, Vec<PairSet>) {
    let examples = 12;
    let inputs = random_values(examples * 4, 9);
    let groups: Vec<u64> = (0..examples as u64).map(|row| row / 4).collect();
    let sets: Vec<PairSet> = (0..3)
        .map(|model| {
            // Relevance: the rounded feature `model`, in the first `8 + 2·model` rows only.
            let relevance: Vec<f64> = (0..examples)
                .map(|row| (inputs[row * 4 + model] * 2.0).round())
                .collect();
            let used = 8 + 2 * model;
            pairs_from_groups(&groups[..used], &relevance[..used]).expect("valid")
        })
        .collect();
    (inputs, sets)
}

#[test]
fn pairwise_batched_training_equals_one_model_at_a_time() {
    let device = evaluation_device();
    let (inputs, sets) = pairwise_problem();
    let examples = 12;
    let counts: Vec<usize> = sets.iter().map(PairSet::len).collect();
    assert!(counts[0] < counts[2], "pair counts {counts:?}");
    let linear = |models: usize| {
        let mut rngs: Vec<ChaCha8Rng> = (0..models as u64).map(ChaCha8Rng::seed_from_u64).collect();
        BatchedMlp::new(
            Architecture::linear(4, 1),
            models,
            Initialization::Zeros,
            &mut rngs,
            Precision::F64,
            &device,
        )
    };
    let all_inputs: Vec<f64> = (0..3).flat_map(|_| inputs.clone()).collect();
    let pairs = PairBatch::new(&sets, examples, Precision::F64, &device).expect("valid");
    let objective = Objective::Pairwise {
        targets: pairs.labels(),
        pairs: Box::new(pairs),
    };
    let batched = fit(
        &linear(3),
        &tensor3(&all_inputs, [3, examples, 4], Precision::F64, &device),
        &objective,
        &config(OptimizerKind::Adam, 200),
        "test",
    )
    .expect("fit")
    .parameters();
    for (model, set) in sets.iter().enumerate() {
        let pairs = PairBatch::shared(set, 1, examples, Precision::F64, &device).expect("valid");
        let objective = Objective::Pairwise {
            targets: pairs.labels(),
            pairs: Box::new(pairs),
        };
        let single = fit(
            &linear(1),
            &tensor3(&inputs, [1, examples, 4], Precision::F64, &device),
            &objective,
            &config(OptimizerKind::Adam, 200),
            "test",
        )
        .expect("fit")
        .parameters();
        let weights = &batched[0][model * 4..(model + 1) * 4];
        for (a, b) in weights.iter().zip(&single[0]) {
            // Padding pairs are masked and each model divides by its own count: the batched
            // fit is the single fit up to float64 rounding.
            assert!((a - b).abs() < 1e-10, "model {model}: {a} vs {b}");
        }
        // Each model ranks by its own feature: that weight dominates the others.
        let own = weights[model];
        assert!(
            weights
                .iter()
                .enumerate()
                .all(|(feature, w)| feature == model || w.abs() < own),
            "model {model}: {weights:?}"
        );
    }
}

#[test]
fn pairwise_objective_rejects_mini_batches_and_mismatched_pairs() {
    let device = evaluation_device();
    let (inputs, sets) = pairwise_problem();
    let pairs = PairBatch::new(&sets[..1], 12, Precision::F64, &device).expect("valid");
    let objective = Objective::Pairwise {
        targets: pairs.labels(),
        pairs: Box::new(pairs),
    };
    let mut rngs = [ChaCha8Rng::seed_from_u64(0)];
    let model = BatchedMlp::new(
        Architecture::linear(4, 1),
        1,
        Initialization::Zeros,
        &mut rngs,
        Precision::F64,
        &device,
    );
    let features = tensor3(&inputs, [1, 12, 4], Precision::F64, &device);
    let mut settings = config(OptimizerKind::Adam, 10);
    settings.batch_size = Some(4);
    let message = fit(&model, &features, &objective, &settings, "input")
        .expect_err("mini-batches")
        .to_string();
    assert!(
        message.contains("batch_size") && message.contains("full-batch"),
        "{message}"
    );
    let fewer_rows = tensor3(&inputs[..40], [1, 10, 4], Precision::F64, &device);
    let message = fit(
        &model,
        &fewer_rows,
        &objective,
        &config(OptimizerKind::Adam, 10),
        "input",
    )
    .expect_err("rows")
    .to_string();
    assert!(
        message.contains("1 × 10") && message.contains("1 × 12"),
        "{message}"
    );
}
