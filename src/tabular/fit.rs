//! The tabular fit: choose the temperature (when asked), measure every model on held-out
//! rows, then fit the final teacher and student on all rows.

use super::batched::{
    BatchPlan, TrainedBatch, base_loss, distilled_role, self_distilled_role, train,
};
use super::choices::{Evaluation, TemperatureChoice};
use super::dataset::{LupiDataset, group_rows};
use super::fitted::FittedLupi;
use super::metadata::ModelMetadata;
use super::params::TabularParams;
use super::predictions::{Metrics, Predictions, primary_metric};
use super::report::{
    CurvePoint, EvaluationReport, MetricSummary, ModelScore, TemperatureRecord, TrainingMetrics,
    TrustSummary,
};
use super::splits::{fold_masks, group_fold_masks, group_holdout_mask, holdout_mask};
use crate::compute::to_host;
use crate::data::table::Task;
use crate::error::{LupiError, Result};
use crate::evaluation::Summary;
use crate::experiments::{LupiParams, derive_seed, outputs_per_model};
use crate::losses::{MetaLoss, PairwiseMetaLoss, Temperature, pairs_from_groups};

/// The temperatures `--temperature auto` compares: from imitating the teacher everywhere
/// (`T = 0`) to imitating it only where it is exactly right (`T = ∞`).
pub const TEMPERATURE_GRID: [f64; 7] = [0.0, 0.5, 1.0, 2.0, 5.0, 10.0, f64::INFINITY];

/// Runs the whole fit; `params` is already validated.
pub fn fit(params: &TabularParams, dataset: &LupiDataset) -> Result<FittedLupi> {
    check_dataset(dataset)?;
    let lupi = params.lupi_params(base_loss(dataset.task)).validate()?;

    let temperature = match params.temperature {
        TemperatureChoice::Fixed(value) => TemperatureRecord {
            value,
            chosen_by: "given".to_string(),
            folds: None,
            metric: primary_metric(dataset.task).0.to_string(),
            curve: Vec::new(),
        },
        TemperatureChoice::Auto => choose_temperature(dataset, params, &lupi)?,
    };
    tracing::info!(
        temperature = %temperature.value,
        chosen_by = %temperature.chosen_by,
        "temperature"
    );
    let evaluation = evaluate(dataset, params, &lupi, temperature.value)?;
    tracing::info!(method = %params.evaluation, "evaluation done");

    let plan = BatchPlan {
        scope: "final",
        training: vec![vec![true; dataset.rows()]],
        temperatures: vec![temperature.value],
        self_distilled: false,
        teacher_targets: params.teacher_targets,
    };
    let batch = train(dataset, &plan, &lupi)?;
    let student = batch.student(&distilled_role(temperature.value))?.clone();
    let scalers = batch.scalers[0].clone();
    let teacher_predictions = predictions(
        dataset,
        &batch,
        batch.teacher.forward(batch.privileged.clone()),
    );
    let student_predictions = predictions(dataset, &batch, student.forward(batch.input.clone()));
    let all_rows: Vec<usize> = (0..dataset.rows()).collect();
    let training_metrics = TrainingMetrics {
        teacher: metrics_on_rows(dataset, &teacher_predictions[0], &all_rows)?,
        student: metrics_on_rows(dataset, &student_predictions[0], &all_rows)?,
    };
    // The final batch is one model on every row, so its pair set has no padding: every weight
    // belongs to a real pair.
    let weights = match &batch.pairs {
        Some(pairs) => {
            PairwiseMetaLoss::new(temperature.value).weights(batch.teacher_outputs.clone(), pairs)
        }
        None => {
            let loss = MetaLoss::new(lupi.base_loss, temperature.value);
            loss.weights(loss.teacher_loss(batch.teacher_outputs.clone(), batch.targets.clone()))
        }
    };
    for (model, metrics) in [
        ("teacher", &training_metrics.teacher),
        ("student", &training_metrics.student),
    ] {
        if let Some((metric, value)) = metrics.named().into_iter().find(|(_, v)| !v.is_finite()) {
            return Err(LupiError::NonFinitePredictions {
                model: model.to_string(),
                metric: metric.to_string(),
                value,
                learning_rate: params.learning_rate,
            });
        }
    }
    let trust = TrustSummary::new(&to_host(weights));

    let metadata = ModelMetadata {
        lupi_version: env!("CARGO_PKG_VERSION").to_string(),
        task: dataset.task,
        base_loss: lupi.base_loss,
        classes: dataset.classes.clone(),
        input_names: dataset.input_names.clone(),
        privileged_names: dataset.privileged_names.clone(),
        encoder: dataset.encoder.clone(),
        scalers,
        student_architecture: student.architecture.clone(),
        teacher_architecture: batch.teacher.architecture.clone(),
        temperature,
        settings: params.recorded(),
        rows: dataset.rows(),
        evaluation,
        trust,
        training_metrics,
    };
    Ok(FittedLupi {
        metadata,
        student,
        teacher: batch.teacher,
    })
}

