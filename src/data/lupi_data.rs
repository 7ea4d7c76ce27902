use super::Matrix;

/// Examples with input features `x`, privileged features `x*` and a real-valued score `s`
/// from which the targets are made (`s` itself for regression, `1[s > 0]` for
/// classification).
#[derive(Debug, Clone, PartialEq)]
pub struct LupiData {
    /// Input features `x`, available at training and test time.
    pub input: Matrix,
    /// Privileged features `x*`, available at training time only.
    pub privileged: Matrix,
    /// The score `s`, one per example.
    pub score: Vec<f64>,
}

impl LupiData {
    /// Number of examples.
    pub fn len(&self) -> usize {
        self.score.len()
    }

    /// Whether there are no examples.
    pub fn is_empty(&self) -> bool {
        self.score.is_empty()
    }

    /// Binary labels `1[s > 0]` as 0.0 / 1.0.
    pub fn labels(&self) -> Vec<f64> {
        self.score
            .iter()
            .map(|&score| f64::from(u8::from(score > 0.0)))
            .collect()
    }
}

/// A training part and a test part drawn from the same distribution.
#[derive(Debug, Clone, PartialEq)]
pub struct LupiSplit {
    /// Training examples.
    pub train: LupiData,
    /// Test examples.
    pub test: LupiData,
}
