//! `lupi predict`: the saved student's predictions for a table of input features.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use super::output::{OutputKind, check_not_input, check_output_path};
use super::write_atomically;
use crate::data::table::read_csv;
use crate::tabular::FittedLupi;

/// Arguments of `lupi predict`.
#[derive(Debug, Args)]
pub struct PredictArgs {
    /// The model directory written by `lupi fit`.
    #[arg(long)]
    pub model: PathBuf,
    /// The CSV file to predict for; it needs the input columns only. A ranking model copies
    /// the group column to the output when the file has it.
    #[arg(long)]
    pub data: PathBuf,
    /// Where to write the predictions (CSV, written atomically).
    #[arg(long)]
    pub out: PathBuf,
    /// A column of `--data` copied as the first output column, to identify rows.
    #[arg(long)]
    pub id: Option<String>,
}

pub fn run(args: PredictArgs, quiet: bool) -> anyhow::Result<()> {
    check_output_path(&args.out, OutputKind::File)?;
    check_not_input(&args.out, &args.data)?;
    let model = FittedLupi::load(&args.model)?;
    let table = read_csv(&args.data)?;
    let ignored = model.ignored_columns(&table);
    if !ignored.is_empty() && !quiet {
        eprintln!(
            "note: ignoring column(s) {} of '{}': the model predicts from input features only",
            ignored.join(", "),
            args.data.display()
        );
    }
    let id_values: Option<Vec<String>> = match &args.id {
        Some(name) => {
            let index = table.column_index(name).with_context(|| {
                format!(
                    "'{}': id column '{name}' is not in the file; columns: {}",
                    args.data.display(),
                    table.names().join(", ")
                )
            })?;
            Some(table.column(index).map(str::to_string).collect())
        }
        None => None,
    };
    let inputs = model.encode_inputs(&table)?;
    let predictions = model.predict_features(&crate::data::Matrix::new(
        inputs.n_rows,
        inputs.n_input(),
        inputs.input,
    )?)?;
    let (mut header, mut rows) = predictions.table();
    // A score only means something against the other scores of its group, so the group goes
    // beside it when the file has the column.
    if let (Some(name), Some(groups)) = (model.metadata.group_column(), inputs.group)
        && model.metadata.task == crate::data::table::Task::Ranking
    {
        header.insert(0, name.to_string());
        for (row, group) in rows.iter_mut().zip(groups) {
            row.insert(0, group);
        }
    }
    if let (Some(name), Some(values)) = (&args.id, id_values) {
        header.insert(0, name.clone());
        for (row, id) in rows.iter_mut().zip(values) {
            row.insert(0, id);
        }
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&header)?;
    for row in &rows {
        writer.write_record(row)?;
    }
    let bytes = writer.into_inner().context("cannot finish the CSV")?;
    write_atomically(&args.out, &bytes)?;
    if !quiet {
        eprintln!("wrote {} predictions to {}", rows.len(), args.out.display());
    }
    Ok(())
}
