//! Average precision, the step-wise area under the precision–recall curve.

use super::error::MetricError;
use super::ties::{descending_order, tie_run_end};
use super::validation::{check_finite, check_non_empty, check_same_length};

/// Average precision with tied scores grouped into one threshold (the definition used by
/// scikit-learn's `average_precision_score`).
///
/// Let `t_1 > t_2 > ... > t_m` be the distinct scores. At threshold `t_j` every example with
/// score `>= t_j` is predicted positive, giving
///
/// ```text
/// P_j = TP_j / (number of scores >= t_j)      (precision)
/// R_j = TP_j / (number of positives)          (recall), with R_0 = 0
/// AP  = sum_j (R_j - R_{j-1}) P_j
/// ```
///
/// Without ties this is the mean, over positives in descending score order, of the precision at
/// that positive's rank. With ties, all positives in a tied group share the precision reached at
/// the end of the group, so the result does not depend on how ties are ordered. There is no
/// interpolation of the precision curve.
///
/// # Errors
/// [`MetricError::LengthMismatch`], [`MetricError::EmptyInput`],
/// [`MetricError::NonFiniteValue`], and [`MetricError::NoPositiveLabel`] when no label is
/// `true` (recall is undefined then). All-positive labels are accepted and give 1.
pub fn auc_pr(scores: &[f64], labels: &[bool]) -> Result<f64, MetricError> {
    check_same_length(scores.len(), labels.len())?;
    check_non_empty(scores.len())?;
    check_finite("scores", scores)?;
    let positive_count = labels.iter().filter(|&&label| label).count();
    if positive_count == 0 {
        return Err(MetricError::NoPositiveLabel);
    }
    let order = descending_order(scores);
    let mut true_positives = 0_usize;
    let mut average_precision = 0.0;
    let mut start = 0;
    while start < order.len() {
        let end = tie_run_end(scores, &order, start);
        let group_positives = order[start..end]
            .iter()
            .filter(|&&index| labels[index])
            .count();
        true_positives += group_positives;
        // `end` examples score at or above this threshold; only groups holding positives move
        // recall, so only they contribute.
        if group_positives > 0 {
            let precision = true_positives as f64 / end as f64;
            let recall_step = group_positives as f64 / positive_count as f64;
            average_precision += recall_step * precision;
        }
        start = end;
    }
    Ok(average_precision)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOLERANCE: f64 = 1e-12;

    #[test]
    fn distinct_scores() {
        // Descending: 0.8 (pos) P = 1/1, R = 1/2; 0.4 (neg); 0.35 (pos) P = 2/3, R = 2/2.
        // AP = (1/2)(1) + (1/2)(2/3) = 5/6.
        let ap = auc_pr(&[0.1, 0.4, 0.35, 0.8], &[false, false, true, true]).expect("valid");
        assert!((ap - 5.0 / 6.0).abs() < TOLERANCE);
    }

    #[test]
    fn tied_scores_form_one_threshold() {
        // 3 positives. Thresholds: 0.9 -> TP 0 of 1 (no recall step);
        // 0.7 -> TP 2 of 4, P = 1/2, recall step 2/3 -> 1/3;
        // 0.2 -> TP 3 of 5, P = 3/5, recall step 1/3 -> 1/5.  AP = 1/3 + 1/5 = 8/15.
        let scores = [0.9, 0.7, 0.7, 0.7, 0.2];
        let labels = [false, true, false, true, true];
        let ap = auc_pr(&scores, &labels).expect("valid");
        assert!((ap - 8.0 / 15.0).abs() < TOLERANCE);
    }

    #[test]
    fn tie_order_does_not_matter() {
        // Same multiset as above with the tied group permuted: still 8/15.
        let scores = [0.7, 0.2, 0.7, 0.9, 0.7];
        let labels = [true, true, true, false, false];
        let ap = auc_pr(&scores, &labels).expect("valid");
        assert!((ap - 8.0 / 15.0).abs() < TOLERANCE);
    }

    #[test]
    fn all_positive_is_one() {
        // Every threshold has precision 1, recall steps sum to 1.
        let ap = auc_pr(&[0.3, 0.1, 0.3], &[true, true, true]).expect("valid");
        assert!((ap - 1.0).abs() < TOLERANCE);
    }

    #[test]
    fn errors() {
        assert_eq!(
            auc_pr(&[0.1, 0.2], &[false, false]),
            Err(MetricError::NoPositiveLabel)
        );
        assert_eq!(
            auc_pr(&[0.1], &[true, false]),
            Err(MetricError::LengthMismatch { left: 1, right: 2 })
        );
        assert_eq!(auc_pr(&[], &[]), Err(MetricError::EmptyInput));
    }
}
