//! Ranking with privileged information: the paper's synthetic experiments 1 (clean labels) and
//! 3 (relevant features) recast as learning to rank, with the pairwise meta-loss.
//!
//! Every repeat draws its own direction `α` (and index set `J`), training queries and held-out
//! queries. Linear scoring models, all repeats of a role trained as one batch, each on its own
//! repeat's pairs:
//!
//! - **teacher**: on `x*`, plain pairwise logistic loss;
//! - **input**: on `x`, plain pairwise logistic loss;
//! - **distilled**: on `x`, the pairwise meta-loss at `T = 0` with the teacher's in-sample
//!   scores; **distilled_t1** the same at `T = 1`;
//! - **self_distilled** (control): the meta-loss at `T = 0` with a teacher trained on `x`;
//! - **random** (control): scores drawn from `N(0, 1)`.
//!
//! Scored per held-out query by NDCG@10 and Kendall's τ-b between scores and grades, averaged
//! over queries, then summarised over repeats.

use std::time::Instant;

use burn::tensor::Tensor;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

use super::result::{Ordered, RowResult, Seconds, TableResult};
use super::runner::{outputs_per_model, train_batch};
use super::seeds::derive_seed;
use super::synthetic::stack_scaled;
use super::{LupiParams, thread_cpu_seconds};
use crate::compute::{Precision, evaluation_device, tensor3};
use crate::data::ranking::{GRADE_QUANTILES, RankingSizes, RankingSplit, generate_ranking};
use crate::data::synthetic::SyntheticKind;
use crate::distillation::{TeacherTargets, cross_fit_assignment, out_of_fold, repeat_per_fold};
use crate::error::{LupiError, Result};
use crate::evaluation::{MetricError, PairedDifference, Summary, kendall_tau_b, ndcg_at_k};
use crate::losses::{
    BaseLoss, PairBatch, PairSet, PairwiseMetaLoss, Temperature, pairs_from_groups,
};
use crate::models::{Architecture, BatchedMlp};
use crate::training::Objective;

/// The cutoff of NDCG.
pub const NDCG_CUTOFF: usize = 10;

/// The two data variants, after the paper's experiments 1 and 3.
pub const VARIANTS: [&str; 2] = ["clean_labels", "relevant_features"];

/// Options of the ranking experiment. The defaults were fixed before any run.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingOptions {
    /// Repeats (default 10).
    pub repeats: usize,
    /// Seed of every draw (default 0).
    pub seed: u64,
    /// Input dimension `d` (default 50, as the paper's synthetic experiments).
    pub dimension: usize,
    /// Training queries per repeat (default 40).
    pub train_queries: usize,
    /// Held-out queries per repeat (default 100).
    pub test_queries: usize,
    /// Items per query (default 30).
    pub items_per_query: usize,
    /// Standard deviation of the score noise of `clean_labels` (default 1, as the paper).
    pub noise_sd: f64,
    /// Tensor precision (default f32).
    pub precision: Precision,
    /// Worker threads (default 1); with 2 or more the two variants run in parallel. The
    /// results do not depend on it.
    pub threads: usize,
    /// In-sample teacher scores, or out-of-fold ones with whole queries as folds.
    pub teacher_targets: TeacherTargets,
}

impl Default for RankingOptions {
    fn default() -> Self {
        RankingOptions {
            repeats: 10,
            seed: 0,
            dimension: 50,
            train_queries: 40,
            test_queries: 100,
            items_per_query: 30,
            noise_sd: 1.0,
            precision: Precision::F32,
            threads: 1,
            teacher_targets: TeacherTargets::InSample,
        }
    }
}

