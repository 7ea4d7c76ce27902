use std::io::Write;
use std::path::Path;

use anyhow::Context;

/// Writes `contents` to `path` through a temporary file in the same directory and a rename,
/// so that `path` either keeps its old contents or holds the whole new ones: never a
/// half-written file.
pub fn write_atomically(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let file_name = path
        .file_name()
        .with_context(|| format!("{}: not a file path", path.display()))?;
    let temporary = directory.join(format!(
        ".{}.{}.tmp",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| -> anyhow::Result<()> {
        let mut file = std::fs::File::create(&temporary)
            .with_context(|| format!("{}: cannot create", temporary.display()))?;
        file.write_all(contents)
            .with_context(|| format!("{}: cannot write", temporary.display()))?;
        file.sync_all()
            .with_context(|| format!("{}: cannot sync", temporary.display()))?;
        std::fs::rename(&temporary, path)
            .with_context(|| format!("{}: cannot move into place", path.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// What an output path must be: a file (results, predictions, plots) or a model directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    /// A file, written by [`write_atomically`].
    File,
    /// A model directory, replaced as a whole.
    Directory,
}

/// Checks, before any work is done, that `path` can receive the output: its parent directory
/// exists, and it is not already something of the other kind. A run of minutes should not end
/// in "no such directory" with its results lost.
pub fn check_output_path(path: &Path, kind: OutputKind) -> anyhow::Result<()> {
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if path.file_name().is_none() {
        anyhow::bail!("{}: not a file path", path.display());
    }
    if !parent.is_dir() {
        anyhow::bail!(
            "{}: cannot write there: the directory {} does not exist",
            path.display(),
            parent.display()
        );
    }
    match kind {
        OutputKind::File if path.is_dir() => {
            anyhow::bail!("{}: is a directory, expected a file path", path.display())
        }
        OutputKind::Directory if path.exists() && !path.is_dir() => anyhow::bail!(
            "{}: exists and is not a directory; a model is saved as a directory",
            path.display()
        ),
        OutputKind::Directory if is_foreign_directory(path) => anyhow::bail!(
            "{}: exists and is not a lupi model directory (no {}); refusing to replace its \
             contents: choose a new path or an existing model directory",
            path.display(),
            crate::model_files::METADATA_FILE
        ),
        _ => Ok(()),
    }
}

/// A non-empty directory without a model's metadata file: replacing it would delete whatever
/// the user keeps there (`save_directory` refuses it too; checked here before any work).
pub fn is_foreign_directory(path: &Path) -> bool {
    path.is_dir()
        && !path.join(crate::model_files::METADATA_FILE).is_file()
        && std::fs::read_dir(path).map_or(true, |mut entries| entries.next().is_some())
}

/// Refuses to write an output over the input it is computed from.
pub fn check_not_input(output: &Path, input: &Path) -> anyhow::Result<()> {
    let same = match (std::fs::canonicalize(output), std::fs::canonicalize(input)) {
        (Ok(output), Ok(input)) => output == input,
        _ => false,
    };
    if same {
        anyhow::bail!(
            "{}: is the input file; write the output to another path",
            output.display()
        );
    }
    Ok(())
}

/// A metric with four decimals, or in scientific notation from 1e6 up, where four decimals
/// of a huge value would print hundreds of digits.
pub fn metric(value: f64) -> String {
    if value.is_finite() && value.abs() >= 1e6 {
        format!("{value:.4e}")
    } else {
        format!("{value:.4}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_are_checked_before_work() {
        let directory = tempfile::tempdir().unwrap();
        let file = directory.path().join("results.json");
        check_output_path(&file, OutputKind::File).unwrap();
        let missing = directory.path().join("missing").join("results.json");
        let message = check_output_path(&missing, OutputKind::File)
            .unwrap_err()
            .to_string();
        assert!(message.contains("does not exist"), "{message}");
        let message = check_output_path(directory.path(), OutputKind::File)
            .unwrap_err()
            .to_string();
        assert!(message.contains("is a directory"), "{message}");
        std::fs::write(&file, b"{}").unwrap();
        let message = check_output_path(&file, OutputKind::Directory)
            .unwrap_err()
            .to_string();
        assert!(message.contains("not a directory"), "{message}");
    }

    #[test]
    fn metrics_print_short() {
        assert_eq!(metric(0.123456), "0.1235");
        assert_eq!(metric(1.5e300), "1.5000e300");
        assert_eq!(metric(f64::NAN), "NaN");
    }

    #[test]
    fn writes_whole_file_and_leaves_no_temporary() {
        let directory = std::env::temp_dir().join(format!("lupi-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&directory).unwrap();
        let path = directory.join("out.json");
        write_atomically(&path, b"{}").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{}");
        let leftovers = std::fs::read_dir(&directory).unwrap().count();
        assert_eq!(leftovers, 1);
        // A directory that does not exist: an error naming it, and nothing created.
        let missing = directory.join("missing").join("out.json");
        let message = write_atomically(&missing, b"{}").unwrap_err().to_string();
        assert!(message.contains("missing"), "{message}");
        std::fs::remove_dir_all(&directory).unwrap();
    }

    #[test]
    fn a_failed_rename_removes_the_temporary_and_keeps_the_target() {
        // The target is a non-empty directory, which a file cannot replace.
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("results.json");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("inside"), b"kept").unwrap();
        let message = write_atomically(&target, b"{}").unwrap_err().to_string();
        assert!(message.contains("cannot move into place"), "{message}");
        let names: Vec<_> = std::fs::read_dir(root.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("results.json")]);
        assert_eq!(std::fs::read(target.join("inside")).unwrap(), b"kept");
    }
}
