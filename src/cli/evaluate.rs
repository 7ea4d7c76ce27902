//! `lupi evaluate`: the saved student's metrics on a labelled table.

use std::path::PathBuf;

use clap::Args;

use crate::data::table::read_csv;
use crate::tabular::FittedLupi;

/// Arguments of `lupi evaluate`.
#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// The model directory written by `lupi fit`.
    #[arg(long)]
    pub model: PathBuf,
    /// A CSV file with the input columns and the target column.
    #[arg(long)]
    pub data: PathBuf,
    /// Print the metrics as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: EvaluateArgs) -> anyhow::Result<()> {
    let model = FittedLupi::load(&args.model)?;
    let table = read_csv(&args.data)?;
    let targets = model.encoder()?.target.encode(&table)?;
    let metrics = model.predict(&table)?.metrics(&targets)?;
    if args.json {
        let value = serde_json::json!({ "rows": targets.len(), "metrics": metrics });
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        let cells: Vec<String> = metrics
            .named()
            .iter()
            .map(|(name, value)| format!("{name} {}", super::output::metric(*value)))
            .collect();
        println!("{} rows: {}", targets.len(), cells.join(", "));
    }
    Ok(())
}
