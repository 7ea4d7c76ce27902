//! The training flow of the tabular workflow for a batch of models that share all rows but
//! each train on their own rows: the folds of a cross-validation, a hold-out split, or the
//! final fit (one model, every row).
//!
//! ```text
//! rows × mask_m ──► scalers fitted on model m's training rows ──► x, x*, y  [models, rows, ·]
//!        teacher on x* (and, for the control, on x), weighted by the mask
//!        teacher targets: in-sample, or cross-fit:K inside model m's training rows
//!        students on x, one batch for every role, held-out rows weighted 0
//! ```
//!
//! Rows outside a model's training rows get weight 0 in every loss of that model (see
//! [`Objective::WeightedTargets`]), so same-shaped tensors serve every fold. Ranking trains on
//! pairs instead (see [`train_ranking`]).

use burn::tensor::Tensor;

use super::dataset::LupiDataset;
use super::ranking::{Prepared, train_ranking};
use super::scaling::{Scalers, TargetScale, fit_on_rows};
use crate::compute::{Precision, evaluation_device, tensor3};
use crate::data::Matrix;
use crate::data::table::Task;
use crate::distillation::{TeacherTargets, cross_fit_assignment, out_of_fold, repeat_per_fold};
use crate::error::{LupiError, Result};
use crate::experiments::{LupiParams, derive_seed, train_batch};
use crate::losses::{BaseLoss, MetaLoss, PairBatch, Temperature};
use crate::models::{Architecture, BatchedMlp};
use crate::training::Objective;

/// The base loss of a task: squared error, binary or softmax cross-entropy; for ranking,
/// binary cross-entropy on the score difference of a pair (the pairwise logistic loss).
pub fn base_loss(task: Task) -> BaseLoss {
    match task {
        Task::Binary | Task::Ranking => BaseLoss::BinaryCrossEntropy,
        Task::Multiclass => BaseLoss::SoftmaxCrossEntropy,
        Task::Regression => BaseLoss::SquaredError,
    }
}

/// What to train: which rows each model trains on, which temperatures, which controls.
pub struct BatchPlan<'a> {
    /// Names the batch in seeds and errors (`temperature_search`, `evaluation`, `final`).
    pub scope: &'a str,
    /// `training[m][r]`: whether model `m` trains on row `r`.
    pub training: Vec<Vec<bool>>,
    /// One distilled student (and self-distilled control) per temperature.
    pub temperatures: Vec<Temperature>,
    /// Whether to train the self-distilled controls (teacher on `x`).
    pub self_distilled: bool,
    /// In-sample or cross-fitted teacher targets.
    pub teacher_targets: TeacherTargets,
}

/// The trained batch, every model's tensors over all rows.
pub struct TrainedBatch {
    /// Per model, the scalers fitted on its training rows.
    pub scalers: Vec<Scalers>,
    /// Scaled input features, `[models, rows, inputs]`.
    pub input: Tensor<3>,
    /// Scaled privileged features, `[models, rows, privileged]`.
    pub privileged: Tensor<3>,
    /// Targets as trained (scaled values, 0/1, or one-hot), `[models, rows, outputs]`.
    pub targets: Tensor<3>,
    /// The teachers on `x*`.
    pub teacher: BatchedMlp,
    /// The teacher outputs the students learned from (in-sample or out-of-fold).
    pub teacher_outputs: Tensor<3>,
    /// Students by role: `input`, `distilled/<T>`, `self_distilled/<T>`.
    pub students: Vec<(String, BatchedMlp)>,
    /// Ranking only: each model's training pairs, which the teachers trained on.
    pub pairs: Option<PairBatch>,
}

impl TrainedBatch {
    /// The students of a role.
    pub fn student(&self, role: &str) -> Result<&BatchedMlp> {
        self.students
            .iter()
            .find(|(name, _)| name == role)
            .map(|(_, model)| model)
            .ok_or_else(|| LupiError::Data(format!("no student '{role}' in this batch")))
    }
}

/// The name of the distilled student of temperature `temperature`.
pub fn distilled_role(temperature: Temperature) -> String {
    format!("distilled/{temperature}")
}

/// The name of the self-distilled control of temperature `temperature`.
pub fn self_distilled_role(temperature: Temperature) -> String {
    format!("self_distilled/{temperature}")
}

