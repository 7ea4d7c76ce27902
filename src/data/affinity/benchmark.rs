//! The benchmark table `PPAB_V2.csv` (Kastritis et al. 2011; Vreven et al. 2015).
//!
//! Columns are taken **by position**, because the headers contain non-ASCII characters
//! (`∆G (kcal/ mol)`, `Temp (°C)`) and one name (`Unbound PDB`) occurs twice. To catch a
//! reordered file, the headers at the positions used are checked by an ASCII prefix after
//! dropping every non-ASCII character: column 0 `Complex PDB`, column 1 `Class`, column 7
//! `Kd`, column 8 `G (kcal` (from `∆G (kcal/ mol)`).
//!
//! Sign convention of `∆G`: data rows 1..=144 (benchmark 1.0) hold positive magnitudes
//! (`9.3` means ΔG = −9.3 kcal/mol), rows 145.. (the 2.0 additions) hold negative numbers.
//! [`BenchmarkEntry::delta_g`] is always the negative free energy in kcal/mol.
//!
//! Censored measurements (`>15` in ΔG, `<1E-10` in Kd) are flagged, and their value is the
//! bound: `>15` gives ΔG = −15.

use std::path::Path;

use super::error::{Error, Result};

/// Number of data rows of benchmark 1.0, whose ΔG column holds positive magnitudes.
pub const BENCHMARK_1_ROW_COUNT: usize = 144;

/// Column positions used (0-based) and the ASCII prefix their header must start with.
const COMPLEX_COLUMN: (usize, &str) = (0, "Complex PDB");
const CLASS_COLUMN: (usize, &str) = (1, "Class");
const KD_COLUMN: (usize, &str) = (7, "Kd");
const DELTA_G_COLUMN: (usize, &str) = (8, "G (kcal");

/// One row of the benchmark table.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchmarkEntry {
    /// 1-based data row in the file (the header is not counted).
    pub row: usize,
    /// The `Complex PDB` field as written, e.g. `1A2K_C:AB`.
    pub complex: String,
    /// PDB id, upper case, e.g. `1A2K`.
    pub pdb_id: String,
    /// Chains of partner 1, e.g. `C`.
    pub partner1_chains: String,
    /// Chains of partner 2, e.g. `AB`.
    pub partner2_chains: String,
    /// Functional class (`EI`, `A`, `OG`, ...).
    pub functional_class: String,
    /// Dissociation constant in mol/L (the bound when `kd_censored`).
    pub kd_molar: f64,
    /// Whether Kd was given as an inequality (`<1E-10`).
    pub kd_censored: bool,
    /// Binding free energy ΔG in kcal/mol, always negative (the bound when
    /// `delta_g_censored`).
    pub delta_g: f64,
    /// Whether ΔG was given as an inequality (`>15`).
    pub delta_g_censored: bool,
}

impl BenchmarkEntry {
    /// Whether either measurement of this row is censored.
    pub fn is_censored(&self) -> bool {
        self.kd_censored || self.delta_g_censored
    }
}

/// Reads `PPAB_V2.csv` into one [`BenchmarkEntry`] per data row, in file order.
///
/// # Errors
/// [`Error::Csv`] for an unreadable file, [`Error::UnexpectedHeader`] when a used column's
/// header does not match, [`Error::InvalidField`] (with row, column and value) for a field
/// that cannot be parsed or a ΔG whose sign contradicts its row's convention.
pub fn read_benchmark(path: &Path) -> Result<Vec<BenchmarkEntry>> {
    let csv_error = |source| Error::Csv {
        path: path.to_path_buf(),
        source,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(path)
        .map_err(csv_error)?;
    let headers = reader.headers().map_err(csv_error)?.clone();
    for (column, prefix) in [COMPLEX_COLUMN, CLASS_COLUMN, KD_COLUMN, DELTA_G_COLUMN] {
        let found = headers.get(column).unwrap_or("");
        let ascii: String = found.chars().filter(char::is_ascii).collect();
        if !ascii.trim_start().starts_with(prefix) {
            return Err(Error::UnexpectedHeader {
                path: path.to_path_buf(),
                column,
                found: found.to_string(),
                expected: format!("starting with {prefix:?} (non-ASCII characters dropped)"),
            });
        }
    }
    let mut entries = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(csv_error)?;
        entries.push(parse_row(path, index + 1, &record)?);
    }
    Ok(entries)
}

