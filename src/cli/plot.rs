//! `lupi plot-temperature`: the cross-validated score against the temperature, as SVG.

use std::path::PathBuf;

use anyhow::bail;
use clap::Args;

use super::output::{OutputKind, check_output_path};
use super::progress::Progress;
use super::table_args::TableArgs;
use super::write_atomically;
use crate::data::table::{Impute, Task};
use crate::tabular::{FittedLupi, TabularParams, temperature_curve_svg};

/// Arguments of `lupi plot-temperature`: a model fitted with `--temperature auto`, or a table
/// to cross-validate (linear model).
#[derive(Debug, Args)]
pub struct PlotArgs {
    /// A model directory whose temperature was chosen by cross-validation.
    #[arg(long, conflicts_with_all = ["data", "target", "privileged"])]
    pub model: Option<PathBuf>,
    /// The training CSV file (instead of --model).
    #[arg(long, requires_all = ["target", "privileged"])]
    pub data: Option<PathBuf>,
    /// The target column (with --data).
    #[arg(long)]
    pub target: Option<String>,
    /// Privileged columns (with --data).
    #[arg(long)]
    pub privileged: Option<String>,
    /// Input feature columns (with --data; default: the rest).
    #[arg(long)]
    pub features: Option<String>,
    /// The task (with --data; default: inferred).
    #[arg(long)]
    pub task: Option<Task>,
    /// The group (query id) column of a ranking table (with --data).
    #[arg(long)]
    pub group: Option<String>,
    /// An identifier column to keep out of the features (with --data).
    #[arg(long)]
    pub id: Option<String>,
    /// Missing-value imputation (with --data).
    #[arg(long)]
    pub impute: Option<Impute>,
    /// Optimizer steps (with --data).
    #[arg(long, default_value_t = 1000)]
    pub steps: usize,
    /// Seed (with --data).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Where to write the SVG (atomically).
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(args: PlotArgs, quiet: bool) -> anyhow::Result<()> {
    check_output_path(&args.out, OutputKind::File)?;
    let record = match (&args.model, &args.data, &args.target, &args.privileged) {
        (Some(directory), _, _, _) => FittedLupi::load(directory)?.metadata.temperature,
        (None, Some(data), Some(target), Some(privileged)) => {
            let table = TableArgs {
                data: data.clone(),
                target: target.clone(),
                privileged: privileged.clone(),
                features: args.features.clone(),
                task: args.task,
                group: args.group.clone(),
                id: args.id.clone(),
                impute: args.impute,
            };
            let dataset = table.load(quiet)?;
            let params = TabularParams::new()
                .steps(args.steps)
                .seed(args.seed)
                .validate()?;
            let progress = Progress::start("cross-validating temperatures", quiet);
            let record = params.temperature_curve(&dataset);
            progress.finish();
            record?
        }
        _ => bail!("give --model MODEL_DIR, or --data FILE --target COL --privileged COLS"),
    };
    let svg = temperature_curve_svg(&record)?;
    write_atomically(&args.out, svg.as_bytes())?;
    if !quiet {
        eprintln!("wrote {}", args.out.display());
    }
    Ok(())
}
