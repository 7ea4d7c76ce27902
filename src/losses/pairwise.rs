//! Pairwise ranking (RankNet) and its meta-loss: the base loss is binary cross-entropy on the
//! difference of two items' scores, over the pairs of items of the same query.

use std::collections::HashMap;
use std::hash::Hash;

use burn::tensor::{Device, Int, Tensor, TensorData};

use super::{MetaLoss, Reduction, Temperature, binary_cross_entropy};
use crate::compute::{Precision, tensor3};
use crate::error::{LupiError, Result};
use crate::losses::BaseLoss;

/// Ordered pairs of rows of one table (one model's training rows), each with the probability
/// `P` that its first row should rank above its second.
///
/// Row indices are positions in the table the scores come from. [`pairs_from_groups`] builds
/// the set from query ids and relevance grades; build one by hand for soft or tied labels
/// (`P = 0.5`), and check it with [`PairSet::validate`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PairSet {
    /// The first row of each pair.
    pub first: Vec<usize>,
    /// The second row of each pair.
    pub second: Vec<usize>,
    /// `P`, in `[0, 1]`: 1 when the first row is the more relevant.
    pub label: Vec<f64>,
}

impl PairSet {
    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.label.len()
    }

    /// Whether there is no pair.
    pub fn is_empty(&self) -> bool {
        self.label.is_empty()
    }

    /// Checks that the three lists have one entry per pair, that every row is below `rows`
    /// and differs from its partner, and that every label is in `[0, 1]`.
    pub fn validate(&self, rows: usize) -> Result<()> {
        if self.first.len() != self.label.len() || self.second.len() != self.label.len() {
            return Err(LupiError::ShapeMismatch {
                what: "pair set: first rows, second rows and labels".into(),
                expected: format!("{} of each", self.label.len()),
                found: format!(
                    "{} first rows, {} second rows",
                    self.first.len(),
                    self.second.len()
                ),
            });
        }
        for (pair, ((&first, &second), &label)) in self
            .first
            .iter()
            .zip(&self.second)
            .zip(&self.label)
            .enumerate()
        {
            if first >= rows || second >= rows {
                return Err(LupiError::Data(format!(
                    "pair {pair} names rows {first} and {second}, but the table has {rows} rows"
                )));
            }
            if first == second {
                return Err(LupiError::Data(format!(
                    "pair {pair} pairs row {first} with itself"
                )));
            }
            if !(0.0..=1.0).contains(&label) {
                return Err(LupiError::Data(format!(
                    "pair {pair} has label {label}, outside [0, 1]"
                )));
            }
        }
        Ok(())
    }
}

/// The pairs of rows of the same group (query) whose relevances differ, each labelled
/// `P = 1[rel_first > rel_second]`.
///
/// Within a group, rows are paired in row order (`first < second`), so labels 0 and 1 both
/// occur; groups are taken in the order they first appear. Pairs of equal relevance are left
/// out, as in RankNet and LambdaMART practice: they carry no ordering information, and
/// including them with `P = 0.5` would pull the two scores together. Build a [`PairSet`] by
/// hand to include them.
///
/// `groups` may be any hashable id: query strings read from a table column, or numbers.
///
/// # Errors
/// A length mismatch between `groups` and `relevance`, or a non-finite relevance (naming its
/// row).
///
/// ```
/// use lupi::losses::pairs_from_groups;
///
/// let groups = ["q1", "q1", "q2", "q1", "q2"];
/// let relevance = [2.0, 0.0, 1.0, 2.0, 0.0];
/// let pairs = pairs_from_groups(&groups, &relevance).unwrap();
/// // q1: rows 0, 1, 3 (rows 0 and 3 tie, left out); q2: rows 2, 4.
/// assert_eq!(pairs.first, vec![0, 1, 2]);
/// assert_eq!(pairs.second, vec![1, 3, 4]);
/// assert_eq!(pairs.label, vec![1.0, 0.0, 1.0]);
/// ```
pub fn pairs_from_groups<G: Eq + Hash>(groups: &[G], relevance: &[f64]) -> Result<PairSet> {
    if groups.len() != relevance.len() {
        return Err(LupiError::ShapeMismatch {
            what: "pairs from groups: group ids and relevances".into(),
            expected: format!("{} relevances (one per group id)", groups.len()),
            found: relevance.len().to_string(),
        });
    }
    if let Some(row) = relevance.iter().position(|value| !value.is_finite()) {
        return Err(LupiError::Data(format!(
            "relevance of row {row} is {}, not a finite number",
            relevance[row]
        )));
    }
    let mut index_of: HashMap<&G, usize> = HashMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (row, group) in groups.iter().enumerate() {
        let index = *index_of.entry(group).or_insert_with(|| {
            members.push(Vec::new());
            members.len() - 1
        });
        members[index].push(row);
    }
    let mut pairs = PairSet::default();
    for rows in &members {
        for (position, &first) in rows.iter().enumerate() {
            for &second in &rows[position + 1..] {
                if relevance[first] != relevance[second] {
                    pairs.first.push(first);
                    pairs.second.push(second);
                    pairs
                        .label
                        .push(f64::from(u8::from(relevance[first] > relevance[second])));
                }
            }
        }
    }
    Ok(pairs)
}

