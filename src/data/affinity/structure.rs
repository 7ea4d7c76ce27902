//! Partner structures: residues, residue names and heavy-atom coordinates of one chain.
//!
//! Each `_r_b-matched.pdb` / `_l_b-matched.pdb` file holds one chain. It is read with
//! pdbtbx at [`pdbtbx::StrictnessLevel::Loose`] (the files are trimmed, and loose parsing
//! accepts their irregularities), first model only, after the checks and repairs of
//! [`super::record_normalizer`], which also make residues come out in file order (a
//! residue number reused later in the file gets a free insertion code). With alternate
//! locations, the first one is used.
//!
//! Hydrogens are excluded: atoms whose element is H, and atoms without element whose name
//! starts with H or D (pdbtbx knows no deuterium, so D atoms arrive without element).
//!
//! Sequence: the 20 standard three-letter codes map to their one-letter codes and `MSE`
//! (selenomethionine) to `M`; everything else (waters `HOH`, ions, ligands such as `HEM`,
//! `ACE` caps, unknown residues) is kept in [`PartnerStructure::residues`] but skipped in the
//! sequence and the contact counts.

use std::io::{BufReader, Cursor};
use std::path::{Path, PathBuf};

use super::amino_acid::{ALPHABET, index_of_residue_name};
use super::error::{Error, Result};
use super::record_normalizer::{is_atom_record, normalize_records};

/// How many pdbtbx messages an error quotes before summarising the rest as a count.
const QUOTED_MESSAGE_COUNT: usize = 3;

/// One residue of a partner structure.
#[derive(Debug, Clone, PartialEq)]
pub struct StructureResidue {
    /// Residue name as in the file (`LYS`, `HOH`, `MSE`, ...).
    pub name: String,
    /// Residue sequence number (columns 23-26).
    pub number: isize,
    /// Insertion code (column 27), if any.
    pub insertion_code: Option<String>,
    /// Heavy-atom coordinates in Å, `[x, y, z]`, in file order (may be empty).
    pub heavy_atoms: Vec<[f64; 3]>,
}

impl StructureResidue {
    /// Amino-acid index 0..20 (order `ACDEFGHIKLMNPQRSTVWY`), `MSE` as `M`; `None` for
    /// anything else.
    pub fn amino_acid_index(&self) -> Option<usize> {
        index_of_residue_name(&self.name)
    }
}

/// The single chain of one partner file.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerStructure {
    /// The file read.
    pub path: PathBuf,
    /// Chain identifier (`A` for receptors, `B` for ligands in this benchmark).
    pub chain_id: String,
    /// All residues in file order, standard or not.
    pub residues: Vec<StructureResidue>,
}

impl PartnerStructure {
    /// One-letter sequence of the standard residues (`MSE` as `M`), in file order.
    pub fn sequence(&self) -> String {
        self.residues
            .iter()
            .filter_map(StructureResidue::amino_acid_index)
            .map(|index| char::from(ALPHABET[index]))
            .collect()
    }

    /// Number of heavy atoms over all residues.
    pub fn heavy_atom_count(&self) -> usize {
        self.residues
            .iter()
            .map(|residue| residue.heavy_atoms.len())
            .sum()
    }
}

/// Reads one partner file.
///
/// # Errors
/// [`Error::MissingStructure`] if `path` does not exist, [`Error::Io`] if it cannot be read,
/// [`Error::InvalidStructure`] for a file without atoms, with more than one chain, or with a
/// malformed record (non-finite coordinates, too short; with the line number), and
/// [`Error::PdbParse`] with pdbtbx's messages for anything else pdbtbx rejects.
pub fn read_partner(path: &Path) -> Result<PartnerStructure> {
    if !path.exists() {
        return Err(Error::MissingStructure {
            path: path.to_path_buf(),
        });
    }
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_partner(&text, path)
}

