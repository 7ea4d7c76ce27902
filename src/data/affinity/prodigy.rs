//! PRODIGY-style interface contact counts by residue class, and their comparison with the
//! counts published with PRODIGY (`prodigy_dataset.json`, Vangone & Bonvin 2015).
//!
//! Residue classes: charged D E H K R, polar N Q S T, apolar A C F G I L M P V W Y. Two
//! residues of different partners are in contact when any two of their heavy atoms are
//! within [`PRODIGY_CUTOFF`] = 5.5 Å. Contacts are counted by unordered class pair, in the
//! order of [`PRODIGY_KEYS`]: CC, CP, AC, PP, AP, AA.
//!
//! `prodigy_dataset.json` is an object keyed by PDB id (`"1A2K"`), each value an object
//! with integer fields `CC`, `CP`, `AC`, `PP`, `AP`, `AA` among others (`DG`, `BSA`, ...).

use std::collections::BTreeMap;
use std::path::Path;

use super::amino_acid::{ResidueClass, residue_class};
use super::contacts::{ResidueContact, contacts_within, residue_contacts};
use super::error::{Error, Result};
use super::statistics::pearson;
use super::structure::PartnerStructure;

/// PRODIGY's contact cutoff, in Å.
pub const PRODIGY_CUTOFF: f64 = 5.5;

/// Names of the six class-pair counts, in the order used by every `[_; 6]` here.
pub const PRODIGY_KEYS: [&str; 6] = ["CC", "CP", "AC", "PP", "AP", "AA"];

/// Contact counts by class pair, in [`PRODIGY_KEYS`] order.
pub type ClassCounts = [f64; 6];

/// Position in [`PRODIGY_KEYS`] of the unordered class pair {first, second}.
pub fn class_pair_index(first: ResidueClass, second: ResidueClass) -> usize {
    use ResidueClass::{Apolar, Charged, Polar};
    match (first, second) {
        (Charged, Charged) => 0,
        (Charged, Polar) | (Polar, Charged) => 1,
        (Apolar, Charged) | (Charged, Apolar) => 2,
        (Polar, Polar) => 3,
        (Apolar, Polar) | (Polar, Apolar) => 4,
        (Apolar, Apolar) => 5,
    }
}

/// Counts of interface residue contacts by class pair at `cutoff` Å (PRODIGY uses 5.5).
///
/// # Errors
/// [`Error::InvalidParameter`] if `cutoff` is not finite and positive.
pub fn prodigy_class_counts(
    receptor: &PartnerStructure,
    ligand: &PartnerStructure,
    cutoff: f64,
) -> Result<ClassCounts> {
    let contacts = residue_contacts(receptor, ligand, cutoff)?;
    Ok(prodigy_counts_from_contacts(
        receptor, ligand, &contacts, cutoff,
    ))
}

/// Class counts from contacts found at a cutoff ≥ `cutoff`: only contacts with
/// `squared_distance ≤ cutoff²` count.
pub fn prodigy_counts_from_contacts(
    receptor: &PartnerStructure,
    ligand: &PartnerStructure,
    contacts: &[ResidueContact],
    cutoff: f64,
) -> ClassCounts {
    let class_of = |structure: &PartnerStructure, index: usize| {
        structure
            .residues
            .get(index)
            .and_then(|residue| residue.amino_acid_index())
            .and_then(residue_class)
    };
    let mut counts = [0.0; 6];
    for contact in contacts_within(contacts, cutoff) {
        let classes = (
            class_of(receptor, contact.receptor_residue),
            class_of(ligand, contact.ligand_residue),
        );
        if let (Some(first), Some(second)) = classes {
            counts[class_pair_index(first, second)] += 1.0;
        }
    }
    counts
}

/// Reads the six class counts of every complex in `prodigy_dataset.json`, keyed by upper
/// case PDB id.
///
/// # Errors
/// [`Error::Io`] if the file cannot be read, [`Error::InvalidReference`] naming the key and
/// field when the JSON is not an object of objects with numeric counts.
pub fn read_prodigy_reference(path: &Path) -> Result<BTreeMap<String, ClassCounts>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let invalid = |reason: String| Error::InvalidReference {
        path: path.to_path_buf(),
        reason,
    };
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|error| invalid(format!("not JSON: {error}")))?;
    let complexes = json
        .as_object()
        .ok_or_else(|| invalid("the top level is not an object keyed by PDB id".to_string()))?;
    let mut reference = BTreeMap::new();
    for (pdb_id, fields) in complexes {
        let mut counts = [0.0; 6];
        for (slot, key) in counts.iter_mut().zip(PRODIGY_KEYS) {
            let value = fields
                .get(key)
                .ok_or_else(|| invalid(format!("{pdb_id}: no {key}")))?;
            *slot = value
                .as_f64()
                .filter(|count| count.is_finite() && *count >= 0.0)
                .ok_or_else(|| invalid(format!("{pdb_id}: {key} = {value} is not a count")))?;
        }
        reference.insert(pdb_id.to_ascii_uppercase(), counts);
    }
    Ok(reference)
}