/// The pair sets of a batch of models as tensors: each model its own pairs (padded to the
/// longest set with masked pairs), for gathering score differences from `[models, rows, 1]`.
///
/// # Shapes
/// - scores: `[models, rows, 1]`
/// - differences, labels, mask, per-pair losses: `[models, pairs, 1]`, `pairs` the longest set
#[derive(Debug, Clone)]
pub struct PairBatch {
    models: usize,
    rows: usize,
    pairs: usize,
    /// Flat indices `model · rows + row` of each pair's first row, `[models · pairs]`.
    first: Tensor<1, Int>,
    /// The same for the second rows.
    second: Tensor<1, Int>,
    labels: Tensor<3>,
    mask: Tensor<3>,
    /// Pairs per model (at least 1, so empty sets divide by 1), `[models, 1, 1]`.
    counts: Tensor<3>,
}

impl PairBatch {
    /// One [`PairSet`] per model, each indexing that model's `rows` rows.
    ///
    /// # Errors
    /// No set, or a set that fails [`PairSet::validate`] (named by its model).
    pub fn new(
        sets: &[PairSet],
        rows: usize,
        precision: Precision,
        device: &Device,
    ) -> Result<Self> {
        if sets.is_empty() {
            return Err(LupiError::invalid("pair sets", 0, "need one per model"));
        }
        for (model, set) in sets.iter().enumerate() {
            set.validate(rows)
                .map_err(|error| LupiError::Data(format!("model {model}: {error}")))?;
        }
        let models = sets.len();
        let pairs = sets.iter().map(PairSet::len).max().unwrap_or(0).max(1);
        let mut first = Vec::with_capacity(models * pairs);
        let mut second = Vec::with_capacity(models * pairs);
        let mut labels = Vec::with_capacity(models * pairs);
        let mut mask = Vec::with_capacity(models * pairs);
        for (model, set) in sets.iter().enumerate() {
            let offset = (model * rows) as i64;
            for pair in 0..pairs {
                // Padding pairs point at the model's first row twice and are masked out.
                let (a, b, label, used) = match set.label.get(pair) {
                    Some(&label) => (set.first[pair], set.second[pair], label, 1.0),
                    None => (0, 0, 0.0, 0.0),
                };
                first.push(offset + a as i64);
                second.push(offset + b as i64);
                labels.push(label);
                mask.push(used);
            }
        }
        let counts: Vec<f64> = sets.iter().map(|set| set.len().max(1) as f64).collect();
        let indices = |values: Vec<i64>| {
            Tensor::<1, Int>::from_data(TensorData::new(values, [models * pairs]), device)
        };
        Ok(PairBatch {
            models,
            rows,
            pairs,
            first: indices(first),
            second: indices(second),
            labels: tensor3(&labels, [models, pairs, 1], precision, device),
            mask: tensor3(&mask, [models, pairs, 1], precision, device),
            counts: tensor3(&counts, [models, 1, 1], precision, device),
        })
    }

    /// The same pair set for each of `models` models (one table scored by several models).
    pub fn shared(
        set: &PairSet,
        models: usize,
        rows: usize,
        precision: Precision,
        device: &Device,
    ) -> Result<Self> {
        Self::new(&vec![set.clone(); models], rows, precision, device)
    }

    /// Number of models.
    pub fn models(&self) -> usize {
        self.models
    }

    /// Rows per model the pairs index.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The labels `P`, `[models, pairs, 1]` (0 on padding).
    pub fn labels(&self) -> Tensor<3> {
        self.labels.clone()
    }