impl RankingOptions {
    fn validate(&self) -> Result<()> {
        if self.repeats == 0 {
            return Err(LupiError::invalid("repeats", 0, "must be ≥ 1"));
        }
        if self.threads == 0 {
            return Err(LupiError::invalid("threads", 0, "must be ≥ 1"));
        }
        if self.dimension < 3 {
            return Err(LupiError::invalid(
                "dimension",
                self.dimension,
                "must be ≥ 3 (relevant_features uses 3 of the input features)",
            ));
        }
        if !(self.noise_sd >= 0.0 && self.noise_sd.is_finite()) {
            return Err(LupiError::invalid(
                "noise-sd",
                self.noise_sd,
                "must be finite and ≥ 0",
            ));
        }
        if self.train_queries == 0 || self.test_queries == 0 {
            return Err(LupiError::invalid(
                "train-queries / test-queries",
                format!("{} / {}", self.train_queries, self.test_queries),
                "must both be ≥ 1",
            ));
        }
        if self.items_per_query < 2 {
            return Err(LupiError::invalid(
                "items per query",
                self.items_per_query,
                "must be ≥ 2",
            ));
        }
        Ok(())
    }

    fn sizes(&self) -> RankingSizes {
        RankingSizes {
            dimension: self.dimension,
            train_queries: self.train_queries,
            test_queries: self.test_queries,
            items_per_query: self.items_per_query,
        }
    }

    fn kind(&self, variant: &str) -> SyntheticKind {
        match variant {
            "clean_labels" => SyntheticKind::CleanLabels {
                noise_sd: self.noise_sd,
            },
            _ => SyntheticKind::RelevantFeatures,
        }
    }
}

/// The training settings: the synthetic tables' (zero-initialised linear model, full-batch
/// Adam at 0.05 with cosine decay, 1000 steps), fixed before any run.
pub fn ranking_params(options: &RankingOptions) -> Result<LupiParams> {
    LupiParams::new(BaseLoss::BinaryCrossEntropy)
        .seed(options.seed)
        .precision(options.precision)
        .validate()
}

/// Runs both variants and returns one table: a row per variant and metric.
pub fn run(options: &RankingOptions) -> Result<TableResult> {
    options.validate()?;
    let params = ranking_params(options)?;
    let started = Instant::now();
    // Each variant seeds its own generators, so running them on two threads changes nothing
    // but the wall time.
    let timed = |variant: &str| {
        let cpu_start = thread_cpu_seconds();
        run_variant(variant, options, &params).map(|rows| (rows, thread_cpu_seconds() - cpu_start))
    };
    let outcomes: Vec<Result<(Vec<RowResult>, f64)>> = if options.threads > 1 {
        std::thread::scope(|scope| {
            let handles: Vec<_> = VARIANTS
                .iter()
                .map(|variant| scope.spawn(|| timed(variant)))
                .collect();
            handles
                .into_iter()
                .map(|handle| {
                    handle
                        .join()
                        .unwrap_or_else(|_| Err(LupiError::Data("a worker thread panicked".into())))
                })
                .collect()
        })
    } else {
        VARIANTS.iter().map(|variant| timed(variant)).collect()
    };
    let mut rows = Vec::new();
    let mut cpu = 0.0;
    for outcome in outcomes {
        let (variant_rows, variant_cpu) = outcome?;
        rows.extend(variant_rows);
        cpu += variant_cpu;
    }
    Ok(TableResult {
        table: "ranking".into(),
        title: "Ranking with privileged information (pairwise meta-loss, synthetic)".into(),
        seed: options.seed,
        repeats: options.repeats,
        settings: serde_json::json!({
            "sizes": options.sizes(),
            "noise_sd": options.noise_sd,
            "grade_quantiles": GRADE_QUANTILES,
            "pairs": "same query, different grades (ties left out)",
            "model": "linear",
            "teacher_targets": options.teacher_targets.to_string(),
            "temperatures": { "distilled": 0.0, "distilled_t1": 1.0, "self_distilled": 0.0 },
            "ndcg_cutoff": NDCG_CUTOFF,
            "params": params,
        }),
        seconds: Seconds {
            wall: started.elapsed().as_secs_f64(),
            cpu,
            phases: Vec::new(),
        },
        rows,
    })
}

