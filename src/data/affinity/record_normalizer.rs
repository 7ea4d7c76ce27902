//! Checks and repairs of `ATOM`/`HETATM` records made before the text is handed to pdbtbx.
//!
//! Three problems of the benchmark's trimmed structure files would make pdbtbx fail, panic
//! or merge residues:
//!
//! 1. In 30 of the 320 files (15 complexes, among them 1ACB, 1VFB, 2SNI) columns 77-80,
//!    where the element symbol and the charge belong, hold a number (`   87`, `1930`).
//!    pdbtbx rejects the charge even at its loose level, and it would read an element
//!    from the atom name (`CA` would become calcium). A column 77-78 that is not an
//!    element symbol is therefore replaced by the element read from the atom name (see
//!    [`element_from_atom_name`]), and a column 79-80 that is not a charge (`[0-9][+-]`)
//!    is blanked.
//! 2. pdbtbx files every record under its chain, residue number and insertion code,
//!    wherever it is in the file, and then folds a blank-alternate-location group of atoms
//!    into the other group of that residue. In the 3LVK receptor, the merged chains reuse
//!    number 764 for the ligand `PLP 764` and, 2000 lines later, `ALA 764`, whose atoms
//!    would become part of PLP. A residue block that repeats the chain, number and
//!    insertion code of an earlier, separate block is therefore given the first insertion
//!    code (A-Z) unused with that number in the file (`ALA 764` becomes `ALA 764A`).
//!    Consecutive blocks with the same number (alternate locations, microheterogeneity)
//!    are left together.
//! 3. pdbtbx panics on a coordinate, occupancy or B-factor that parses to an infinite or
//!    NaN value, on a blank residue name or chain identifier, and on control characters, so
//!    every record is checked first: printable ASCII only, at least 54 columns (the end of
//!    z), a residue name, a chain identifier, three finite coordinates, and an occupancy
//!    (finite, ≥ 0) and B-factor (finite) when they are numbers.
//!
//! Of the other lines only `MODEL` (rewritten with its checked number), `ENDMDL`, `TER` and
//! `END` (rewritten bare) reach pdbtbx: lupi uses no other record, and each would be one more
//! way for malformed text to make pdbtbx fail or panic.

use std::collections::HashSet;
use std::path::Path;

use super::amino_acid::index_of_residue_name;
use super::error::{Error, Result};

/// Columns (0-based, end exclusive) of the fields used.
const RESIDUE_NAME: std::ops::Range<usize> = 17..20;
const RESIDUE_KEY: std::ops::Range<usize> = 21..27;
const INSERTION_CODE: usize = 26;
const COORDINATES: [std::ops::Range<usize>; 3] = [30..38, 38..46, 46..54];
const CHAIN_IDENTIFIER: usize = 21;
const OCCUPANCY_AND_B_FACTOR: [std::ops::Range<usize>; 2] = [54..60, 60..66];

/// Whether `line` is an `ATOM` or `HETATM` record.
pub fn is_atom_record(line: &str) -> bool {
    line.starts_with("ATOM  ") || line.starts_with("HETATM")
}

