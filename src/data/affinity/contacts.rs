//! Privileged features x*: interacting residue pairs across the interface (NIRP).
//!
//! Two residues, one from each partner, interact when some heavy atom of one lies within
//! the cutoff (distance ≤ cutoff, default [`DEFAULT_NIRP_CUTOFF`] = 8 Å) of some heavy atom
//! of the other. Only standard residues (and `MSE` as methionine) take part. Pairs are found
//! with a [`SpatialGrid`] of cell size = cutoff, so the cost is linear in the atoms plus the
//! contacts, not quadratic.
//!
//! NIRP counts the interacting pairs by unordered amino-acid type pair {a, b}: 210 = 20·21/2
//! types. With a ≤ b the positions in `ACDEFGHIKLMNPQRSTVWY`, the index is the row-major
//! position in the upper triangle: `a·(39 − a)/2 + b`, so {A,A} = 0, {A,C} = 1, …, {A,Y} = 19,
//! {C,C} = 20, …, {W,Y} = 208, {Y,Y} = 209.

use super::amino_acid::AMINO_ACID_COUNT;
use super::error::{Error, Result};
use super::spatial_grid::SpatialGrid;
use super::structure::PartnerStructure;

/// Default contact cutoff for NIRP, in Å.
pub const DEFAULT_NIRP_CUTOFF: f64 = 8.0;

/// Number of unordered amino-acid type pairs: 20·21/2.
pub const NIRP_PAIR_COUNT: usize = AMINO_ACID_COUNT * (AMINO_ACID_COUNT + 1) / 2;

/// Index 0..210 of the unordered type pair {a, b} (amino-acid indices 0..20, any order);
/// `None` if an index is 20 or more.
pub fn type_pair_index(first: usize, second: usize) -> Option<usize> {
    let (low, high) = (first.min(second), first.max(second));
    (high < AMINO_ACID_COUNT).then(|| low * (2 * AMINO_ACID_COUNT - 1 - low) / 2 + high)
}

/// A pair of residues, one per partner, and the distance between their closest heavy atoms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResidueContact {
    /// Index into the receptor's `residues`.
    pub receptor_residue: usize,
    /// Index into the ligand's `residues`.
    pub ligand_residue: usize,
    /// Squared distance (Å²) between the pair's closest heavy atoms.
    pub squared_distance: f64,
}