/// Out-of-fold teacher scores, `[repeats, rows, 1]`: each repeat's training queries are dealt
/// into `folds` folds (whole queries, so no pair straddles two folds); the teacher that scores
/// a query's items was trained on the pairs of the other folds only. All repeats × folds
/// teachers train as one batch.
fn cross_fitted_scores(
    scope: &str,
    features: &Tensor<3>,
    pair_sets: &[PairSet],
    queries: &[&[u64]],
    folds: usize,
    params: &LupiParams,
) -> Result<Tensor<3>> {
    let [repeats, rows, width] = features.dims();
    let device = evaluation_device();
    let mut fold_sets = Vec::with_capacity(repeats * folds);
    let mut held_out = vec![0.0; repeats * folds * rows];
    for (repeat, (pairs, query)) in pair_sets.iter().zip(queries).enumerate() {
        let mut distinct: Vec<u64> = query.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        if folds > distinct.len() {
            return Err(LupiError::invalid(
                "teacher-targets",
                format!("cross-fit:{folds}"),
                format!("more folds than the {} training queries", distinct.len()),
            ));
        }
        let assignment = cross_fit_assignment(
            distinct.len(),
            folds,
            derive_seed(params.seed, &[scope, "cross-fit"], repeat as u64),
        );
        let fold_of = |row: usize| assignment[distinct.partition_point(|id| *id < query[row])];
        for fold in 0..folds {
            let keep: Vec<usize> = (0..pairs.len())
                .filter(|&pair| fold_of(pairs.first[pair]) != fold)
                .collect();
            fold_sets.push(PairSet {
                first: keep.iter().map(|&pair| pairs.first[pair]).collect(),
                second: keep.iter().map(|&pair| pairs.second[pair]).collect(),
                label: keep.iter().map(|&pair| pairs.label[pair]).collect(),
            });
            for row in 0..rows {
                if fold_of(row) == fold {
                    held_out[(repeat * folds + fold) * rows + row] = 1.0;
                }
            }
        }
    }
    let batch = PairBatch::new(&fold_sets, rows, params.precision, &device)?;
    let objective = Objective::Pairwise {
        targets: batch.labels(),
        pairs: Box::new(batch),
    };
    let fold_features = repeat_per_fold(features, folds);
    let teachers = train_batch(
        scope,
        "cross_fit_teacher",
        Architecture::linear(width, 1),
        &fold_features,
        &objective,
        params,
        params.steps,
    )?;
    let held_out = tensor3(
        &held_out,
        [repeats * folds, rows, 1],
        params.precision,
        &device,
    );
    Ok(out_of_fold(
        teachers.forward(fold_features),
        held_out,
        folds,
    ))
}

/// The students trained on `x`: name, teacher ("" for none) and temperature.
const STUDENTS: [(&str, &str, f64); 4] = [
    ("input", "", 0.0),
    ("distilled", "teacher", 0.0),
    ("distilled_t1", "teacher", 1.0),
    ("self_distilled", "self_teacher", 0.0),
];

