/// Derives an independent seed for one unit of work (a table, a variant, a repeat, a role)
/// from the user's seed, so that results do not depend on the order or the thread in which
/// units run.
pub fn derive_seed(seed: u64, labels: &[&str], index: u64) -> u64 {
    // FNV-1a over the labels, then SplitMix64 finalisation: cheap and well mixed.
    let mut state: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for label in labels {
        for byte in label.bytes().chain([0xff]) {
            state ^= u64::from(byte);
            state = state.wrapping_mul(0x0100_0000_01b3);
        }
    }
    state ^= index.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    state = (state ^ (state >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    state = (state ^ (state >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    state ^ (state >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_units_get_distinct_seeds() {
        let a = derive_seed(0, &["table1", "data"], 0);
        assert_eq!(a, derive_seed(0, &["table1", "data"], 0));
        assert_ne!(a, derive_seed(0, &["table1", "data"], 1));
        assert_ne!(a, derive_seed(1, &["table1", "data"], 0));
        assert_ne!(a, derive_seed(0, &["table2", "data"], 0));
    }
}
