//! Table 5: MNIST digits, the 28 × 28 image privileged, its 7 × 7 average-pooled version as
//! input, 500 training images per repeat, all 10,000 test images.

use std::path::PathBuf;
use std::time::Instant;

use burn::tensor::Tensor;
use rand::SeedableRng;
use rand::seq::index::sample;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::result::{Ordered, PaperValue, RowResult, Seconds, TableResult};
use super::runner::{outputs_per_model, train_batch};
use super::seeds::derive_seed;
use super::{LupiParams, thread_cpu_seconds};
use crate::compute::{Precision, evaluation_device, tensor3, tensor3_from_f32};
use crate::data::mnist::pooling::{PIXELS, POOLED_PIXELS};
use crate::data::mnist::{LabeledImages, locate, pooled_view, privileged_view};
use crate::distillation::{TeacherTargets, teacher_outputs};
use crate::error::{LupiError, Result};
use crate::evaluation::{PairedDifference, Summary, argmax_accuracy};
use crate::losses::{BaseLoss, TeacherTarget, Temperature, WeightMode};
use crate::models::{Architecture, Initialization};
use crate::training::{Objective, OptimizerKind, Schedule};

/// The paper's teacher / input / distilled accuracies.
pub const PAPER: [(f64, f64); 3] = [(0.81, 0.04), (0.67, 0.06), (0.76, 0.05)];

/// Number of classes.
const CLASSES: usize = 10;

/// Hidden layers of every network: 16 then 32 ReLU units.
pub const HIDDEN: [usize; 2] = [16, 32];

/// How the networks are trained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Protocol {
    /// Every network gets the same budget: full-batch Adam at 0.01 with cosine decay, 200
    /// steps, PyTorch-style uniform initialisation, `T = 1`, soft teacher probabilities.
    #[default]
    Equal,
    /// The authors' released script: RMSprop at 0.01, dropout 0.2 after each hidden layer, 50
    /// full-batch steps for the teacher and the input model but 700 for the distilled student,
    /// `T = 0.6`, the teacher's arg-max as a hard target, one weight per batch. Adds the
    /// control `input_long`: the input model trained 700 steps.
    Paper,
}

impl std::str::FromStr for Protocol {
    type Err = LupiError;

    fn from_str(text: &str) -> Result<Self> {
        match text {
            "equal" => Ok(Protocol::Equal),
            "paper" => Ok(Protocol::Paper),
            other => Err(LupiError::invalid(
                "protocol",
                other,
                "expected equal or paper",
            )),
        }
    }
}

/// Options of the MNIST reproduction.
#[derive(Debug, Clone, PartialEq)]
pub struct MnistOptions {
    /// Repeats (the paper: 10).
    pub repeats: usize,
    /// Seed of every draw.
    pub seed: u64,
    /// Training protocol.
    pub protocol: Protocol,
    /// Where the four IDX files are (else `LUPI_DATA_DIR`, else the user's cache).
    pub data_dir: Option<PathBuf>,
    /// Training images per repeat (the paper: 500).
    pub train_size: usize,
    /// Tensor precision.
    pub precision: Precision,
    /// In-sample or cross-fitted teacher targets.
    pub teacher_targets: TeacherTargets,
}

impl Default for MnistOptions {
    fn default() -> Self {
        MnistOptions {
            repeats: 10,
            seed: 0,
            protocol: Protocol::Equal,
            data_dir: None,
            train_size: 500,
            precision: Precision::F32,
            teacher_targets: TeacherTargets::InSample,
        }
    }
}

/// The step budgets of a protocol: (teacher and input model, distilled student).
pub fn budgets(protocol: Protocol) -> (usize, usize) {
    match protocol {
        Protocol::Equal => (200, 200),
        Protocol::Paper => (50, 700),
    }
}

/// The parameter set of a protocol (its step count is the teacher's budget).
pub fn params(protocol: Protocol, options: &MnistOptions) -> Result<LupiParams> {
    let base = LupiParams::new(BaseLoss::SoftmaxCrossEntropy)
        .hidden(HIDDEN.to_vec())
        .initialization(Initialization::Uniform)
        .learning_rate(0.01)
        .seed(options.seed)
        .precision(options.precision)
        .steps(budgets(protocol).0);
    let params = match protocol {
        Protocol::Equal => base
            .optimizer(OptimizerKind::Adam)
            .schedule(Schedule::Cosine)
            .temperature(Temperature::new(1.0)?),
        Protocol::Paper => base
            .optimizer(OptimizerKind::RmsProp)
            .schedule(Schedule::Constant)
            .dropout(0.2)
            .temperature(Temperature::new(0.6)?)
            .teacher_target(TeacherTarget::Hard)
            .weight_mode(WeightMode::BatchMean),
    };
    params.validate()
}

