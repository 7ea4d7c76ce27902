//! Which benchmark rows become data points, and why the others do not.
//!
//! A row is used when both bound partner files `structures/<PDB>_r_b-matched.pdb`
//! (receptor) and `structures/<PDB>_l_b-matched.pdb` (ligand) exist and, unless censored
//! rows are kept, its ΔG is a measured value rather than a bound.

use std::path::{Path, PathBuf};

use super::benchmark::BenchmarkEntry;

/// Path of the bound receptor (`r`) file of a PDB id in `structures_directory`.
pub fn receptor_path(structures_directory: &Path, pdb_id: &str) -> PathBuf {
    structures_directory.join(format!("{pdb_id}_r_b-matched.pdb"))
}

/// Path of the bound ligand (`l`) file of a PDB id in `structures_directory`.
pub fn ligand_path(structures_directory: &Path, pdb_id: &str) -> PathBuf {
    structures_directory.join(format!("{pdb_id}_l_b-matched.pdb"))
}

/// Why a benchmark row is not used.
#[derive(Debug, Clone, PartialEq)]
pub enum LeftOutReason {
    /// One or both partner structure files do not exist.
    MissingStructures {
        /// The missing files.
        missing: Vec<PathBuf>,
    },
    /// ΔG is only a bound (`>15`) and censored rows are not kept.
    CensoredDeltaG,
}

/// A benchmark row that is not used, with every reason that applies (at least one).
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOut {
    /// The row.
    pub entry: BenchmarkEntry,
    /// The reasons, structures first.
    pub reasons: Vec<LeftOutReason>,
}

/// A benchmark row that is used, with its two structure files.
#[derive(Debug, Clone, PartialEq)]
pub struct SelectedComplex {
    /// The row.
    pub entry: BenchmarkEntry,
    /// Bound receptor file (`_r_b-matched.pdb`).
    pub receptor_path: PathBuf,
    /// Bound ligand file (`_l_b-matched.pdb`).
    pub ligand_path: PathBuf,
}

/// The rows used and the rows left out, each in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Selection {
    /// Rows with both structures (and a measured ΔG unless censored rows are kept).
    pub selected: Vec<SelectedComplex>,
    /// All other rows, with their reasons.
    pub left_out: Vec<LeftOut>,
}

/// Splits `entries` into used and left-out rows.
///
/// `keep_censored`: when true, rows with a censored ΔG are used at their bound (ΔG = −15
/// for `>15`); when false (the default of [`super::dataset::DatasetOptions`]) they are left
/// out.
pub fn select_complexes(
    entries: &[BenchmarkEntry],
    structures_directory: &Path,
    keep_censored: bool,
) -> Selection {
    let mut selection = Selection::default();
    for entry in entries {
        let receptor = receptor_path(structures_directory, &entry.pdb_id);
        let ligand = ligand_path(structures_directory, &entry.pdb_id);
        let missing: Vec<PathBuf> = [&receptor, &ligand]
            .into_iter()
            .filter(|path| !path.is_file())
            .cloned()
            .collect();
        let mut reasons = Vec::new();
        if !missing.is_empty() {
            reasons.push(LeftOutReason::MissingStructures { missing });
        }
        if entry.delta_g_censored && !keep_censored {
            reasons.push(LeftOutReason::CensoredDeltaG);
        }
        if reasons.is_empty() {
            selection.selected.push(SelectedComplex {
                entry: entry.clone(),
                receptor_path: receptor,
                ligand_path: ligand,
            });
        } else {
            selection.left_out.push(LeftOut {
                entry: entry.clone(),
                reasons,
            });
        }
    }
    selection
}

#[cfg(test)]
mod tests {
    use super::super::benchmark::read_benchmark;
    use super::super::error::Result;
    use super::super::test_data::data_directory;
    use super::*;

    #[test]
    fn counts_match_the_readme() -> Result<()> {
        // README: 160 complexes have both structures, 158 of them a measured ΔG; missing
        // structures: 1AVZ 1BRS 1CBW 1EMV 1NB5 1NVU x2 1P2C 1UUG 2AQ3 2GOX 2NYZ 2PCB 2PTC
        // 2TGP 2VIR 2WPT 3BZD 3SGB; censored: 1IQD, 1NSN, 1UUG.
        let directory = data_directory();
        let entries = read_benchmark(&directory.join("PPAB_V2.csv"))?;
        let structures = directory.join("structures");
        let kept = select_complexes(&entries, &structures, true);
        assert_eq!((kept.selected.len(), kept.left_out.len()), (160, 19));
        let missing: Vec<&str> = kept
            .left_out
            .iter()
            .map(|left| left.entry.pdb_id.as_str())
            .collect();
        assert_eq!(
            missing,
            vec![
                "1AVZ", "1BRS", "1CBW", "1EMV", "1NB5", "1NVU", "1NVU", "1P2C", "1UUG", "2AQ3",
                "2GOX", "2NYZ", "2PCB", "2PTC", "2TGP", "2VIR", "2WPT", "3BZD", "3SGB"
            ]
        );
        let measured = select_complexes(&entries, &structures, false);
        assert_eq!(
            (measured.selected.len(), measured.left_out.len()),
            (158, 21)
        );
        let censored: Vec<(&str, usize)> = measured
            .left_out
            .iter()
            .filter(|left| left.reasons.contains(&LeftOutReason::CensoredDeltaG))
            .map(|left| (left.entry.pdb_id.as_str(), left.reasons.len()))
            .collect();
        // 1UUG has both reasons.
        assert_eq!(censored, vec![("1IQD", 1), ("1NSN", 1), ("1UUG", 2)]);
        Ok(())
    }
}
