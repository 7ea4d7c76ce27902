//! Cross-fitted teacher targets: when a teacher interpolates its training set, in-sample
//! targets make distillation a no-op and out-of-fold targets do not; and no row is ever
//! predicted by a teacher that saw it.

use burn::tensor::Tensor;
use lupi::compute::{Precision, evaluation_device, tensor3, to_host};
use lupi::distillation::{
    StudentRole, TeacherTargets, cross_fit_assignment, teacher_outputs, train_students,
};
use lupi::experiments::{LupiParams, train_batch};
use lupi::losses::{BaseLoss, Temperature};
use lupi::models::Architecture;
use lupi::training::Objective;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

const ROWS: usize = 20;
const PRIVILEGED: usize = 40;
const INPUT: usize = 5;

fn normal(count: usize, seed: u64) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..count)
        .map(|_| StandardNormal.sample(&mut rng))
        .collect()
}

struct Case {
    privileged: Tensor<3>,
    input: Tensor<3>,
    targets: Tensor<3>,
    params: LupiParams,
}

/// 20 rows, 40 privileged features (so a linear teacher can fit any targets exactly) and 5
/// input features; targets are pure noise, so out-of-fold predictions cannot match them.
fn case(target_override: Option<(usize, f64)>) -> Case {
    let device = evaluation_device();
    let mut targets = normal(ROWS, 3);
    if let Some((row, value)) = target_override {
        targets[row] = value;
    }
    Case {
        privileged: tensor3(
            &normal(ROWS * PRIVILEGED, 1),
            [1, ROWS, PRIVILEGED],
            Precision::F64,
            &device,
        ),
        input: tensor3(
            &normal(ROWS * INPUT, 2),
            [1, ROWS, INPUT],
            Precision::F64,
            &device,
        ),
        targets: tensor3(&targets, [1, ROWS, 1], Precision::F64, &device),
        params: LupiParams::new(BaseLoss::SquaredError)
            .temperature(Temperature::new(1.0).expect("valid"))
            .learning_rate(0.05)
            .steps(3000)
            .precision(Precision::F64)
            .validate()
            .expect("valid"),
    }
}

fn teacher_targets(case: &Case, mode: TeacherTargets) -> Tensor<3> {
    let objective = Objective::Targets {
        base: BaseLoss::SquaredError,
        targets: case.targets.clone(),
    };
    let teacher = train_batch(
        "test",
        "teacher",
        Architecture::linear(PRIVILEGED, 1),
        &case.privileged,
        &objective,
        &case.params,
        case.params.steps,
    )
    .expect("teacher");
    teacher_outputs(
        mode,
        "test",
        &teacher,
        BaseLoss::SquaredError,
        &case.privileged,
        &case.targets,
        &case.params,
        case.params.steps,
    )
    .expect("teacher outputs")
}

fn students(case: &Case, teacher: Tensor<3>) -> (Vec<f64>, Vec<f64>) {
    let meta = case.params.meta_loss();
    let roles = vec![
        StudentRole {
            name: "input".into(),
            targets: case.targets.clone(),
        },
        StudentRole {
            name: "distilled".into(),
            targets: meta.mixed_target(teacher, case.targets.clone()),
        },
    ];
    let trained = train_students(
        "test",
        BaseLoss::SquaredError,
        &[],
        &case.input,
        &roles,
        &case.params,
        500,
    )
    .expect("students");
    (
        trained[0].1.parameters().concat(),
        trained[1].1.parameters().concat(),
    )
}

fn weights(case: &Case, teacher: Tensor<3>) -> Vec<f64> {
    let meta = case.params.meta_loss();
    to_host(meta.weights(meta.teacher_loss(teacher, case.targets.clone())))
}

#[test]
fn in_sample_targets_collapse_to_the_plain_loss_and_cross_fit_ones_do_not() {
    let case = case(None);
    let in_sample = teacher_targets(&case, TeacherTargets::InSample);
    let in_sample_weights = weights(&case, in_sample.clone());
    // The interpolating teacher reproduces y: teacher loss ≈ 0, so w = exp(−T · 0) ≈ 1.
    assert!(
        in_sample_weights.iter().all(|w| *w > 0.999),
        "{in_sample_weights:?}"
    );
    let (input, distilled) = students(&case, in_sample);
    for (a, b) in input.iter().zip(&distilled) {
        assert!(
            (a - b).abs() < 1e-3,
            "in-sample distillation changed the student: {a} vs {b}"
        );
    }

    let cross_fit = teacher_targets(&case, TeacherTargets::CrossFit(5));
    let cross_fit_weights = weights(&case, cross_fit.clone());
    let spread = cross_fit_weights.iter().cloned().fold(f64::MIN, f64::max)
        - cross_fit_weights.iter().cloned().fold(f64::MAX, f64::min);
    assert!(
        spread > 0.3,
        "cross-fit weights barely vary: {cross_fit_weights:?}"
    );
    let (input, distilled) = students(&case, cross_fit);
    let largest = input
        .iter()
        .zip(&distilled)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    assert!(
        largest > 0.01,
        "cross-fit distillation left the student unchanged"
    );
}

#[test]
fn no_row_is_predicted_by_a_teacher_that_saw_it() {
    // Each row belongs to exactly one fold, and the fold sizes differ by at most one.
    let assignment = cross_fit_assignment(ROWS, 3, 9);
    let mut sizes = [0; 3];
    assignment.iter().for_each(|fold| sizes[*fold] += 1);
    assert_eq!(sizes.iter().sum::<usize>(), ROWS);
    assert!(sizes.iter().max().expect("sizes") - sizes.iter().min().expect("sizes") <= 1);

    // Changing one row's target changes every out-of-fold prediction except that row's own:
    // the only teacher that predicts it never saw it.
    let row = 4;
    let reference = to_host(teacher_targets(&case(None), TeacherTargets::CrossFit(5)));
    let changed = to_host(teacher_targets(
        &case(Some((row, 1e3))),
        TeacherTargets::CrossFit(5),
    ));
    assert_eq!(reference[row], changed[row]);
    let moved = reference
        .iter()
        .zip(&changed)
        .filter(|(a, b)| a != b)
        .count();
    assert!(moved >= ROWS / 2, "only {moved} predictions moved");
}