fn check_dataset(dataset: &LupiDataset) -> Result<()> {
    if dataset.input.cols == 0 {
        return Err(LupiError::Data(
            "no input features: give at least one".into(),
        ));
    }
    if dataset.privileged.cols == 0 {
        return Err(LupiError::Data(
            "no privileged features: give at least one".into(),
        ));
    }
    if dataset.rows() < 4 {
        return Err(LupiError::Data(format!(
            "{} rows are too few to hold out rows and still train",
            dataset.rows()
        )));
    }
    if dataset.task == Task::Ranking {
        let groups = dataset.groups.as_deref().ok_or_else(|| {
            LupiError::Data("ranking needs the group (query id) of each row".into())
        })?;
        let count = group_rows(groups).len();
        if count < 2 {
            return Err(LupiError::Data(format!(
                "ranking holds out whole groups, but all {} rows are in {count} group: give at \
                 least two groups",
                dataset.rows()
            )));
        }
        if pairs_from_groups(groups, &dataset.targets)?.is_empty() {
            return Err(LupiError::Data(
                "nothing to rank: within each group every row has the same relevance grade".into(),
            ));
        }
    } else if dataset.task != Task::Regression && dataset.classes.len() < 2 {
        return Err(LupiError::Data(
            "classification needs at least two classes".into(),
        ));
    }
    Ok(())
}

/// Each model's predictions over all rows, from its raw outputs.
fn predictions(
    dataset: &LupiDataset,
    batch: &TrainedBatch,
    outputs: burn::tensor::Tensor<3>,
) -> Vec<Predictions> {
    outputs_per_model(outputs)
        .iter()
        .zip(&batch.scalers)
        .map(|(values, scalers)| {
            Predictions::from_outputs(
                dataset.task,
                &dataset.classes,
                values,
                scalers.target.as_ref(),
            )
        })
        .collect()
}

/// The task's metrics of `prediction` on `rows`; for ranking, per group of those rows.
fn metrics_on_rows(
    dataset: &LupiDataset,
    prediction: &Predictions,
    rows: &[usize],
) -> Result<Metrics> {
    let targets: Vec<f64> = rows.iter().map(|row| dataset.targets[*row]).collect();
    let selected = prediction.select_rows(rows);
    match &dataset.groups {
        Some(groups) if dataset.task == Task::Ranking => {
            let groups: Vec<String> = rows.iter().map(|row| groups[*row].clone()).collect();
            selected.ranking_metrics(&targets, &groups)
        }
        _ => selected.metrics(&targets),
    }
}

/// The metrics of model `m`'s predictions on the rows it did not train on.
fn held_out_metrics(
    dataset: &LupiDataset,
    training: &[Vec<bool>],
    predictions: &[Predictions],
) -> Result<Vec<Metrics>> {
    training
        .iter()
        .zip(predictions)
        .map(|(mask, prediction)| {
            let rows: Vec<usize> = (0..mask.len()).filter(|row| !mask[*row]).collect();
            metrics_on_rows(dataset, prediction, &rows)
        })
        .collect()
}

/// K-fold masks: over rows, or for ranking over whole groups.
fn folds_of(dataset: &LupiDataset, folds: usize, seed: u64) -> Result<Vec<Vec<bool>>> {
    match &dataset.groups {
        Some(groups) if dataset.task == Task::Ranking => {
            group_fold_masks(&group_rows(groups), dataset.rows(), folds, seed)
        }
        _ => fold_masks(dataset.rows(), folds, seed),
    }
}

/// A hold-out mask: over rows, or for ranking over whole groups.
fn holdout_of(dataset: &LupiDataset, fraction: f64, seed: u64) -> Result<Vec<bool>> {
    match &dataset.groups {
        Some(groups) if dataset.task == Task::Ranking => {
            group_holdout_mask(&group_rows(groups), dataset.rows(), fraction, seed)
        }
        _ => holdout_mask(dataset.rows(), fraction, seed),
    }
}

/// The control that ignores every feature: the training mean, or the majority class; for
/// ranking, the same score for every row (every order of a group equally likely).
fn constant_predictions(dataset: &LupiDataset, training: &[Vec<bool>]) -> Vec<Predictions> {
    training
        .iter()
        .map(|mask| {
            if dataset.task == Task::Ranking {
                return Predictions::constant(dataset.task, &[], dataset.rows(), 0.0);
            }
            let seen: Vec<f64> = (0..mask.len())
                .filter(|row| mask[*row])
                .map(|row| dataset.targets[row])
                .collect();
            let value = if dataset.task == Task::Regression {
                seen.iter().sum::<f64>() / seen.len().max(1) as f64
            } else {
                let mut counts = vec![0usize; dataset.classes.len()];
                for class in &seen {
                    counts[*class as usize] += 1;
                }
                // The most frequent class; ties go to the lowest index.
                let mut best = 0;
                for (class, count) in counts.iter().enumerate() {
                    if *count > counts[best] {
                        best = class;
                    }
                }
                best as f64
            };
            Predictions::constant(dataset.task, &dataset.classes, dataset.rows(), value)
        })
        .collect()
}

