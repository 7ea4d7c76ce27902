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
    /// A CSV file with the input columns and the target column (and, for a ranking model,
    /// the group column).
    #[arg(long)]
    pub data: PathBuf,
    /// Print the metrics as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: EvaluateArgs) -> anyhow::Result<()> {
    let model = FittedLupi::load(&args.model)?;
    let table = read_csv(&args.data)?;
    let (rows, metrics) = model.evaluate(&table)?;
    if args.json {
        let value = serde_json::json!({ "rows": rows, "metrics": metrics });
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        let cells: Vec<String> = metrics
            .named()
            .iter()
            .map(|(name, value)| format!("{name} {}", super::output::metric(*value)))
            .collect();
        println!("{rows} rows: {}", cells.join(", "));
    }
    Ok(())
}