/// Returns `text` with its `ATOM`/`HETATM` records checked and repaired as the module docs
/// describe.
///
/// # Errors
/// [`Error::InvalidStructure`] naming `path`, the 1-based line and the value, for a record
/// with a character outside printable ASCII, shorter than 54 columns, with a blank residue
/// name or a coordinate that is not a finite number, and when a repeated residue finds no
/// free insertion code.
pub fn normalize_records(text: &str, path: &Path) -> Result<String> {
    let invalid = |line_number: usize, reason: String| Error::InvalidStructure {
        path: path.to_path_buf(),
        reason: format!("line {line_number}: {reason}"),
    };
    // First pass: validate, and collect every (chain, number, insertion code) in use.
    let mut keys_in_use: HashSet<String> = HashSet::new();
    for (line_index, line) in text.lines().enumerate() {
        if !is_atom_record(line) {
            continue;
        }
        if !line.bytes().all(|byte| (b' '..=b'~').contains(&byte)) {
            return Err(invalid(
                line_index + 1,
                format!("record with a character outside printable ASCII: {line:?}"),
            ));
        }
        if line.len() < COORDINATES[2].end {
            return Err(invalid(
                line_index + 1,
                format!("record shorter than 54 columns: {line:?}"),
            ));
        }
        // pdbtbx panics on a blank residue name.
        if line[RESIDUE_NAME].trim().is_empty() {
            return Err(invalid(
                line_index + 1,
                format!("blank residue name: {line:?}"),
            ));
        }
        if line.as_bytes()[CHAIN_IDENTIFIER] == b' ' {
            return Err(invalid(
                line_index + 1,
                format!("blank chain identifier (column 22): {line:?}"),
            ));
        }
        for range in COORDINATES {
            let field = &line[range];
            let valid = field.trim().parse::<f64>().is_ok_and(f64::is_finite);
            if !valid {
                return Err(invalid(
                    line_index + 1,
                    format!("coordinate {field:?} is not a finite number"),
                ));
            }
        }
        // pdbtbx also panics on a negative occupancy when it splits a residue's shared atoms
        // between alternate locations.
        let [occupancy_columns, b_factor_columns] = OCCUPANCY_AND_B_FACTOR;
        for (name, range, lowest) in [
            ("occupancy", occupancy_columns, 0.0),
            ("B-factor", b_factor_columns, f64::NEG_INFINITY),
        ] {
            let field = line.get(range).unwrap_or("");
            if field
                .trim()
                .parse::<f64>()
                .is_ok_and(|value| !value.is_finite() || value < lowest)
            {
                let expected = if lowest == 0.0 { " ≥ 0" } else { "" };
                return Err(invalid(
                    line_index + 1,
                    format!("{name} {field:?} is not a finite number{expected}"),
                ));
            }
        }
        // Look up before inserting: most records repeat their residue's key.
        if !keys_in_use.contains(&line[RESIDUE_KEY]) {
            keys_in_use.insert(line[RESIDUE_KEY].to_string());
        }
    }
    // Second pass: repair.
    let mut output = String::with_capacity(text.len() + 64);
    let mut finished_keys: HashSet<&str> = HashSet::new();
    let mut previous_block: Option<(&str, &str)> = None;
    let mut previous_key: Option<&str> = None;
    let mut replacement: Option<u8> = None;
    for (line_index, line) in text.lines().enumerate() {
        if !is_atom_record(line) {
            if let Some(record) = other_record(line, line_index + 1, path)? {
                output.push_str(&record);
                output.push('\n');
            }
            continue;
        }
        let key = &line[RESIDUE_KEY];
        let block = (&line[RESIDUE_NAME], key);
        if previous_block != Some(block) {
            let continues_residue = previous_key == Some(key);
            if !continues_residue {
                if let Some(previous) = previous_key.take() {
                    finished_keys.insert(previous);
                }
                replacement = if finished_keys.contains(key) {
                    let code = free_insertion_code(key, &keys_in_use).ok_or_else(|| {
                        invalid(
                            line_index + 1,
                            format!("residue {key:?} repeats and no insertion code is free"),
                        )
                    })?;
                    let mut new_key = key.as_bytes().to_vec();
                    new_key[INSERTION_CODE - RESIDUE_KEY.start] = code;
                    keys_in_use.insert(String::from_utf8_lossy(&new_key).to_string());
                    Some(code)
                } else {
                    None
                };
            }
            previous_block = Some(block);
            previous_key = Some(key);
        }
        output.push_str(&repair_atom_line(line, replacement));
        output.push('\n');
    }
    Ok(output)
}

