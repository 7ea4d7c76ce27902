//! Sorting and tie-group helpers shared by the rank-based metrics.

use std::cmp::Ordering;

/// Maps `-0.0` to `+0.0` and leaves every other value unchanged.
///
/// `f64::total_cmp` orders `-0.0` before `+0.0`, but for ranking they are the same score;
/// adding `+0.0` is the IEEE-754 way to erase the sign of zero.
pub(super) fn canonical(value: f64) -> f64 {
    value + 0.0
}

/// Total order on finite values in which `-0.0` and `+0.0` compare equal.
pub(super) fn compare(left: f64, right: f64) -> Ordering {
    canonical(left).total_cmp(&canonical(right))
}

/// Indices of `values` sorted by descending value; ties keep their original order.
pub(super) fn descending_order(values: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&left, &right| compare(values[right], values[left]));
    order
}

/// Indices of `values` sorted by ascending value; ties keep their original order.
pub(super) fn ascending_order(values: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&left, &right| compare(values[left], values[right]));
    order
}

/// End (exclusive) of the run of tied values that starts at `order[start]`.
///
/// `order` must sort `values`, so equal values are contiguous in it.
pub(super) fn tie_run_end(values: &[f64], order: &[usize], start: usize) -> usize {
    let first = values[order[start]];
    let mut end = start + 1;
    while end < order.len() && compare(values[order[end]], first) == Ordering::Equal {
        end += 1;
    }
    end
}

/// Number of unordered pairs inside a group of `size` tied elements: `size (size - 1) / 2`.
pub(super) fn pairs_within(size: usize) -> u64 {
    let size = size as u64;
    size * size.saturating_sub(1) / 2
}