/// Trains the teacher, the optional self-teacher and every student of `plan`.
pub fn train(dataset: &LupiDataset, plan: &BatchPlan, params: &LupiParams) -> Result<TrainedBatch> {
    let models = plan.training.len();
    let rows = dataset.rows();
    let outputs = dataset.outputs();
    let device = evaluation_device();
    let precision = params.precision;

    let scalers: Vec<Scalers> = plan
        .training
        .iter()
        .map(|training| Scalers {
            input: fit_on_rows(&dataset.input, training),
            privileged: fit_on_rows(&dataset.privileged, training),
            target: (dataset.task == Task::Regression).then(|| {
                let seen: Vec<f64> = (0..rows)
                    .filter(|row| training[*row])
                    .map(|row| dataset.targets[row])
                    .collect();
                TargetScale::fit(&seen)
            }),
        })
        .collect();
    let input = scaled_features(&dataset.input, &scalers, |scaler| &scaler.input, precision);
    let privileged = scaled_features(
        &dataset.privileged,
        &scalers,
        |scaler| &scaler.privileged,
        precision,
    );
    let mut target_values = Vec::with_capacity(models * rows * outputs);
    for scaler in &scalers {
        target_values.extend(encode_targets(dataset, scaler.target.as_ref()));
    }
    let targets = tensor3(&target_values, [models, rows, outputs], precision, &device);
    if dataset.task == Task::Ranking {
        let prepared = Prepared {
            scalers,
            input,
            privileged,
            targets,
        };
        return train_ranking(dataset, plan, params, prepared);
    }
    let mask_values: Vec<f64> = plan
        .training
        .iter()
        .flat_map(|training| training.iter().map(|seen| f64::from(u8::from(*seen))))
        .collect();
    let mask = tensor3(&mask_values, [models, rows, 1], precision, &device);

    let base = base_loss(dataset.task);
    let teacher_setup = TeacherSetup {
        scope: plan.scope,
        mode: plan.teacher_targets,
        base,
        targets: &targets,
        mask: &mask,
        training: &plan.training,
        params,
    };
    let (teacher, teacher_outputs) = teacher_setup.train("teacher", &privileged)?;
    let self_teacher_outputs = if plan.self_distilled {
        Some(teacher_setup.train("self_teacher", &input)?.1)
    } else {
        None
    };

    let mut roles: Vec<(String, Tensor<3>)> = vec![("input".to_string(), targets.clone())];
    for temperature in &plan.temperatures {
        let loss = MetaLoss::new(base, *temperature);
        roles.push((
            distilled_role(*temperature),
            loss.mixed_target(teacher_outputs.clone(), targets.clone()),
        ));
        if let Some(self_outputs) = &self_teacher_outputs {
            roles.push((
                self_distilled_role(*temperature),
                loss.mixed_target(self_outputs.clone(), targets.clone()),
            ));
        }
    }
    let count = roles.len();
    let objective = Objective::WeightedTargets {
        base,
        targets: Tensor::cat(roles.iter().map(|(_, target)| target.clone()).collect(), 0),
        example_weights: Tensor::cat(vec![mask.clone(); count], 0),
    };
    let architecture = Architecture {
        inputs: dataset.input.cols,
        hidden: params.hidden.clone(),
        outputs,
    };
    let trained = train_batch(
        plan.scope,
        "students",
        architecture,
        &Tensor::cat(vec![input.clone(); count], 0),
        &objective,
        params,
        params.steps,
    )?;
    let students = roles
        .iter()
        .enumerate()
        .map(|(index, (name, _))| (name.clone(), trained.select_models(index * models, models)))
        .collect();
    Ok(TrainedBatch {
        scalers,
        input,
        privileged,
        targets,
        teacher,
        teacher_outputs,
        students,
        pairs: None,
    })
}

/// The targets one model trains against, `rows × outputs` row-major: the scaled value
/// (regression), the class (binary: 0 or 1), the one-hot class (multiclass), or the relevance
/// grade (ranking).
pub fn encode_targets(dataset: &LupiDataset, scale: Option<&TargetScale>) -> Vec<f64> {
    match dataset.task {
        Task::Multiclass => {
            let classes = dataset.outputs();
            let mut one_hot = vec![0.0; dataset.rows() * classes];
            for (row, class) in dataset.targets.iter().enumerate() {
                one_hot[row * classes + *class as usize] = 1.0;
            }
            one_hot
        }
        _ => dataset
            .targets
            .iter()
            .map(|value| scale.map_or(*value, |scale| scale.forward(*value)))
            .collect(),
    }
}

/// Each model's copy of `matrix`, standardised with that model's scaler.
fn scaled_features(
    matrix: &Matrix,
    scalers: &[Scalers],
    pick: impl Fn(&Scalers) -> &crate::data::Standardizer,
    precision: Precision,
) -> Tensor<3> {
    let mut values = Vec::with_capacity(scalers.len() * matrix.values.len());
    for scaler in scalers {
        values.extend(pick(scaler).transform(matrix).values);
    }
    tensor3(
        &values,
        [scalers.len(), matrix.rows, matrix.cols],
        precision,
        &evaluation_device(),
    )
}

/// What a teacher (on `x*`, or the control's on `x`) is trained with.
struct TeacherSetup<'a> {
    scope: &'a str,
    mode: TeacherTargets,
    base: BaseLoss,
    targets: &'a Tensor<3>,
    mask: &'a Tensor<3>,
    training: &'a [Vec<bool>],
    params: &'a LupiParams,
}

