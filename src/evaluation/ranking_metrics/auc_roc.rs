//! Area under the ROC curve.

use super::error::MetricError;
use super::ranks::average_ranks_of_finite;
use super::validation::{check_finite, check_non_empty, check_same_length};

/// Area under the ROC curve, computed as the normalised Mann–Whitney U statistic.
///
/// With `P` positives, `N` negatives and `R+` the sum of the average ranks (ascending, ties
/// sharing the mean rank) of the positive scores:
///
/// ```text
/// U   = R+ - P (P + 1) / 2
/// AUC = U / (P N)
/// ```
///
/// This equals the probability that a random positive scores above a random negative, a tied
/// positive–negative pair counting one half. Higher scores mean "more positive".
///
/// # Errors
/// [`MetricError::LengthMismatch`], [`MetricError::EmptyInput`],
/// [`MetricError::NonFiniteValue`] for NaN or infinite scores, and
/// [`MetricError::SingleClass`] when the labels lack positives or negatives.
pub fn auc_roc(scores: &[f64], labels: &[bool]) -> Result<f64, MetricError> {
    check_same_length(scores.len(), labels.len())?;
    check_non_empty(scores.len())?;
    check_finite("scores", scores)?;
    let positive_count = labels.iter().filter(|&&label| label).count();
    let negative_count = labels.len() - positive_count;
    if positive_count == 0 || negative_count == 0 {
        return Err(MetricError::SingleClass);
    }
    let ranks = average_ranks_of_finite(scores);
    let positive_rank_sum: f64 = ranks
        .iter()
        .zip(labels)
        .filter(|(_, label)| **label)
        .map(|(rank, _)| rank)
        .sum();
    let positives = positive_count as f64;
    let negatives = negative_count as f64;
    let mann_whitney_u = positive_rank_sum - positives * (positives + 1.0) / 2.0;
    Ok(mann_whitney_u / (positives * negatives))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOLERANCE: f64 = 1e-12;

    #[test]
    fn distinct_scores() {
        // Positives 0.35 and 0.8, negatives 0.1 and 0.4. Pairs (pos, neg):
        // (0.35, 0.1) win, (0.35, 0.4) loss, (0.8, 0.1) win, (0.8, 0.4) win -> 3 / 4.
        // Rank check: ranks 0.1->1, 0.35->2, 0.4->3, 0.8->4; R+ = 6; U = 6 - 3 = 3.
        let auc = auc_roc(&[0.1, 0.4, 0.35, 0.8], &[false, false, true, true]).expect("valid");
        assert!((auc - 0.75).abs() < TOLERANCE);
    }

    #[test]
    fn tied_positive_and_negative_count_half() {
        // Positives 0.5 and 0.9, negatives 0.5 and 0.2. Pairs:
        // (0.5, 0.5) tie 0.5, (0.5, 0.2) 1, (0.9, 0.5) 1, (0.9, 0.2) 1 -> 3.5 / 4 = 0.875.
        // Rank check: 0.2->1, both 0.5->2.5, 0.9->4; R+ = 6.5; U = 6.5 - 3 = 3.5.
        let auc = auc_roc(&[0.5, 0.5, 0.2, 0.9], &[true, false, false, true]).expect("valid");
        assert!((auc - 0.875).abs() < TOLERANCE);
    }

    #[test]
    fn all_tied_is_one_half() {
        // Every (pos, neg) pair is a tie worth 1/2, so AUC = 1/2.
        let auc = auc_roc(&[3.0, 3.0, 3.0], &[true, false, false]).expect("valid");
        assert!((auc - 0.5).abs() < TOLERANCE);
    }

    #[test]
    fn perfectly_reversed_is_zero() {
        // The only positive (0.1) scores below both negatives: 0 wins of 2 pairs.
        let auc = auc_roc(&[0.1, 0.5, 0.9], &[true, false, false]).expect("valid");
        assert!(auc.abs() < TOLERANCE);
    }

    #[test]
    fn errors() {
        assert_eq!(
            auc_roc(&[0.1, 0.2], &[true]),
            Err(MetricError::LengthMismatch { left: 2, right: 1 })
        );
        assert_eq!(auc_roc(&[], &[]), Err(MetricError::EmptyInput));
        assert_eq!(
            auc_roc(&[0.1, 0.2], &[true, true]),
            Err(MetricError::SingleClass)
        );
        assert_eq!(
            auc_roc(&[0.1, f64::INFINITY], &[true, false]),
            Err(MetricError::NonFiniteValue {
                argument: "scores",
                index: 1
            })
        );
    }
}
