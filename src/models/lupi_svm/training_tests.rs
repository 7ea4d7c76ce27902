//! End-to-end training tests through the public API.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::error::SvmError;
use super::fitted::{FeatureSpace, FittedSvm};
use super::params::LupiSvmParams;

/// 20 points in two well-separated clouds: positives around (2, 1), negatives around (-1, -2),
/// each jittered by at most 0.5 per coordinate; the privileged feature is `x0 + x1`.
fn separable_set() -> (Vec<Vec<f64>>, Vec<Vec<f64>>, Vec<bool>) {
    let mut inputs = Vec::new();
    let mut labels = Vec::new();
    for k in 0..20_u32 {
        let angle = f64::from(k);
        let positive = k % 2 == 0;
        let (center_x, center_y) = if positive { (2.0, 1.0) } else { (-1.0, -2.0) };
        inputs.push(vec![
            center_x + 0.5 * angle.cos(),
            center_y + 0.5 * angle.sin(),
        ]);
        labels.push(positive);
    }
    let privileged = inputs.iter().map(|row| vec![row[0] + row[1]]).collect();
    (inputs, privileged, labels)
}

/// 200 noisy examples: label = [x0 + 0.5 x1 + noise > 0] with 10% of labels flipped;
/// the privileged features are the noiseless score and a noise-free copy of the label margin.
fn noisy_set(seed: u64) -> (Vec<Vec<f64>>, Vec<Vec<f64>>, Vec<bool>) {
    let mut generator = ChaCha8Rng::seed_from_u64(seed);
    let mut inputs = Vec::new();
    let mut privileged = Vec::new();
    let mut labels = Vec::new();
    for _ in 0..200 {
        let row: Vec<f64> = (0..3)
            .map(|_| generator.random::<f64>() * 2.0 - 1.0)
            .collect();
        let clean_score = row[0] + 0.5 * row[1];
        let noisy_score = clean_score + 0.3 * (generator.random::<f64>() - 0.5);
        let flipped = generator.random::<f64>() < 0.1;
        labels.push((noisy_score > 0.0) != flipped);
        privileged.push(vec![clean_score, noisy_score]);
        inputs.push(row);
    }
    (inputs, privileged, labels)
}

fn training_accuracy(model: &FittedSvm, rows: &[Vec<f64>], labels: &[bool]) -> f64 {
    let correct = rows
        .iter()
        .zip(labels)
        .filter(|(row, label)| model.predict(row).expect("matching width") == **label)
        .count();
    correct as f64 / labels.len() as f64
}

#[test]
fn separable_set_is_fit_perfectly_by_all_three_models() {
    let (inputs, privileged, labels) = separable_set();
    let params = LupiSvmParams::default();

    let lupi = params
        .fit(&inputs, Some(&privileged), &labels)
        .expect("trains");
    assert_eq!(lupi.decision_space(), FeatureSpace::Input);
    assert_eq!(lupi.privileged_weights().map(<[f64]>::len), Some(1));
    assert_eq!(training_accuracy(&lupi, &inputs, &labels), 1.0);

    let input_only = params.fit(&inputs, None, &labels).expect("trains");
    assert_eq!(input_only.privileged_weights(), None);
    assert_eq!(training_accuracy(&input_only, &inputs, &labels), 1.0);

    let privileged_only = params
        .fit_privileged_only(&privileged, &labels)
        .expect("trains");
    assert_eq!(privileged_only.decision_space(), FeatureSpace::Privileged);
    assert_eq!(
        training_accuracy(&privileged_only, &privileged, &labels),
        1.0
    );
}

#[test]
fn objective_decreases_on_average() {
    let (inputs, privileged, labels) = noisy_set(11);
    let params = LupiSvmParams::builder()
        .record_objective(true)
        .build()
        .expect("valid");
    let model = params
        .fit(&inputs, Some(&privileged), &labels)
        .expect("trains");
    let objectives = model.epoch_objectives();
    assert_eq!(objectives.len(), 100);
    let mean = |values: &[f64]| values.iter().sum::<f64>() / values.len() as f64;
    // Stochastic steps need not decrease F every epoch, but the late epochs must be lower on
    // average than the early ones, and the end lower than the start.
    assert!(
        mean(&objectives[90..]) < mean(&objectives[..10]),
        "{objectives:?}"
    );
    assert!(objectives[99] < objectives[0], "{objectives:?}");
}

/// Pegasos (Shalev-Shwartz et al. 2007, mini-batch size 1) written directly from the paper's
/// update `w <- (1 - 1/t) w + (1/(lambda t)) [y <w, x> < 1] y x`, with the same seeded
/// shuffling and appended bias feature as the library.
fn reference_pegasos(
    rows: &[Vec<f64>],
    labels: &[bool],
    lambda: f64,
    epochs: usize,
    seed: u64,
) -> Vec<f64> {
    use rand::seq::SliceRandom;
    let mut generator = ChaCha8Rng::seed_from_u64(seed);
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut weights = vec![0.0; rows[0].len() + 1];
    let mut t = 0.0;
    for _ in 0..epochs {
        order.shuffle(&mut generator);
        for &index in &order {
            t += 1.0;
            let mut features = rows[index].clone();
            features.push(1.0);
            let y = if labels[index] { 1.0 } else { -1.0 };
            let margin: f64 = y * weights
                .iter()
                .zip(&features)
                .map(|(w, x)| w * x)
                .sum::<f64>();
            let eta = 1.0 / (lambda * t);
            for (weight, feature) in weights.iter_mut().zip(&features) {
                *weight *= 1.0 - 1.0 / t;
                if margin < 1.0 {
                    *weight += eta * y * feature;
                }
            }
        }
    }
    weights
}