impl TeacherSetup<'_> {
    /// Trains the teachers on `features` over each model's training rows and returns them with
    /// the outputs the students learn from.
    fn train(&self, role: &str, features: &Tensor<3>) -> Result<(BatchedMlp, Tensor<3>)> {
        let [models, rows, width] = features.dims();
        let outputs = self.targets.dims()[2];
        let architecture = Architecture {
            inputs: width,
            hidden: self.params.hidden.clone(),
            outputs,
        };
        let objective = Objective::WeightedTargets {
            base: self.base,
            targets: self.targets.clone(),
            example_weights: self.mask.clone(),
        };
        let teacher = train_batch(
            self.scope,
            role,
            architecture.clone(),
            features,
            &objective,
            self.params,
            self.params.steps,
        )?;
        let folds = match self.mode {
            TeacherTargets::InSample => {
                let outputs = teacher.forward(features.clone());
                return Ok((teacher, outputs));
            }
            TeacherTargets::CrossFit(folds) => folds,
        };
        let fewest = self
            .training
            .iter()
            .map(|training| training.iter().filter(|seen| **seen).count())
            .min()
            .unwrap_or(0);
        if folds > fewest {
            return Err(LupiError::invalid(
                "teacher-targets",
                format!("cross-fit:{folds}"),
                format!("more folds than the {fewest} training rows"),
            ));
        }

        // Teacher (m, k) trains on model m's training rows outside fold k and predicts fold k.
        let mut seen = vec![0.0; models * folds * rows];
        let mut held_out = vec![0.0; models * folds * rows];
        for (model, training) in self.training.iter().enumerate() {
            let seed = derive_seed(
                self.params.seed,
                &[self.scope, role, "cross-fit"],
                model as u64,
            );
            for (row, fold) in cross_fit_assignment(rows, folds, seed)
                .into_iter()
                .enumerate()
            {
                for other in 0..folds {
                    let index = (model * folds + other) * rows + row;
                    if other == fold {
                        held_out[index] = 1.0;
                    } else if training[row] {
                        seen[index] = 1.0;
                    }
                }
            }
        }
        let device = evaluation_device();
        let shape = [models * folds, rows, 1];
        let held_out = tensor3(&held_out, shape, self.params.precision, &device);
        let seen = tensor3(&seen, shape, self.params.precision, &device);
        let fold_features = repeat_per_fold(features, folds);
        let fold_objective = Objective::WeightedTargets {
            base: self.base,
            targets: repeat_per_fold(self.targets, folds),
            example_weights: seen,
        };
        let fold_teachers = train_batch(
            self.scope,
            &format!("{role}_cross_fit"),
            architecture,
            &fold_features,
            &fold_objective,
            self.params,
            self.params.steps,
        )?;
        let predictions = out_of_fold(fold_teachers.forward(fold_features), held_out, folds);
        Ok((teacher, predictions))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::to_host;
    use crate::tabular::TabularParams;

    /// `rows` rows of a small regression: input `x`, privileged `x*`, `y = x* + x / 2`.
    fn dataset(rows: usize) -> LupiDataset {
        let input: Vec<f64> = (0..rows).map(|row| (row as f64 * 0.7).sin()).collect();
        let privileged: Vec<f64> = (0..rows).map(|row| (row as f64 * 1.3).cos()).collect();
        let targets = input
            .iter()
            .zip(&privileged)
            .map(|(x, p)| p + x / 2.0)
            .collect();
        LupiDataset::new(
            Matrix::new(rows, 1, input).unwrap(),
            Matrix::new(rows, 1, privileged).unwrap(),
            targets,
            Task::Regression,
        )
        .unwrap()
    }

    #[test]
    fn a_masked_model_trains_as_if_alone_on_its_rows() {
        let params = TabularParams::new()
            .steps(50)
            .precision(Precision::F64)
            .lupi_params(BaseLoss::SquaredError);
        let plan = |training: Vec<Vec<bool>>| BatchPlan {
            scope: "test",
            training,
            temperatures: vec![Temperature::new(1.0).unwrap()],
            self_distilled: false,
            teacher_targets: TeacherTargets::InSample,
        };
        // The first 8 of 12 rows, by mask; and the same 8 rows as a data set of their own.
        let mut mask = vec![true; 12];
        mask[8..].iter_mut().for_each(|seen| *seen = false);
        let masked = train(&dataset(12), &plan(vec![mask]), &params).unwrap();
        let alone = train(&dataset(8), &plan(vec![vec![true; 8]]), &params).unwrap();
        assert_eq!(masked.scalers, alone.scalers);
        let role = distilled_role(Temperature::new(1.0).unwrap());
        for (first, second) in [
            (&masked.teacher, &alone.teacher),
            (
                masked.student(&role).unwrap(),
                alone.student(&role).unwrap(),
            ),
        ] {
            let (first, second) = (first.parameters(), second.parameters());
            for (a, b) in first.iter().flatten().zip(second.iter().flatten()) {
                // Same gradients up to the order of summation: f64 rounding only.
                assert!((a - b).abs() < 1e-12, "{a} vs {b}");
            }
        }
        // Held-out rows still get teacher outputs (used for scoring, never for training).
        assert_eq!(to_host(masked.teacher_outputs).len(), 12);
    }
}