/// The text handed to pdbtbx for a line that is not an atom record: `MODEL` with its number
/// (columns 11-14, an integer), `ENDMDL`, `TER` and `END` bare, nothing for anything else.
fn other_record(line: &str, line_number: usize, path: &Path) -> Result<Option<String>> {
    let kind = line.get(..6).unwrap_or(line).trim_end();
    let record = match kind {
        "MODEL" => {
            let number = line.get(6..).unwrap_or("").trim();
            match number.parse::<u32>() {
                Ok(number) => format!("MODEL     {number:>4}"),
                Err(_) => {
                    return Err(Error::InvalidStructure {
                        path: path.to_path_buf(),
                        reason: format!(
                            "line {line_number}: MODEL record without a model number: {line:?}"
                        ),
                    });
                }
            }
        }
        "ENDMDL" | "TER" | "END" => kind.to_string(),
        _ => return Ok(None),
    };
    Ok(Some(record))
}

/// First letter A-Z that, as insertion code of `key`'s chain and number, is not in use.
fn free_insertion_code(key: &str, keys_in_use: &HashSet<String>) -> Option<u8> {
    let mut candidate = key.as_bytes().to_vec();
    (b'A'..=b'Z').find(|&code| {
        candidate[INSERTION_CODE - RESIDUE_KEY.start] = code;
        !keys_in_use.contains(String::from_utf8_lossy(&candidate).as_ref())
    })
}

/// Repairs one validated record: element and charge columns, and the insertion code when
/// `insertion_code` is given.
fn repair_atom_line(line: &str, insertion_code: Option<u8>) -> String {
    // Pad to the 80 columns of the format so the fixed-column edits below are in range.
    let mut columns: Vec<u8> = format!("{line:<80}").into_bytes();
    if let Some(code) = insertion_code {
        columns[INSERTION_CODE] = code;
    }
    let element_field = String::from_utf8_lossy(&columns[76..78]).trim().to_string();
    let element_is_symbol =
        !element_field.is_empty() && element_field.chars().all(|c| c.is_ascii_alphabetic());
    if !element_is_symbol {
        let residue_name = String::from_utf8_lossy(&columns[RESIDUE_NAME]).to_string();
        let element = element_from_atom_name(&columns[12..16], &residue_name);
        columns[76..78].copy_from_slice(format!("{element:>2}").as_bytes());
    }
    let charge = &columns[78..80];
    let charge_is_valid =
        charge == b"  " || (charge[0].is_ascii_digit() && matches!(charge[1], b'+' | b'-'));
    if !charge_is_valid {
        columns[78..80].copy_from_slice(b"  ");
    }
    let repaired = String::from_utf8_lossy(&columns).to_string();
    // Keep a line longer than 80 columns whole; drop the padding otherwise.
    if line.len() > 80 {
        repaired
    } else {
        repaired.trim_end().to_string()
    }
}

