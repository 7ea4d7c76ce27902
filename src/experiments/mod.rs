//! The paper's experiments: one file per table (its generator, settings and published
//! values), the ranking experiment built on the synthetic ones, a shared runner, and the
//! result types written as JSON.

mod params;
pub mod ranking;
pub mod report;
mod result;
mod runner;
mod seeds;
pub mod synthetic;
pub mod table1;
pub mod table2;
pub mod table3;
pub mod table4;
pub mod table5;
pub mod table6;
mod timing;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

pub use params::LupiParams;
pub use result::{Ordered, PaperValue, Phase, RowResult, Seconds, TableResult};
pub use runner::{outputs_per_model, train_batch};
pub use seeds::derive_seed;
pub use timing::{process_cpu_seconds, thread_cpu_seconds};

use crate::compute::Precision;
use crate::data::synthetic::SyntheticKind;
use crate::distillation::TeacherTargets;
use crate::error::{LupiError, Result};
use crate::losses::BaseLoss;
use synthetic::{SyntheticSizes, SyntheticTable, draw_splits, run_row};

/// Names accepted by [`run_synthetic`].
pub const SYNTHETIC_TABLES: [&str; 4] = ["table1", "table2", "table3", "table4"];

/// Options of a synthetic reproduction run.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntheticOptions {
    /// Repeats per table (the paper: 10).
    pub repeats: usize,
    /// Seed of every draw.
    pub seed: u64,
    /// Label noise of Table 1 (the paper: 1).
    pub noise_sd: f64,
    /// Worker threads; results do not depend on it.
    pub threads: usize,
    /// Tensor precision.
    pub precision: Precision,
    /// In-sample or cross-fitted teacher targets.
    pub teacher_targets: TeacherTargets,
}

impl Default for SyntheticOptions {
    fn default() -> Self {
        SyntheticOptions {
            repeats: 10,
            seed: 0,
            noise_sd: 1.0,
            threads: 1,
            precision: Precision::F32,
            teacher_targets: TeacherTargets::InSample,
        }
    }
}

/// The defaults of the synthetic experiments, fixed before any run: zero-initialised linear
/// model, full-batch Adam at 0.05 with cosine decay to 0, 1000 steps, `T = 0`, `λ = 0.5`,
/// `T_gd = 2`.
pub fn synthetic_params(options: &SyntheticOptions) -> LupiParams {
    LupiParams::new(BaseLoss::BinaryCrossEntropy)
        .seed(options.seed)
        .precision(options.precision)
}

fn synthetic_table(id: &str, options: &SyntheticOptions) -> Result<SyntheticTable> {
    match id {
        "table1" => Ok(table1::table(options.noise_sd)),
        "table2" => Ok(table2::table()),
        "table3" => Ok(table3::table()),
        "table4" => Ok(table4::table()),
        other => Err(LupiError::invalid(
            "table",
            other,
            "expected table1, table2, table3 or table4",
        )),
    }
}

struct Job {
    table: usize,
    kind: SyntheticKind,
}

struct JobOutput {
    rows: Vec<(usize, RowResult)>,
    wall: f64,
    cpu: f64,
}

/// Reproduces the synthetic tables named in `ids`, returning one result per table.
///
/// Each table's data set variants run as independent jobs on `options.threads` threads; every
/// job seeds its own generators from `options.seed`, so the numbers are the same whatever the
/// thread count.
pub fn run_synthetic(ids: &[&str], options: &SyntheticOptions) -> Result<Vec<TableResult>> {
    if options.repeats == 0 {
        return Err(LupiError::invalid("repeats", 0, "must be ≥ 1"));
    }
    if !(options.noise_sd >= 0.0 && options.noise_sd.is_finite()) {
        return Err(LupiError::invalid(
            "noise-sd",
            options.noise_sd,
            "must be finite and ≥ 0",
        ));
    }
    if options.threads == 0 {
        return Err(LupiError::invalid("threads", 0, "must be ≥ 1"));
    }
    let params = synthetic_params(options).validate()?;
    let tables = ids
        .iter()
        .map(|id| synthetic_table(id, options))
        .collect::<Result<Vec<_>>>()?;
    let sizes = SyntheticSizes {
        dimension: 50,
        train: 200,
        test: 1000,
        repeats: options.repeats,
    };
    let jobs: Vec<Job> = tables
        .iter()
        .enumerate()
        .flat_map(|(table, spec)| spec.kinds.iter().map(move |&kind| Job { table, kind }))
        .collect();

    let next = AtomicUsize::new(0);
    let outputs: Mutex<Vec<Option<Result<JobOutput>>>> =
        Mutex::new((0..jobs.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..options.threads.min(jobs.len()) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(job) = jobs.get(index) else { break };
                    let output = run_job(
                        &tables[job.table],
                        job.kind,
                        &sizes,
                        &params,
                        options.teacher_targets,
                    );
                    if let Ok(mut slots) = outputs.lock() {
                        slots[index] = Some(output);
                    }
                }
            });
        }
    });
    let outputs = outputs
        .into_inner()
        .map_err(|_| LupiError::Data("a worker thread panicked".into()))?;

    let mut results: Vec<TableResult> = tables
        .iter()
        .map(|spec| TableResult {
            table: spec.id.to_string(),
            title: spec.title.to_string(),
            seed: options.seed,
            repeats: options.repeats,
            settings: serde_json::json!({
                "dimension": sizes.dimension,
                "train": sizes.train,
                "test": sizes.test,
                "noise_sd": if spec.id == "table1" { Some(options.noise_sd) } else { None },
                "model": "linear",
                "teacher_targets": options.teacher_targets.to_string(),
                "params": params,
            }),
            seconds: Seconds::default(),
            rows: Vec::new(),
        })
        .collect();
    let mut ordered_rows: Vec<Vec<(usize, RowResult)>> = vec![Vec::new(); tables.len()];
    for (job, output) in jobs.iter().zip(outputs) {
        let output = output.ok_or_else(|| LupiError::Data("a job did not finish".into()))??;
        results[job.table].seconds.wall += output.wall;
        results[job.table].seconds.cpu += output.cpu;
        ordered_rows[job.table].extend(output.rows);
    }
    for (result, mut rows) in results.iter_mut().zip(ordered_rows) {
        // Rows in the table's task order, the variants of a task side by side.
        rows.sort_by_key(|(order, _)| *order);
        result.rows = rows.into_iter().map(|(_, row)| row).collect();
    }
    Ok(results)
}

fn run_job(
    table: &SyntheticTable,
    kind: SyntheticKind,
    sizes: &SyntheticSizes,
    params: &LupiParams,
    mode: TeacherTargets,
) -> Result<JobOutput> {
    let started = Instant::now();
    let cpu_start = thread_cpu_seconds();
    let splits = draw_splits(table.id, kind, sizes, params.seed);
    let variant = match kind {
        SyntheticKind::SampleDependent(variant) => Some(variant),
        _ => None,
    };
    let variant_index = table.kinds.iter().position(|k| *k == kind).unwrap_or(0);
    let mut rows = Vec::new();
    for (row_index, spec) in table.rows.iter().enumerate() {
        let row = run_row(table.id, variant, spec, &splits, params, mode)?;
        rows.push((row_index * table.kinds.len() + variant_index, row));
    }
    Ok(JobOutput {
        rows,
        wall: started.elapsed().as_secs_f64(),
        cpu: thread_cpu_seconds() - cpu_start,
    })
}
