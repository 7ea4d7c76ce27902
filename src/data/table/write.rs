//! Writing predictions to CSV atomically.
//!
//! The file is written to a temporary sibling in the same directory and renamed over the
//! destination only when complete, so a crash or full disk never leaves a truncated prediction
//! file that looks valid. Same directory matters: a rename across file systems is not atomic.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::error::{Error, Result};

/// Distinguishes temporary files of concurrent writers within one process.
static TEMPORARY_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Optional identifier column written first in the prediction file.
#[derive(Debug, Clone, Copy)]
pub struct IdColumn<'a> {
    /// Header of the column.
    pub name: &'a str,
    /// One identifier per row.
    pub values: &'a [String],
}

/// Writes `values` (row-major, one row per prediction, `column_names.len()` per row) to `path`
/// as CSV with a header, preceded by the id column when given. Floats are written in Rust's
/// shortest round-trip form.
pub fn write_predictions(
    path: &Path,
    id: Option<IdColumn<'_>>,
    column_names: &[String],
    values: &[f64],
) -> Result<()> {
    let inconsistent = |message: String| Error::InconsistentOutput {
        path: path.to_path_buf(),
        message,
    };
    if column_names.is_empty() {
        return Err(inconsistent("no prediction columns".to_string()));
    }
    if !values.len().is_multiple_of(column_names.len()) {
        return Err(inconsistent(format!(
            "{} values do not fill rows of {} columns",
            values.len(),
            column_names.len()
        )));
    }
    let n_rows = values.len() / column_names.len();
    if let Some(id) = id
        && id.values.len() != n_rows
    {
        return Err(inconsistent(format!(
            "{} ids for {} prediction rows",
            id.values.len(),
            n_rows
        )));
    }

    let temporary = temporary_path(path);
    let result = write_file(&temporary, id, column_names, values)
        .and_then(|()| std::fs::rename(&temporary, path));
    result.map_err(|source| {
        // Best effort: the temporary file is garbage either way; the original error matters.
        let _ = std::fs::remove_file(&temporary);
        Error::Write {
            path: path.to_path_buf(),
            source,
        }
    })
}

fn write_file(
    temporary: &Path,
    id: Option<IdColumn<'_>>,
    column_names: &[String],
    values: &[f64],
) -> std::io::Result<()> {
    let file = File::create(temporary)?;
    let mut writer = csv::Writer::from_writer(file);
    let mut header: Vec<&str> = Vec::with_capacity(column_names.len() + 1);
    header.extend(id.map(|id| id.name));
    header.extend(column_names.iter().map(String::as_str));
    writer.write_record(&header)?;
    let mut record: Vec<String> = Vec::with_capacity(header.len());
    for (row, chunk) in values.chunks(column_names.len()).enumerate() {
        record.clear();
        if let Some(id) = id {
            record.push(id.values[row].clone());
        }
        record.extend(chunk.iter().map(f64::to_string));
        writer.write_record(&record)?;
    }
    let mut file = writer.into_inner().map_err(|error| error.into_error())?;
    file.flush()?;
    // Data must be on disk before the rename makes it visible under the final name.
    file.sync_all()
}

fn temporary_path(path: &Path) -> PathBuf {
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "predictions".to_string());
    let counter = TEMPORARY_COUNTER.fetch_add(1, Ordering::Relaxed);
    let temporary_name = format!(".{file_name}.{}.{counter}.tmp", std::process::id());
    path.with_file_name(temporary_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_ids_and_values_and_leaves_no_temporary() {
        let directory = tempfile::tempdir().expect("temp dir");
        let path = directory.path().join("predictions.csv");
        let ids = vec!["a,1".to_string(), "b".to_string()];
        let names = vec!["p0".to_string(), "p1".to_string()];
        let id = IdColumn {
            name: "id",
            values: &ids,
        };
        write_predictions(&path, Some(id), &names, &[0.25, 0.75, 1.0, 0.0]).expect("write");
        let text = std::fs::read_to_string(&path).expect("read back");
        assert_eq!(text, "id,p0,p1\n\"a,1\",0.25,0.75\nb,1,0\n");
        let entries = std::fs::read_dir(directory.path()).expect("list").count();
        assert_eq!(entries, 1);
    }

    #[test]
    fn overwrites_existing_file_without_id() {
        let directory = tempfile::tempdir().expect("temp dir");
        let path = directory.path().join("out.csv");
        std::fs::write(&path, "old contents\n").expect("seed");
        write_predictions(&path, None, &["prediction".to_string()], &[1.5, -2.0]).expect("write");
        let text = std::fs::read_to_string(&path).expect("read back");
        assert_eq!(text, "prediction\n1.5\n-2\n");
    }

    #[test]
    fn mismatched_lengths_are_errors() {
        let directory = tempfile::tempdir().expect("temp dir");
        let path = directory.path().join("out.csv");
        let ids = vec!["a".to_string()];
        let id = IdColumn {
            name: "id",
            values: &ids,
        };
        let message = write_predictions(&path, Some(id), &["p".to_string()], &[1.0, 2.0])
            .expect_err("one id for two rows")
            .to_string();
        assert!(message.contains("1 ids for 2 prediction rows"), "{message}");
        assert!(!path.exists());
    }

    #[test]
    fn missing_directory_names_destination() {
        let directory = tempfile::tempdir().expect("temp dir");
        let path = directory.path().join("absent").join("out.csv");
        let message = write_predictions(&path, None, &["p".to_string()], &[1.0])
            .expect_err("directory does not exist")
            .to_string();
        assert!(message.contains("out.csv"), "{message}");
    }
}