/// Parses one data row (`row` is 1-based).
fn parse_row(path: &Path, row: usize, record: &csv::StringRecord) -> Result<BenchmarkEntry> {
    let invalid = |column: &str, value: &str, reason: &str| Error::InvalidField {
        path: path.to_path_buf(),
        row,
        column: column.to_string(),
        value: value.to_string(),
        reason: reason.to_string(),
    };
    let field = |column: (usize, &str)| {
        record
            .get(column.0)
            .map(str::trim)
            .ok_or_else(|| invalid(column.1, "", "the row has too few fields"))
    };

    let complex = field(COMPLEX_COLUMN)?;
    let (pdb_id, partner1_chains, partner2_chains) = split_complex(complex)
        .ok_or_else(|| invalid("Complex PDB", complex, "expected <PDB>_<chains>:<chains>"))?;

    let kd_text = field(KD_COLUMN)?;
    let (kd_censored, kd_number) = split_censor(kd_text, '<');
    let kd_molar: f64 = kd_number
        .parse()
        .map_err(|_| invalid("Kd(M)", kd_text, "not a number"))?;
    if !(kd_molar.is_finite() && kd_molar > 0.0) {
        return Err(invalid(
            "Kd(M)",
            kd_text,
            "a dissociation constant must be positive",
        ));
    }

    let delta_g_text = field(DELTA_G_COLUMN)?;
    let (delta_g_censored, delta_g_number) = split_censor(delta_g_text, '>');
    let value: f64 = delta_g_number
        .parse()
        .map_err(|_| invalid("∆G (kcal/ mol)", delta_g_text, "not a number"))?;
    let delta_g = if row <= BENCHMARK_1_ROW_COUNT {
        if !(value.is_finite() && value > 0.0) {
            return Err(invalid(
                "∆G (kcal/ mol)",
                delta_g_text,
                "rows 1-144 must hold a positive magnitude",
            ));
        }
        -value
    } else {
        if !(value.is_finite() && value < 0.0) {
            return Err(invalid(
                "∆G (kcal/ mol)",
                delta_g_text,
                "rows after 144 must hold a negative number",
            ));
        }
        value
    };

    Ok(BenchmarkEntry {
        row,
        complex: complex.to_string(),
        pdb_id,
        partner1_chains,
        partner2_chains,
        functional_class: field(CLASS_COLUMN)?.to_string(),
        kd_molar,
        kd_censored,
        delta_g,
        delta_g_censored,
    })
}

/// Splits `1A2K_C:AB` into (`1A2K`, `C`, `AB`); `None` if the shape is wrong.
fn split_complex(complex: &str) -> Option<(String, String, String)> {
    let (pdb_id, chains) = complex.split_once('_')?;
    let (partner1, partner2) = chains.split_once(':')?;
    let valid_id = pdb_id.len() == 4 && pdb_id.chars().all(|c| c.is_ascii_alphanumeric());
    let valid_chains =
        |chains: &str| !chains.is_empty() && chains.chars().all(|c| c.is_ascii_alphanumeric());
    (valid_id && valid_chains(partner1) && valid_chains(partner2)).then(|| {
        (
            pdb_id.to_ascii_uppercase(),
            partner1.to_string(),
            partner2.to_string(),
        )
    })
}

