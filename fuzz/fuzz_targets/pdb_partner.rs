//! The PDB partner reader and the contact counter on arbitrary text. The input is split at
//! the first line `ENDMDL-SPLIT`: receptor before, ligand after (the whole text is both when
//! there is no split). Any input must give contacts or an error, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use lupi::data::affinity::{nirp_counts, residue_contacts, structure::parse_partner};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let (receptor_text, ligand_text) = text.split_once("ENDMDL-SPLIT\n").unwrap_or((text, text));
    let Ok(receptor) = parse_partner(receptor_text, Path::new("receptor.pdb")) else {
        return;
    };
    let Ok(ligand) = parse_partner(ligand_text, Path::new("ligand.pdb")) else {
        return;
    };
    let _ = receptor.sequence();
    if let Ok(contacts) = residue_contacts(&receptor, &ligand, 8.0) {
        for contact in &contacts {
            assert!(contact.receptor_residue < receptor.residues.len());
            assert!(contact.ligand_residue < ligand.residues.len());
        }
    }
    if let Ok(counts) = nirp_counts(&receptor, &ligand, 5.5) {
        assert!(
            counts
                .iter()
                .all(|count| count.is_finite() && *count >= 0.0)
        );
    }
});