/// Element symbol (upper case, 1-2 letters, possibly empty) read from the 4-character atom
/// name field (columns 13-16).
///
/// Amino-acid residues (the 20 standard ones and `MSE`) contain only C, N, O, S, H (and Se
/// in `MSE`), so their element is the first letter of the name after any leading digit
/// (`1HB` and `HG21` are hydrogens, `SE` in `MSE` is selenium). For other residues the PDB
/// convention applies: a symbol of one letter is right-aligned in columns 13-14 (column 13
/// blank or a digit), a two-letter symbol fills both (`FE`, `CA` as calcium).
pub fn element_from_atom_name(name_field: &[u8], residue_name: &str) -> String {
    let name = String::from_utf8_lossy(name_field);
    let letters: String = name
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .to_ascii_uppercase();
    let residue_name = residue_name.trim();
    if index_of_residue_name(residue_name).is_some() {
        if residue_name.eq_ignore_ascii_case("MSE") && letters.starts_with("SE") {
            return "SE".to_string();
        }
        return letters
            .chars()
            .next()
            .filter(char::is_ascii_alphabetic)
            .map_or_else(String::new, |first| first.to_string());
    }
    let first = name_field.first().copied().unwrap_or(b' ');
    let second = name_field.get(1).copied().unwrap_or(b' ');
    let symbol = if first == b' ' || first.is_ascii_digit() {
        vec![second]
    } else {
        vec![first, second]
    };
    let symbol = String::from_utf8_lossy(&symbol).trim().to_ascii_uppercase();
    if symbol.chars().all(|c| c.is_ascii_alphabetic()) {
        symbol
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_element_and_charge_columns_are_repaired() -> Result<()> {
        // The first line is copied from 1ACB_l_b-matched.pdb (columns 77-80 hold `1930`).
        let text = [
            "ATOM   1773  N   LYS B   8      20.654  17.464   5.676  1.00 78.35   1  B   1930",
            "HETATM 3639  P   PLP B 764       8.663 -21.065  30.780  1.00 20.00           P  ",
            "TER",
        ]
        .join("\n");
        let repaired = normalize_records(&text, Path::new("test.pdb"))?;
        let lines: Vec<&str> = repaired.lines().collect();
        assert_eq!(
            lines[0],
            "ATOM   1773  N   LYS B   8      20.654  17.464   5.676  1.00 78.35   1  B    N"
        );
        // A valid element is kept; trailing blanks are dropped.
        assert_eq!(
            lines[1],
            "HETATM 3639  P   PLP B 764       8.663 -21.065  30.780  1.00 20.00           P"
        );
        assert_eq!(lines[2], "TER");
        Ok(())
    }

    #[test]
    fn a_repeated_residue_number_gets_a_free_insertion_code() -> Result<()> {
        // As in 3LVK: PLP 764, then other residues, then ALA 764; 764A is taken already, so
        // ALA becomes 764B. Two consecutive blocks of 765 (alternate names) stay together.
        let record = |name: &str, number: &str| {
            format!(
                "ATOM      1  CA  {name} A{number}      1.000   2.000   3.000  1.00  0.00{:>12}",
                "C"
            )
        };
        let text = [
            record("PLP", " 764 "),
            record("GLY", " 764A"),
            record("MET", " 763 "),
            record("ALA", " 764 "),
            record("ALA", " 764 "),
            record("SER", " 765 "),
            record("THR", " 765 "),
        ]
        .join("\n");
        let repaired = normalize_records(&text, Path::new("test.pdb"))?;
        let keys: Vec<&str> = repaired.lines().map(|line| &line[17..27]).collect();
        assert_eq!(
            keys,
            vec![
                "PLP A 764 ",
                "GLY A 764A",
                "MET A 763 ",
                "ALA A 764B",
                "ALA A 764B",
                "SER A 765 ",
                "THR A 765 "
            ]
        );
        Ok(())
    }

    #[test]
    fn bad_coordinates_are_reported_with_line_and_value() {
        let text = "REMARK\nATOM      1  CA  GLY A   1         NaN   2.000   3.000  1.00  0.00\n";
        let message = normalize_records(text, Path::new("bad.pdb"))
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default();
        assert_eq!(
            message,
            "structure file bad.pdb: line 2: coordinate \"     NaN\" is not a finite number"
        );
        let short = normalize_records("ATOM      1  CA  GLY A   1       1.0", Path::new("s.pdb"));
        assert!(short.is_err());
        let blank_name = "ATOM      1  CA      A   1       1.000   2.000   3.000  1.00  0.00";
        let message = normalize_records(blank_name, Path::new("blank.pdb"))
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default();
        assert!(message.starts_with("structure file blank.pdb: line 1: blank residue name"));
    }

    #[test]
    fn elements_from_names() {
        assert_eq!(element_from_atom_name(b" CA ", "ALA"), "C");
        assert_eq!(element_from_atom_name(b"HG21", "THR"), "H");
        assert_eq!(element_from_atom_name(b"1HB ", "ALA"), "H");
        assert_eq!(element_from_atom_name(b"SE  ", "MSE"), "SE");
        assert_eq!(element_from_atom_name(b"CA  ", " CA"), "CA");
        assert_eq!(element_from_atom_name(b"FE  ", "HEM"), "FE");
        assert_eq!(element_from_atom_name(b" O  ", "HOH"), "O");
    }
}
