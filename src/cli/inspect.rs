//! `lupi inspect`: what a saved model is and what its fit found.

use std::path::PathBuf;

use clap::Args;

use super::show::{print_report, report_json};
use crate::tabular::FittedLupi;

/// Arguments of `lupi inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The model directory written by `lupi fit`.
    pub model_dir: PathBuf,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: InspectArgs) -> anyhow::Result<()> {
    let model = FittedLupi::load(&args.model_dir)?;
    let metadata = &model.metadata;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report_json(metadata))?);
        return Ok(());
    }
    println!(
        "model {} (lupi {})",
        args.model_dir.display(),
        metadata.lupi_version
    );
    match metadata.group_column() {
        Some(group) if metadata.task == crate::data::table::Task::Ranking => println!(
            "task: {} within groups of column '{group}' (pairwise logistic loss)",
            metadata.task
        ),
        _ => println!("task: {} ({})", metadata.task, metadata.base_loss.name()),
    }
    if !metadata.classes.is_empty() {
        println!("classes: {}", metadata.classes.join(", "));
    }
    println!("input features: {}", metadata.input_names.join(", "));
    println!(
        "privileged features (training only): {}",
        metadata.privileged_names.join(", ")
    );
    println!(
        "model: {}, teacher targets: {}, {} steps, learning rate {}, seed {}",
        metadata.settings.model,
        metadata.settings.teacher_targets,
        metadata.settings.steps,
        metadata.settings.learning_rate,
        metadata.settings.seed
    );
    print_report(metadata);
    Ok(())
}
