//! The shared runner of the four synthetic tables: linear teacher on `x*`, then the students
//! on `x`, all repeats of a row trained as one batch.

use burn::tensor::{Device, Tensor};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::LupiParams;
use super::result::{Ordered, PaperValue, RowResult};
use super::runner::train_batch;
use super::seeds::derive_seed;
use crate::compute::{Precision, evaluation_device, tensor3, to_host};
use crate::data::synthetic::{SampleDependentVariant, SyntheticKind, generate};
use crate::data::{LupiSplit, Matrix, Standardizer};
use crate::distillation::{StudentRole, TeacherTargets, teacher_outputs, train_students};
use crate::error::Result;
use crate::evaluation::{PairedDifference, Summary, accuracy_from_logits, rmse};
use crate::losses::BaseLoss;
use crate::models::Architecture;
use crate::training::Objective;

/// What a row predicts and how it is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowTask {
    /// Labels `1[s > 0]`, binary cross-entropy, accuracy.
    Classification,
    /// Target `s`, squared error, RMSE.
    Regression,
    /// Labels `1[s > 0]` fitted with squared error, RMSE.
    RegressionOnLabels,
}

impl RowTask {
    /// The name used in reports and JSON.
    pub fn name(self) -> &'static str {
        match self {
            RowTask::Classification => "classification",
            RowTask::Regression => "regression",
            RowTask::RegressionOnLabels => "regression_on_labels",
        }
    }

    fn base_loss(self) -> BaseLoss {
        match self {
            RowTask::Classification => BaseLoss::BinaryCrossEntropy,
            _ => BaseLoss::SquaredError,
        }
    }

    fn metric(self) -> &'static str {
        match self {
            RowTask::Classification => "accuracy",
            _ => "rmse",
        }
    }
}

/// One row of a synthetic table and the paper's values for it (teacher, input, distilled).
#[derive(Debug, Clone, Copy)]
pub struct RowSpec {
    /// The task.
    pub task: RowTask,
    /// The paper's teacher / input / distilled values, mean and std.
    pub paper: [(f64, f64); 3],
}

/// A synthetic table: its generator and rows.
#[derive(Debug, Clone)]
pub struct SyntheticTable {
    /// `table1`, … .
    pub id: &'static str,
    /// The paper's title.
    pub title: &'static str,
    /// The data sets to draw (one per variant).
    pub kinds: Vec<SyntheticKind>,
    /// The rows computed on each data set.
    pub rows: Vec<RowSpec>,
}

/// Sizes of the synthetic experiments.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct SyntheticSizes {
    /// Input dimension `d`.
    pub dimension: usize,
    /// Training examples per repeat.
    pub train: usize,
    /// Test examples per repeat.
    pub test: usize,
    /// Repeats.
    pub repeats: usize,
}

/// Features of every repeat scaled with their training mean and std, as one tensor.
pub(super) struct Stacked {
    pub(super) train: Tensor<3>,
    pub(super) test: Tensor<3>,
}

pub(super) fn stack_scaled(
    parts: &[(&Matrix, &Matrix)],
    precision: Precision,
    device: &Device,
) -> Stacked {
    let (train_rows, cols) = (parts[0].0.rows, parts[0].0.cols);
    let test_rows = parts[0].1.rows;
    let mut train = Vec::with_capacity(parts.len() * train_rows * cols);
    let mut test = Vec::with_capacity(parts.len() * test_rows * cols);
    for (train_part, test_part) in parts {
        let scaler = Standardizer::fit(train_part);
        train.extend(scaler.transform(train_part).values);
        test.extend(scaler.transform(test_part).values);
    }
    Stacked {
        train: tensor3(&train, [parts.len(), train_rows, cols], precision, device),
        test: tensor3(&test, [parts.len(), test_rows, cols], precision, device),
    }
}

fn targets_of(task: RowTask, split: &LupiSplit, train: bool) -> Vec<f64> {
    let data = if train { &split.train } else { &split.test };
    match task {
        RowTask::Regression => data.score.clone(),
        _ => data.labels(),
    }
}

/// Draws the data of every repeat for one kind.
pub fn draw_splits(
    table: &str,
    kind: SyntheticKind,
    sizes: &SyntheticSizes,
    seed: u64,
) -> Vec<LupiSplit> {
    let variant = match kind {
        SyntheticKind::SampleDependent(variant) => variant.name(),
        _ => "",
    };
    (0..sizes.repeats)
        .map(|repeat| {
            let mut rng = ChaCha8Rng::seed_from_u64(derive_seed(
                seed,
                &[table, variant, "data"],
                repeat as u64,
            ));
            generate(kind, sizes.dimension, sizes.train, sizes.test, &mut rng)
        })
        .collect()
}