/// Parses the text of a partner file; `path` only names the file in errors and the result.
///
/// # Errors
/// As [`read_partner`], except for the file-system errors.
pub fn parse_partner(text: &str, path: &Path) -> Result<PartnerStructure> {
    // pdbtbx reports an empty file as a parse failure; say plainly what is wrong.
    if !text.lines().any(is_atom_record) {
        return Err(Error::InvalidStructure {
            path: path.to_path_buf(),
            reason: "no atoms (no ATOM or HETATM record)".to_string(),
        });
    }
    let normalized = normalize_records(text, path)?;
    let (pdb, _warnings) = pdbtbx::ReadOptions::new()
        .set_format(pdbtbx::Format::Pdb)
        .set_level(pdbtbx::StrictnessLevel::Loose)
        .set_only_first_model(true)
        .read_raw(BufReader::new(Cursor::new(normalized.into_bytes())))
        .map_err(|errors| Error::PdbParse {
            path: path.to_path_buf(),
            message: summarize_messages(&errors),
        })?;
    let invalid = |reason: String| Error::InvalidStructure {
        path: path.to_path_buf(),
        reason,
    };
    let model = pdb
        .models()
        .next()
        .ok_or_else(|| invalid("no atoms (no model)".to_string()))?;
    let chains: Vec<&pdbtbx::Chain> = model.chains().collect();
    let chain = match chains.as_slice() {
        [] => return Err(invalid("no atoms (no chain)".to_string())),
        [chain] => *chain,
        _ => {
            let identifiers: Vec<&str> = chains.iter().map(|chain| chain.id()).collect();
            return Err(invalid(format!(
                "expected one chain, found {}: {}",
                identifiers.len(),
                identifiers.join(", ")
            )));
        }
    };
    if chain.atom_count() == 0 {
        return Err(invalid(format!("chain {} has no atoms", chain.id())));
    }
    Ok(PartnerStructure {
        path: path.to_path_buf(),
        chain_id: chain.id().to_string(),
        residues: residues_in_file_order(chain),
    })
}

/// Residues of `chain` in pdbtbx's order, which is file order once
/// [`normalize_records`] has made every residue's (number, insertion code) unique.
///
/// Name and atoms come from the first conformer: with alternate locations pdbtbx copies the
/// shared atoms into every location, and the first location is the one kept (as PRODIGY
/// and most structure tools do).
fn residues_in_file_order(chain: &pdbtbx::Chain) -> Vec<StructureResidue> {
    chain
        .residues()
        .filter_map(|residue| {
            let conformer = residue.conformers().next()?;
            let (number, insertion_code) = residue.id();
            Some(StructureResidue {
                name: conformer.name().to_string(),
                number,
                insertion_code: insertion_code.map(str::to_string),
                heavy_atoms: conformer
                    .atoms()
                    .filter(|atom| !is_hydrogen(atom))
                    .map(|atom| {
                        let (x, y, z) = atom.pos();
                        [x, y, z]
                    })
                    .collect(),
            })
        })
        .collect()
}

/// Hydrogen or deuterium: element H, or no element and a name starting with H or D (after
/// any leading digit, as in `1HB`).
fn is_hydrogen(atom: &pdbtbx::Atom) -> bool {
    match atom.element() {
        Some(element) => *element == pdbtbx::Element::H,
        None => matches!(
            atom.name()
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .chars()
                .next(),
            Some('H' | 'D')
        ),
    }
}

/// The first few pdbtbx messages, and how many more there were.
fn summarize_messages(errors: &[pdbtbx::PDBError]) -> String {
    let mut parts: Vec<String> = errors
        .iter()
        .take(QUOTED_MESSAGE_COUNT)
        .map(|error| error.to_string().trim().replace('\n', " "))
        .collect();
    if errors.len() > QUOTED_MESSAGE_COUNT {
        parts.push(format!("and {} more", errors.len() - QUOTED_MESSAGE_COUNT));
    }
    parts.join(" | ")
}

#[cfg(test)]
mod tests {
    use super::super::test_data::data_directory;
    use super::*;

    /// A record line in PDB columns: serial, atom name (4 columns), residue name, residue
    /// number, coordinates, element.
    fn record(kind: &str, name: &str, residue: &str, number: i32, x: f64, element: &str) -> String {
        format!(
            "{kind:<6}{serial:>5} {name:<4} {residue:>3} A{number:>4}    {x:>8.3}{y:>8.3}{z:>8.3}\
             {occupancy:>6.2}{b_factor:>6.2}          {element:>2}",
            serial = 1,
            y = 0.0,
            z = 0.0,
            occupancy = 1.0,
            b_factor = 0.0,
        )
    }