fn run_variant(
    variant: &str,
    options: &RankingOptions,
    params: &LupiParams,
) -> Result<Vec<RowResult>> {
    let device = evaluation_device();
    let precision = params.precision;
    let repeats = options.repeats;
    let scope = format!("ranking/{variant}");
    let splits: Vec<RankingSplit> = (0..repeats)
        .map(|repeat| {
            let mut rng = ChaCha8Rng::seed_from_u64(derive_seed(
                params.seed,
                &["ranking", variant, "data"],
                repeat as u64,
            ));
            generate_ranking(options.kind(variant), &options.sizes(), &mut rng)
        })
        .collect::<Result<_>>()?;
    let train_rows = splits[0].train.relevance.len();

    let input = stack_scaled(
        &splits
            .iter()
            .map(|s| (&s.train.items.input, &s.test.items.input))
            .collect::<Vec<_>>(),
        precision,
        &device,
    );
    let privileged = stack_scaled(
        &splits
            .iter()
            .map(|s| (&s.train.items.privileged, &s.test.items.privileged))
            .collect::<Vec<_>>(),
        precision,
        &device,
    );
    let pair_sets: Vec<PairSet> = splits
        .iter()
        .map(|s| pairs_from_groups(&s.train.query, &s.train.relevance))
        .collect::<Result<_>>()?;
    let pairs = PairBatch::new(&pair_sets, train_rows, precision, &device)?;
    let plain = Objective::Pairwise {
        targets: pairs.labels(),
        pairs: Box::new(pairs.clone()),
    };
    let steps = params.steps;
    let linear = |width| Architecture::linear(width, 1);
    let input_width = input.train.dims()[2];

    let teacher = train_batch(
        &scope,
        "teacher",
        linear(privileged.train.dims()[2]),
        &privileged.train,
        &plain,
        params,
        steps,
    )?;
    let self_teacher = train_batch(
        &scope,
        "self_teacher",
        linear(input_width),
        &input.train,
        &plain,
        params,
        steps,
    )?;
    let queries: Vec<&[u64]> = splits.iter().map(|s| s.train.query.as_slice()).collect();
    let scores_of =
        |model: &BatchedMlp, features: &Tensor<3>, role: &str| match options.teacher_targets {
            TeacherTargets::InSample => Ok(model.forward(features.clone())),
            TeacherTargets::CrossFit(folds) => cross_fitted_scores(
                &format!("{scope}/{role}"),
                features,
                &pair_sets,
                &queries,
                folds,
                params,
            ),
        };
    let teacher_train_scores = scores_of(&teacher, &privileged.train, "teacher")?;
    let self_teacher_train_scores = scores_of(&self_teacher, &input.train, "self_teacher")?;
    let teacher_scores = |name: &str| match name {
        "teacher" => teacher_train_scores.clone(),
        _ => self_teacher_train_scores.clone(),
    };

    let mut targets = Vec::new();
    for (_, teacher_name, temperature) in STUDENTS {
        targets.push(if teacher_name.is_empty() {
            pairs.labels()
        } else {
            PairwiseMetaLoss::new(Temperature::new(temperature)?)
                .mixed_target(teacher_scores(teacher_name), &pairs)
        });
    }
    let student_sets: Vec<PairSet> = STUDENTS
        .iter()
        .flat_map(|_| pair_sets.iter().cloned())
        .collect();
    let student_pairs = PairBatch::new(&student_sets, train_rows, precision, &device)?;
    let students_objective = Objective::Pairwise {
        targets: Tensor::cat(targets, 0),
        pairs: Box::new(student_pairs),
    };
    let names: Vec<&str> = STUDENTS.iter().map(|(name, _, _)| *name).collect();
    let students = train_batch(
        &scope,
        &names.join("+"),
        linear(input_width),
        &Tensor::cat(vec![input.train.clone(); STUDENTS.len()], 0),
        &students_objective,
        params,
        steps,
    )?;

    // Test scores per model: the teacher's, then each student role's repeats in turn.
    let teacher_test = outputs_per_model(teacher.forward(privileged.test.clone()));
    let student_test = outputs_per_model(
        students.forward(Tensor::cat(vec![input.test.clone(); STUDENTS.len()], 0)),
    );
    let mut scored: Vec<(&str, Vec<QueryMetrics>)> = Vec::new();
    let evaluate = |scores: &[Vec<f64>]| -> Result<Vec<QueryMetrics>> {
        scores
            .iter()
            .zip(&splits)
            .map(|(scores, split)| {
                query_metrics(scores, &split.test.relevance, &split.test.query_rows())
            })
            .collect()
    };
    scored.push(("teacher", evaluate(&teacher_test)?));
    for (index, name) in names.iter().enumerate() {
        scored.push((
            name,
            evaluate(&student_test[index * repeats..(index + 1) * repeats])?,
        ));
    }
    let random: Vec<Vec<f64>> = (0..repeats)
        .map(|repeat| {
            let mut rng = ChaCha8Rng::seed_from_u64(derive_seed(
                params.seed,
                &["ranking", variant, "random"],
                repeat as u64,
            ));
            (0..splits[repeat].test.relevance.len())
                .map(|_| StandardNormal.sample(&mut rng))
                .collect()
        })
        .collect();
    scored.push(("random", evaluate(&random)?));

    let row = |metric: &str, pick: fn(&QueryMetrics) -> f64| {
        let models = Ordered(
            scored
                .iter()
                .map(|(name, per_repeat)| {
                    (
                        name.to_string(),
                        Summary::new(per_repeat.iter().map(pick).collect()),
                    )
                })
                .collect(),
        );
        let values = |name: &str| {
            models
                .get(name)
                .map(|summary| summary.values.clone())
                .unwrap_or_default()
        };
        RowResult {
            task: "ranking".into(),
            variant: Some(variant.to_string()),
            metric: metric.to_string(),
            distilled_minus_input: PairedDifference::new(&values("distilled"), &values("input")),
            models,
            paper: Ordered(Vec::new()),
        }
    };
    Ok(vec![
        row("ndcg@10", |metrics| metrics.ndcg),
        row("kendall_tau", |metrics| metrics.kendall_tau),
    ])
}

