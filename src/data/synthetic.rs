//! The four synthetic data sets of the paper (after Lopez-Paz et al., ICLR 2016).
//!
//! Every generator draws its direction `α`, index set `J` and noise from the generator given,
//! and uses the same `α` and `J` for the training and the test part (except the `paper`
//! variant of experiment 4, which copies the authors' script).

use rand::Rng;
use rand::seq::index::sample;
use rand_distr::{Distribution, StandardNormal};
use serde::{Deserialize, Serialize};

use super::{LupiData, LupiSplit, Matrix};

/// The three readings of "sample-dependent relevant features" (experiment 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SampleDependentVariant {
    /// `x*_i` = the 3 values of `x_i` at the example's own index set `J_i`.
    Values,
    /// `x*_i` = `x_i` with every coordinate outside `J_i` set to 0.
    Masked,
    /// The authors' script: one `J` for the whole training set, another for the test set, and
    /// `α` of size 3.
    Paper,
}

impl SampleDependentVariant {
    /// The name used in reports and JSON.
    pub fn name(self) -> &'static str {
        match self {
            SampleDependentVariant::Values => "values",
            SampleDependentVariant::Masked => "masked",
            SampleDependentVariant::Paper => "paper",
        }
    }
}

/// Which synthetic experiment to draw.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyntheticKind {
    /// Experiment 1: `x ~ N(0, I)`, `x* = ⟨α, x⟩`, `s = x* + ε`, `ε ~ N(0, noise_sd²)`.
    CleanLabels {
        /// Standard deviation of the label noise ε.
        noise_sd: f64,
    },
    /// Experiment 2: `x* ~ N(0, I)`, `x = x* + N(0, I)`, `s = ⟨α, x*⟩`.
    CleanFeatures,
    /// Experiment 3: `x ~ N(0, I)`, `x* = x_J` with `|J| = 3`, `α ~ N(0, I₃)`, `s = ⟨α, x*⟩`.
    RelevantFeatures,
    /// Experiment 4: index sets drawn per example.
    SampleDependent(SampleDependentVariant),
}

/// Number of relevant features in experiments 3 and 4.
pub const RELEVANT: usize = 3;

fn normal_vector(length: usize, rng: &mut impl Rng) -> Vec<f64> {
    (0..length).map(|_| StandardNormal.sample(rng)).collect()
}

fn normal_matrix(rows: usize, cols: usize, rng: &mut impl Rng) -> Matrix {
    Matrix {
        rows,
        cols,
        values: normal_vector(rows * cols, rng),
    }
}

fn dot(left: &[f64], right: &[f64]) -> f64 {
    left.iter().zip(right).map(|(a, b)| a * b).sum()
}

fn sorted_indices(dimension: usize, count: usize, rng: &mut impl Rng) -> Vec<usize> {
    let mut indices = sample(rng, dimension, count).into_vec();
    indices.sort_unstable();
    indices
}

/// Draws `train` training and `test` test examples of dimension `dimension`.
pub fn generate(
    kind: SyntheticKind,
    dimension: usize,
    train: usize,
    test: usize,
    rng: &mut impl Rng,
) -> LupiSplit {
    match kind {
        SyntheticKind::CleanLabels { noise_sd } => {
            let alpha = normal_vector(dimension, rng);
            let mut part = |rows: usize| {
                let input = normal_matrix(rows, dimension, rng);
                let clean: Vec<f64> = (0..rows).map(|row| dot(&alpha, input.row(row))).collect();
                let score = clean
                    .iter()
                    .map(|value| {
                        let noise: f64 = StandardNormal.sample(rng);
                        value + noise_sd * noise
                    })
                    .collect();
                LupiData {
                    input,
                    privileged: Matrix {
                        rows,
                        cols: 1,
                        values: clean,
                    },
                    score,
                }
            };
            LupiSplit {
                train: part(train),
                test: part(test),
            }
        }
        SyntheticKind::CleanFeatures => {
            let alpha = normal_vector(dimension, rng);
            let mut part = |rows: usize| {
                let privileged = normal_matrix(rows, dimension, rng);
                let noise = normal_matrix(rows, dimension, rng);
                let input = Matrix {
                    rows,
                    cols: dimension,
                    values: privileged
                        .values
                        .iter()
                        .zip(&noise.values)
                        .map(|(a, b)| a + b)
                        .collect(),
                };
                let score = (0..rows)
                    .map(|row| dot(&alpha, privileged.row(row)))
                    .collect();
                LupiData {
                    input,
                    privileged,
                    score,
                }
            };
            LupiSplit {
                train: part(train),
                test: part(test),
            }
        }
        SyntheticKind::RelevantFeatures => {
            let relevant = sorted_indices(dimension, RELEVANT, rng);
            let alpha = normal_vector(RELEVANT, rng);
            let mut part = |rows: usize| subset_part(rows, dimension, &relevant, &alpha, rng);
            LupiSplit {
                train: part(train),
                test: part(test),
            }
        }
        SyntheticKind::SampleDependent(SampleDependentVariant::Paper) => {
            let alpha = normal_vector(RELEVANT, rng);
            let train_relevant = sorted_indices(dimension, RELEVANT, rng);
            let test_relevant = sorted_indices(dimension, RELEVANT, rng);
            LupiSplit {
                train: subset_part(train, dimension, &train_relevant, &alpha, rng),
                test: subset_part(test, dimension, &test_relevant, &alpha, rng),
            }
        }
        SyntheticKind::SampleDependent(variant) => {
            let alpha = normal_vector(dimension, rng);
            let mut part = |rows: usize| {
                let input = normal_matrix(rows, dimension, rng);
                let privileged_cols = match variant {
                    SampleDependentVariant::Masked => dimension,
                    _ => RELEVANT,
                };
                let mut privileged = Matrix::zeros(rows, privileged_cols);
                let mut score = Vec::with_capacity(rows);
                for row in 0..rows {
                    let relevant = sorted_indices(dimension, RELEVANT, rng);
                    let values = input.row(row);
                    score.push(
                        relevant
                            .iter()
                            .map(|&index| alpha[index] * values[index])
                            .sum(),
                    );
                    let target = privileged.row_mut(row);
                    for (position, &index) in relevant.iter().enumerate() {
                        match variant {
                            SampleDependentVariant::Masked => target[index] = values[index],
                            _ => target[position] = values[index],
                        }
                    }
                }
                LupiData {
                    input,
                    privileged,
                    score,
                }
            };
            LupiSplit {
                train: part(train),
                test: part(test),
            }
        }
    }
}