    /// Checks that `scores` is `[models, rows, 1]` for this batch.
    pub fn check_scores(&self, scores: &Tensor<3>) -> Result<()> {
        let dims = scores.dims();
        if dims != [self.models, self.rows, 1] {
            return Err(LupiError::ShapeMismatch {
                what: "scores of a pair batch".into(),
                expected: format!("[{}, {}, 1]", self.models, self.rows),
                found: format!("{dims:?}"),
            });
        }
        Ok(())
    }

    /// Score differences `d = s_first − s_second`, `[models, pairs, 1]`; autodiff flows back
    /// to the scores through the gather.
    ///
    /// # Shapes
    /// - `scores`: `[models, rows, 1]`
    pub fn differences(&self, scores: Tensor<3>) -> Tensor<3> {
        let flat = scores.reshape([1, self.models * self.rows, 1]);
        let device = flat.device();
        let first = flat
            .clone()
            .select(1, self.first.clone().to_device(&device));
        let second = flat.select(1, self.second.clone().to_device(&device));
        (first - second).reshape([self.models, self.pairs, 1])
    }

    /// Reduces per-pair values `[models, pairs, 1]` over each model's real pairs: `None`
    /// zeroes the padding, `Mean` divides each model's sum by its pair count.
    pub fn reduce(&self, per_pair: Tensor<3>, reduction: Reduction) -> Tensor<3> {
        let masked = per_pair * self.mask.clone();
        match reduction {
            Reduction::None => masked,
            Reduction::Sum => masked.sum_dim(1),
            Reduction::Mean => masked.sum_dim(1) / self.counts.clone(),
        }
    }

    /// The gradient-ready weights `mask / count`, `[models, pairs, 1]`: the factor each
    /// pair's term carries in its model's mean.
    pub fn mean_weights(&self) -> Tensor<3> {
        self.mask.clone() / self.counts.clone()
    }
}

/// The pairwise logistic (RankNet) loss of each pair:
///
/// ```text
/// l(d, P) = softplus(d) − P d = −[P log σ(d) + (1 − P) log(1 − σ(d))],   d = s_i − s_j
/// ```
///
/// computed stably as binary cross-entropy on the logit `d` (see [`binary_cross_entropy`]).
///
/// # Shapes
/// - `scores`: `[models, rows, 1]`; returns `[models, pairs, 1]` or `[models, 1, 1]`
///
/// PyTorch equivalent: `F.binary_cross_entropy_with_logits(s[i] - s[j], P)`.
pub fn pairwise_logistic(scores: Tensor<3>, pairs: &PairBatch, reduction: Reduction) -> Tensor<3> {
    let differences = pairs.differences(scores);
    pairs.reduce(binary_cross_entropy(differences, pairs.labels()), reduction)
}

/// The meta-loss with the pairwise logistic loss as its base loss:
///
/// ```text
/// L_ij = l(d_ij, P_ij) + w_ij · ( l(d_ij, σ(d^t_ij)) − l(d_ij, P_ij) )
/// d_ij = s(x_i) − s(x_j),   d^t_ij = s_t(x*_i) − s_t(x*_j)
/// w_ij = exp(−T · l(d^t_ij, P_ij))                 (detached)
/// ```
///
/// with `l(d, P) = softplus(d) − P d` (see [`pairwise_logistic`]). The teacher's prediction
/// is its pairwise probability `σ(d^t)`. With `P = 1` the weight is `σ(d^t)^T`: at `T = 1`, the
/// probability the teacher gives the correct order. Limits: `T = 0` gives `w = 1`, pure
/// imitation of the teacher's pairwise probabilities; `T = ∞` gives `w = 1` only where the
/// teacher's pair loss is exactly 0 and `w = 0` elsewhere. That loss is positive for every
/// finite teacher difference (in `f64` it rounds to 0 only beyond `d^t ≈ 745` in the right
/// direction), so `T = ∞` is in practice the plain pairwise loss.
///
/// As the loss is affine in its target, `L_ij` has the gradient of `l(d_ij, q_ij)` with the
/// mixed target `q = (1 − w) P + w σ(d^t)` ([`PairwiseMetaLoss::mixed_target`]); training
/// uses that form.
///
/// # Shapes
/// - student and teacher scores: `[models, rows, 1]` (the same rows, the pairs' rows)
/// - weights, targets and per-pair losses: `[models, pairs, 1]`
///
/// # Example
/// ```
/// use lupi::compute::{Precision, evaluation_device, tensor3, to_host};
/// use lupi::losses::{PairBatch, PairwiseMetaLoss, Reduction, Temperature, pairs_from_groups};
///
/// let device = evaluation_device();
/// // One query of two items, the first the more relevant: one pair, P = 1.
/// let pairs = pairs_from_groups(&[7u64, 7], &[1.0, 0.0]).unwrap();
/// let batch = PairBatch::new(&[pairs], 2, Precision::F64, &device).unwrap();
/// let student = tensor3(&[0.0, 0.0], [1, 2, 1], Precision::F64, &device);
/// let teacher = tensor3(&[3.0, 3.0], [1, 2, 1], Precision::F64, &device);
/// // The teacher ties the two (σ(0) = 1/2); at T = 0 the student imitates that: the loss of
/// // d = 0 against 1/2 is log 2.
/// let loss = PairwiseMetaLoss::new(Temperature::ZERO);
/// let value = to_host(loss.forward(student, teacher, &batch, Reduction::Mean));
/// assert!((value[0] - std::f64::consts::LN_2).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairwiseMetaLoss {
    meta: MetaLoss,
}