/// A model's metrics on one repeat's held-out queries, averaged over queries.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QueryMetrics {
    /// Mean NDCG@10.
    pub ndcg: f64,
    /// Mean Kendall τ-b between scores and grades.
    pub kendall_tau: f64,
    /// Queries averaged over (those whose grades are not all equal).
    pub queries: usize,
}

/// NDCG@[`NDCG_CUTOFF`] and Kendall τ-b of `scores` against `relevance` on each query, averaged
/// over queries.
///
/// A query whose items all have the same grade is left out (no ordering of it is better than
/// another, and τ is undefined). A model that gives every item of a query the same score gets
/// τ = 0 there (it orders nothing).
///
/// # Errors
/// Non-finite scores, or no query with two different grades.
pub fn query_metrics(
    scores: &[f64],
    relevance: &[f64],
    query_rows: &[Vec<usize>],
) -> Result<QueryMetrics> {
    let (mut ndcg, mut kendall_tau, mut queries) = (0.0, 0.0, 0);
    for rows in query_rows {
        let query_scores: Vec<f64> = rows.iter().map(|&row| scores[row]).collect();
        let query_relevance: Vec<f64> = rows.iter().map(|&row| relevance[row]).collect();
        if query_relevance.iter().all(|&r| r == query_relevance[0]) {
            continue;
        }
        ndcg += ndcg_at_k(&query_scores, &query_relevance, NDCG_CUTOFF)?;
        kendall_tau += match kendall_tau_b(&query_scores, &query_relevance) {
            Err(MetricError::ConstantSeries { argument: "first" }) => 0.0,
            other => other?,
        };
        queries += 1;
    }
    if queries == 0 {
        return Err(LupiError::Data(
            "no held-out query has items of different grades: nothing to rank".into(),
        ));
    }
    Ok(QueryMetrics {
        ndcg: ndcg / queries as f64,
        kendall_tau: kendall_tau / queries as f64,
        queries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_metrics_by_hand() {
        // Query 0 (rows 0–2) ranked perfectly: NDCG 1, τ 1. Query 1 (rows 3–5) scored
        // constant: τ 0, NDCG of the tie-averaged order. Query 2 (rows 6, 7) all grade 1: left
        // out.
        let scores = [3.0, 2.0, 1.0, 0.5, 0.5, 0.5, 0.1, 0.2];
        let relevance = [2.0, 1.0, 0.0, 0.0, 2.0, 0.0, 1.0, 1.0];
        let rows = vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 7]];
        let metrics = query_metrics(&scores, &relevance, &rows).expect("valid");
        assert_eq!(metrics.queries, 2);
        // Query 1: gains [0, 3, 0], all tied: mean gain 1 at positions 1–3, DCG = 1 + 1/log2 3
        // + 1/2; IDCG = 3.
        let tied = (1.5 + 1.0 / 3f64.log2()) / 3.0;
        assert!((metrics.ndcg - (1.0 + tied) / 2.0).abs() < 1e-12);
        assert!((metrics.kendall_tau - 0.5).abs() < 1e-12);
        let all_equal = query_metrics(&scores, &[1.0; 8], &rows);
        assert!(all_equal.is_err());
    }
}
