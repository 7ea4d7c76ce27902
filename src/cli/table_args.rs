//! The flags that say which table to learn from and how its columns are used, shared by
//! `fit` and `plot-temperature`.

use std::path::PathBuf;

use clap::Args;

use crate::data::table::{
    ColumnSpec, Encoder, FitOptions, Impute, Task, parse_column_list, read_csv, select_columns,
};
use crate::tabular::LupiDataset;

/// Which file, which target, which privileged and input columns.
#[derive(Debug, Clone, Args)]
pub struct TableArgs {
    /// The training CSV file (header row, comma-separated).
    #[arg(long)]
    pub data: PathBuf,
    /// The target column.
    #[arg(long)]
    pub target: String,
    /// Privileged columns, available at training time only (comma-separated; `*` and `?`
    /// globs allowed).
    #[arg(long)]
    pub privileged: String,
    /// Input feature columns (default: every column that is not target or privileged).
    #[arg(long)]
    pub features: Option<String>,
    /// The task (default: inferred from the target column; ranking when `--group` is given).
    #[arg(long)]
    pub task: Option<Task>,
    /// The group (query id) column of a ranking table: rows are ranked within their group,
    /// and the target holds their relevance grades (higher = more relevant).
    #[arg(long)]
    pub group: Option<String>,
    /// An identifier column (patient id, row name): kept out of the features, so the model
    /// does not memorise rows by it.
    #[arg(long)]
    pub id: Option<String>,
    /// Fill missing feature values with the column's training mean or median (default:
    /// missing values are errors).
    #[arg(long)]
    pub impute: Option<Impute>,
}

impl TableArgs {
    /// Reads and encodes the table, telling the user (unless `quiet`) how the task was
    /// inferred and what looked suspicious.
    pub fn load(&self, quiet: bool) -> anyhow::Result<LupiDataset> {
        if self.task == Some(Task::Ranking) && self.group.is_none() {
            anyhow::bail!(
                "--task ranking needs --group COL: the column of '{}' that names each row's \
                 group (query id)",
                self.data.display()
            );
        }
        let table = read_csv(&self.data)?;
        let spec = ColumnSpec {
            target: self.target.clone(),
            privileged: parse_column_list("privileged", &self.privileged)?,
            features: match &self.features {
                Some(list) => Some(parse_column_list("features", list)?),
                None => None,
            },
            group: self.group.clone(),
            id: self.id.clone(),
        };
        let selection = select_columns(table.names(), &spec)?;
        let options = FitOptions {
            task: self.task,
            impute: self.impute,
        };
        let fitted = Encoder::fit(&table, &selection, &options)?;
        if !quiet {
            eprintln!("task: {}", fitted.task_reason);
            eprintln!(
                "input features ({}): {}",
                fitted.data.n_input(),
                fitted.data.input_names.join(", ")
            );
            eprintln!(
                "privileged features ({}): {}",
                fitted.data.n_privileged(),
                fitted.data.privileged_names.join(", ")
            );
            if let (Some(name), Some(groups)) = (&self.group, &fitted.data.group) {
                let mut distinct: Vec<&String> = groups.iter().collect();
                distinct.sort_unstable();
                distinct.dedup();
                eprintln!("groups: {} in column '{name}'", distinct.len());
            }
            for warning in &fitted.warnings {
                eprintln!("warning: {warning}");
            }
        }
        Ok(LupiDataset::from_fitted(fitted)?)
    }
}