impl PairwiseMetaLoss {
    /// The pairwise meta-loss at temperature `T`, with per-pair weights.
    pub fn new(temperature: Temperature) -> Self {
        PairwiseMetaLoss {
            meta: MetaLoss::new(BaseLoss::BinaryCrossEntropy, temperature),
        }
    }

    /// The temperature `T`.
    pub fn temperature(&self) -> Temperature {
        self.meta.temperature
    }

    /// The teacher's per-pair loss `l(d^t, P)`, detached, `[models, pairs, 1]`.
    pub fn teacher_loss(&self, teacher_scores: Tensor<3>, pairs: &PairBatch) -> Tensor<3> {
        let teacher_differences = pairs.differences(teacher_scores.detach());
        self.meta.teacher_loss(teacher_differences, pairs.labels())
    }

    /// The trust weights `w = exp(−T · l(d^t, P))`, detached, `[models, pairs, 1]`.
    pub fn weights(&self, teacher_scores: Tensor<3>, pairs: &PairBatch) -> Tensor<3> {
        self.meta.weights(self.teacher_loss(teacher_scores, pairs))
    }

    /// The mixed pair targets `q = (1 − w) P + w σ(d^t)`, `[models, pairs, 1]`.
    pub fn mixed_target(&self, teacher_scores: Tensor<3>, pairs: &PairBatch) -> Tensor<3> {
        let teacher_differences = pairs.differences(teacher_scores.detach());
        self.meta.mixed_target(teacher_differences, pairs.labels())
    }