#[test]
fn input_only_model_is_plain_pegasos() {
    let (inputs, _, labels) = noisy_set(5);
    let params = LupiSvmParams::builder()
        .epochs(20)
        .seed(3)
        .build()
        .expect("valid");
    let model = params.fit(&inputs, None, &labels).expect("trains");
    let reference = reference_pegasos(&inputs, &labels, 0.01, 20, 3);
    let mut learned = model.weights().to_vec();
    learned.push(model.bias());
    for (a, b) in learned.iter().zip(&reference) {
        // 1 - eta lambda and 1 - 1/t may differ in the last bit; allow relative 1e-12.
        assert!(
            (a - b).abs() <= 1e-12 * b.abs().max(1.0),
            "{learned:?} vs {reference:?}"
        );
    }
}

#[test]
fn zero_privileged_part_reduces_to_pegasos() {
    // With x* = 0, <w*, x*> = 0 for any w*, so s = 0: both w conditions become y<w,x> < 1 and
    // w* starts and stays at 0 whatever lambda* and lambda_s are. The w iterates must therefore
    // be bit-identical to input-only Pegasos with the same seed.
    let (inputs, _, labels) = noisy_set(7);
    let zero_privileged = vec![vec![0.0, 0.0]; inputs.len()];
    let params = LupiSvmParams::builder()
        .privileged_regularization(0.3)
        .slack_penalty(0.2)
        .seed(9)
        .build()
        .expect("valid");
    let lupi = params
        .fit(&inputs, Some(&zero_privileged), &labels)
        .expect("trains");
    let pegasos = params.fit(&inputs, None, &labels).expect("trains");
    assert_eq!(lupi.weights(), pegasos.weights());
    assert_eq!(lupi.bias(), pegasos.bias());
    assert_eq!(lupi.privileged_weights(), Some(&[0.0, 0.0][..]));
}

#[test]
fn privileged_information_changes_the_solution() {
    // Sanity check that w* feeds back into w: informative x* must give a different w.
    let (inputs, privileged, labels) = noisy_set(13);
    let params = LupiSvmParams::default();
    let lupi = params
        .fit(&inputs, Some(&privileged), &labels)
        .expect("trains");
    let pegasos = params.fit(&inputs, None, &labels).expect("trains");
    assert_ne!(lupi.weights(), pegasos.weights());
}

#[test]
fn fixed_seed_is_deterministic() {
    let (inputs, privileged, labels) = noisy_set(17);
    let params = LupiSvmParams::builder()
        .seed(42)
        .record_objective(true)
        .build()
        .expect("ok");
    let first = params
        .fit(&inputs, Some(&privileged), &labels)
        .expect("trains");
    let second = params
        .fit(&inputs, Some(&privileged), &labels)
        .expect("trains");
    assert_eq!(first, second);
    let other_seed = LupiSvmParams::builder().seed(43).build().expect("ok");
    let third = other_seed
        .fit(&inputs, Some(&privileged), &labels)
        .expect("trains");
    assert_ne!(first.weights(), third.weights());
}

#[test]
fn decision_value_uses_input_features_only() {
    let (inputs, privileged, labels) = separable_set();
    let model = LupiSvmParams::default()
        .fit(&inputs, Some(&privileged), &labels)
        .expect("ok");
    // Two input features are expected; a privileged row (one feature) is rejected.
    assert_eq!(
        model.decision_value(&privileged[0]),
        Err(SvmError::LengthMismatch {
            what: "row",
            expected: 2,
            found: 1
        })
    );
    // The value is <w, x> + b, independent of w*.
    let row = &inputs[0];
    let expected = model.weights()[0] * row[0] + model.weights()[1] * row[1] + model.bias();
    assert_eq!(model.decision_value(row), Ok(expected));
}

#[test]
fn fit_reports_bad_input() {
    let params = LupiSvmParams::default();
    assert_eq!(
        params.fit(&[vec![1.0, 2.0], vec![1.0]], None, &[true, false]),
        Err(SvmError::RaggedRow {
            what: "inputs",
            row: 1,
            expected: 2,
            found: 1
        })
    );
    assert_eq!(
        params.fit(&[vec![1.0], vec![2.0]], Some(&[vec![1.0]]), &[true, false]),
        Err(SvmError::LengthMismatch {
            what: "privileged",
            expected: 2,
            found: 1
        })
    );
    assert_eq!(
        params.fit(&[vec![1.0], vec![2.0]], None, &[true]),
        Err(SvmError::LengthMismatch {
            what: "labels",
            expected: 2,
            found: 1
        })
    );
    assert_eq!(params.fit(&[], None, &[]), Err(SvmError::EmptyInput));
    assert_eq!(
        params.fit(&[vec![1.0], vec![2.0]], None, &[false, false]),
        Err(SvmError::SingleClass)
    );
    assert_eq!(
        params.fit_privileged_only(&[vec![f64::NAN], vec![2.0]], &[true, false]),
        Err(SvmError::NonFiniteValue {
            what: "privileged",
            row: 0,
            column: 0
        })
    );
}