/// Strips a leading censoring sign (`<` for Kd, `>` for ΔG magnitudes): (censored, rest).
fn split_censor(text: &str, sign: char) -> (bool, &str) {
    match text.strip_prefix(sign) {
        Some(rest) => (true, rest.trim()),
        None => (false, text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complex_field_is_split() {
        assert_eq!(
            split_complex("1A2K_C:AB"),
            Some(("1A2K".to_string(), "C".to_string(), "AB".to_string()))
        );
        assert_eq!(split_complex("1A2K_CAB"), None);
        assert_eq!(split_complex("1A2_C:A"), None);
    }

    #[test]
    fn sign_convention_and_censoring_from_a_small_table() -> Result<()> {
        // A hand-made table: row 1 in benchmark-1.0 style, row 2 censored; the 2.0 style
        // (negative numbers) only starts after row 144, so 144 filler rows come first.
        let path =
            std::env::temp_dir().join(format!("affinity-benchmark-{}.csv", std::process::id()));
        let mut text = String::from(
            "Complex PDB,Class,Unbound PDB,Component 1,Unbound PDB,Component 2,reference (c),\
             Kd(M),\u{2206}G (kcal/ mol),I_rmsd (\u{c5})\n",
        );
        text.push_str("1ABC_A:B,EI,x,y,x,z,1,1.5E-07,9.3,1\n");
        text.push_str("1DEF_HL:C,AB,x,y,x,z,1,<1E-10,>15,1\n");
        for filler in 3..=BENCHMARK_1_ROW_COUNT {
            text.push_str(&format!("{filler:04}_A:B,OX,x,y,x,z,1,1E-6,8.2,1\n"));
        }
        text.push_str("3XYZ_A:E,OX,x,y,x,z,1,2.21e-5,-6.31,0.8\n");
        std::fs::write(&path, text).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let entries = read_benchmark(&path);
        std::fs::remove_file(&path).ok();
        let entries = entries?;
        assert_eq!(entries.len(), 145);
        assert_eq!(entries[0].delta_g, -9.3);
        assert!(!entries[0].is_censored());
        assert_eq!(entries[1].delta_g, -15.0);
        assert!(entries[1].delta_g_censored && entries[1].kd_censored);
        assert_eq!(entries[1].kd_molar, 1e-10);
        assert_eq!(entries[144].row, 145);
        assert_eq!(entries[144].delta_g, -6.31);
        assert_eq!(entries[144].pdb_id, "3XYZ");
        Ok(())
    }

    #[test]
    fn real_table_matches_the_derived_index() -> Result<()> {
        // ab_v2_index_derived.csv (README: "dG always negative, censoring flags") is an
        // independent derivation of the same table; every row must agree.
        let directory = super::super::test_data::data_directory();
        let entries = read_benchmark(&directory.join("PPAB_V2.csv"))?;
        assert_eq!(entries.len(), 179);
        let derived_path = directory.join("ab_v2_index_derived.csv");
        let csv_error = |source| Error::Csv {
            path: derived_path.clone(),
            source,
        };
        let mut reader = csv::Reader::from_path(&derived_path).map_err(csv_error)?;
        let headers = reader.headers().map_err(csv_error)?.clone();
        let column = |name: &str| headers.iter().position(|header| header == name);
        let (Some(row_column), Some(delta_g_column), Some(censor_column), Some(pdb_column)) = (
            column("row"),
            column("dG_kcal_mol"),
            column("dG_censor"),
            column("pdb"),
        ) else {
            panic!("ab_v2_index_derived.csv lacks an expected column: {headers:?}");
        };
        let mut compared = 0;
        for record in reader.records() {
            let record = record.map_err(csv_error)?;
            let row: usize = record[row_column].parse().unwrap_or(0);
            let entry = &entries[row - 1];
            let expected: f64 = record[delta_g_column].parse().unwrap_or(f64::NAN);
            assert!(
                (entry.delta_g - expected).abs() < 1e-9,
                "row {row}: parsed {} but derived {expected}",
                entry.delta_g
            );
            assert_eq!(
                entry.delta_g_censored,
                !record[censor_column].is_empty(),
                "row {row}"
            );
            assert_eq!(entry.pdb_id, &record[pdb_column], "row {row}");
            compared += 1;
        }
        assert_eq!(compared, 179);
        // README: censored rows are 1IQD (>15), 1NSN (>14), 1UUG (>18); 1NVU appears twice.
        let censored: Vec<(&str, f64)> = entries
            .iter()
            .filter(|entry| entry.is_censored())
            .map(|entry| (entry.pdb_id.as_str(), entry.delta_g))
            .collect();
        assert_eq!(
            censored,
            vec![("1IQD", -15.0), ("1NSN", -14.0), ("1UUG", -18.0)]
        );
        assert_eq!(
            entries
                .iter()
                .filter(|entry| entry.pdb_id == "1NVU")
                .count(),
            2
        );
        // Spot values from the file: row 1 (1A2K, 9.3) and row 145 (3H2V, -6.31).
        assert_eq!(
            (entries[0].complex.as_str(), entries[0].delta_g),
            ("1A2K_C:AB", -9.3)
        );
        assert_eq!(
            (entries[144].pdb_id.as_str(), entries[144].delta_g),
            ("3H2V", -6.31)
        );
        Ok(())
    }
}