    /// The meta-loss, per pair (padding zeroed) or reduced per model over its pairs.
    ///
    /// # Shapes
    /// - `student_scores`, `teacher_scores`: `[models, rows, 1]`
    /// - returns: `[models, pairs, 1]` or `[models, 1, 1]`
    pub fn forward(
        &self,
        student_scores: Tensor<3>,
        teacher_scores: Tensor<3>,
        pairs: &PairBatch,
        reduction: Reduction,
    ) -> Tensor<3> {
        let student_differences = pairs.differences(student_scores);
        let teacher_differences = pairs.differences(teacher_scores.detach());
        let per_pair = self.meta.forward(
            student_differences,
            teacher_differences,
            pairs.labels(),
            Reduction::None,
        );
        pairs.reduce(per_pair, reduction)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::{evaluation_device, to_host};

    /// `softplus(d) − P d`, on the host, for the expected values.
    fn logistic(difference: f64, label: f64) -> f64 {
        (1.0 + difference.exp()).ln() - label * difference
    }

    fn sigma(value: f64) -> f64 {
        1.0 / (1.0 + (-value).exp())
    }

    /// Two models over the same five rows: model 0 with three pairs, model 1 with one (so
    /// model 1 carries two padding pairs).
    fn two_models() -> (Vec<PairSet>, Vec<f64>, Vec<f64>) {
        let sets = vec![
            PairSet {
                first: vec![0, 1, 4],
                second: vec![2, 3, 0],
                label: vec![1.0, 0.0, 0.5],
            },
            PairSet {
                first: vec![3],
                second: vec![1],
                label: vec![1.0],
            },
        ];
        let student = vec![0.3, -1.2, 0.8, 2.0, -0.4, 1.1, 0.0, -0.7, 0.25, 1.5];
        let teacher = vec![1.0, 0.5, -2.0, 0.1, 3.0, -0.3, 0.9, 0.4, -1.1, 2.2];
        (sets, student, teacher)
    }

    fn batch(sets: &[PairSet]) -> PairBatch {
        PairBatch::new(sets, 5, Precision::F64, &evaluation_device()).expect("valid pairs")
    }

    fn scores(values: &[f64]) -> Tensor<3> {
        tensor3(values, [2, 5, 1], Precision::F64, &evaluation_device())
    }

    /// The meta-loss of each model by the formula, on the host.
    fn expected_means(
        sets: &[PairSet],
        student: &[f64],
        teacher: &[f64],
        temperature: f64,
    ) -> Vec<f64> {
        sets.iter()
            .enumerate()
            .map(|(model, set)| {
                let at = |values: &[f64], row: usize| values[model * 5 + row];
                let total: f64 = (0..set.len())
                    .map(|pair| {
                        let (i, j, label) = (set.first[pair], set.second[pair], set.label[pair]);
                        let difference = at(student, i) - at(student, j);
                        let teacher_difference = at(teacher, i) - at(teacher, j);
                        let weight = (-temperature * logistic(teacher_difference, label)).exp();
                        let label_loss = logistic(difference, label);
                        let imitation_loss = logistic(difference, sigma(teacher_difference));
                        label_loss + weight * (imitation_loss - label_loss)
                    })
                    .sum();
                total / set.len() as f64
            })
            .collect()
    }

    #[test]
    fn pairs_from_string_and_number_groups() {
        let groups: Vec<String> = ["a", "b", "a", "a", "b"].map(String::from).to_vec();
        let relevance = [0.0, 3.0, 2.0, 0.0, 1.0];
        let pairs = pairs_from_groups(&groups, &relevance).expect("valid");
        // Group a: rows 0, 2, 3 (0 and 3 tie); group b: rows 1, 4.
        assert_eq!(pairs.first, vec![0, 2, 1]);
        assert_eq!(pairs.second, vec![2, 3, 4]);
        assert_eq!(pairs.label, vec![0.0, 1.0, 1.0]);
        let numbered = pairs_from_groups(&[10u64, 20, 10, 10, 20], &relevance).expect("valid");
        assert_eq!(numbered, pairs);
        assert!(pairs_from_groups(&[1u64], &[0.0, 1.0]).is_err());
        let message = pairs_from_groups(&[1u64, 1], &[0.0, f64::NAN])
            .unwrap_err()
            .to_string();
        assert!(message.contains("row 1"), "{message}");
    }

    #[test]
    fn invalid_pair_sets_are_named() {
        let device = evaluation_device();
        let out_of_range = PairSet {
            first: vec![0],
            second: vec![5],
            label: vec![1.0],
        };
        let message = PairBatch::new(&[out_of_range], 5, Precision::F64, &device)
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("model 0") && message.contains("5 rows"),
            "{message}"
        );
        let bad_label = PairSet {
            first: vec![0],
            second: vec![1],
            label: vec![1.5],
        };
        assert!(bad_label.validate(5).is_err());
        let itself = PairSet {
            first: vec![2],
            second: vec![2],
            label: vec![1.0],
        };
        assert!(itself.validate(5).is_err());
        assert!(PairBatch::new(&[], 5, Precision::F64, &device).is_err());
    }

    #[test]
    fn values_match_the_formula_for_each_model() {
        let (sets, student, teacher) = two_models();
        let pairs = batch(&sets);
        for temperature in [0.0, 0.5, 1.0, 3.0] {
            let loss = PairwiseMetaLoss::new(Temperature::new(temperature).expect("valid"));
            let found =
                to_host(loss.forward(scores(&student), scores(&teacher), &pairs, Reduction::Mean));
            let expected = expected_means(&sets, &student, &teacher, temperature);
            for (found, expected) in found.iter().zip(&expected) {
                // Both in f64 from the same formula; only rounding differs.
                assert!((found - expected).abs() < 1e-12, "T = {temperature}");
            }
        }
        // Per pair, model 1's two padding pairs are zero.
        let per_pair = to_host(pairwise_logistic(scores(&student), &pairs, Reduction::None));
        assert_eq!(&per_pair[4..], &[0.0, 0.0]);
        // Model 0, pair 0: rows 0, 2, d = 0.3 − 0.8 = −0.5, P = 1.
        assert!((per_pair[0] - logistic(-0.5, 1.0)).abs() < 1e-12);
    }

