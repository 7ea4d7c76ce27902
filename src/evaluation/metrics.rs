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
pub fn rmse(predictions: &[f64], targets: &[f64]) -> f64 {
    let total: f64 = predictions
        .iter()
        .zip(targets)
        .map(|(p, y)| (p - y).powi(2))
        .sum();
    (total / targets.len().max(1) as f64).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

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
