//! The 20 standard amino acids: alphabet order, three-letter names and PRODIGY's classes.
//!
//! The alphabet order `ACDEFGHIKLMNPQRSTVWY` (one-letter codes sorted alphabetically) fixes
//! every feature index in this module: an amino acid's index is its position in
//! [`ALPHABET`], 0 for alanine to 19 for tyrosine.

/// Number of standard amino acids.
pub const AMINO_ACID_COUNT: usize = 20;

/// One-letter codes in index order.
pub const ALPHABET: [u8; AMINO_ACID_COUNT] = *b"ACDEFGHIKLMNPQRSTVWY";

/// Three-letter residue names in index order (same order as [`ALPHABET`]).
pub const THREE_LETTER_NAMES: [&str; AMINO_ACID_COUNT] = [
    "ALA", "CYS", "ASP", "GLU", "PHE", "GLY", "HIS", "ILE", "LYS", "LEU", "MET", "ASN", "PRO",
    "GLN", "ARG", "SER", "THR", "VAL", "TRP", "TYR",
];

/// Index (0..20) of a residue name, or `None` for anything but a standard amino acid.
///
/// Selenomethionine `MSE` counts as methionine: crystallographers substitute it for
/// methionine to phase structures, so it stands for a methionine of the natural protein.
/// Waters, ions, ligands, modified and unknown residues give `None`.
pub fn index_of_residue_name(name: &str) -> Option<usize> {
    let name = name.trim();
    if name.eq_ignore_ascii_case("MSE") {
        return index_of_residue_name("MET");
    }
    THREE_LETTER_NAMES
        .iter()
        .position(|candidate| candidate.eq_ignore_ascii_case(name))
}

/// Index (0..20) of a one-letter code (upper case), or `None` if it is not one of [`ALPHABET`].
pub fn index_of_one_letter(code: u8) -> Option<usize> {
    ALPHABET.iter().position(|&candidate| candidate == code)
}

/// PRODIGY's residue classes (Vangone & Bonvin 2015).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResidueClass {
    /// Charged: D E H K R.
    Charged,
    /// Polar: N Q S T.
    Polar,
    /// Apolar: A C F G I L M P V W Y.
    Apolar,
}

/// PRODIGY class of the amino acid with index `index` (see [`ALPHABET`]); `None` past 19.
pub fn residue_class(index: usize) -> Option<ResidueClass> {
    let code = *ALPHABET.get(index)?;
    Some(match code {
        b'D' | b'E' | b'H' | b'K' | b'R' => ResidueClass::Charged,
        b'N' | b'Q' | b'S' | b'T' => ResidueClass::Polar,
        _ => ResidueClass::Apolar,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_alphabet_positions() {
        // Expected indices: positions in "ACDEFGHIKLMNPQRSTVWY", counted by hand.
        assert_eq!(index_of_residue_name("ALA"), Some(0));
        assert_eq!(index_of_residue_name("TYR"), Some(19));
        assert_eq!(index_of_residue_name("MET"), Some(10));
        assert_eq!(index_of_residue_name("MSE"), Some(10));
        assert_eq!(index_of_residue_name("HOH"), None);
        assert_eq!(index_of_residue_name("HEM"), None);
        for (index, name) in THREE_LETTER_NAMES.iter().enumerate() {
            assert_eq!(index_of_residue_name(name), Some(index));
        }
        assert_eq!(index_of_one_letter(b'W'), Some(18));
        assert_eq!(index_of_one_letter(b'X'), None);
    }

    #[test]
    fn classes_follow_prodigy() {
        let charged: Vec<u8> = (0..AMINO_ACID_COUNT)
            .filter(|&index| residue_class(index) == Some(ResidueClass::Charged))
            .map(|index| ALPHABET[index])
            .collect();
        let polar: Vec<u8> = (0..AMINO_ACID_COUNT)
            .filter(|&index| residue_class(index) == Some(ResidueClass::Polar))
            .map(|index| ALPHABET[index])
            .collect();
        assert_eq!(charged, b"DEHKR");
        assert_eq!(polar, b"NQST");
        assert_eq!(residue_class(20), None);
    }
}