    #[test]
    fn gradients_match_central_finite_differences() {
        let (sets, student, teacher) = two_models();
        let pairs = batch(&sets);
        let total = |values: &[f64], loss: &PairwiseMetaLoss| -> f64 {
            to_host(
                loss.forward(scores(values), scores(&teacher), &pairs, Reduction::Mean)
                    .sum(),
            )[0]
        };
        for temperature in [0.0, 1.0, f64::INFINITY] {
            let loss = PairwiseMetaLoss::new(Temperature::new(temperature).expect("valid"));
            let tracked = scores(&student).autodiff().require_grad();
            let value = loss
                .forward(tracked.clone(), scores(&teacher), &pairs, Reduction::Mean)
                .sum();
            let gradient = to_host(tracked.grad(&value.backward()).expect("gradient"));
            // Analytic: ∂L/∂s_i = Σ_pairs (σ(d) − q) (1[i first] − 1[i second]) / count, with
            // q = (1 − w) P + w σ(d^t); checked here against (L(s + h e_i) − L(s − h e_i)) / 2h.
            let step = 1e-6;
            for row in 0..student.len() {
                let mut plus = student.clone();
                let mut minus = student.clone();
                plus[row] += step;
                minus[row] -= step;
                let numeric = (total(&plus, &loss) - total(&minus, &loss)) / (2.0 * step);
                // Truncation O(h²) ≈ 1e-12 and rounding ≈ 1e-16 / h = 1e-10: 1e-8 is ample.
                assert!(
                    (gradient[row] - numeric).abs() < 1e-8,
                    "T = {temperature}, row {row}: autodiff {} vs numeric {numeric}",
                    gradient[row]
                );
            }
        }
    }

    #[test]
    fn temperature_limits() {
        let (sets, student, teacher) = two_models();
        let pairs = batch(&sets);
        // T = ∞: no teacher difference here is large enough for a zero pair loss, so every
        // weight is 0 and the meta-loss is the plain pairwise loss.
        let infinite = PairwiseMetaLoss::new(Temperature::INFINITY);
        assert!(
            to_host(infinite.weights(scores(&teacher), &pairs))
                .iter()
                .all(|w| *w == 0.0)
        );
        let meta =
            to_host(infinite.forward(scores(&student), scores(&teacher), &pairs, Reduction::Mean));
        let plain = to_host(pairwise_logistic(scores(&student), &pairs, Reduction::Mean));
        assert_eq!(meta, plain);
        // T = 0: every weight 1, the mixed target is the teacher's probability σ(d^t).
        let zero = PairwiseMetaLoss::new(Temperature::ZERO);
        let targets = to_host(zero.mixed_target(scores(&teacher), &pairs));
        // Model 0, pair 1: rows 1, 3, d^t = 0.5 − 0.1 = 0.4.
        assert!((targets[1] - sigma(0.4)).abs() < 1e-12);
        // Model 1, pair 0: rows 3, 1 of the second model, d^t = −1.1 − 0.9 = −2.
        assert!((targets[3] - sigma(-2.0)).abs() < 1e-12);
        // T = 1 with P = 1: w = exp(−softplus(−d^t)) = σ(d^t). Model 0, pair 0: d^t = 3.
        let one = PairwiseMetaLoss::new(Temperature::new(1.0).expect("valid"));
        let weights = to_host(one.weights(scores(&teacher), &pairs));
        assert!((weights[0] - sigma(3.0)).abs() < 1e-12);
        // A teacher difference of 800 in the right direction has pair loss 0 in f64: there,
        // and only there, T = ∞ trusts the teacher.
        let device = evaluation_device();
        let single = PairBatch::new(
            &[PairSet {
                first: vec![0, 1],
                second: vec![1, 0],
                label: vec![1.0, 1.0],
            }],
            2,
            Precision::F64,
            &device,
        )
        .expect("valid");
        let far = tensor3(&[800.0, 0.0], [1, 2, 1], Precision::F64, &device);
        assert_eq!(to_host(infinite.weights(far, &single)), vec![1.0, 0.0]);
    }
}
