//! Input features x: dipeptide (2-mer) composition of the two partner sequences.
//!
//! For a sequence s of length n, pair k = (s\[k\], s\[k+1\]) for k = 0..n−1 has index
//! `20 * a + b`, where a and b are the residues' positions in `ACDEFGHIKLMNPQRSTVWY`.
//! Feature j = (number of pairs with index j) / (n − 1), so the 400 values sum to 1; a
//! sequence shorter than 2 has no pair and gives 400 zeros. A complex's input is the
//! receptor's 400 values followed by the ligand's 400 (800 in all).

use super::amino_acid::{AMINO_ACID_COUNT, index_of_one_letter};
use super::error::{Error, Result};

/// Number of ordered amino-acid pairs: 20 × 20.
pub const DIPEPTIDE_COUNT: usize = AMINO_ACID_COUNT * AMINO_ACID_COUNT;

/// Length of a complex's input vector: receptor 400 + ligand 400.
pub const INPUT_FEATURE_COUNT: usize = 2 * DIPEPTIDE_COUNT;

/// Dipeptide composition (400 values summing to 1, or all zeros below length 2).
///
/// # Errors
/// [`Error::InvalidParameter`] if `sequence` contains a letter outside
/// `ACDEFGHIKLMNPQRSTVWY` (upper case), naming the letter and its position.
pub fn dipeptide_composition(sequence: &str) -> Result<Vec<f64>> {
    let indices = sequence
        .bytes()
        .enumerate()
        .map(|(position, code)| {
            index_of_one_letter(code).ok_or_else(|| Error::InvalidParameter {
                name: "sequence".to_string(),
                value: format!("{:?} at position {position}", char::from(code)),
                reason: "not one of the 20 standard one-letter codes".to_string(),
            })
        })
        .collect::<Result<Vec<usize>>>()?;
    let mut composition = vec![0.0; DIPEPTIDE_COUNT];
    let pair_count = indices.len().saturating_sub(1);
    if pair_count == 0 {
        return Ok(composition);
    }
    for pair in indices.windows(2) {
        composition[AMINO_ACID_COUNT * pair[0] + pair[1]] += 1.0;
    }
    for value in &mut composition {
        *value /= pair_count as f64;
    }
    Ok(composition)
}

/// Input vector of a complex: `dipeptide_composition(receptor)` then
/// `dipeptide_composition(ligand)`, 800 values.
///
/// # Errors
/// As [`dipeptide_composition`].
pub fn complex_input_features(receptor_sequence: &str, ligand_sequence: &str) -> Result<Vec<f64>> {
    let mut features = dipeptide_composition(receptor_sequence)?;
    features.extend(dipeptide_composition(ligand_sequence)?);
    Ok(features)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composition_of_a_short_sequence() -> Result<()> {
        // "ACAC" by hand: pairs AC, CA, AC; A = 0, C = 1, so AC -> 20*0+1 = 1 (twice) and
        // CA -> 20*1+0 = 20 (once), over 3 pairs.
        let composition = dipeptide_composition("ACAC")?;
        assert_eq!(composition.len(), 400);
        assert!((composition[1] - 2.0 / 3.0).abs() < 1e-12);
        assert!((composition[20] - 1.0 / 3.0).abs() < 1e-12);
        assert!((composition.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert_eq!(composition.iter().filter(|&&value| value != 0.0).count(), 2);
        // "YW": Y = 19, W = 18 -> index 20*19+18 = 398, the only pair.
        assert_eq!(dipeptide_composition("YW")?[398], 1.0);
        Ok(())
    }

    #[test]
    fn short_sequences_give_zeros_and_bad_letters_fail() -> Result<()> {
        assert!(dipeptide_composition("")?.iter().all(|&value| value == 0.0));
        assert!(
            dipeptide_composition("K")?
                .iter()
                .all(|&value| value == 0.0)
        );
        assert!(dipeptide_composition("AXA").is_err());
        let features = complex_input_features("AC", "CA")?;
        assert_eq!(features.len(), INPUT_FEATURE_COUNT);
        assert_eq!(features[1], 1.0);
        assert_eq!(features[400 + 20], 1.0);
        Ok(())
    }
}