/// One repeat's training views, flattened.
fn views(images: &LabeledImages, indices: &[usize]) -> Result<(Vec<f32>, Vec<f32>, Vec<f64>)> {
    let mut privileged = Vec::with_capacity(indices.len() * PIXELS);
    let mut input = Vec::with_capacity(indices.len() * POOLED_PIXELS);
    let mut one_hot = vec![0.0; indices.len() * CLASSES];
    for (row, &index) in indices.iter().enumerate() {
        let image = images
            .images
            .image(index)
            .ok_or_else(|| LupiError::Data(format!("MNIST image {index} is missing")))?;
        privileged.extend(privileged_view(image)?);
        input.extend(pooled_view(image)?);
        one_hot[row * CLASSES + usize::from(images.labels.0[index])] = 1.0;
    }
    Ok((privileged, input, one_hot))
}

/// Reproduces Table 5.
pub fn run(options: &MnistOptions) -> Result<TableResult> {
    if options.repeats == 0 {
        return Err(LupiError::invalid("repeats", 0, "must be ≥ 1"));
    }
    let started = Instant::now();
    let cpu_start = thread_cpu_seconds();
    let files = locate(options.data_dir.clone())?;
    let train = files.load_train()?;
    let test = files.load_test()?;
    if options.train_size == 0 || options.train_size > train.images.count {
        return Err(LupiError::invalid(
            "train_size",
            options.train_size,
            format!("must be between 1 and {}", train.images.count),
        ));
    }
    tracing::info!(protocol = ?options.protocol, repeats = options.repeats, "MNIST loaded");

    let device = evaluation_device();
    let precision = options.precision;
    let (repeats, rows) = (options.repeats, options.train_size);
    let mut privileged = Vec::with_capacity(repeats * rows * PIXELS);
    let mut input = Vec::with_capacity(repeats * rows * POOLED_PIXELS);
    let mut labels = Vec::with_capacity(repeats * rows * CLASSES);
    let mut majority = Vec::with_capacity(repeats);
    for repeat in 0..repeats {
        let mut rng = ChaCha8Rng::seed_from_u64(derive_seed(
            options.seed,
            &["table5", "draw"],
            repeat as u64,
        ));
        let indices = sample(&mut rng, train.images.count, rows).into_vec();
        let (repeat_privileged, repeat_input, repeat_labels) = views(&train, &indices)?;
        let mut counts = [0usize; CLASSES];
        indices
            .iter()
            .for_each(|&index| counts[usize::from(train.labels.0[index])] += 1);
        majority.push(
            (0..CLASSES)
                .max_by_key(|&class| (counts[class], usize::MAX - class))
                .unwrap_or(0),
        );
        privileged.extend(repeat_privileged);
        input.extend(repeat_input);
        labels.extend(repeat_labels);
    }
    let privileged = tensor3_from_f32(privileged, [repeats, rows, PIXELS], precision, &device);
    let input = tensor3_from_f32(input, [repeats, rows, POOLED_PIXELS], precision, &device);
    let labels = tensor3(&labels, [repeats, rows, CLASSES], precision, &device);

    // The test set is the same for every repeat: one tensor with a leading 1, broadcast
    // against each batch's weights, so evaluation is one forward pass per batch.
    let all_test: Vec<usize> = (0..test.images.count).collect();
    let (test_privileged, test_input, _) = views(&test, &all_test)?;
    let test_rows = all_test.len();
    let test_privileged =
        tensor3_from_f32(test_privileged, [1, test_rows, PIXELS], precision, &device);
    let test_input = tensor3_from_f32(
        test_input,
        [1, test_rows, POOLED_PIXELS],
        precision,
        &device,
    );
    let test_labels: Vec<usize> = test
        .labels
        .0
        .iter()
        .map(|&label| usize::from(label))
        .collect();

    let params = params(options.protocol, options)?;
    let (short, long) = budgets(options.protocol);
    let scope = "table5";
    let network = |inputs| Architecture {
        inputs,
        hidden: HIDDEN.to_vec(),
        outputs: CLASSES,
    };
    let plain = |targets: Tensor<3>| Objective::Targets {
        base: BaseLoss::SoftmaxCrossEntropy,
        targets,
    };

    let teacher = train_batch(
        scope,
        "teacher",
        network(PIXELS),
        &privileged,
        &plain(labels.clone()),
        &params,
        short,
    )?;
    let mode = options.teacher_targets;
    let base = BaseLoss::SoftmaxCrossEntropy;
    let teacher_train_outputs = teacher_outputs(
        mode,
        scope,
        &teacher,
        base,
        &privileged,
        &labels,
        &params,
        short,
    )?;
    let self_teacher = train_batch(
        scope,
        "self_teacher",
        network(POOLED_PIXELS),
        &input,
        &plain(labels.clone()),
        &params,
        short,
    )?;
    let self_teacher_outputs = teacher_outputs(
        mode,
        "table5/self",
        &self_teacher,
        base,
        &input,
        &labels,
        &params,
        short,
    )?;

    let meta = params.meta_loss();
    let distillation = params.generalized_distillation()?;
    let mut students: Vec<(&str, Tensor<3>)> = vec![
        (
            "distilled",
            meta.mixed_target(teacher_train_outputs.clone(), labels.clone()),
        ),
        (
            "gd",
            distillation.mixed_target(teacher_train_outputs, labels.clone()),
        ),
        (
            "self_distilled",
            meta.mixed_target(self_teacher_outputs, labels.clone()),
        ),
    ];
    let mut batches: Vec<(Vec<&str>, usize)> = Vec::new();
    match options.protocol {
        Protocol::Equal => students.insert(0, ("input", labels.clone())),
        Protocol::Paper => {
            students.push(("input_long", labels.clone()));
            batches.push((vec!["input"], short));
        }
    }
    batches.push((students.iter().map(|(role, _)| *role).collect(), long));

    let mut accuracies: Vec<(String, Vec<f64>)> = Vec::new();
    let score = |outputs: Tensor<3>| -> Vec<f64> {
        outputs_per_model(outputs)
            .iter()
            .map(|scores| argmax_accuracy(scores, CLASSES, &test_labels))
            .collect()
    };
    let teacher_accuracy = score(teacher.forward(test_privileged));
    accuracies.push(("teacher".into(), teacher_accuracy));
    for (roles, steps) in batches {
        let targets: Vec<Tensor<3>> = roles
            .iter()
            .map(|role| {
                students
                    .iter()
                    .find(|(name, _)| name == role)
                    .map_or_else(|| labels.clone(), |(_, targets)| targets.clone())
            })
            .collect();
        let copies = roles.len();
        let features = Tensor::cat(vec![input.clone(); copies], 0);
        let objective = plain(Tensor::cat(targets, 0));
        let trained = train_batch(
            scope,
            &roles.join("+"),
            network(POOLED_PIXELS),
            &features,
            &objective,
            &params,
            steps,
        )?;
        let values = score(trained.forward(test_input.clone()));
        for (index, role) in roles.iter().enumerate() {
            accuracies.push((
                role.to_string(),
                values[index * repeats..(index + 1) * repeats].to_vec(),
            ));
        }
    }
    let mean_accuracy = majority
        .iter()
        .map(|&class| {
            test_labels.iter().filter(|&&label| label == class).count() as f64 / test_rows as f64
        })
        .collect();
    accuracies.push(("mean".into(), mean_accuracy));

    let order = [
        "teacher",
        "input",
        "input_long",
        "distilled",
        "gd",
        "self_distilled",
        "mean",
    ];
    let models = Ordered(
        order
            .iter()
            .filter_map(|name| {
                accuracies
                    .iter()
                    .find(|(role, _)| role == name)
                    .map(|(role, values)| (role.clone(), Summary::new(values.clone())))
            })
            .collect(),
    );
    let values_of = |name: &str| {
        models
            .get(name)
            .map(|s| s.values.clone())
            .unwrap_or_default()
    };
    let row = RowResult {
        task: "classification".into(),
        variant: Some(match options.protocol {
            Protocol::Equal => "equal".into(),
            Protocol::Paper => "paper".into(),
        }),
        metric: "accuracy".into(),
        distilled_minus_input: PairedDifference::new(&values_of("distilled"), &values_of("input")),
        models,
        paper: Ordered(
            ["teacher", "input", "distilled"]
                .iter()
                .zip(PAPER)
                .map(|(name, (mean, std))| (name.to_string(), PaperValue { mean, std }))
                .collect(),
        ),
    };
    Ok(TableResult {
        table: "table5".into(),
        title: "MNIST: 28×28 images privileged, 7×7 input".into(),
        seed: options.seed,
        repeats,
        settings: serde_json::json!({
            "protocol": options.protocol,
            "teacher_targets": options.teacher_targets.to_string(),
            "train_images": rows,
            "test_images": test_rows,
            "input": "7×7 average pooling of 4×4 blocks, scaled to [0, 1]",
            "privileged": "28×28 pixels scaled to [0, 1]",
            "steps": {"teacher": short, "input": short, "distilled": long, "gd": long,
                      "self_teacher": short, "self_distilled": long, "input_long": long},
            "params": params,
        }),
        seconds: Seconds {
            wall: started.elapsed().as_secs_f64(),
            cpu: thread_cpu_seconds() - cpu_start,
            phases: Vec::new(),
        },
        rows: vec![row],
    })
}
