//! Table 6: protein–protein binding affinity. Predict ΔG from sequence (2-mer composition,
//! input) with interface contacts of the bound structure (NIRP, privileged), scored by
//! leave-one-complex-out cross-validation; LUPI-SVM as the classification baseline.
//!
//! Everything that learns from data — the feature scalers, the target scaling, the teachers,
//! the inner cross-validation choosing `T`, the students and the SVMs — is fitted inside each
//! fold on that fold's training complexes only. (The authors' code trained one teacher on all
//! complexes, which leaks the held-out complex into its students.)

use std::path::{Path, PathBuf};
use std::time::Instant;

use nalgebra::DMatrix;
use serde::Serialize;

use super::result::{Ordered, PaperValue, Phase, RowResult, Seconds, TableResult};
use super::seeds::derive_seed;
use super::thread_cpu_seconds;
use crate::compute::{Precision, evaluation_device, tensor3, to_host};
use crate::data::affinity::{
    AffinityDataset, DatasetOptions, LeftOut, LeftOutReason, build_dataset,
};
use crate::data::{Matrix, Standardizer};
use crate::distillation::{TeacherTargets, cross_fit_assignment};
use crate::error::{LupiError, Result};
use crate::evaluation::{PairedDifference, Summary, auc_pr, auc_roc, pearson, rmse, spearman};
use crate::losses::{BaseLoss, MetaLoss, Temperature};
use crate::models::lupi_svm::{FeatureMatrix, LupiSvmParams};
use crate::training::GramRidge;

/// ΔG below this (kcal/mol) is "high affinity", as in the paper.
pub const HIGH_AFFINITY: f64 = -10.86;

/// The temperatures tried by the inner cross-validation.
pub fn temperature_grid() -> Vec<Temperature> {
    [0.0, 0.5, 1.0, 2.0, 5.0, 10.0, f64::INFINITY]
        .into_iter()
        .map(|value| Temperature::new(value).unwrap_or(Temperature::ZERO))
        .collect()
}

/// Options of the affinity reproduction.
#[derive(Debug, Clone, PartialEq)]
pub struct AffinityOptions {
    /// The affinity folder (or a folder holding `affinity/`); else `LUPI_DATA_DIR`.
    pub data_dir: Option<PathBuf>,
    /// Heavy-atom distance (Å) under which two residues interact (default 8).
    pub contact_cutoff: f64,
    /// Keep complexes with censored ΔG at their bound (default: leave them out).
    pub keep_censored: bool,
    /// Ridge penalty λ of every linear model (features standardised, targets scaled to unit
    /// variance; default 1).
    pub ridge: f64,
    /// In-sample or cross-fitted teacher outputs for the students.
    pub teacher_targets: TeacherTargets,
    /// Folds of the inner cross-validation that chooses `T` (default 5).
    pub inner_folds: usize,
    /// Seed of the inner folds and of the SVMs' example order.
    pub seed: u64,
    /// Worker threads over the outer folds (results do not depend on it).
    pub threads: usize,
}

impl Default for AffinityOptions {
    fn default() -> Self {
        AffinityOptions {
            data_dir: None,
            contact_cutoff: 8.0,
            keep_censored: false,
            ridge: 1.0,
            teacher_targets: TeacherTargets::InSample,
            inner_folds: 5,
            seed: 0,
            threads: 1,
        }
    }
}

