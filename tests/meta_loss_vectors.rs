//! The base losses and the meta-loss against reference values computed with PyTorch in float64
//! (`../shared/testvectors/meta_loss.json`; its `produced_by` field: PyTorch 2.15.0+cu132,
//! torch.manual_seed(7)), and against central finite differences.

mod common;

use burn::tensor::Tensor;
use lupi::compute::{Precision, evaluation_device, tensor3, to_host};
use lupi::losses::{BaseLoss, MetaLoss, Reduction, Temperature};
use serde_json::Value;

/// Tolerance for float64 agreement with the reference values.
const TOLERANCE: f64 = 1e-9;

struct Case {
    base: BaseLoss,
    temperature: Temperature,
    shape: [usize; 3],
    student: Vec<f64>,
    teacher: Vec<f64>,
    target: Vec<f64>,
    teacher_loss: Vec<f64>,
    weight: Vec<f64>,
    per_example: Vec<f64>,
    mean: f64,
    gradient: Vec<f64>,
}

fn flatten(value: &Value) -> Vec<f64> {
    match value {
        Value::Array(items) => items.iter().flat_map(flatten).collect(),
        Value::Number(number) => vec![number.as_f64().expect("a number")],
        other => panic!("unexpected value {other}"),
    }
}

fn cases() -> Vec<Case> {
    let path = common::shared_dir()
        .join("testvectors")
        .join("meta_loss.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: Value = serde_json::from_str(&text).expect("valid JSON");
    json["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|case| {
            let base = match case["base_loss"].as_str().expect("base_loss") {
                "mse" => BaseLoss::SquaredError,
                "bce" => BaseLoss::BinaryCrossEntropy,
                "ce" => BaseLoss::SoftmaxCrossEntropy,
                other => panic!("unknown base loss {other}"),
            };
            let temperature = match &case["temperature"] {
                Value::String(text) => text.parse().expect("temperature"),
                other => Temperature::new(other.as_f64().expect("temperature")).expect("valid"),
            };
            let rows = case["student_output"].as_array().expect("rows").len();
            let student = flatten(&case["student_output"]);
            Case {
                base,
                temperature,
                shape: [1, rows, student.len() / rows],
                student,
                teacher: flatten(&case["teacher_output"]),
                target: flatten(&case["target"]),
                teacher_loss: flatten(&case["teacher_loss"]),
                weight: flatten(&case["weight"]),
                per_example: flatten(&case["per_example_loss"]),
                mean: case["mean_loss"].as_f64().expect("mean_loss"),
                gradient: flatten(&case["grad_wrt_student_output"]),
            }
        })
        .collect()
}

fn assert_close(found: &[f64], expected: &[f64], tolerance: f64, what: &str) {
    assert_eq!(found.len(), expected.len(), "{what}: length");
    for (index, (a, b)) in found.iter().zip(expected).enumerate() {
        assert!(
            (a - b).abs() <= tolerance,
            "{what}[{index}]: {a} vs reference {b}"
        );
    }
}

fn tensors(case: &Case) -> (Tensor<3>, Tensor<3>, Tensor<3>) {
    let device = evaluation_device();
    (
        tensor3(&case.student, case.shape, Precision::F64, &device),
        tensor3(&case.teacher, case.shape, Precision::F64, &device),
        tensor3(&case.target, case.shape, Precision::F64, &device),
    )
}

/// d(mean meta-loss)/d(student outputs) by autodiff.
fn autodiff_gradient(case: &Case, loss: &MetaLoss) -> Vec<f64> {
    let (student, teacher, target) = tensors(case);
    let student = student.autodiff().require_grad();
    let value = loss
        .forward(student.clone(), teacher, target, Reduction::Mean)
        .sum();
    let gradients = value.backward();
    to_host(student.grad(&gradients).expect("gradient"))
}

#[test]
fn fifteen_cases_are_read() {
    // 3 base losses × 5 temperatures (0, 0.5, 1, 3, inf).
    assert_eq!(cases().len(), 15);
}

#[test]
fn base_losses_match_reference_teacher_losses() {
    for case in cases() {
        let (_, teacher, target) = tensors(&case);
        let found = to_host(case.base.per_example(teacher, target));
        assert_close(
            &found,
            &case.teacher_loss,
            TOLERANCE,
            &format!("{:?} teacher loss", case.base),
        );
    }
}

#[test]
fn weights_per_example_losses_and_means_match_reference() {
    for case in cases() {
        let label = format!("{:?} T={}", case.base, case.temperature);
        let loss = MetaLoss::new(case.base, case.temperature);
        let (student, teacher, target) = tensors(&case);
        let teacher_loss = loss.teacher_loss(teacher.clone(), target.clone());
        assert_close(
            &to_host(loss.weights(teacher_loss)),
            &case.weight,
            TOLERANCE,
            &label,
        );
        let per_example = loss.forward(
            student.clone(),
            teacher.clone(),
            target.clone(),
            Reduction::None,
        );
        assert_close(&to_host(per_example), &case.per_example, TOLERANCE, &label);
        let mean = to_host(loss.forward(student, teacher, target, Reduction::Mean))[0];
        assert!(
            (mean - case.mean).abs() <= TOLERANCE,
            "{label}: mean {mean} vs {}",
            case.mean
        );
    }
}