/// Runs one row on the given draws: teacher, input, distilled, gd (classification), and the
/// controls self-distilled (teacher trained on `x`) and mean.
pub fn run_row(
    table: &str,
    variant: Option<SampleDependentVariant>,
    spec: &RowSpec,
    splits: &[LupiSplit],
    params: &LupiParams,
    mode: TeacherTargets,
) -> Result<RowResult> {
    let device = evaluation_device();
    let precision = params.precision;
    let repeats = splits.len();
    let task = spec.task;
    let base = task.base_loss();
    let params = LupiParams {
        base_loss: base,
        ..params.clone()
    }
    .validate()?;
    let labels = [
        table,
        variant.map_or("", SampleDependentVariant::name),
        task.name(),
    ];

    let input = stack_scaled(
        &splits
            .iter()
            .map(|s| (&s.train.input, &s.test.input))
            .collect::<Vec<_>>(),
        precision,
        &device,
    );
    let privileged = stack_scaled(
        &splits
            .iter()
            .map(|s| (&s.train.privileged, &s.test.privileged))
            .collect::<Vec<_>>(),
        precision,
        &device,
    );
    let train_rows = splits[0].train.len();
    let train_targets: Vec<f64> = splits
        .iter()
        .flat_map(|s| targets_of(task, s, true))
        .collect();
    let test_targets: Vec<Vec<f64>> = splits.iter().map(|s| targets_of(task, s, false)).collect();
    let train_targets = tensor3(&train_targets, [repeats, train_rows, 1], precision, &device);

    let scope = labels.join("/");
    let architecture = |inputs| Architecture {
        inputs,
        hidden: params.hidden.clone(),
        outputs: 1,
    };
    let plain = Objective::Targets {
        base,
        targets: train_targets.clone(),
    };
    let steps = params.steps;
    let privileged_width = privileged.train.dims()[2];
    let input_width = input.train.dims()[2];
    let teacher = train_batch(
        &scope,
        "teacher",
        architecture(privileged_width),
        &privileged.train,
        &plain,
        &params,
        steps,
    )?;
    let teacher_test_outputs = teacher.forward(privileged.test.clone());
    let teacher_train_outputs = teacher_outputs(
        mode,
        &scope,
        &teacher,
        base,
        &privileged.train,
        &train_targets,
        &params,
        steps,
    )?;
    let self_teacher = train_batch(
        &scope,
        "self_teacher",
        architecture(input_width),
        &input.train,
        &plain,
        &params,
        steps,
    )?;
    let self_scope = format!("{scope}/self");
    let self_teacher_outputs = teacher_outputs(
        mode,
        &self_scope,
        &self_teacher,
        base,
        &input.train,
        &train_targets,
        &params,
        steps,
    )?;

    let meta = params.meta_loss();
    let role = |name: &str, targets| StudentRole {
        name: name.to_string(),
        targets,
    };
    let mut roles = vec![
        role("input", train_targets.clone()),
        role(
            "distilled",
            meta.mixed_target(teacher_train_outputs.clone(), train_targets.clone()),
        ),
    ];
    if task == RowTask::Classification {
        let distillation = params.generalized_distillation()?;
        roles.push(role(
            "gd",
            distillation.mixed_target(teacher_train_outputs, train_targets.clone()),
        ));
    }
    roles.push(role(
        "self_distilled",
        meta.mixed_target(self_teacher_outputs, train_targets),
    ));
    let students = train_students(
        &scope,
        base,
        &params.hidden,
        &input.train,
        &roles,
        &params,
        steps,
    )?;

    let score = |outputs: &[f64], targets: &[f64]| match task {
        RowTask::Classification => accuracy_from_logits(outputs, targets),
        _ => rmse(outputs, targets),
    };
    let test_rows = test_targets[0].len();
    let per_repeat = |outputs: &[f64], offset: usize| -> Vec<f64> {
        (0..repeats)
            .map(|repeat| {
                let start = (offset + repeat) * test_rows;
                score(&outputs[start..start + test_rows], &test_targets[repeat])
            })
            .collect()
    };

    let mut models = vec![(
        "teacher".to_string(),
        Summary::new(per_repeat(&to_host(teacher_test_outputs), 0)),
    )];
    for (name, student) in &students {
        let outputs = to_host(student.forward(input.test.clone()));
        models.push((name.clone(), Summary::new(per_repeat(&outputs, 0))));
    }
    let mean_values = splits
        .iter()
        .zip(&test_targets)
        .map(|(split, targets)| {
            let train = targets_of(task, split, true);
            let mean = train.iter().sum::<f64>() / train.len() as f64;
            // The majority class of 0/1 labels is 1 exactly when the mean label exceeds 1/2.
            let constant = match task {
                RowTask::Classification => {
                    if mean > 0.5 {
                        1.0
                    } else {
                        -1.0
                    }
                }
                _ => mean,
            };
            score(&vec![constant; targets.len()], targets)
        })
        .collect();
    models.push(("mean".to_string(), Summary::new(mean_values)));

    let models = Ordered(models);
    let distilled_minus_input = PairedDifference::new(
        &models
            .get("distilled")
            .map(|s| s.values.clone())
            .unwrap_or_default(),
        &models
            .get("input")
            .map(|s| s.values.clone())
            .unwrap_or_default(),
    );
    let paper = Ordered(
        ["teacher", "input", "distilled"]
            .iter()
            .zip(spec.paper)
            .map(|(name, (mean, std))| (name.to_string(), PaperValue { mean, std }))
            .collect(),
    );
    Ok(RowResult {
        task: task.name().to_string(),
        variant: variant.map(|v| v.name().to_string()),
        metric: task.metric().to_string(),
        models,
        paper,
        distilled_minus_input,
    })
}
