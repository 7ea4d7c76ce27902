//! Batched training against one model at a time: `cargo bench --bench batched`.
//!
//! Prints wall and CPU seconds (this process) for
//! 1. 10 linear fits of the synthetic size (200 × 50, 1000 full-batch Adam steps), the repeats
//!    of one table row;
//! 2. 128 leave-one-out linear fits (128 rows × 50 features, 300 steps): every fold sees the
//!    same rows with its held-out row weighted 0.
//!
//! Peak memory of the whole commands: `scripts/bench.sh` runs them under `/usr/bin/time -v`.

use std::time::Instant;

use burn::tensor::Tensor;
use lupi::compute::{Precision, evaluation_device, tensor3};
use lupi::experiments::{LupiParams, process_cpu_seconds, train_batch};
use lupi::losses::BaseLoss;
use lupi::models::Architecture;
use lupi::training::Objective;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

fn normal(count: usize, seed: u64) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..count)
        .map(|_| StandardNormal.sample(&mut rng))
        .collect()
}

fn timed(label: &str, work: impl FnOnce()) -> f64 {
    let (wall, cpu) = (Instant::now(), process_cpu_seconds());
    work();
    let (wall, cpu) = (wall.elapsed().as_secs_f64(), process_cpu_seconds() - cpu);
    println!("{label:<48} {wall:>8.3} s wall {cpu:>8.3} s CPU");
    cpu
}

fn compare(
    title: &str,
    models: usize,
    rows: usize,
    features: usize,
    steps: usize,
    leave_one_out: bool,
) {
    let device = evaluation_device();
    let params = LupiParams::new(BaseLoss::SquaredError)
        .steps(steps)
        .validate()
        .expect("valid");
    let inputs = normal(models * rows * features, 1);
    let targets = normal(models * rows, 2);
    let weights = |model_range: std::ops::Range<usize>| -> Vec<f64> {
        model_range
            .flat_map(|model| {
                (0..rows).map(move |row| {
                    if leave_one_out && row == model % rows {
                        0.0
                    } else {
                        1.0
                    }
                })
            })
            .collect()
    };
    let objective = |range: std::ops::Range<usize>| {
        let count = range.len();
        let targets = tensor3(
            &targets[range.start * rows..range.end * rows],
            [count, rows, 1],
            Precision::F32,
            &device,
        );
        let example_weights = tensor3(&weights(range), [count, rows, 1], Precision::F32, &device);
        Objective::WeightedTargets {
            base: BaseLoss::SquaredError,
            targets,
            example_weights,
        }
    };
    let features_of = |range: std::ops::Range<usize>| -> Tensor<3> {
        let count = range.len();
        let slice = &inputs[range.start * rows * features..range.end * rows * features];
        tensor3(slice, [count, rows, features], Precision::F32, &device)
    };
    println!("{title}");
    let batched = timed(&format!("  {models} models as one batch"), || {
        train_batch(
            "bench",
            "batched",
            Architecture::linear(features, 1),
            &features_of(0..models),
            &objective(0..models),
            &params,
            steps,
        )
        .expect("fit");
    });
    let sequential = timed(&format!("  {models} models one after another"), || {
        for model in 0..models {
            train_batch(
                "bench",
                "single",
                Architecture::linear(features, 1),
                &features_of(model..model + 1),
                &objective(model..model + 1),
                &params,
                steps,
            )
            .expect("fit");
        }
    });
    println!(
        "  one after another / batched: {:.1}× the CPU time\n",
        sequential / batched.max(1e-9)
    );
}

fn main() {
    compare(
        "Synthetic row: 10 repeats, 200 × 50, 1000 steps",
        10,
        200,
        50,
        1000,
        false,
    );
    compare(
        "Leave-one-out: 128 folds, 128 × 50, 300 steps",
        128,
        128,
        50,
        300,
        true,
    );
}
