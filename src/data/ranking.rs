//! Synthetic ranking data: the items of the paper's synthetic experiments grouped into queries,
//! with relevance grades cut from their score.

use rand::Rng;

use super::LupiData;
use super::synthetic::{SyntheticKind, generate};
use crate::error::{LupiError, Result};

/// Quantiles of the training scores at which the relevance grade steps up: half the items get
/// grade 0, a quarter 1, 15 % grade 2, 7 % grade 3 and 3 % grade 4 (few highly relevant items
/// per query, as in web-search data).
pub const GRADE_QUANTILES: [f64; 4] = [0.5, 0.75, 0.9, 0.97];

/// Items grouped in queries, with graded relevance.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingData {
    /// Input features, privileged features and the score `s` of every item.
    pub items: LupiData,
    /// The query of every item.
    pub query: Vec<u64>,
    /// The relevance grade of every item, `0..=4`.
    pub relevance: Vec<f64>,
}

impl RankingData {
    /// The rows of each query, queries in order of first appearance.
    pub fn query_rows(&self) -> Vec<Vec<usize>> {
        let mut rows: Vec<Vec<usize>> = Vec::new();
        let mut seen: Vec<u64> = Vec::new();
        for (row, query) in self.query.iter().enumerate() {
            match seen.iter().position(|known| known == query) {
                Some(index) => rows[index].push(row),
                None => {
                    seen.push(*query);
                    rows.push(vec![row]);
                }
            }
        }
        rows
    }
}

/// Training and test queries drawn from the same distribution.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingSplit {
    /// Training queries.
    pub train: RankingData,
    /// Held-out queries.
    pub test: RankingData,
}

/// How many queries and items to draw.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct RankingSizes {
    /// Input dimension `d`.
    pub dimension: usize,
    /// Training queries.
    pub train_queries: usize,
    /// Held-out queries.
    pub test_queries: usize,
    /// Items per query.
    pub items_per_query: usize,
}

/// Draws items from one of the paper's synthetic experiments (`kind`: experiment 1, clean
/// labels, or 3, relevant features), puts consecutive items in the same query (items are
/// independent, so this is a random grouping), and grades each item by where its score `s`
/// falls among the [`GRADE_QUANTILES`] of the training scores.
///
/// In experiment 1 the grade comes from `s = ⟨α, x⟩ + ε` while `x* = ⟨α, x⟩` is the clean
/// score; in experiment 3 from `s = ⟨α, x_J⟩` while `x* = x_J`.
///
/// # Errors
/// Fewer than 2 items per query, or no training or test query.
pub fn generate_ranking(
    kind: SyntheticKind,
    sizes: &RankingSizes,
    rng: &mut impl Rng,
) -> Result<RankingSplit> {
    if sizes.items_per_query < 2 {
        return Err(LupiError::invalid(
            "items per query",
            sizes.items_per_query,
            "must be ≥ 2 (a query needs a pair of items)",
        ));
    }
    if sizes.train_queries == 0 || sizes.test_queries == 0 {
        return Err(LupiError::invalid(
            "queries",
            format!("{} train, {} test", sizes.train_queries, sizes.test_queries),
            "need at least one training and one test query",
        ));
    }
    let split = generate(
        kind,
        sizes.dimension,
        sizes.train_queries * sizes.items_per_query,
        sizes.test_queries * sizes.items_per_query,
        rng,
    );
    let cuts = quantile_cuts(&split.train.score);
    let part = |items: LupiData| {
        let query = (0..items.len())
            .map(|row| (row / sizes.items_per_query) as u64)
            .collect();
        let relevance = items.score.iter().map(|&s| grade(s, &cuts)).collect();
        RankingData {
            items,
            query,
            relevance,
        }
    };
    Ok(RankingSplit {
        train: part(split.train),
        test: part(split.test),
    })
}

/// The scores at the [`GRADE_QUANTILES`] (nearest rank on the sorted scores).
fn quantile_cuts(scores: &[f64]) -> [f64; 4] {
    let mut sorted = scores.to_vec();
    sorted.sort_by(f64::total_cmp);
    let last = sorted.len().saturating_sub(1);
    GRADE_QUANTILES.map(|quantile| {
        let position = ((quantile * sorted.len() as f64).ceil() as usize).saturating_sub(1);
        sorted.get(position.min(last)).copied().unwrap_or(0.0)
    })
}

/// The number of cuts the score exceeds.
fn grade(score: f64, cuts: &[f64; 4]) -> f64 {
    cuts.iter().filter(|&&cut| score > cut).count() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn grades_follow_the_quantiles_and_queries_are_blocks() {
        let sizes = RankingSizes {
            dimension: 10,
            train_queries: 40,
            test_queries: 5,
            items_per_query: 25,
        };
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        let split = generate_ranking(SyntheticKind::RelevantFeatures, &sizes, &mut rng)
            .expect("valid sizes");
        assert_eq!(split.train.relevance.len(), 1000);
        assert_eq!(split.test.query.len(), 125);
        assert_eq!(split.train.query[24], 0);
        assert_eq!(split.train.query[25], 1);
        assert_eq!(split.test.query_rows().len(), 5);
        // Continuous scores without ties: the training grades split exactly at the quantiles,
        // 500 / 250 / 150 / 70 / 30 items of grades 0..4.
        let counts: Vec<usize> = (0..5)
            .map(|level| {
                split
                    .train
                    .relevance
                    .iter()
                    .filter(|&&r| r == level as f64)
                    .count()
            })
            .collect();
        assert_eq!(counts, vec![500, 250, 150, 70, 30]);
        // The grade is monotone in the score.
        let items = &split.train.items;
        for row in 0..items.len() {
            for other in 0..items.len() {
                if items.score[row] > items.score[other] {
                    assert!(split.train.relevance[row] >= split.train.relevance[other]);
                }
            }
        }
    }

    #[test]
    fn rejects_queries_of_one_item() {
        let sizes = RankingSizes {
            dimension: 5,
            train_queries: 3,
            test_queries: 3,
            items_per_query: 1,
        };
        let mut rng = ChaCha8Rng::seed_from_u64(0);
        let message = generate_ranking(SyntheticKind::RelevantFeatures, &sizes, &mut rng)
            .unwrap_err()
            .to_string();
        assert!(message.contains("items per query"), "{message}");
    }
}
