use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::{Args, ValueEnum};

use super::output::{OutputKind, check_output_path};
use super::write_atomically;
use crate::compute::Precision;
use crate::distillation::TeacherTargets;
use crate::experiments::ranking::{self, RankingOptions};
use crate::experiments::table5::{MnistOptions, Protocol};
use crate::experiments::table6::AffinityOptions;
use crate::experiments::{
    SYNTHETIC_TABLES, SyntheticOptions, TableResult, process_cpu_seconds, report, run_synthetic,
    table5, table6,
};

/// Which tables to reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Target {
    /// Clean labels as privileged information.
    Table1,
    /// Clean features as privileged information.
    Table2,
    /// Relevant features as privileged information.
    Table3,
    /// Sample-dependent relevant features.
    Table4,
    /// MNIST, 28×28 privileged, 7×7 input.
    Table5,
    /// Protein binding affinity, leave-one-complex-out, with LUPI-SVM.
    Table6,
    /// Ranking with privileged information: synthetic experiments 1 and 3 as learning to rank,
    /// with the pairwise meta-loss.
    Ranking,
    /// Tables 1 to 4.
    Synthetic,
    /// Every table that can be reproduced.
    All,
}

/// Arguments of `lupi reproduce`.
#[derive(Debug, Args)]
pub struct ReproduceArgs {
    /// The table(s) to reproduce.
    #[arg(value_enum)]
    pub target: Target,
    /// Repeats per table.
    #[arg(long, default_value_t = 10)]
    pub repeats: usize,
    /// Seed of every random draw.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Write the results as JSON to this file (atomically).
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Worker threads (the results do not depend on it).
    #[arg(long, default_value_t = 1)]
    pub threads: usize,
    /// Standard deviation of the label noise of Table 1 and of the ranking experiment's
    /// `clean_labels` variant.
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
    pub noise_sd: f64,
    /// Tensor precision: f32 or f64.
    #[arg(long, default_value = "f32")]
    pub precision: Precision,
    /// Table 5's training protocol: `equal` (the same budget for every network) or `paper`
    /// (the authors' script, with the extra control `input_long`).
    #[arg(long, default_value = "equal")]
    pub protocol: Protocol,
    /// Students' teacher outputs: `in-sample` (the teacher predicts its own training rows) or
    /// `cross-fit[:K]` (out-of-fold predictions of K teachers, default K = 5).
    #[arg(long, default_value = "in-sample")]
    pub teacher_targets: TeacherTargets,
    /// Ranking: training queries per repeat (30 items each; 100 held-out queries).
    #[arg(long, default_value_t = 40)]
    pub train_queries: usize,
    /// Table 6: heavy-atom distance (Å) under which two residues interact.
    #[arg(long, default_value_t = 8.0, allow_negative_numbers = true)]
    pub contact_cutoff: f64,
    /// Table 6: keep complexes whose ΔG is censored, at their bound.
    #[arg(long)]
    pub keep_censored: bool,
    /// Table 6: ridge penalty of the linear models.
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
    pub ridge: f64,
    /// Directory holding the data sets: the MNIST files or the affinity benchmark, or a folder
    /// with `mnist/` and `affinity/` subfolders; default: `LUPI_DATA_DIR`, then (MNIST) the
    /// user's cache directory.
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
}

pub fn run(args: ReproduceArgs) -> anyhow::Result<()> {
    if let Some(path) = &args.json {
        check_output_path(path, OutputKind::File)?;
    }
    let started = Instant::now();
    let cpu_start = process_cpu_seconds();
    let tables: Vec<&str> = match args.target {
        Target::Table1 => vec!["table1"],
        Target::Table2 => vec!["table2"],
        Target::Table3 => vec!["table3"],
        Target::Table4 => vec!["table4"],
        Target::Table5 | Target::Table6 | Target::Ranking => Vec::new(),
        Target::Synthetic | Target::All => SYNTHETIC_TABLES.to_vec(),
    };
    let with_mnist = matches!(args.target, Target::Table5 | Target::All);
    let with_affinity = matches!(args.target, Target::Table6 | Target::All);
    let with_ranking = matches!(args.target, Target::Ranking | Target::All);
    let options = SyntheticOptions {
        repeats: args.repeats,
        seed: args.seed,
        noise_sd: args.noise_sd,
        threads: args.threads,
        precision: args.precision,
        teacher_targets: args.teacher_targets,
    };
    tracing::info!(target = ?args.target, repeats = args.repeats, seed = args.seed, "reproducing");
    let mut results: Vec<TableResult> = if tables.is_empty() {
        Vec::new()
    } else {
        run_synthetic(&tables, &options)?
    };
    if with_mnist {
        let mnist = MnistOptions {
            repeats: args.repeats,
            seed: args.seed,
            protocol: args.protocol,
            data_dir: args.data_dir.clone(),
            precision: args.precision,
            teacher_targets: args.teacher_targets,
            ..MnistOptions::default()
        };
        results.push(table5::run(&mnist)?);
    }
    if with_affinity {
        let affinity = AffinityOptions {
            data_dir: args.data_dir.clone(),
            contact_cutoff: args.contact_cutoff,
            keep_censored: args.keep_censored,
            ridge: args.ridge,
            teacher_targets: args.teacher_targets,
            seed: args.seed,
            threads: args.threads,
            ..AffinityOptions::default()
        };
        results.push(table6::run(&affinity)?);
    }
    if with_ranking {
        let options = RankingOptions {
            repeats: args.repeats,
            seed: args.seed,
            train_queries: args.train_queries,
            noise_sd: args.noise_sd,
            precision: args.precision,
            threads: args.threads,
            teacher_targets: args.teacher_targets,
            ..RankingOptions::default()
        };
        results.push(ranking::run(&options)?);
    }
    for result in &results {
        println!("{}", report::markdown(result));
    }
    println!(
        "Total: {:.2} s wall, {:.2} s CPU (all threads).",
        started.elapsed().as_secs_f64(),
        process_cpu_seconds() - cpu_start
    );
    if let Some(path) = &args.json {
        let json = if results.len() == 1 {
            serde_json::to_string_pretty(&results[0])
        } else {
            serde_json::to_string_pretty(&results)
        }
        .context("serialising the results")?;
        write_atomically(path, json.as_bytes())?;
        tracing::info!(path = %path.display(), "results written");
    }
    Ok(())
}
