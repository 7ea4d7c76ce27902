//! Which rows each model of a batch trains on: hold-out and k-fold masks, over rows or, for
//! ranking, over whole groups (a query split across training and held-out rows would let the
//! model train on pairs of the very query it is scored on).

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

/// [`fold_masks`] over groups: `group_rows[g]` lists the rows of group `g`, and every group
/// falls whole into one fold.
pub fn group_fold_masks(
    group_rows: &[Vec<usize>],
    rows: usize,
    folds: usize,
    seed: u64,
) -> Result<Vec<Vec<bool>>> {
    if folds < 2 || folds > group_rows.len() {
        return Err(LupiError::invalid(
            "folds",
            folds,
            format!(
                "must be between 2 and the number of groups ({}): ranking keeps each group \
                 in one fold",
                group_rows.len()
            ),
        ));
    }
    let by_group = fold_masks(group_rows.len(), folds, seed)?;
    Ok(by_group
        .iter()
        .map(|mask| rows_of_groups(mask, group_rows, rows))
        .collect())
}

/// [`holdout_mask`] over groups: holds out `round(fraction · groups)` whole groups (at least
/// one, and at least one training group).
pub fn group_holdout_mask(
    group_rows: &[Vec<usize>],
    rows: usize,
    fraction: f64,
    seed: u64,
) -> Result<Vec<bool>> {
    let groups = group_rows.len();
    if groups < 2 {
        return Err(LupiError::invalid(
            "holdout",
            fraction,
            format!(
                "ranking holds out whole groups, and the table has {groups} group(s): \
                 give at least two"
            ),
        ));
    }
    let by_group = holdout_mask(groups, fraction, seed)?;
    Ok(rows_of_groups(&by_group, group_rows, rows))
}

/// Expands a mask over groups to a mask over rows.
fn rows_of_groups(group_mask: &[bool], group_rows: &[Vec<usize>], rows: usize) -> Vec<bool> {
    let mut mask = vec![false; rows];
    for (members, training) in group_rows.iter().zip(group_mask) {
        for row in members {
            mask[*row] = *training;
        }
    }
    mask
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

    #[test]
    fn groups_stay_whole() {
        // Four groups of uneven sizes, interleaved in row order.
        let groups = vec![vec![0, 4, 5], vec![1, 6], vec![2, 7, 8, 9], vec![3]];
        let same_side = |mask: &[bool]| {
            groups
                .iter()
                .all(|members| members.iter().all(|row| mask[*row] == mask[members[0]]))
        };
        let masks = group_fold_masks(&groups, 10, 2, 0).unwrap();
        assert!(masks.iter().all(|mask| same_side(mask)));
        for row in 0..10 {
            assert_eq!(masks.iter().filter(|mask| !mask[row]).count(), 1);
        }
        // A 25% hold-out of 4 groups holds out exactly one group.
        let mask = group_holdout_mask(&groups, 10, 0.25, 0).unwrap();
        assert!(same_side(&mask));
        let held_out: usize = groups.iter().filter(|members| !mask[members[0]]).count();
        assert_eq!(held_out, 1);
        assert!(group_fold_masks(&groups, 10, 5, 0).is_err());
        assert!(group_holdout_mask(&groups[..1], 10, 0.5, 0).is_err());
    }
}
