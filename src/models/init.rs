use rand::Rng;
use serde::{Deserialize, Serialize};

/// How weights and biases are initialised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Initialization {
    /// All zeros (for linear models the optimum does not depend on the start; zeros make runs
    /// independent of the random draw).
    Zeros,
    /// Uniform on `[−1/√fan_in, 1/√fan_in]` for weights and biases, as PyTorch's `nn.Linear`.
    #[default]
    Uniform,
}

impl Initialization {
    /// Draws `count` initial values for a layer with `fan_in` inputs.
    pub fn sample(self, count: usize, fan_in: usize, rng: &mut impl Rng) -> Vec<f64> {
        match self {
            Initialization::Zeros => vec![0.0; count],
            Initialization::Uniform => {
                let bound = 1.0 / (fan_in.max(1) as f64).sqrt();
                (0..count)
                    .map(|_| rng.random_range(-bound..=bound))
                    .collect()
            }
        }
    }
}
