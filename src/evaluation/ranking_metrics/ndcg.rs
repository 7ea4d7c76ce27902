//! Normalised discounted cumulative gain at a cutoff.

use super::error::MetricError;
use super::ties::{descending_order, tie_run_end};
use super::validation::check_paired_series;

/// Largest accepted relevance. `2^512` leaves room to sum many gains without overflowing `f64`.
pub const MAXIMUM_RELEVANCE: u32 = 512;

/// NDCG@k with exponential gain, log2 discount and tie averaging.
///
/// With positions `i = 1, 2, ...` in descending score order,
///
/// ```text
/// gain(rel)   = 2^rel - 1
/// DCG@k       = sum_{i=1}^{min(k, n)} gain(rel_(i)) / log2(i + 1)
/// IDCG@k      = the same sum with items sorted by descending relevance (the ideal ordering)
/// NDCG@k      = DCG@k / IDCG@k,   and 1.0 when IDCG@k = 0
/// ```
///
/// Tied scores: every item in a group of tied scores receives the group's mean gain at each of
/// the group's positions. This is the expected DCG over uniformly random orderings of the ties
/// (scikit-learn's `ndcg_score` default), so the result does not depend on input order.
///
/// When all relevances are 0 (IDCG = 0) no ordering can be better than another; returning 1.0
/// treats that list as perfectly ranked rather than producing NaN.
///
/// # Errors
/// [`MetricError::LengthMismatch`], [`MetricError::EmptyInput`],
/// [`MetricError::NonFiniteValue`], [`MetricError::RelevanceOutOfRange`] for a relevance
/// outside `[0, MAXIMUM_RELEVANCE]`, and [`MetricError::ZeroCutoff`] for `k = 0`. A `k` larger
/// than the list is treated as the list length.
pub fn ndcg_at_k(scores: &[f64], relevances: &[f64], k: usize) -> Result<f64, MetricError> {
    check_paired_series("scores", scores, "relevances", relevances)?;
    let maximum = f64::from(MAXIMUM_RELEVANCE);
    if let Some(index) = relevances
        .iter()
        .position(|&relevance| !(0.0..=maximum).contains(&relevance))
    {
        return Err(MetricError::RelevanceOutOfRange {
            index,
            maximum: MAXIMUM_RELEVANCE,
        });
    }
    if k == 0 {
        return Err(MetricError::ZeroCutoff);
    }
    let cutoff = k.min(scores.len());
    let gains: Vec<f64> = relevances
        .iter()
        .map(|&relevance| gain(relevance))
        .collect();

    let order = descending_order(scores);
    let mut discounted_gain = 0.0;
    let mut start = 0;
    while start < cutoff {
        let end = tie_run_end(scores, &order, start);
        let group_gain: f64 = order[start..end].iter().map(|&index| gains[index]).sum();
        let mean_gain = group_gain / (end - start) as f64;
        // Only the group's positions inside the cutoff are discounted and counted.
        let discount_sum: f64 = (start..end.min(cutoff)).map(discount).sum();
        discounted_gain += mean_gain * discount_sum;
        start = end;
    }

    let mut ideal_gains = gains;
    ideal_gains.sort_by(|left, right| right.total_cmp(left));
    let ideal_discounted_gain: f64 = ideal_gains[..cutoff]
        .iter()
        .enumerate()
        .map(|(position, gain)| gain * discount(position))
        .sum();
    if ideal_discounted_gain == 0.0 {
        return Ok(1.0);
    }
    Ok(discounted_gain / ideal_discounted_gain)
}

/// Exponential gain `2^rel - 1`.
fn gain(relevance: f64) -> f64 {
    relevance.exp2() - 1.0
}

/// Discount `1 / log2(i + 1)` for the zero-based position `p = i - 1`, i.e. `1 / log2(p + 2)`.
fn discount(position: usize) -> f64 {
    1.0 / ((position + 2) as f64).log2()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOLERANCE: f64 = 1e-12;

    #[test]
    fn full_list() {
        // Score order gives relevances [1, 3, 2] -> gains [1, 7, 3].
        // DCG = 1/log2 2 + 7/log2 3 + 3/log2 4 = 1 + 7/log2 3 + 1.5.
        // Ideal relevances [3, 2, 1] -> gains [7, 3, 1]: IDCG = 7 + 3/log2 3 + 0.5.
        let log2_3 = 3.0_f64.log2();
        let expected = (2.5 + 7.0 / log2_3) / (7.5 + 3.0 / log2_3);
        let ndcg = ndcg_at_k(&[0.9, 0.8, 0.1], &[1.0, 3.0, 2.0], 3).expect("valid");
        assert!((ndcg - expected).abs() < TOLERANCE);
    }

    #[test]
    fn cutoff_two() {
        // Top two in score order: gains [1, 7] -> DCG = 1 + 7/log2 3.
        // Ideal top two: gains [7, 3] -> IDCG = 7 + 3/log2 3.
        let log2_3 = 3.0_f64.log2();
        let expected = (1.0 + 7.0 / log2_3) / (7.0 + 3.0 / log2_3);
        let ndcg = ndcg_at_k(&[0.9, 0.8, 0.1], &[1.0, 3.0, 2.0], 2).expect("valid");
        assert!((ndcg - expected).abs() < TOLERANCE);
    }

    #[test]
    fn tied_scores_average_their_gains() {
        // Scores 0.5, 0.5 tie; their gains are 0 and 3 -> mean 1.5 at positions 1 and 2.
        // k = 1: DCG = 1.5 / log2 2 = 1.5; IDCG = 3 (gain of rel 2 first). NDCG = 0.5.
        let ndcg = ndcg_at_k(&[0.5, 0.5, 0.1], &[0.0, 2.0, 1.0], 1).expect("valid");
        assert!((ndcg - 0.5).abs() < TOLERANCE);
        // k = 3: DCG = 1.5 (1 + 1/log2 3) + 1/log2 4 = 1.5 + 1.5/log2 3 + 0.5.
        // IDCG = 3 + 1/log2 3 + 0 (gains [3, 1, 0]).
        let log2_3 = 3.0_f64.log2();
        let expected = (2.0 + 1.5 / log2_3) / (3.0 + 1.0 / log2_3);
        let ndcg = ndcg_at_k(&[0.5, 0.5, 0.1], &[0.0, 2.0, 1.0], 3).expect("valid");
        assert!((ndcg - expected).abs() < TOLERANCE);
    }

    #[test]
    fn cutoff_beyond_length_and_zero_relevance() {
        // Perfect order with k > n: DCG equals IDCG.
        let ndcg = ndcg_at_k(&[3.0, 2.0, 1.0], &[2.0, 1.0, 0.0], 10).expect("valid");
        assert!((ndcg - 1.0).abs() < TOLERANCE);
        // All relevances 0: IDCG = 0, documented to give 1.
        let ndcg = ndcg_at_k(&[0.2, 0.1], &[0.0, 0.0], 2).expect("valid");
        assert!((ndcg - 1.0).abs() < TOLERANCE);
    }

    #[test]
    fn errors() {
        assert_eq!(ndcg_at_k(&[0.1], &[1.0], 0), Err(MetricError::ZeroCutoff));
        assert_eq!(
            ndcg_at_k(&[0.1, 0.2], &[1.0, -1.0], 1),
            Err(MetricError::RelevanceOutOfRange {
                index: 1,
                maximum: MAXIMUM_RELEVANCE
            })
        );
        assert_eq!(
            ndcg_at_k(&[0.1], &[1.0, 2.0], 1),
            Err(MetricError::LengthMismatch { left: 1, right: 2 })
        );
    }
}
