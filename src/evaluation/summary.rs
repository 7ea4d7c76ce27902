use serde::{Deserialize, Serialize};

/// Mean and population standard deviation of a metric over repeats, with the values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Mean over repeats.
    pub mean: f64,
    /// Population standard deviation over repeats (divides by the count, not count − 1).
    pub std: f64,
    /// One value per repeat, in repeat order.
    pub values: Vec<f64>,
}

impl Summary {
    /// Summarises `values`.
    pub fn new(values: Vec<f64>) -> Self {
        let count = values.len().max(1) as f64;
        let mean = values.iter().sum::<f64>() / count;
        let variance = values
            .iter()
            .map(|value| (value - mean).powi(2))
            .sum::<f64>()
            / count;
        Summary {
            mean,
            std: variance.sqrt(),
            values,
        }
    }
}

/// The paired difference `a − b` over repeats: its mean and the standard error of that mean
/// (sample standard deviation / √n), the uncertainty that matters when two models are compared
/// on the same draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairedDifference {
    /// Mean of `a_r − b_r`.
    pub mean: f64,
    /// Standard error of that mean (0 with fewer than two repeats).
    pub standard_error: f64,
}

impl PairedDifference {
    /// Compares `a` and `b` repeat by repeat.
    pub fn new(a: &[f64], b: &[f64]) -> Self {
        let differences: Vec<f64> = a.iter().zip(b).map(|(x, y)| x - y).collect();
        let count = differences.len();
        let mean = differences.iter().sum::<f64>() / count.max(1) as f64;
        let standard_error = if count > 1 {
            let variance =
                differences.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / (count - 1) as f64;
            (variance / count as f64).sqrt()
        } else {
            0.0
        };
        PairedDifference {
            mean,
            standard_error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn population_standard_deviation() {
        // Values 1, 3: mean 2, population variance ((1)² + (1)²)/2 = 1.
        let summary = Summary::new(vec![1.0, 3.0]);
        assert_eq!((summary.mean, summary.std), (2.0, 1.0));
    }

    #[test]
    fn paired_difference_by_hand() {
        // Differences 1, 3: mean 2, sample variance 2, standard error √(2/2) = 1.
        let difference = PairedDifference::new(&[2.0, 5.0], &[1.0, 2.0]);
        assert_eq!(difference.mean, 2.0);
        assert!((difference.standard_error - 1.0).abs() < 1e-15);
    }
}
