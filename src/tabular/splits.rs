//! Which rows each model of a batch trains on: hold-out and k-fold masks.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use crate::distillation::cross_fit_assignment;
use crate::error::{LupiError, Result};

/// One mask per fold: `masks[k][r]` is true when row `r` is outside fold `k` (a training row
/// of model `k`). Folds come from a seeded shuffle dealt round-robin.
pub fn fold_masks(rows: usize, folds: usize, seed: u64) -> Result<Vec<Vec<bool>>> {
    if folds < 2 || folds > rows {
        return Err(LupiError::invalid(
            "folds",
            folds,
            format!("must be between 2 and the number of rows ({rows})"),
        ));
    }
    let assignment = cross_fit_assignment(rows, folds, seed);
    Ok((0..folds)
        .map(|fold| {
            assignment
                .iter()
                .map(|row_fold| *row_fold != fold)
                .collect()
        })
        .collect())
}

/// One mask holding out `round(fraction · rows)` shuffled rows (at least one, and at least
/// one training row); true marks a training row.
pub fn holdout_mask(rows: usize, fraction: f64, seed: u64) -> Result<Vec<bool>> {
    let held_out = ((fraction * rows as f64).round() as usize).max(1);
    if rows < 2 || held_out >= rows {
        return Err(LupiError::invalid(
            "holdout",
            fraction,
            format!("leaves no training rows out of {rows}"),
        ));
    }
    let mut order: Vec<usize> = (0..rows).collect();
    order.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
    let mut training = vec![true; rows];
    for row in order.into_iter().take(held_out) {
        training[row] = false;
    }
    Ok(training)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_held_out_once_and_sizes_match() {
        let masks = fold_masks(10, 3, 0).unwrap();
        for row in 0..10 {
            assert_eq!(masks.iter().filter(|mask| !mask[row]).count(), 1);
        }
        let mask = holdout_mask(10, 0.2, 0).unwrap();
        assert_eq!(mask.iter().filter(|training| !**training).count(), 2);
        assert!(holdout_mask(1, 0.5, 0).is_err());
        assert!(fold_masks(3, 4, 0).is_err());
    }
}