/// One complex present both in the computed counts and in the reference.
#[derive(Debug, Clone, PartialEq)]
pub struct ProdigyDifference {
    /// PDB id.
    pub pdb_id: String,
    /// Counts computed here.
    pub computed: ClassCounts,
    /// Counts in the reference.
    pub reference: ClassCounts,
    /// computed − reference, per count.
    pub difference: ClassCounts,
}

/// Agreement of computed counts with the reference over the complexes present in both.
#[derive(Debug, Clone, PartialEq)]
pub struct ProdigyComparison {
    /// Per complex, in PDB-id order.
    pub per_complex: Vec<ProdigyDifference>,
    /// Mean |computed − reference| per count (over complexes), in [`PRODIGY_KEYS`] order.
    pub mean_absolute_difference: ClassCounts,
    /// Mean |computed − reference| over all 6 × complexes counts.
    pub overall_mean_absolute_difference: f64,
    /// Pearson correlation over all 6 × complexes (computed, reference) pairs; `None` with
    /// fewer than two values or a constant side.
    pub pearson: Option<f64>,
}

/// Compares `computed` (PDB id → counts) with `reference` on the ids present in both.
/// A PDB id given twice in `computed` is compared once (its first occurrence).
pub fn compare_with_prodigy(
    computed: &[(String, ClassCounts)],
    reference: &BTreeMap<String, ClassCounts>,
) -> ProdigyComparison {
    let mut by_id: BTreeMap<String, ClassCounts> = BTreeMap::new();
    for (pdb_id, counts) in computed {
        by_id.entry(pdb_id.to_ascii_uppercase()).or_insert(*counts);
    }
    let per_complex: Vec<ProdigyDifference> = by_id
        .into_iter()
        .filter_map(|(pdb_id, computed)| {
            let reference = *reference.get(&pdb_id)?;
            let difference = std::array::from_fn(|key| computed[key] - reference[key]);
            Some(ProdigyDifference {
                pdb_id,
                computed,
                reference,
                difference,
            })
        })
        .collect();
    let count = per_complex.len().max(1) as f64;
    let mut mean_absolute_difference = [0.0; 6];
    for entry in &per_complex {
        for (sum, difference) in mean_absolute_difference.iter_mut().zip(entry.difference) {
            *sum += difference.abs() / count;
        }
    }
    let overall_mean_absolute_difference = mean_absolute_difference.iter().sum::<f64>() / 6.0;
    let computed_all: Vec<f64> = per_complex
        .iter()
        .flat_map(|entry| entry.computed)
        .collect();
    let reference_all: Vec<f64> = per_complex
        .iter()
        .flat_map(|entry| entry.reference)
        .collect();
    ProdigyComparison {
        pearson: pearson(&computed_all, &reference_all),
        per_complex,
        mean_absolute_difference,
        overall_mean_absolute_difference,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_pairs_are_unordered() {
        use ResidueClass::{Apolar, Charged, Polar};
        assert_eq!(class_pair_index(Charged, Apolar), 2);
        assert_eq!(class_pair_index(Apolar, Charged), 2);
        assert_eq!(class_pair_index(Polar, Apolar), 4);
        assert_eq!(class_pair_index(Apolar, Apolar), 5);
    }

    #[test]
    fn comparison_of_hand_made_counts() {
        // Hand computation: differences (1,0,0,0,0,-2) and (0,0,0,0,0,0); mean absolute
        // differences per key 0.5,0,0,0,0,1; overall 1.5/6 = 0.25. "9XYZ" is not in the
        // reference and is ignored.
        let reference = BTreeMap::from([
            ("1ABC".to_string(), [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
            ("2DEF".to_string(), [0.0, 1.0, 0.0, 1.0, 0.0, 1.0]),
        ]);
        let computed = vec![
            ("1abc".to_string(), [2.0, 2.0, 3.0, 4.0, 5.0, 4.0]),
            ("2DEF".to_string(), [0.0, 1.0, 0.0, 1.0, 0.0, 1.0]),
            ("9XYZ".to_string(), [7.0; 6]),
        ];
        let comparison = compare_with_prodigy(&computed, &reference);
        assert_eq!(comparison.per_complex.len(), 2);
        assert_eq!(
            comparison.per_complex[0].difference,
            [1.0, 0.0, 0.0, 0.0, 0.0, -2.0]
        );
        assert_eq!(
            comparison.mean_absolute_difference,
            [0.5, 0.0, 0.0, 0.0, 0.0, 1.0]
        );
        assert!((comparison.overall_mean_absolute_difference - 0.25).abs() < 1e-12);
        assert!(comparison.pearson.is_some_and(|r| r > 0.9 && r < 1.0));
    }
}