    #[test]
    fn residues_sequence_and_hydrogens_from_hand_made_records() -> Result<()> {
        // LYS 1 (N, CA and a hydrogen), MSE 2, a water, a PLP ligand numbered 4, GLY 3,
        // and then ALA 4 far below the ligand that shares its number (as in 3LVK).
        let lines = [
            record("ATOM", " N", "LYS", 1, 1.0, "N"),
            record("ATOM", " CA", "LYS", 1, 2.0, "C"),
            record("ATOM", " H", "LYS", 1, 2.5, "H"),
            record("HETATM", "SE", "MSE", 2, 3.0, "SE"),
            record("HETATM", " O", "HOH", 10, 4.0, "O"),
            record("HETATM", " P", "PLP", 4, 5.0, "P"),
            record("ATOM", " CA", "GLY", 3, 6.0, "C"),
            record("ATOM", " CA", "ALA", 4, 7.0, "C"),
            "END".to_string(),
        ];
        let partner = parse_partner(&lines.join("\n"), Path::new("hand-made.pdb"))?;
        let names: Vec<&str> = partner.residues.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, vec!["LYS", "MSE", "HOH", "PLP", "GLY", "ALA"]);
        // Hydrogen excluded: LYS keeps 2 atoms; 6 heavy atoms in all.
        assert_eq!(
            partner.residues[0].heavy_atoms,
            vec![[1.0, 0.0, 0.0], [2.0, 0.0, 0.0]]
        );
        assert_eq!(partner.heavy_atom_count(), 7);
        // MSE -> M; HOH and PLP skipped; ALA after GLY as in the file.
        assert_eq!(partner.sequence(), "KMGA");
        assert_eq!(partner.chain_id, "A");
        Ok(())
    }

    #[test]
    fn errors_name_the_file() {
        let missing = read_partner(Path::new("/nonexistent/9XYZ_r_b-matched.pdb"));
        assert!(matches!(missing, Err(Error::MissingStructure { .. })));
        let empty = parse_partner("REMARK nothing here\nEND\n", Path::new("empty.pdb"));
        let message = empty
            .map(|_| ())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            message.contains("empty.pdb") && message.contains("no atoms"),
            "{message}"
        );
        // Coordinate "  1.0x0 " cannot be parsed: our check, with the line number.
        let good = record("ATOM", " CA", "GLY", 1, 1.0, "C");
        let malformed = good.replacen("   1.000", "  1.0x0 ", 1);
        let result = parse_partner(&malformed, Path::new("malformed.pdb"));
        let message = result
            .map(|_| ())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert_eq!(
            message,
            "structure file malformed.pdb: line 1: coordinate \"  1.0x0 \" is not a finite number"
        );
        // A serial number "    x" is left to pdbtbx, which rejects it; its message is kept.
        let bad_serial = good.replacen("    1", "    x", 1);
        let result = parse_partner(&bad_serial, Path::new("serial.pdb"));
        let message = result
            .map(|_| ())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            message.starts_with("pdbtbx cannot parse serial.pdb: "),
            "{message}"
        );
    }

    /// Independent reading of a PDB text: consecutive ATOM/HETATM records with the same
    /// residue number, insertion code and name form a residue; returns (names, records).
    fn plain_text_residues(text: &str) -> (Vec<String>, usize) {
        let mut names = Vec::new();
        let mut previous_key = String::new();
        let mut records = 0;
        for line in text.lines() {
            if line.starts_with("ATOM") || line.starts_with("HETATM") {
                records += 1;
                let key = line.get(17..27).unwrap_or("").to_string();
                let key = format!("{}{}", &key[..3], &key[5..]);
                if key != previous_key {
                    names.push(key[..3].trim().to_string());
                    previous_key = key;
                }
            }
        }
        (names, records)
    }

    #[test]
    fn all_benchmark_structures_parse_in_file_order() -> Result<()> {
        // Every one of the 320 files must load, with the residues a plain line scan finds,
        // in the same order, and every record kept as a heavy atom (the files hold no
        // hydrogens: no atom name starts with H, checked with grep during development).
        let structures = data_directory().join("structures");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&structures)
            .map_err(|source| Error::Io {
                path: structures.clone(),
                source,
            })?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|extension| extension == "pdb"))
            .collect();
        paths.sort();
        assert_eq!(paths.len(), 320);
        for path in &paths {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            let partner = parse_partner(&text, path)?;
            let names: Vec<String> = partner.residues.iter().map(|r| r.name.clone()).collect();
            let (expected_names, records) = plain_text_residues(&text);
            assert_eq!(names, expected_names, "{}", path.display());
            assert_eq!(partner.heavy_atom_count(), records, "{}", path.display());
        }
        Ok(())
    }
}
