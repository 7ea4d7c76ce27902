use burn::tensor::Tensor;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::compute::{Precision, evaluation_device, tensor3};
use crate::error::{LupiError, Result};
use crate::experiments::{LupiParams, derive_seed, train_batch};
use crate::losses::BaseLoss;
use crate::models::{Architecture, BatchedMlp};
use crate::training::Objective;

/// Where the students' teacher outputs come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "mode", content = "folds")]
pub enum TeacherTargets {
    /// The teacher trained on all training rows predicts those same rows. When the teacher
    /// can interpolate its training set, its predictions reproduce `y`, `w ≈ 1`, and the
    /// meta-loss collapses to the plain loss.
    #[default]
    InSample,
    /// The training rows are split into `K` folds; a teacher trained on the other `K − 1`
    /// predicts each fold, so no row is predicted by a teacher that saw it.
    CrossFit(usize),
}

impl std::fmt::Display for TeacherTargets {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TeacherTargets::InSample => write!(formatter, "in-sample"),
            TeacherTargets::CrossFit(folds) => write!(formatter, "cross-fit:{folds}"),
        }
    }
}

impl std::str::FromStr for TeacherTargets {
    type Err = LupiError;

    /// `in-sample`, `cross-fit` (5 folds) or `cross-fit:K` with `K ≥ 2`.
    fn from_str(text: &str) -> Result<Self> {
        let invalid = |reason: &str| LupiError::invalid("teacher-targets", text, reason);
        match text {
            "in-sample" => Ok(TeacherTargets::InSample),
            "cross-fit" => Ok(TeacherTargets::CrossFit(5)),
            other => {
                let folds = other
                    .strip_prefix("cross-fit:")
                    .ok_or_else(|| invalid("expected in-sample, cross-fit or cross-fit:K"))?
                    .parse::<usize>()
                    .map_err(|_| invalid("K must be a whole number"))?;
                if folds < 2 {
                    return Err(invalid("K must be at least 2"));
                }
                Ok(TeacherTargets::CrossFit(folds))
            }
        }
    }
}

/// Assigns each of `rows` training rows to one of `folds` folds: a seeded shuffle dealt
/// round-robin, so fold sizes differ by at most one.
pub fn cross_fit_assignment(rows: usize, folds: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows).collect();
    order.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
    let mut assignment = vec![0; rows];
    for (position, row) in order.into_iter().enumerate() {
        assignment[row] = position % folds;
    }
    assignment
}

/// Each model's tensor repeated once per fold, model-major: `[models, rows, width]` becomes
/// `[models × folds, rows, width]`, model `m`'s copy for fold `k` at index `m · folds + k`.
pub fn repeat_per_fold(tensor: &Tensor<3>, folds: usize) -> Tensor<3> {
    let [models, rows, width] = tensor.dims();
    tensor
        .clone()
        .unsqueeze_dim::<4>(1)
        .expand([models, folds, rows, width])
        .reshape([models * folds, rows, width])
}

/// The teacher's outputs on its training rows, `[models, rows, outputs]`, for the students.
///
/// With [`TeacherTargets::InSample`] these are `teacher`'s own predictions. With
/// [`TeacherTargets::CrossFit`]`(K)`, `models × K` further teachers are trained as one batch:
/// teacher `(m, k)` sees model `m`'s rows outside fold `k` (its loss gives the others weight
/// 0) and predicts only the rows of fold `k`.
///
/// # Shapes
/// - `privileged`: `[models, rows, features]`; `targets`: `[models, rows, outputs]`
#[allow(clippy::too_many_arguments)]
pub fn teacher_outputs(
    mode: TeacherTargets,
    scope: &str,
    teacher: &BatchedMlp,
    base: BaseLoss,
    privileged: &Tensor<3>,
    targets: &Tensor<3>,
    params: &LupiParams,
    steps: usize,
) -> Result<Tensor<3>> {
    let folds = match mode {
        TeacherTargets::InSample => return Ok(teacher.forward(privileged.clone())),
        TeacherTargets::CrossFit(folds) => folds,
    };
    let [models, rows, features] = privileged.dims();
    let outputs = targets.dims()[2];
    if folds > rows {
        return Err(LupiError::invalid(
            "teacher-targets",
            format!("cross-fit:{folds}"),
            format!("more folds than the {rows} training rows"),
        ));
    }
    let device = evaluation_device();
    let precision = if privileged.dtype() == burn::tensor::DType::F64 {
        Precision::F64
    } else {
        Precision::F32
    };

    // held_out[m][k][r] = 1 when row r of model m is in fold k.
    let mut held_out = vec![0.0; models * folds * rows];
    for model in 0..models {
        let assignment = cross_fit_assignment(
            rows,
            folds,
            derive_seed(params.seed, &[scope, "cross-fit"], model as u64),
        );
        for (row, fold) in assignment.into_iter().enumerate() {
            held_out[(model * folds + fold) * rows + row] = 1.0;
        }
    }
    let held_out = tensor3(&held_out, [models * folds, rows, 1], precision, &device);
    let seen = held_out.ones_like() - held_out.clone();

    let fold_privileged = repeat_per_fold(privileged, folds);
    let objective = Objective::WeightedTargets {
        base,
        targets: repeat_per_fold(targets, folds),
        example_weights: seen,
    };
    let architecture = Architecture {
        inputs: features,
        hidden: teacher.architecture.hidden.clone(),
        outputs,
    };
    let fold_teachers = train_batch(
        scope,
        "cross_fit_teacher",
        architecture,
        &fold_privileged,
        &objective,
        params,
        steps,
    )?;
    Ok(out_of_fold(
        fold_teachers.forward(fold_privileged),
        held_out,
        folds,
    ))
}

/// Keeps, for every row, the prediction of the fold teacher that held that row out:
/// `predictions` and `held_out` are `[models × folds, rows, …]` (model-major, as
/// [`repeat_per_fold`] lays them out), `held_out` is 1 where fold `k` held the row out;
/// returns `[models, rows, outputs]`.
pub fn out_of_fold(predictions: Tensor<3>, held_out: Tensor<3>, folds: usize) -> Tensor<3> {
    let [stacked, rows, outputs] = predictions.dims();
    let models = stacked / folds.max(1);
    (predictions * held_out)
        .reshape([models, folds, rows, outputs])
        .sum_dim(1)
        .reshape([models, rows, outputs])
}
