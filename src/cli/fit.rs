//! `lupi fit`: learn a teacher and a distilled student from a table and save them.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use super::output::{OutputKind, check_output_path};
use super::progress::Progress;
use super::show::{print_report, report_json};
use super::table_args::TableArgs;
use crate::distillation::TeacherTargets;
use crate::tabular::{Evaluation, ModelShape, TabularParams, TemperatureChoice};

/// Arguments of `lupi fit`.
#[derive(Debug, Args)]
pub struct FitArgs {
    /// Which table and columns.
    #[command(flatten)]
    pub table: TableArgs,
    /// Model of the teacher and the students: `linear` or `mlp:16,32`.
    #[arg(long, default_value = "linear")]
    pub model: ModelShape,
    /// Meta-loss temperature T ≥ 0, `inf`, or `auto` (5-fold cross-validation over
    /// 0, 0.5, 1, 2, 5, 10, inf).
    #[arg(long, default_value = "1", allow_negative_numbers = true)]
    pub temperature: TemperatureChoice,
    /// `in-sample` (the teacher predicts its own training rows) or `cross-fit[:K]`
    /// (out-of-fold teacher predictions, K = 5 by default).
    #[arg(long, default_value = "in-sample")]
    pub teacher_targets: TeacherTargets,
    /// Optimizer steps of every model (full-batch Adam, cosine decay).
    #[arg(long, default_value_t = 1000)]
    pub steps: usize,
    /// Adam's base learning rate.
    #[arg(long, default_value_t = 0.05, allow_negative_numbers = true)]
    pub learning_rate: f64,
    /// Seed of every random draw.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Report by K-fold cross-validation instead of a hold-out.
    #[arg(long, conflicts_with = "holdout")]
    pub cv: Option<usize>,
    /// Fraction of rows held out for the report.
    #[arg(long, default_value_t = 0.2, allow_negative_numbers = true)]
    pub holdout: f64,
    /// Print the results as JSON on stdout.
    #[arg(long)]
    pub json: bool,
    /// The model directory to write (replaced atomically if it exists).
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(args: FitArgs, quiet: bool) -> anyhow::Result<()> {
    let evaluation = match args.cv {
        Some(folds) => Evaluation::CrossValidation(folds),
        None => Evaluation::Holdout(args.holdout),
    };
    let params = TabularParams::new()
        .model(args.model)
        .temperature(args.temperature)
        .teacher_targets(args.teacher_targets)
        .steps(args.steps)
        .learning_rate(args.learning_rate)
        .seed(args.seed)
        .evaluation(evaluation)
        .validate()?;
    check_output_path(&args.out, OutputKind::Directory)?;
    let dataset = args.table.load(quiet)?;
    let progress = Progress::start("training teacher and students", quiet);
    let fitted = params.fit(&dataset);
    progress.finish();
    // The library's checks of the data set do not know the file; name it here.
    let fitted = fitted.with_context(|| format!("fitting '{}'", args.table.data.display()))?;
    fitted.save(&args.out)?;
    if args.json {
        let mut value = report_json(&fitted.metadata);
        value["model_dir"] = serde_json::json!(args.out.display().to_string());
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        print_report(&fitted.metadata);
        println!("saved {}", args.out.display());
    }
    Ok(())
}
