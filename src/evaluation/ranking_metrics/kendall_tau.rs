//! Kendall's tau-b rank correlation.

use std::cmp::Ordering;

use super::error::MetricError;
use super::inversion_count::sort_counting_inversions;
use super::ties::{compare, pairs_within};
use super::validation::check_paired_series;

/// Kendall's tau-b, which corrects for ties in either series:
///
/// ```text
/// tau_b = (n_c - n_d) / sqrt((n_0 - n_1) (n_0 - n_2))
/// ```
///
/// where `n_c` / `n_d` count concordant / discordant pairs, `n_0 = n (n - 1) / 2`,
/// `n_1 = sum_i t_i (t_i - 1) / 2` over groups of tied `a` values and `n_2` likewise for `b`.
/// Pairs tied in `a`, in `b`, or in both are neither concordant nor discordant.
///
/// Computed in O(n log n) (Knight's method): sort by `(a, b)`, count `n_1` and the joint ties
/// `n_3`, then count discordant pairs as the inversions of `b` in that order; then
/// `n_c - n_d = n_0 - n_1 - n_2 + n_3 - 2 n_d`.
///
/// # Errors
/// [`MetricError::LengthMismatch`], [`MetricError::EmptyInput`],
/// [`MetricError::NonFiniteValue`], and [`MetricError::ConstantSeries`] when every pair is tied
/// in one series (the denominator is zero).
pub fn kendall_tau_b(first: &[f64], second: &[f64]) -> Result<f64, MetricError> {
    check_paired_series("first", first, "second", second)?;
    let mut order: Vec<usize> = (0..first.len()).collect();
    order.sort_by(|&left, &right| {
        compare(first[left], first[right]).then(compare(second[left], second[right]))
    });

    let first_ties = tied_pairs(&order, |left, right| {
        compare(first[left], first[right]) == Ordering::Equal
    });
    let joint_ties = tied_pairs(&order, |left, right| {
        compare(first[left], first[right]) == Ordering::Equal
            && compare(second[left], second[right]) == Ordering::Equal
    });

    // Within a run of equal `a` values `b` is ascending, so every inversion of `b` in this order
    // is a pair with a_i < a_j and b_i > b_j: a discordant pair.
    let mut second_in_order: Vec<f64> = order.iter().map(|&index| second[index]).collect();
    let mut scratch = vec![0.0; second_in_order.len()];
    let discordant = sort_counting_inversions(&mut second_in_order, &mut scratch);
    let sorted_positions: Vec<usize> = (0..second_in_order.len()).collect();
    let second_ties = tied_pairs(&sorted_positions, |left, right| {
        compare(second_in_order[left], second_in_order[right]) == Ordering::Equal
    });

    let total_pairs = pairs_within(first.len());
    if total_pairs == first_ties {
        return Err(MetricError::ConstantSeries { argument: "first" });
    }
    if total_pairs == second_ties {
        return Err(MetricError::ConstantSeries { argument: "second" });
    }
    // Signed arithmetic: n_c - n_d can be negative. i128 cannot overflow for any slice length.
    let concordant_minus_discordant =
        total_pairs as i128 - first_ties as i128 - second_ties as i128 + joint_ties as i128
            - 2 * discordant as i128;
    let denominator =
        ((total_pairs - first_ties) as f64 * (total_pairs - second_ties) as f64).sqrt();
    Ok((concordant_minus_discordant as f64 / denominator).clamp(-1.0, 1.0))
}

/// Sum of `t (t - 1) / 2` over maximal runs of consecutive entries of `order` that `same`
/// says are tied.
fn tied_pairs(order: &[usize], same: impl Fn(usize, usize) -> bool) -> u64 {
    let mut total = 0;
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && same(order[start], order[end]) {
            end += 1;
        }
        total += pairs_within(end - start);
        start = end;
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOLERANCE: f64 = 1e-12;

    /// Direct O(n^2) definition, used to cross-check the O(n log n) algorithm.
    fn brute_force(first: &[f64], second: &[f64]) -> f64 {
        let (mut concordant, mut discordant, mut first_ties, mut second_ties) = (0, 0, 0, 0);
        let n = first.len();
        for i in 0..n {
            for j in i + 1..n {
                let a = (first[i] - first[j]).signum() * f64::from(first[i] != first[j]);
                let b = (second[i] - second[j]).signum() * f64::from(second[i] != second[j]);
                if a == 0.0 {
                    first_ties += 1;
                }
                if b == 0.0 {
                    second_ties += 1;
                }
                if a * b > 0.0 {
                    concordant += 1;
                } else if a * b < 0.0 {
                    discordant += 1;
                }
            }
        }
        let total = (n * (n - 1) / 2) as f64;
        (concordant - discordant) as f64
            / ((total - first_ties as f64) * (total - second_ties as f64)).sqrt()
    }

    #[test]
    fn without_ties() {
        // a = 1..5, b = [3, 1, 2, 5, 4]. Discordant pairs (by position): (1,2), (1,3), (4,5);
        // the other 7 of the 10 pairs are concordant. tau = (7 - 3) / 10 = 0.4.
        let tau =
            kendall_tau_b(&[1.0, 2.0, 3.0, 4.0, 5.0], &[3.0, 1.0, 2.0, 5.0, 4.0]).expect("valid");
        assert!((tau - 0.4).abs() < TOLERANCE);
    }

    #[test]
    fn with_ties_in_both_series() {
        // a = [1, 2, 2, 3], b = [10, 20, 30, 30]. Of the 6 pairs: (2,3) tied in a,
        // (3,4) tied in b, the other 4 concordant, none discordant. n_0 = 6, n_1 = 1, n_2 = 1.
        // tau_b = 4 / sqrt(5 * 5) = 0.8.
        let tau = kendall_tau_b(&[1.0, 2.0, 2.0, 3.0], &[10.0, 20.0, 30.0, 30.0]).expect("ok");
        assert!((tau - 0.8).abs() < TOLERANCE);
    }

    #[test]
    fn joint_ties_and_reversal() {
        // a = [1, 1, 2, 3], b = [4, 4, 3, 1]. Pair (1,2) is tied in both; the other 5 pairs
        // are discordant. n_0 = 6, n_1 = 1, n_2 = 1. tau_b = -5 / sqrt(5 * 5) = -1.
        let tau = kendall_tau_b(&[1.0, 1.0, 2.0, 3.0], &[4.0, 4.0, 3.0, 1.0]).expect("ok");
        assert!((tau + 1.0).abs() < TOLERANCE);
    }

    #[test]
    fn matches_the_pairwise_definition() {
        // Deterministic pseudo-random data with many ties (values in 0..5).
        let first: Vec<f64> = (0..60_u32).map(|i| f64::from((i * 7 + 3) % 5)).collect();
        let second: Vec<f64> = (0..60_u32)
            .map(|i| f64::from((i * i + 2 * i) % 4))
            .collect();
        let fast = kendall_tau_b(&first, &second).expect("valid");
        assert!((fast - brute_force(&first, &second)).abs() < TOLERANCE);
    }

    #[test]
    fn constant_series_is_an_error() {
        assert_eq!(
            kendall_tau_b(&[1.0, 2.0, 3.0], &[5.0, 5.0, 5.0]),
            Err(MetricError::ConstantSeries { argument: "second" })
        );
    }
}