#[test]
fn gradients_match_reference() {
    for case in cases() {
        let loss = MetaLoss::new(case.base, case.temperature);
        let found = autodiff_gradient(&case, &loss);
        assert_close(
            &found,
            &case.gradient,
            TOLERANCE,
            &format!("{:?} T={}", case.base, case.temperature),
        );
    }
}

#[test]
fn gradients_match_central_finite_differences() {
    // Central differences have error O(h²); with h = 1e-5 and losses of order 1 the
    // truncation error is ~1e-10 and the rounding error ~1e-16/1e-5 = 1e-11.
    let step = 1e-5;
    for case in cases() {
        let loss = MetaLoss::new(case.base, case.temperature);
        let analytic = autodiff_gradient(&case, &loss);
        let device = evaluation_device();
        let mean_at = |values: &[f64]| {
            let student = tensor3(values, case.shape, Precision::F64, &device);
            let teacher = tensor3(&case.teacher, case.shape, Precision::F64, &device);
            let target = tensor3(&case.target, case.shape, Precision::F64, &device);
            to_host(loss.forward(student, teacher, target, Reduction::Mean))[0]
        };
        for index in 0..case.student.len() {
            let mut plus = case.student.clone();
            let mut minus = case.student.clone();
            plus[index] += step;
            minus[index] -= step;
            let numeric = (mean_at(&plus) - mean_at(&minus)) / (2.0 * step);
            assert!(
                (numeric - analytic[index]).abs() < 1e-7,
                "{:?} T={} [{index}]: numeric {numeric} vs autodiff {}",
                case.base,
                case.temperature,
                analytic[index]
            );
        }
    }
}

#[test]
fn mixed_target_gives_the_same_gradient() {
    for case in cases() {
        let loss = MetaLoss::new(case.base, case.temperature);
        let (student, teacher, target) = tensors(&case);
        let mixed = loss.mixed_target(teacher, target);
        let student = student.autodiff().require_grad();
        let value = Reduction::Mean
            .apply(case.base.per_example(student.clone(), mixed))
            .sum();
        let found = to_host(student.grad(&value.backward()).expect("gradient"));
        assert_close(
            &found,
            &case.gradient,
            TOLERANCE,
            &format!("{:?} T={} mixed", case.base, case.temperature),
        );
    }
}

#[test]
fn temperature_limits() {
    for case in cases() {
        let (student, teacher, target) = tensors(&case);
        // T = 0: the meta-loss is the imitation loss l(f, t).
        let imitation = MetaLoss::new(case.base, Temperature::ZERO);
        let teacher_targets = case.base.prediction(teacher.clone());
        let expected = to_host(case.base.per_example(student.clone(), teacher_targets));
        let found = to_host(imitation.forward(
            student.clone(),
            teacher.clone(),
            target.clone(),
            Reduction::None,
        ));
        assert_close(&found, &expected, 1e-12, "T = 0 is imitation");

        // T = ∞: the plain loss wherever the teacher's loss is not exactly 0.
        let plain = MetaLoss::new(case.base, Temperature::INFINITY);
        let expected = to_host(case.base.per_example(student.clone(), target.clone()));
        let found = to_host(plain.forward(
            student.clone(),
            teacher.clone(),
            target.clone(),
            Reduction::None,
        ));
        for (index, teacher_loss) in case.teacher_loss.iter().enumerate() {
            if *teacher_loss > 0.0 {
                assert!(
                    (found[index] - expected[index]).abs() < 1e-12,
                    "T = ∞ [{index}]"
                );
            }
        }

        // 0 ≤ w ≤ 1 for every temperature.
        for temperature in [0.0, 0.1, 1.0, 10.0, 1e6, f64::INFINITY] {
            let loss = MetaLoss::new(case.base, Temperature::new(temperature).expect("valid"));
            let weights = to_host(loss.weights(loss.teacher_loss(teacher.clone(), target.clone())));
            assert!(
                weights.iter().all(|w| (0.0..=1.0).contains(w)),
                "T = {temperature}: {weights:?}"
            );
        }
    }
}

#[test]
fn infinite_temperature_keeps_exact_teachers() {
    let device = evaluation_device();
    // The teacher is exact on the first example only: weight 1 there, 0 elsewhere.
    let teacher = tensor3(&[2.0, 1.0], [1, 2, 1], Precision::F64, &device);
    let target = tensor3(&[2.0, 0.0], [1, 2, 1], Precision::F64, &device);
    let loss = MetaLoss::new(BaseLoss::SquaredError, Temperature::INFINITY);
    let weights = to_host(loss.weights(loss.teacher_loss(teacher, target)));
    assert_eq!(weights, vec![1.0, 0.0]);
}

#[test]
fn batch_mean_weight_uses_the_mean_teacher_loss() {
    let device = evaluation_device();
    // Teacher losses (1 − 0)² = 1 and (3 − 0)² = 9, mean 5: w = exp(−0.5 · 5) for both.
    let teacher = tensor3(&[1.0, 3.0], [1, 2, 1], Precision::F64, &device);
    let target = tensor3(&[0.0, 0.0], [1, 2, 1], Precision::F64, &device);
    let loss = MetaLoss::new(
        BaseLoss::SquaredError,
        Temperature::new(0.5).expect("valid"),
    )
    .with_weight_mode(lupi::losses::WeightMode::BatchMean);
    let weights = to_host(loss.weights(loss.teacher_loss(teacher, target)));
    let expected = (-2.5f64).exp();
    assert_close(&weights, &[expected, expected], 1e-15, "batch mean weight");
}