/// `x ~ N(0, I)`, `x* = x_J`, `s = ⟨α, x*⟩`.
fn subset_part(
    rows: usize,
    dimension: usize,
    relevant: &[usize],
    alpha: &[f64],
    rng: &mut impl Rng,
) -> LupiData {
    let input = normal_matrix(rows, dimension, rng);
    let privileged = input.select_columns(relevant);
    let score = (0..rows)
        .map(|row| dot(alpha, privileged.row(row)))
        .collect();
    LupiData {
        input,
        privileged,
        score,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    fn mean_and_variance(values: &[f64]) -> (f64, f64) {
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / values.len() as f64;
        (mean, variance)
    }

    #[test]
    fn shapes_of_every_kind() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let cases = [
            (SyntheticKind::CleanLabels { noise_sd: 1.0 }, 1),
            (SyntheticKind::CleanFeatures, 50),
            (SyntheticKind::RelevantFeatures, 3),
            (
                SyntheticKind::SampleDependent(SampleDependentVariant::Values),
                3,
            ),
            (
                SyntheticKind::SampleDependent(SampleDependentVariant::Masked),
                50,
            ),
            (
                SyntheticKind::SampleDependent(SampleDependentVariant::Paper),
                3,
            ),
        ];
        for (kind, privileged_cols) in cases {
            let split = generate(kind, 50, 200, 1000, &mut rng);
            assert_eq!(
                (split.train.input.rows, split.train.input.cols),
                (200, 50),
                "{kind:?}"
            );
            assert_eq!(split.train.privileged.cols, privileged_cols, "{kind:?}");
            assert_eq!(
                (split.test.input.rows, split.test.score.len()),
                (1000, 1000),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn input_features_are_standard_normal() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let split = generate(SyntheticKind::RelevantFeatures, 50, 200, 1000, &mut rng);
        let (mean, variance) = mean_and_variance(&split.test.input.values);
        // 50,000 draws: the sample mean's std is 1/√50000 ≈ 0.0045, so 0.02 is > 4 sigmas.
        assert!(mean.abs() < 0.02, "mean {mean}");
        assert!((variance - 1.0).abs() < 0.03, "variance {variance}");
    }

    #[test]
    fn clean_labels_noise_has_the_requested_spread() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let split = generate(
            SyntheticKind::CleanLabels { noise_sd: 0.5 },
            50,
            200,
            20_000,
            &mut rng,
        );
        let residuals: Vec<f64> = split
            .test
            .score
            .iter()
            .zip(&split.test.privileged.values)
            .map(|(score, clean)| score - clean)
            .collect();
        let (_, variance) = mean_and_variance(&residuals);
        // Variance 0.25 expected; with 20,000 draws its std is about 0.25·√(2/20000) = 0.0025.
        assert!((variance - 0.25).abs() < 0.015, "variance {variance}");
    }

    #[test]
    fn clean_features_input_is_privileged_plus_unit_noise() {
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        let split = generate(SyntheticKind::CleanFeatures, 50, 200, 1000, &mut rng);
        let differences: Vec<f64> = split
            .test
            .input
            .values
            .iter()
            .zip(&split.test.privileged.values)
            .map(|(input, privileged)| input - privileged)
            .collect();
        let (mean, variance) = mean_and_variance(&differences);
        assert!(
            mean.abs() < 0.02 && (variance - 1.0).abs() < 0.03,
            "{mean} {variance}"
        );
    }

    #[test]
    fn relevant_features_are_columns_of_the_input_and_explain_the_score() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let split = generate(SyntheticKind::RelevantFeatures, 50, 10, 10, &mut rng);
        for row in 0..10 {
            for value in split.train.privileged.row(row) {
                assert!(split.train.input.row(row).contains(value));
            }
        }
    }

    #[test]
    fn masked_variant_keeps_three_coordinates_per_example() {
        let mut rng = ChaCha8Rng::seed_from_u64(6);
        let kind = SyntheticKind::SampleDependent(SampleDependentVariant::Masked);
        let split = generate(kind, 50, 100, 10, &mut rng);
        for row in 0..100 {
            let kept = split
                .train
                .privileged
                .row(row)
                .iter()
                .filter(|v| **v != 0.0)
                .count();
            assert_eq!(kept, 3);
        }
    }

    #[test]
    fn same_seed_same_data() {
        let kind = SyntheticKind::CleanLabels { noise_sd: 1.0 };
        let first = generate(kind, 50, 20, 20, &mut ChaCha8Rng::seed_from_u64(9));
        let second = generate(kind, 50, 20, 20, &mut ChaCha8Rng::seed_from_u64(9));
        assert_eq!(first, second);
    }
}
