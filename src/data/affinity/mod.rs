//! Protein–protein binding affinity data for learning using privileged information.
//!
//! Target: binding free energy ΔG (kcal/mol) of the complexes of the protein–protein
//! affinity benchmark 2.0 (`PPAB_V2.csv`). Input x: dipeptide composition of the receptor
//! and ligand sequences (800 values). Privileged information x*: the numbers of interacting
//! residue pairs across the interface of the bound structure, by amino-acid type pair (210
//! counts). Everything is computed from the raw files of the data directory; see
//! [`build_dataset`].
//!
//! Sequences are read from the structure files: the 20 standard residues map to their
//! one-letter codes, selenomethionine `MSE` to `M`, and every other residue (water `HOH`,
//! ions, ligands, unknown residues) is skipped (see [`structure`]).

pub mod amino_acid;
pub mod benchmark;
pub mod contacts;
pub mod dataset;
pub mod error;
pub mod prodigy;
pub mod record_normalizer;
pub mod selection;
pub mod sequence_features;
pub mod spatial_grid;
pub mod statistics;
pub mod structure;
#[cfg(test)]
mod test_data;

pub use self::benchmark::{BenchmarkEntry, read_benchmark};
pub use self::contacts::{
    DEFAULT_NIRP_CUTOFF, NIRP_PAIR_COUNT, ResidueContact, contacts_within,
    interacting_residue_pairs, nirp_counts, nirp_from_contacts, residue_contacts, type_pair_index,
};
pub use self::dataset::{
    AffinityDataset, ComplexRecord, DatasetOptions, build_dataset, complex_record,
};
pub use self::error::{Error, Result};
pub use self::prodigy::{
    ClassCounts, PRODIGY_CUTOFF, PRODIGY_KEYS, ProdigyComparison, ProdigyDifference,
    compare_with_prodigy, prodigy_class_counts, prodigy_counts_from_contacts,
    read_prodigy_reference,
};
pub use self::selection::{LeftOut, LeftOutReason, SelectedComplex, Selection, select_complexes};
pub use self::sequence_features::{
    DIPEPTIDE_COUNT, INPUT_FEATURE_COUNT, complex_input_features, dipeptide_composition,
};
pub use self::structure::{PartnerStructure, StructureResidue, read_partner};
