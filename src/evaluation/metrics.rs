/// Accuracy of binary predictions `1[logit > 0]` against 0/1 labels.
pub fn accuracy_from_logits(logits: &[f64], labels: &[f64]) -> f64 {
    let correct = logits
        .iter()
        .zip(labels)
        .filter(|(logit, label)| (**logit > 0.0) == (**label > 0.5))
        .count();
    correct as f64 / labels.len().max(1) as f64
}

/// Accuracy of the arg-max class of each row of `scores` (`classes` per row) against class
/// indices. Ties go to the lowest class index.
pub fn argmax_accuracy(scores: &[f64], classes: usize, labels: &[usize]) -> f64 {
    let correct = scores
        .chunks(classes)
        .zip(labels)
        .filter(|(row, label)| {
            let mut best = 0;
            for (class, value) in row.iter().enumerate() {
                if *value > row[best] {
                    best = class;
                }
            }
            best == **label
        })
        .count();
    correct as f64 / labels.len().max(1) as f64
}

/// Root mean squared error `√(mean (p − y)²)`.
///
/// Errors whose squares overflow (beyond about 1e154) are divided by the largest one before
/// squaring and the result multiplied back, so finite errors always give a finite RMSE.
pub fn rmse(predictions: &[f64], targets: &[f64]) -> f64 {
    let count = targets.len().max(1) as f64;
    let root_mean_square = |scale: f64| {
        let total: f64 = predictions
            .iter()
            .zip(targets)
            .map(|(p, y)| ((p - y) / scale).powi(2))
            .sum();
        (total / count).sqrt() * scale
    };
    let direct = root_mean_square(1.0);
    if direct.is_finite() {
        return direct;
    }
    let largest = predictions
        .iter()
        .zip(targets)
        .fold(0.0_f64, |largest, (p, y)| largest.max((p - y).abs()));
    if largest.is_finite() && largest > 0.0 {
        root_mean_square(largest)
    } else {
        direct
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rmse_of_errors_whose_squares_overflow_is_finite() {
        // Errors 3e200 and 4e200: √((9e400 + 16e400) / 2) = 5e200 / √2 = 3.5355e200.
        let value = rmse(&[3e200, 0.0], &[0.0, -4e200]);
        assert!(
            (value / 3.535_533_905_932_738e200 - 1.0).abs() < 1e-12,
            "{value}"
        );
        assert!(rmse(&[f64::INFINITY], &[0.0]).is_infinite());
    }

    #[test]
    fn metrics_by_hand() {
        assert_eq!(
            accuracy_from_logits(&[1.0, -2.0, 0.5, -0.1], &[1.0, 0.0, 0.0, 0.0]),
            0.75
        );
        assert_eq!(argmax_accuracy(&[0.1, 0.9, 0.8, 0.2], 2, &[1, 1]), 0.5);
        // Errors 3 and 4: √((9 + 16) / 2) = √12.5.
        assert!((rmse(&[3.0, 0.0], &[0.0, 4.0]) - 12.5f64.sqrt()).abs() < 1e-15);
    }
}
