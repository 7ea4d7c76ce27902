//! The training flow of a batch for ranking: the same roles as [`train`](super::batched::train)
//! (teacher on `x*`, input model, distilled students, self-distilled controls), trained with the
//! pairwise logistic loss and its meta-loss instead of a per-row loss.
//!
//! ```text
//! groups, grades ──► pairs of the same group with different grades
//!        model m keeps the pairs whose two rows are among its training rows
//!        teacher on x* (and, for the control, on x) on model m's pairs
//!        teacher scores: in-sample, or cross-fit:K over model m's training groups
//!        students on x: input (labels P), distilled/<T> and self_distilled/<T> (mixed targets)
//! ```
//!
//! A per-row mask cannot leave rows out of a pairwise loss; each model's own pair set does
//! (see [`PairBatch`]), so the same-shaped tensors still serve every fold.

use burn::tensor::Tensor;

use super::batched::{BatchPlan, TrainedBatch, distilled_role, self_distilled_role};
use super::dataset::{LupiDataset, group_rows};
use super::scaling::Scalers;
use crate::compute::{evaluation_device, tensor3};
use crate::distillation::{TeacherTargets, cross_fit_assignment, out_of_fold, repeat_per_fold};
use crate::error::{LupiError, Result};
use crate::experiments::{LupiParams, derive_seed, train_batch};
use crate::losses::{PairBatch, PairSet, PairwiseMetaLoss, pairs_from_groups};
use crate::models::{Architecture, BatchedMlp};
use crate::training::Objective;

/// The tensors [`train`](super::batched::train) prepared for every task, shared here.
pub struct Prepared {
    /// Per model, the scalers fitted on its training rows.
    pub scalers: Vec<Scalers>,
    /// Scaled input features, `[models, rows, inputs]`.
    pub input: Tensor<3>,
    /// Scaled privileged features, `[models, rows, privileged]`.
    pub privileged: Tensor<3>,
    /// Relevance grades, `[models, rows, 1]`.
    pub targets: Tensor<3>,
}

/// Trains the teacher, the optional self-teacher and every student of `plan` on pairs.
///
/// # Errors
/// A data set without groups, a model without any pair to learn from (its training groups all
/// hold a single grade), or more cross-fit folds than a model's training groups.
pub fn train_ranking(
    dataset: &LupiDataset,
    plan: &BatchPlan,
    params: &LupiParams,
    prepared: Prepared,
) -> Result<TrainedBatch> {
    let groups = dataset
        .groups
        .as_deref()
        .ok_or_else(|| LupiError::Data("ranking needs the group (query id) of each row".into()))?;
    let rows = dataset.rows();
    let device = evaluation_device();
    let precision = params.precision;

    let all_pairs = pairs_from_groups(groups, &dataset.targets)?;
    let sets: Vec<PairSet> = plan
        .training
        .iter()
        .map(|training| pairs_within(&all_pairs, training))
        .collect();
    if let Some(model) = sets.iter().position(PairSet::is_empty) {
        return Err(LupiError::Data(format!(
            "model {model} of the {} batch has no pair to learn from: within each of its \
             training groups every row has the same relevance grade",
            plan.scope
        )));
    }
    let pairs = PairBatch::new(&sets, rows, precision, &device)?;
    let plain = Objective::Pairwise {
        targets: pairs.labels(),
        pairs: Box::new(pairs.clone()),
    };
    let architecture = |inputs: usize| Architecture {
        inputs,
        hidden: params.hidden.clone(),
        outputs: 1,
    };
    let teacher_setup = RankingTeacher {
        plan,
        params,
        objective: &plain,
        sets: &sets,
        group_rows: group_rows(groups),
    };
    let (teacher, teacher_outputs) = teacher_setup.train("teacher", &prepared.privileged)?;
    let self_teacher_outputs = if plan.self_distilled {
        Some(teacher_setup.train("self_teacher", &prepared.input)?.1)
    } else {
        None
    };

    let mut roles: Vec<(String, Tensor<3>)> = vec![("input".to_string(), pairs.labels())];
    for temperature in &plan.temperatures {
        let loss = PairwiseMetaLoss::new(*temperature);
        roles.push((
            distilled_role(*temperature),
            loss.mixed_target(teacher_outputs.clone(), &pairs),
        ));
        if let Some(self_outputs) = &self_teacher_outputs {
            roles.push((
                self_distilled_role(*temperature),
                loss.mixed_target(self_outputs.clone(), &pairs),
            ));
        }
    }
    let count = roles.len();
    let student_sets: Vec<PairSet> = (0..count).flat_map(|_| sets.iter().cloned()).collect();
    let objective = Objective::Pairwise {
        targets: Tensor::cat(roles.iter().map(|(_, target)| target.clone()).collect(), 0),
        pairs: Box::new(PairBatch::new(&student_sets, rows, precision, &device)?),
    };
    let trained = train_batch(
        plan.scope,
        "students",
        architecture(dataset.input.cols),
        &Tensor::cat(vec![prepared.input.clone(); count], 0),
        &objective,
        params,
        params.steps,
    )?;
    let models = plan.training.len();
    let students = roles
        .iter()
        .enumerate()
        .map(|(index, (name, _))| (name.clone(), trained.select_models(index * models, models)))
        .collect();
    Ok(TrainedBatch {
        scalers: prepared.scalers,
        input: prepared.input,
        privileged: prepared.privileged,
        targets: prepared.targets,
        teacher,
        teacher_outputs,
        students,
        pairs: Some(pairs),
    })
}