/// Finds the affinity folder: `dir` itself when it holds `PPAB_V2.csv`, else `dir/affinity`.
pub fn locate(data_dir: Option<PathBuf>) -> Result<PathBuf> {
    let root = data_dir
        .or_else(|| {
            std::env::var_os("LUPI_DATA_DIR")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .ok_or_else(|| {
            LupiError::Data(
                "no data directory for the affinity benchmark: pass `--data-dir DIR` or set \
                 `LUPI_DATA_DIR=DIR`, where DIR holds PPAB_V2.csv and structures/ (or an \
                 affinity/ folder with them)"
                    .into(),
            )
        })?;
    for candidate in [root.clone(), root.join("affinity")] {
        if candidate.join("PPAB_V2.csv").is_file() {
            return Ok(candidate);
        }
    }
    Err(LupiError::File {
        path: root,
        message: "no PPAB_V2.csv here or in affinity/: pass `--data-dir` pointing to the \
                  affinity benchmark folder (PPAB_V2.csv and structures/)"
            .into(),
    })
}

/// How many benchmark rows were left out, and why, for the first few of them.
fn describe_left_out(left_out: &[LeftOut]) -> String {
    const QUOTED: usize = 3;
    if left_out.is_empty() {
        return String::new();
    }
    let mut parts: Vec<String> = left_out
        .iter()
        .take(QUOTED)
        .map(|left| {
            let reasons: Vec<String> = left
                .reasons
                .iter()
                .map(|reason| match reason {
                    LeftOutReason::MissingStructures { missing } => {
                        let files: Vec<String> = missing
                            .iter()
                            .map(|path| path.display().to_string())
                            .collect();
                        format!("missing {}", files.join(" and "))
                    }
                    LeftOutReason::CensoredDeltaG => {
                        "ΔG is censored (pass --keep-censored to keep it)".to_string()
                    }
                })
                .collect();
            format!("{}: {}", left.entry.pdb_id, reasons.join("; "))
        })
        .collect();
    if left_out.len() > QUOTED {
        parts.push(format!("and {} more", left_out.len() - QUOTED));
    }
    format!(
        "; {} benchmark rows were left out: {}",
        left_out.len(),
        parts.join(", ")
    )
}

/// What one outer fold predicts for its held-out complex.
#[derive(Debug, Clone, Default)]
struct FoldPrediction {
    input: f64,
    privileged_joint: f64,
    privileged: f64,
    distilled: f64,
    distilled_t0: f64,
    self_distilled: f64,
    mean: f64,
    chosen_temperature: usize,
    mean_weight: f64,
    svm_input: f64,
    svm_privileged: f64,
    svm_lupi: f64,
}

/// The fold's features, scaled with its training rows only.
struct FoldFeatures {
    input: Matrix,
    privileged: Matrix,
}

fn fold_features(input: &Matrix, privileged: &Matrix, train: &[usize]) -> FoldFeatures {
    let input_scaler = Standardizer::fit(&input.select_rows(train));
    let mut scaled_input = input_scaler.transform(input);
    // As the authors' code: standardise, then scale each complex's vector to unit length.
    scaled_input.scale_rows_to_unit_length();
    let privileged_scaler = Standardizer::fit(&privileged.select_rows(train));
    FoldFeatures {
        input: scaled_input,
        privileged: privileged_scaler.transform(privileged),
    }
}

fn gram(matrix: &Matrix) -> DMatrix<f64> {
    let rows = DMatrix::from_row_slice(matrix.rows, matrix.cols, &matrix.values);
    &rows * rows.transpose()
}

fn column(values: &[f64]) -> DMatrix<f64> {
    DMatrix::from_column_slice(values.len(), 1, values)
}

/// The teacher's outputs on `rows`: its own predictions, or out-of-fold ones.
fn teacher_on(
    gram: &DMatrix<f64>,
    rows: &[usize],
    targets: &[f64],
    lambda: f64,
    mode: TeacherTargets,
    seed: u64,
) -> Result<Vec<f64>> {
    match mode {
        TeacherTargets::InSample => {
            let ridge = GramRidge::fit_relative(gram, rows, &column(targets), lambda)?;
            Ok(ridge
                .predict(gram, rows)
                .column(0)
                .iter()
                .copied()
                .collect())
        }
        TeacherTargets::CrossFit(folds) => {
            let assignment = cross_fit_assignment(rows.len(), folds.min(rows.len()), seed);
            let mut outputs = vec![0.0; rows.len()];
            for fold in 0..folds.min(rows.len()) {
                let (train, held): (Vec<usize>, Vec<usize>) =
                    (0..rows.len()).partition(|&position| assignment[position] != fold);
                let train_rows: Vec<usize> = train.iter().map(|&p| rows[p]).collect();
                let train_targets: Vec<f64> = train.iter().map(|&p| targets[p]).collect();
                let held_rows: Vec<usize> = held.iter().map(|&p| rows[p]).collect();
                let ridge =
                    GramRidge::fit_relative(gram, &train_rows, &column(&train_targets), lambda)?;
                let predicted = ridge.predict(gram, &held_rows);
                for (index, &position) in held.iter().enumerate() {
                    outputs[position] = predicted[(index, 0)];
                }
            }
            Ok(outputs)
        }
    }
}

/// Mixed targets `(1 − w) y + w t` of the squared-error meta-loss for every temperature,
/// with the library's [`MetaLoss`], and the mean weight of each.
fn mixed_targets(
    teacher: &[f64],
    targets: &[f64],
    temperatures: &[Temperature],
) -> (Vec<Vec<f64>>, Vec<f64>) {
    let device = evaluation_device();
    let shape = [1, targets.len(), 1];
    let teacher_tensor = tensor3(teacher, shape, Precision::F64, &device);
    let target_tensor = tensor3(targets, shape, Precision::F64, &device);
    temperatures
        .iter()
        .map(|&temperature| {
            let loss = MetaLoss::new(BaseLoss::SquaredError, temperature);
            let weights = to_host(
                loss.weights(loss.teacher_loss(teacher_tensor.clone(), target_tensor.clone())),
            );
            let mixed = to_host(loss.mixed_target(teacher_tensor.clone(), target_tensor.clone()));
            (
                mixed,
                weights.iter().sum::<f64>() / weights.len().max(1) as f64,
            )
        })
        .unzip()
}

struct FoldContext<'a> {
    dataset: &'a AffinityDataset,
    input: &'a Matrix,
    privileged: &'a Matrix,
    options: &'a AffinityOptions,
    grid: &'a [Temperature],
    svm: &'a LupiSvmParams,
}

fn run_fold(context: &FoldContext<'_>, held_out: usize) -> Result<FoldPrediction> {
    let options = context.options;
    let lambda = options.ridge;
    let complexes = context.dataset.complexes.len();
    let train: Vec<usize> = (0..complexes).filter(|&row| row != held_out).collect();
    let features = fold_features(context.input, context.privileged, &train);
    let input_gram = gram(&features.input);
    let privileged_gram = gram(&features.privileged);
    // The Gram matrix of the concatenation [x, x*] is the sum of the two.
    let joint_gram = &input_gram + &privileged_gram;

    let delta_g: Vec<f64> = context
        .dataset
        .complexes
        .iter()
        .map(|c| c.delta_g)
        .collect();
    let train_delta_g: Vec<f64> = train.iter().map(|&row| delta_g[row]).collect();
    let target_mean = train_delta_g.iter().sum::<f64>() / train.len() as f64;
    let target_scale = (train_delta_g
        .iter()
        .map(|v| (v - target_mean).powi(2))
        .sum::<f64>()
        / train.len() as f64)
        .sqrt()
        .max(f64::MIN_POSITIVE);
    let scaled: Vec<f64> = train_delta_g
        .iter()
        .map(|v| (v - target_mean) / target_scale)
        .collect();
    let unscale = |value: f64| value * target_scale + target_mean;
    let seed = |label: &str, index: usize| {
        derive_seed(
            options.seed,
            &["table6", label],
            (held_out * 1000 + index) as u64,
        )
    };

    // Inner cross-validation on the fold's training complexes chooses T.
    let inner = cross_fit_assignment(train.len(), options.inner_folds, seed("inner", 0));
    let mut inner_errors = vec![0.0; context.grid.len()];
    for fold in 0..options.inner_folds {
        let (fit_positions, check_positions): (Vec<usize>, Vec<usize>) =
            (0..train.len()).partition(|&position| inner[position] != fold);
        let fit_rows: Vec<usize> = fit_positions.iter().map(|&p| train[p]).collect();
        let check_rows: Vec<usize> = check_positions.iter().map(|&p| train[p]).collect();
        let fit_targets: Vec<f64> = fit_positions.iter().map(|&p| scaled[p]).collect();
        let teacher = teacher_on(
            &joint_gram,
            &fit_rows,
            &fit_targets,
            lambda,
            options.teacher_targets,
            seed("inner-teacher", fold),
        )?;
        let (mixed, _) = mixed_targets(&teacher, &fit_targets, context.grid);
        let columns = DMatrix::from_fn(fit_rows.len(), mixed.len(), |row, col| mixed[col][row]);
        let students = GramRidge::fit_relative(&input_gram, &fit_rows, &columns, lambda)?;
        let predicted = students.predict(&input_gram, &check_rows);
        for (position_index, &position) in check_positions.iter().enumerate() {
            for (index, error) in inner_errors.iter_mut().enumerate() {
                *error += (predicted[(position_index, index)] - scaled[position]).powi(2);
            }
        }
    }
    // Ties go to the first temperature of the grid (the smaller one).
    let chosen = (0..context.grid.len()).fold(0, |best, index| {
        if inner_errors[index] < inner_errors[best] {
            index
        } else {
            best
        }
    });

    // Teachers on [x, x*] (the authors' privileged model) and on x* alone.
    let joint = GramRidge::fit_relative(&joint_gram, &train, &column(&scaled), lambda)?;
    let privileged_only =
        GramRidge::fit_relative(&privileged_gram, &train, &column(&scaled), lambda)?;
    // In-sample, the students' teacher is the joint model just fitted: predict with it
    // rather than solve the same system again.
    let teacher = match options.teacher_targets {
        TeacherTargets::InSample => joint
            .predict(&joint_gram, &train)
            .column(0)
            .iter()
            .copied()
            .collect(),
        TeacherTargets::CrossFit(_) => teacher_on(
            &joint_gram,
            &train,
            &scaled,
            lambda,
            options.teacher_targets,
            seed("teacher", 0),
        )?,
    };
    let self_teacher = teacher_on(
        &input_gram,
        &train,
        &scaled,
        lambda,
        options.teacher_targets,
        seed("self-teacher", 0),
    )?;
    let (mixed, mean_weights) = mixed_targets(&teacher, &scaled, context.grid);
    let (self_mixed, _) = mixed_targets(&self_teacher, &scaled, context.grid);
    let zero = context
        .grid
        .iter()
        .position(|t| t.value() == 0.0)
        .unwrap_or(0);
    let student_targets = [
        scaled.clone(),
        mixed[chosen].clone(),
        mixed[zero].clone(),
        self_mixed[chosen].clone(),
    ];
    let columns = DMatrix::from_fn(train.len(), student_targets.len(), |row, col| {
        student_targets[col][row]
    });
    let students = GramRidge::fit_relative(&input_gram, &train, &columns, lambda)?;
    let predicted = students.predict(&input_gram, &[held_out]);

    // LUPI-SVM: high affinity (+1) against the rest, on the same scaled features.
    let labels: Vec<bool> = train
        .iter()
        .map(|&row| delta_g[row] < HIGH_AFFINITY)
        .collect();
    let train_input = features.input.select_rows(&train);
    let mut unit_privileged = features.privileged.clone();
    unit_privileged.scale_rows_to_unit_length();
    let train_privileged = unit_privileged.select_rows(&train);
    let as_svm =
        |matrix: &Matrix| FeatureMatrix::from_flat(matrix.values.clone(), matrix.rows, matrix.cols);
    let svm_input = as_svm(&train_input)?;
    let svm_privileged = as_svm(&train_privileged)?;
    let input_only = context.svm.fit_matrices(&svm_input, None, &labels)?;
    let privileged_svm = context
        .svm
        .fit_privileged_only_matrix(&svm_privileged, &labels)?;
    let lupi_svm = context
        .svm
        .fit_matrices(&svm_input, Some(&svm_privileged), &labels)?;

    Ok(FoldPrediction {
        input: unscale(predicted[(0, 0)]),
        privileged_joint: unscale(joint.predict(&joint_gram, &[held_out])[(0, 0)]),
        privileged: unscale(privileged_only.predict(&privileged_gram, &[held_out])[(0, 0)]),
        distilled: unscale(predicted[(0, 1)]),
        distilled_t0: unscale(predicted[(0, 2)]),
        self_distilled: unscale(predicted[(0, 3)]),
        mean: target_mean,
        chosen_temperature: chosen,
        mean_weight: mean_weights[chosen],
        svm_input: input_only.decision_value(features.input.row(held_out))?,
        svm_privileged: privileged_svm.decision_value(unit_privileged.row(held_out))?,
        svm_lupi: lupi_svm.decision_value(features.input.row(held_out))?,
    })
}

/// How the features were built and checked.
#[derive(Debug, Clone, Serialize)]
pub struct FeatureReport {
    /// Complexes used.
    pub complexes: usize,
    /// Rows left out, with reasons.
    pub left_out: Vec<String>,
    /// Agreement of the contact counter with PRODIGY's published counts at 5.5 Å.
    pub prodigy: serde_json::Value,
}

fn feature_report(dataset: &AffinityDataset, directory: &Path) -> FeatureReport {
    let left_out = dataset
        .left_out
        .iter()
        .map(|left| {
            let reasons: Vec<&str> = left
                .reasons
                .iter()
                .map(|reason| match reason {
                    LeftOutReason::MissingStructures { .. } => "no structure files",
                    LeftOutReason::CensoredDeltaG => "censored ΔG",
                })
                .collect();
            format!(
                "{} (row {}): {}",
                left.entry.complex,
                left.entry.row,
                reasons.join("; ")
            )
        })
        .collect();
    let prodigy = match crate::data::affinity::read_prodigy_reference(
        &directory.join("prodigy_dataset.json"),
    ) {
        Ok(reference) => {
            let comparison =
                crate::data::affinity::compare_with_prodigy(&dataset.prodigy_counts(), &reference);
            serde_json::json!({
                "complexes": comparison.per_complex.len(),
                "mean_absolute_difference": comparison.overall_mean_absolute_difference,
                "pearson": comparison.pearson,
            })
        }
        Err(error) => serde_json::json!({ "error": error.to_string() }),
    };
    FeatureReport {
        complexes: dataset.complexes.len(),
        left_out,
        prodigy,
    }
}

/// Reproduces Table 6.
pub fn run(options: &AffinityOptions) -> Result<TableResult> {
    if options.inner_folds < 2 {
        return Err(LupiError::invalid(
            "inner-folds",
            options.inner_folds,
            "must be ≥ 2",
        ));
    }
    if options.threads == 0 {
        return Err(LupiError::invalid("threads", 0, "must be ≥ 1"));
    }
    // Checked before the features are built, and as given: the ridge solver sees λ scaled by
    // the Gram matrix's trace, which would make its own message quote another number.
    if !(options.ridge.is_finite() && options.ridge > 0.0) {
        return Err(LupiError::invalid(
            "ridge",
            options.ridge,
            "must be finite and > 0",
        ));
    }
    if !(options.contact_cutoff.is_finite() && options.contact_cutoff > 0.0) {
        return Err(LupiError::invalid(
            "contact-cutoff",
            options.contact_cutoff,
            "must be a finite distance > 0 Å",
        ));
    }
    let started = Instant::now();
    let cpu_start = thread_cpu_seconds();
    let directory = locate(options.data_dir.clone())?;
    let dataset_options = DatasetOptions {
        nirp_cutoff: options.contact_cutoff,
        keep_censored: options.keep_censored,
        ..DatasetOptions::default()
    };
    let dataset = build_dataset(&directory, &dataset_options)?;
    let feature_phase = Phase {
        name: "features".into(),
        wall: started.elapsed().as_secs_f64(),
        cpu: thread_cpu_seconds() - cpu_start,
    };
    let complexes = dataset.complexes.len();
    if complexes < options.inner_folds + 2 {
        return Err(LupiError::Data(format!(
            "only {complexes} complexes: too few for the cross-validation (at least {} \
             needed){}",
            options.inner_folds + 2,
            describe_left_out(&dataset.left_out)
        )));
    }
    tracing::info!(
        complexes,
        left_out = dataset.left_out.len(),
        "affinity features built"
    );

    let flatten = |pick: fn(&crate::data::affinity::ComplexRecord) -> &Vec<f64>| {
        let width = pick(&dataset.complexes[0]).len();
        Matrix::new(
            complexes,
            width,
            dataset
                .complexes
                .iter()
                .flat_map(|c| pick(c).iter().copied())
                .collect(),
        )
    };
    let input = flatten(|c| &c.input_features)?;
    let privileged = flatten(|c| &c.privileged_features)?;
    let grid = temperature_grid();
    let svm = LupiSvmParams::builder().seed(options.seed).build()?;
    let context = FoldContext {
        dataset: &dataset,
        input: &input,
        privileged: &privileged,
        options,
        grid: &grid,
        svm: &svm,
    };

    // Folds are independent; thread t takes folds t, t + threads, … so the numbers do not
    // depend on the thread count.
    let training_started = Instant::now();
    let outcomes: Vec<Vec<(usize, Result<FoldPrediction>, f64)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..options.threads.min(complexes))
            .map(|thread| {
                let context = &context;
                scope.spawn(move || {
                    (thread..complexes)
                        .step_by(options.threads)
                        .map(|fold| {
                            let cpu = thread_cpu_seconds();
                            let prediction = run_fold(context, fold);
                            (fold, prediction, thread_cpu_seconds() - cpu)
                        })
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().unwrap_or_default())
            .collect()
    });
    let mut predictions: Vec<Option<FoldPrediction>> = vec![None; complexes];
    let mut worker_cpu = 0.0;
    for (fold, prediction, cpu) in outcomes.into_iter().flatten() {
        predictions[fold] = Some(prediction?);
        worker_cpu += cpu;
    }
    let predictions: Vec<FoldPrediction> = predictions
        .into_iter()
        .enumerate()
        .map(|(fold, p)| p.ok_or_else(|| LupiError::Data(format!("fold {fold} did not finish"))))
        .collect::<Result<_>>()?;

    let delta_g: Vec<f64> = dataset.complexes.iter().map(|c| c.delta_g).collect();
    let negated: Vec<f64> = delta_g.iter().map(|v| -v).collect();
    let high: Vec<bool> = delta_g.iter().map(|&v| v < HIGH_AFFINITY).collect();
    type Pick = fn(&FoldPrediction) -> f64;
    let regression_models: [(&str, Pick); 7] = [
        ("input", |p| p.input),
        ("privileged_joint", |p| p.privileged_joint),
        ("privileged", |p| p.privileged),
        ("distilled", |p| p.distilled),
        ("distilled_t0", |p| p.distilled_t0),
        ("self_distilled", |p| p.self_distilled),
        ("mean", |p| p.mean),
    ];
    let svm_models: [(&str, Pick); 3] = [
        ("svm_input", |p| p.svm_input),
        ("svm_privileged", |p| p.svm_privileged),
        ("svm_lupi", |p| p.svm_lupi),
    ];
    // Scores that rise with affinity: −prediction of ΔG, or the SVM's decision value.
    let scores = |pick: Pick, regression: bool| -> Vec<f64> {
        predictions
            .iter()
            .map(|p| if regression { -pick(p) } else { pick(p) })
            .collect()
    };
    let metric_rows = ["auc_roc", "auc_pr", "spearman", "pearson", "rmse"];
    let mut rows = Vec::new();
    for metric in metric_rows {
        let mut models = Vec::new();
        let all = svm_models
            .iter()
            .map(|m| (m, false))
            .chain(regression_models.iter().map(|m| (m, true)));
        for ((name, pick), regression) in all {
            let score = scores(*pick, regression);
            let value = match metric {
                "auc_roc" => Some(auc_roc(&score, &high)?),
                "auc_pr" => Some(auc_pr(&score, &high)?),
                // The mean model predicts a near-constant: its correlation is undefined.
                "spearman" => spearman(&score, &negated).ok(),
                "pearson" => pearson(&score, &negated).ok(),
                _ if regression => Some(rmse(
                    &predictions.iter().map(pick).collect::<Vec<_>>(),
                    &delta_g,
                )),
                _ => None,
            };
            if let Some(value) = value {
                models.push((name.to_string(), Summary::new(vec![value])));
            }
        }
        let models = Ordered(models);
        let value_of = |name: &str| {
            models
                .get(name)
                .map(|s| s.values.clone())
                .unwrap_or_default()
        };
        let distilled_minus_input =
            PairedDifference::new(&value_of("distilled"), &value_of("input"));
        rows.push(RowResult {
            task: "regression".into(),
            variant: Some(metric.to_string()),
            metric: metric.to_string(),
            models,
            paper: Ordered(paper_values(metric)),
            distilled_minus_input,
        });
    }

    let mut chosen = vec![0usize; grid.len()];
    predictions
        .iter()
        .for_each(|p| chosen[p.chosen_temperature] += 1);
    let chosen_temperatures: Vec<serde_json::Value> = grid
        .iter()
        .zip(&chosen)
        .map(|(t, count)| serde_json::json!({"temperature": t, "folds": count}))
        .collect();
    let mean_weight = predictions.iter().map(|p| p.mean_weight).sum::<f64>() / complexes as f64;
    let report = feature_report(&dataset, &directory);
    Ok(TableResult {
        table: "table6".into(),
        title: "Protein binding affinity, leave-one-complex-out".into(),
        seed: options.seed,
        repeats: 1,
        settings: serde_json::json!({
            "complexes": complexes,
            "high_affinity_below": HIGH_AFFINITY,
            "high_affinity_complexes": high.iter().filter(|h| **h).count(),
            "input": "2-mer composition of receptor and ligand (800), standardised then unit length per complex",
            "privileged": format!("NIRP: interacting residue pairs by type pair (210) at {} Å, standardised", options.contact_cutoff),
            "model": "linear, squared error, ridge λ solved exactly (targets scaled to unit variance inside each fold)",
            "ridge": options.ridge,
            "teacher": "ridge on [x, x*] (the authors' privileged model)",
            "teacher_targets": options.teacher_targets.to_string(),
            "temperature_grid": grid,
            "inner_folds": options.inner_folds,
            "chosen_temperatures": chosen_temperatures,
            "mean_trust_weight_at_chosen_t": mean_weight,
            "svm": {"lambda": svm.regularization(), "lambda_star": svm.privileged_regularization(),
                    "lambda_s": svm.slack_penalty(), "epochs": svm.epochs()},
            "features": report,
        }),
        seconds: Seconds {
            wall: started.elapsed().as_secs_f64(),
            cpu: thread_cpu_seconds() - cpu_start + worker_cpu,
            phases: vec![
                feature_phase,
                Phase {
                    name: "folds".into(),
                    wall: training_started.elapsed().as_secs_f64(),
                    cpu: worker_cpu,
                },
            ],
        },
        rows,
    })
}

/// The paper's Table 6 for one metric: LUPI-SVM input / privileged / LUPI, regression
/// distillation input / privileged / distilled (shown beside both distilled variants).
// The published RMSE 3.14 is a measurement that happens to look like π.
#[allow(clippy::approx_constant)]
fn paper_values(metric: &str) -> Vec<(String, PaperValue)> {
    let (svm, regression): ([f64; 3], [f64; 3]) = match metric {
        "auc_roc" => ([0.72, 0.74, 0.74], [0.70, 0.75, 0.79]),
        "auc_pr" => ([0.68, 0.71, 0.73], [0.70, 0.75, 0.81]),
        "spearman" => ([0.40, 0.45, 0.48], [0.41, 0.50, 0.56]),
        "rmse" => ([f64::NAN; 3], [3.14, 3.07, 3.03]),
        _ => return Vec::new(),
    };
    let mut values = Vec::new();
    for (name, mean) in ["svm_input", "svm_privileged", "svm_lupi"].iter().zip(svm) {
        if mean.is_finite() {
            values.push((name.to_string(), PaperValue { mean, std: 0.0 }));
        }
    }
    for (name, mean) in ["input", "privileged_joint", "distilled", "distilled_t0"]
        .iter()
        .zip([regression[0], regression[1], regression[2], regression[2]])
    {
        values.push((name.to_string(), PaperValue { mean, std: 0.0 }));
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::affinity::{ClassCounts, ComplexRecord};
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn synthetic_dataset(complexes: usize, seed: u64) -> AffinityDataset {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let records = (0..complexes)
            .map(|index| ComplexRecord {
                complex: format!("C{index}"),
                pdb_id: format!("P{index}"),
                row: index + 1,
                delta_g: rng.random_range(-16.0..-5.0),
                delta_g_censored: false,
                receptor_sequence: String::new(),
                ligand_sequence: String::new(),
                input_features: (0..12).map(|_| rng.random_range(0.0..1.0)).collect(),
                privileged_features: (0..5).map(|_| rng.random_range(0.0..4.0)).collect(),
                prodigy_counts: ClassCounts::default(),
            })
            .collect();
        AffinityDataset {
            complexes: records,
            left_out: Vec::new(),
        }
    }

    fn fold_prediction(dataset: &AffinityDataset, held_out: usize) -> FoldPrediction {
        let matrix = |pick: fn(&ComplexRecord) -> &Vec<f64>| {
            let width = pick(&dataset.complexes[0]).len();
            let values = dataset
                .complexes
                .iter()
                .flat_map(|c| pick(c).clone())
                .collect();
            Matrix::new(dataset.complexes.len(), width, values).unwrap()
        };
        let (input, privileged) = (
            matrix(|c| &c.input_features),
            matrix(|c| &c.privileged_features),
        );
        let options = AffinityOptions {
            teacher_targets: TeacherTargets::CrossFit(3),
            ..AffinityOptions::default()
        };
        let grid = temperature_grid();
        let svm = LupiSvmParams::builder().epochs(5).build().unwrap();
        let context = FoldContext {
            dataset,
            input: &input,
            privileged: &privileged,
            options: &options,
            grid: &grid,
            svm: &svm,
        };
        run_fold(&context, held_out).unwrap()
    }

    #[test]
    fn a_fold_never_learns_from_its_held_out_complex() {
        // By construction: change everything the held-out complex could leak (its ΔG, and its
        // privileged features, which no deployed model may read) and check that nothing the
        // fold learned changes. Only the privileged models' own prediction for that complex
        // may move, since they read its x* at prediction time.
        let dataset = synthetic_dataset(30, 1);
        let held_out = 7;
        let reference = fold_prediction(&dataset, held_out);
        let mut changed = dataset.clone();
        changed.complexes[held_out].delta_g = -100.0;
        changed.complexes[held_out].privileged_features = vec![1e3; 5];
        let after = fold_prediction(&changed, held_out);
        for (name, before, now) in [
            ("input", reference.input, after.input),
            ("distilled", reference.distilled, after.distilled),
            ("distilled_t0", reference.distilled_t0, after.distilled_t0),
            (
                "self_distilled",
                reference.self_distilled,
                after.self_distilled,
            ),
            ("mean", reference.mean, after.mean),
            ("svm_input", reference.svm_input, after.svm_input),
            ("svm_lupi", reference.svm_lupi, after.svm_lupi),
        ] {
            assert_eq!(before, now, "{name} depends on the held-out complex");
        }
        assert_eq!(reference.chosen_temperature, after.chosen_temperature);
        assert_ne!(
            reference.privileged, after.privileged,
            "the privileged model reads x*"
        );
    }
}