/// Every pair of standard residues (one per partner) whose closest heavy atoms are within
/// `cutoff` Å, with that closest squared distance, sorted by (receptor, ligand) residue.
///
/// One call at the largest cutoff needed serves every smaller cutoff: filter on
/// `squared_distance ≤ cutoff²` (see [`nirp_from_contacts`]).
///
/// # Errors
/// [`Error::InvalidParameter`] if `cutoff` is not finite and positive.
pub fn residue_contacts(
    receptor: &PartnerStructure,
    ligand: &PartnerStructure,
    cutoff: f64,
) -> Result<Vec<ResidueContact>> {
    check_cutoff(cutoff)?;
    let mut ligand_points = Vec::new();
    let mut ligand_owner = Vec::new();
    for (residue_index, residue) in ligand.residues.iter().enumerate() {
        if residue.amino_acid_index().is_some() {
            ligand_points.extend_from_slice(&residue.heavy_atoms);
            ligand_owner.extend(std::iter::repeat_n(
                residue_index,
                residue.heavy_atoms.len(),
            ));
        }
    }
    let grid = SpatialGrid::new(ligand_points, cutoff);
    // closest[l] holds the smallest squared distance from the current receptor residue to
    // ligand residue l, valid while owner_of_closest[l] is that receptor residue: each pair
    // is gathered without a hash set and without clearing an array per residue.
    let mut closest = vec![f64::INFINITY; ligand.residues.len()];
    let mut owner_of_closest = vec![usize::MAX; ligand.residues.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut contacts = Vec::new();
    for (receptor_index, residue) in receptor.residues.iter().enumerate() {
        if residue.amino_acid_index().is_none() {
            continue;
        }
        touched.clear();
        for atom in &residue.heavy_atoms {
            grid.for_each_within(atom, cutoff, |point, squared_distance| {
                let ligand_index = ligand_owner[point];
                if owner_of_closest[ligand_index] != receptor_index {
                    owner_of_closest[ligand_index] = receptor_index;
                    closest[ligand_index] = squared_distance;
                    touched.push(ligand_index);
                } else if squared_distance < closest[ligand_index] {
                    closest[ligand_index] = squared_distance;
                }
            });
        }
        touched.sort_unstable();
        contacts.extend(touched.iter().map(|&ligand_index| ResidueContact {
            receptor_residue: receptor_index,
            ligand_residue: ligand_index,
            squared_distance: closest[ligand_index],
        }));
    }
    Ok(contacts)
}

/// Interacting residue pairs `(receptor residue, ligand residue)` at `cutoff` Å, as indices
/// into the two structures' `residues`, sorted, each pair once.
///
/// # Errors
/// [`Error::InvalidParameter`] if `cutoff` is not finite and positive.
pub fn interacting_residue_pairs(
    receptor: &PartnerStructure,
    ligand: &PartnerStructure,
    cutoff: f64,
) -> Result<Vec<(usize, usize)>> {
    Ok(residue_contacts(receptor, ligand, cutoff)?
        .into_iter()
        .map(|contact| (contact.receptor_residue, contact.ligand_residue))
        .collect())
}

/// NIRP: 210 counts of interacting residue pairs by unordered type pair (index order in the
/// module docs), as `f64` for use as features; raw counts, not scaled.
///
/// # Errors
/// [`Error::InvalidParameter`] if `cutoff` is not finite and positive.
pub fn nirp_counts(
    receptor: &PartnerStructure,
    ligand: &PartnerStructure,
    cutoff: f64,
) -> Result<Vec<f64>> {
    let contacts = residue_contacts(receptor, ligand, cutoff)?;
    Ok(nirp_from_contacts(receptor, ligand, &contacts, cutoff))
}

/// NIRP counts from contacts found at a cutoff ≥ `cutoff`: only contacts with
/// `squared_distance ≤ cutoff²` count.
pub fn nirp_from_contacts(
    receptor: &PartnerStructure,
    ligand: &PartnerStructure,
    contacts: &[ResidueContact],
    cutoff: f64,
) -> Vec<f64> {
    let mut counts = vec![0.0; NIRP_PAIR_COUNT];
    for contact in contacts_within(contacts, cutoff) {
        let types = (
            receptor
                .residues
                .get(contact.receptor_residue)
                .and_then(|r| r.amino_acid_index()),
            ligand
                .residues
                .get(contact.ligand_residue)
                .and_then(|r| r.amino_acid_index()),
        );
        if let (Some(first), Some(second)) = types
            && let Some(index) = type_pair_index(first, second)
        {
            counts[index] += 1.0;
        }
    }
    counts
}

/// The contacts whose closest heavy atoms are within `cutoff` Å.
pub fn contacts_within(
    contacts: &[ResidueContact],
    cutoff: f64,
) -> impl Iterator<Item = &ResidueContact> {
    let limit = cutoff * cutoff;
    contacts
        .iter()
        .filter(move |contact| contact.squared_distance <= limit)
}

/// Rejects a cutoff that is not a positive finite distance.
fn check_cutoff(cutoff: f64) -> Result<()> {
    if cutoff.is_finite() && cutoff > 0.0 {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name: "cutoff".to_string(),
            value: cutoff.to_string(),
            reason: "a contact cutoff must be a positive distance in Å".to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::structure::StructureResidue;
    use super::*;

    fn residue(name: &str, heavy_atoms: Vec<[f64; 3]>) -> StructureResidue {
        StructureResidue {
            name: name.to_string(),
            number: 1,
            insertion_code: None,
            heavy_atoms,
        }
    }

    fn partner(residues: Vec<StructureResidue>) -> PartnerStructure {
        PartnerStructure {
            path: "hand-made".into(),
            chain_id: "A".to_string(),
            residues,
        }
    }

    #[test]
    fn type_pair_indices_match_the_documented_order() {
        // Hand-computed from a·(39 − a)/2 + b: A=0, C=1, W=18, Y=19.
        assert_eq!(type_pair_index(0, 0), Some(0));
        assert_eq!(type_pair_index(19, 0), Some(19));
        assert_eq!(type_pair_index(1, 1), Some(20));
        assert_eq!(type_pair_index(18, 19), Some(208));
        assert_eq!(type_pair_index(19, 19), Some(209));
        assert_eq!(type_pair_index(20, 0), None);
        let mut seen = vec![false; NIRP_PAIR_COUNT];
        for first in 0..AMINO_ACID_COUNT {
            for second in first..AMINO_ACID_COUNT {
                let index = type_pair_index(first, second).unwrap_or(usize::MAX);
                assert!(!seen[index], "index {index} used twice");
                seen[index] = true;
            }
        }
        assert!(seen.iter().all(|&used| used));
    }

    #[test]
    fn cutoff_is_respected_just_under_and_just_over() -> Result<()> {
        // Receptor: ALA with two atoms at the origin and at x = 1. Ligand: LYS with an atom
        // at x = 8.99 (7.99 Å from the receptor's nearest atom: in contact at 8 Å), TYR
        // at x = -8.01 (8.01 Å from the origin: not in contact), and a water at x = 1.5
        // (close, but not an amino acid).
        let receptor = partner(vec![residue("ALA", vec![[0.0, 0.0, 0.0], [1.0, 0.0, 0.0]])]);
        let ligand = partner(vec![
            residue("LYS", vec![[8.99, 0.0, 0.0], [20.0, 0.0, 0.0]]),
            residue("TYR", vec![[-8.01, 0.0, 0.0]]),
            residue("HOH", vec![[1.5, 0.0, 0.0]]),
        ]);
        assert_eq!(
            interacting_residue_pairs(&receptor, &ligand, 8.0)?,
            vec![(0, 0)]
        );
        let counts = nirp_counts(&receptor, &ligand, 8.0)?;
        // {A, K}: A = 0, K = 8 -> index 8.
        assert_eq!(counts[8], 1.0);
        assert_eq!(counts.iter().sum::<f64>(), 1.0);
        // At 8.02 Å the TYR atom (8.01 Å away) comes in: {A, Y} = index 19.
        let counts = nirp_counts(&receptor, &ligand, 8.02)?;
        assert_eq!((counts[8], counts[19]), (1.0, 1.0));
        assert!(nirp_counts(&receptor, &ligand, 0.0).is_err());
        assert!(nirp_counts(&receptor, &ligand, f64::NAN).is_err());
        // One pass at 8.02 Å serves 8 Å too; the closest LYS atom is 7.99 Å away.
        let contacts = residue_contacts(&receptor, &ligand, 8.02)?;
        assert_eq!(contacts.len(), 2);
        assert!((contacts[0].squared_distance - 7.99 * 7.99).abs() < 1e-9);
        assert_eq!(
            nirp_from_contacts(&receptor, &ligand, &contacts, 8.0)[19],
            0.0
        );
        Ok(())
    }
}