fn summarise(model: &str, metrics: &[Metrics]) -> ModelScore {
    let names: Vec<&str> = metrics
        .first()
        .map(|first| first.named().into_iter().map(|(name, _)| name).collect())
        .unwrap_or_default();
    let summaries = names
        .into_iter()
        .map(|name| {
            let values: Vec<f64> = metrics
                .iter()
                .filter_map(|metric| {
                    metric
                        .named()
                        .into_iter()
                        .find(|(other, _)| *other == name)
                        .map(|(_, v)| v)
                })
                .collect();
            let summary = Summary::new(values);
            MetricSummary {
                metric: name.to_string(),
                mean: summary.mean,
                std: summary.std,
            }
        })
        .collect();
    ModelScore {
        model: model.to_string(),
        metrics: summaries,
    }
}

/// Cross-validates every temperature of [`TEMPERATURE_GRID`] on the training rows, all folds
/// and temperatures in one batch, and picks the best mean score (ties: the smaller `T`).
pub fn choose_temperature(
    dataset: &LupiDataset,
    params: &TabularParams,
    lupi: &LupiParams,
) -> Result<TemperatureRecord> {
    let folds = params.temperature_folds;
    let training = folds_of(
        dataset,
        folds,
        derive_seed(params.seed, &["temperature_search"], 0),
    )?;
    let temperatures = TEMPERATURE_GRID
        .iter()
        .map(|value| Temperature::new(*value))
        .collect::<Result<Vec<_>>>()?;
    let plan = BatchPlan {
        scope: "temperature_search",
        training: training.clone(),
        temperatures: temperatures.clone(),
        self_distilled: false,
        teacher_targets: params.teacher_targets,
    };
    let batch = train(dataset, &plan, lupi)?;
    let (metric, higher_is_better) = primary_metric(dataset.task);
    let mut curve = Vec::with_capacity(temperatures.len());
    for temperature in &temperatures {
        let student = batch.student(&distilled_role(*temperature))?;
        let fold_predictions = predictions(dataset, &batch, student.forward(batch.input.clone()));
        let scores: Vec<f64> = held_out_metrics(dataset, &training, &fold_predictions)?
            .iter()
            .map(Metrics::primary)
            .collect();
        let summary = Summary::new(scores);
        curve.push(CurvePoint {
            temperature: *temperature,
            mean: summary.mean,
            std: summary.std,
        });
    }
    let mut best = 0;
    for (index, point) in curve.iter().enumerate() {
        let better = if higher_is_better {
            point.mean > curve[best].mean
        } else {
            point.mean < curve[best].mean
        };
        if better {
            best = index;
        }
    }
    Ok(TemperatureRecord {
        value: curve[best].temperature,
        chosen_by: "cross_validation".to_string(),
        folds: Some(folds),
        metric: metric.to_string(),
        curve,
    })
}

/// Measures the teacher, the input-only model, the distilled student and the controls on
/// held-out rows (one hold-out split, or every fold of a cross-validation in one batch).
pub fn evaluate(
    dataset: &LupiDataset,
    params: &TabularParams,
    lupi: &LupiParams,
    temperature: Temperature,
) -> Result<EvaluationReport> {
    let seed = derive_seed(params.seed, &["evaluation"], 0);
    let training = match params.evaluation {
        Evaluation::Holdout(fraction) => vec![holdout_of(dataset, fraction, seed)?],
        Evaluation::CrossValidation(folds) => folds_of(dataset, folds, seed)?,
    };
    let plan = BatchPlan {
        scope: "evaluation",
        training: training.clone(),
        temperatures: vec![temperature],
        self_distilled: true,
        teacher_targets: params.teacher_targets,
    };
    let batch = train(dataset, &plan, lupi)?;
    let mut models = Vec::new();
    let teacher = predictions(
        dataset,
        &batch,
        batch.teacher.forward(batch.privileged.clone()),
    );
    models.push(summarise(
        "teacher",
        &held_out_metrics(dataset, &training, &teacher)?,
    ));
    for (name, role) in [
        ("input", "input".to_string()),
        ("distilled", distilled_role(temperature)),
        ("self_distilled", self_distilled_role(temperature)),
    ] {
        let student = batch.student(&role)?;
        let student_predictions =
            predictions(dataset, &batch, student.forward(batch.input.clone()));
        let metrics = held_out_metrics(dataset, &training, &student_predictions)?;
        models.push(summarise(name, &metrics));
    }
    let constant = constant_predictions(dataset, &training);
    let control = if dataset.task == Task::Ranking {
        "constant"
    } else {
        "mean"
    };
    models.push(summarise(
        control,
        &held_out_metrics(dataset, &training, &constant)?,
    ));
    Ok(EvaluationReport {
        method: params.evaluation,
        temperature,
        models,
    })
}