/// The pairs of `pairs` whose two rows are both training rows.
fn pairs_within(pairs: &PairSet, training: &[bool]) -> PairSet {
    let keep: Vec<usize> = (0..pairs.len())
        .filter(|&pair| training[pairs.first[pair]] && training[pairs.second[pair]])
        .collect();
    select_pairs(pairs, &keep)
}

fn select_pairs(pairs: &PairSet, keep: &[usize]) -> PairSet {
    PairSet {
        first: keep.iter().map(|&pair| pairs.first[pair]).collect(),
        second: keep.iter().map(|&pair| pairs.second[pair]).collect(),
        label: keep.iter().map(|&pair| pairs.label[pair]).collect(),
    }
}

/// What a ranking teacher (on `x*`, or the control's on `x`) is trained with.
struct RankingTeacher<'a> {
    plan: &'a BatchPlan<'a>,
    params: &'a LupiParams,
    objective: &'a Objective,
    /// Each model's pairs.
    sets: &'a [PairSet],
    /// The rows of each group of the table.
    group_rows: Vec<Vec<usize>>,
}

impl RankingTeacher<'_> {
    /// Trains the teachers on `features` over each model's pairs and returns them with the
    /// scores the students learn from, `[models, rows, 1]`.
    fn train(&self, role: &str, features: &Tensor<3>) -> Result<(BatchedMlp, Tensor<3>)> {
        let [models, rows, width] = features.dims();
        let architecture = Architecture {
            inputs: width,
            hidden: self.params.hidden.clone(),
            outputs: 1,
        };
        let teacher = train_batch(
            self.plan.scope,
            role,
            architecture.clone(),
            features,
            self.objective,
            self.params,
            self.params.steps,
        )?;
        let folds = match self.plan.teacher_targets {
            TeacherTargets::InSample => {
                let scores = teacher.forward(features.clone());
                return Ok((teacher, scores));
            }
            TeacherTargets::CrossFit(folds) => folds,
        };

        // Teacher (m, k) trains on model m's pairs outside fold k and scores fold k. Folds are
        // whole groups, so no pair straddles two folds. Rows outside model m's training rows
        // get score 0: no pair of model m uses them.
        let mut fold_sets = Vec::with_capacity(models * folds);
        let mut held_out = vec![0.0; models * folds * rows];
        for (model, training) in self.plan.training.iter().enumerate() {
            let training_groups: Vec<&Vec<usize>> = self
                .group_rows
                .iter()
                .filter(|members| training[members[0]])
                .collect();
            if folds > training_groups.len() {
                return Err(LupiError::invalid(
                    "teacher-targets",
                    format!("cross-fit:{folds}"),
                    format!(
                        "more folds than the {} training groups (ranking deals whole groups \
                         into folds)",
                        training_groups.len()
                    ),
                ));
            }
            let seed = derive_seed(
                self.params.seed,
                &[self.plan.scope, role, "cross-fit"],
                model as u64,
            );
            let assignment = cross_fit_assignment(training_groups.len(), folds, seed);
            let mut fold_of_row = vec![None; rows];
            for (members, fold) in training_groups.iter().zip(&assignment) {
                for row in members.iter() {
                    fold_of_row[*row] = Some(*fold);
                    held_out[(model * folds + fold) * rows + row] = 1.0;
                }
            }
            let pairs = &self.sets[model];
            for fold in 0..folds {
                let keep: Vec<usize> = (0..pairs.len())
                    .filter(|&pair| fold_of_row[pairs.first[pair]] != Some(fold))
                    .collect();
                fold_sets.push(select_pairs(pairs, &keep));
            }
        }
        let device = evaluation_device();
        let fold_pairs = PairBatch::new(&fold_sets, rows, self.params.precision, &device)?;
        let fold_objective = Objective::Pairwise {
            targets: fold_pairs.labels(),
            pairs: Box::new(fold_pairs),
        };
        let fold_features = repeat_per_fold(features, folds);
        let fold_teachers = train_batch(
            self.plan.scope,
            &format!("{role}_cross_fit"),
            architecture,
            &fold_features,
            &fold_objective,
            self.params,
            self.params.steps,
        )?;
        let held_out = tensor3(
            &held_out,
            [models * folds, rows, 1],
            self.params.precision,
            &device,
        );
        let scores = out_of_fold(fold_teachers.forward(fold_features), held_out, folds);
        Ok((teacher, scores))
    }
}
