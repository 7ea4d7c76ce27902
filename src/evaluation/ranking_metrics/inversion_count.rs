//! Counting inversions with merge sort, the O(n log n) core of Kendall's tau.

use std::cmp::Ordering;

use super::ties::compare;

/// Sorts `values` ascending and returns the number of pairs `i < j` with
/// `values[i] > values[j]` (strictly; equal values are not inversions).
///
/// `scratch` must be at least as long as `values`.
pub(super) fn sort_counting_inversions(values: &mut [f64], scratch: &mut [f64]) -> u64 {
    let length = values.len();
    if length < 2 {
        return 0;
    }
    let middle = length / 2;
    let (left_scratch, right_scratch) = scratch[..length].split_at_mut(middle);
    let mut inversions = sort_counting_inversions(&mut values[..middle], left_scratch)
        + sort_counting_inversions(&mut values[middle..], right_scratch);
    let (mut left, mut right, mut output) = (0, middle, 0);
    while left < middle && right < length {
        // Taking from the right half while the left half still holds larger values means
        // every remaining left value forms an inversion with it.
        if compare(values[right], values[left]) == Ordering::Less {
            scratch[output] = values[right];
            right += 1;
            inversions += (middle - left) as u64;
        } else {
            scratch[output] = values[left];
            left += 1;
        }
        output += 1;
    }
    let left_rest = middle - left;
    scratch[output..output + left_rest].copy_from_slice(&values[left..middle]);
    output += left_rest;
    let right_rest = length - right;
    scratch[output..output + right_rest].copy_from_slice(&values[right..length]);
    values.copy_from_slice(&scratch[..length]);
    inversions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_strict_inversions() {
        // [3, 1, 2, 2]: inversions (3,1), (3,2), (3,2) = 3; the equal pair (2,2) is not one.
        let mut values = [3.0, 1.0, 2.0, 2.0];
        let mut scratch = [0.0; 4];
        assert_eq!(sort_counting_inversions(&mut values, &mut scratch), 3);
        assert_eq!(values, [1.0, 2.0, 2.0, 3.0]);
    }
}
