//! The user's choices that are more than a number: the model shape, how the temperature is
//! set, and how the run is evaluated. Each parses from the command line's spelling.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{LupiError, Result};
use crate::losses::Temperature;

/// The network trained for the teacher and every student.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "hidden", rename_all = "lowercase")]
pub enum ModelShape {
    /// A linear model (`linear`).
    Linear,
    /// A multilayer perceptron with these hidden layer sizes (`mlp:16,32`).
    Mlp(Vec<usize>),
}

impl ModelShape {
    /// The hidden layer sizes (empty for a linear model).
    pub fn hidden(&self) -> Vec<usize> {
        match self {
            ModelShape::Linear => Vec::new(),
            ModelShape::Mlp(hidden) => hidden.clone(),
        }
    }
}

impl fmt::Display for ModelShape {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelShape::Linear => formatter.write_str("linear"),
            ModelShape::Mlp(hidden) => {
                let sizes: Vec<String> = hidden.iter().map(usize::to_string).collect();
                write!(formatter, "mlp:{}", sizes.join(","))
            }
        }
    }
}

impl FromStr for ModelShape {
    type Err = LupiError;

    /// `linear` or `mlp:W1,W2,…` with every width ≥ 1.
    fn from_str(text: &str) -> Result<Self> {
        let invalid = |reason: &str| LupiError::invalid("model", text, reason);
        if text == "linear" {
            return Ok(ModelShape::Linear);
        }
        let widths = text
            .strip_prefix("mlp:")
            .ok_or_else(|| invalid("expected linear or mlp:W1,W2,… (e.g. mlp:16,32)"))?;
        let hidden = widths
            .split(',')
            .map(|width| width.trim().parse::<usize>())
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|_| invalid("hidden layer widths must be whole numbers"))?;
        if hidden.contains(&0) {
            return Err(invalid("hidden layer widths must be ≥ 1"));
        }
        Ok(ModelShape::Mlp(hidden))
    }
}

/// How the meta-loss temperature `T` is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TemperatureChoice {
    /// A given value.
    Fixed(Temperature),
    /// Chosen by k-fold cross-validation on the training rows over
    /// [`TEMPERATURE_GRID`](super::TEMPERATURE_GRID).
    Auto,
}

impl FromStr for TemperatureChoice {
    type Err = LupiError;

    /// `auto`, `inf`, or a number ≥ 0.
    fn from_str(text: &str) -> Result<Self> {
        match text {
            "auto" => Ok(TemperatureChoice::Auto),
            "inf" | "infinity" => Ok(TemperatureChoice::Fixed(Temperature::INFINITY)),
            number => {
                let value = number.parse::<f64>().map_err(|_| {
                    LupiError::invalid("temperature", text, "expected a number ≥ 0, inf or auto")
                })?;
                Ok(TemperatureChoice::Fixed(Temperature::new(value)?))
            }
        }
    }
}

/// How the run's report measures the models before the final fit on all rows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Evaluation {
    /// Hold out this fraction of the rows (in `(0, 1)`), train on the rest.
    Holdout(f64),
    /// K-fold cross-validation, `K ≥ 2`.
    CrossValidation(usize),
}

impl fmt::Display for Evaluation {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Evaluation::Holdout(fraction) => write!(formatter, "hold-out {fraction}"),
            Evaluation::CrossValidation(folds) => {
                write!(formatter, "{folds}-fold cross-validation")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_command_line_spellings() {
        assert_eq!("linear".parse::<ModelShape>().unwrap(), ModelShape::Linear);
        let mlp = "mlp:16,32".parse::<ModelShape>().unwrap();
        assert_eq!(mlp, ModelShape::Mlp(vec![16, 32]));
        assert_eq!(mlp.to_string(), "mlp:16,32");
        for bad in ["mlp:", "mlp:0", "mlp:a", "tree"] {
            let message = bad.parse::<ModelShape>().unwrap_err().to_string();
            assert!(message.contains(bad), "{message}");
        }
        assert_eq!(
            "auto".parse::<TemperatureChoice>().unwrap(),
            TemperatureChoice::Auto
        );
        let infinite = "inf".parse::<TemperatureChoice>().unwrap();
        assert_eq!(infinite, TemperatureChoice::Fixed(Temperature::INFINITY));
        assert!("-1".parse::<TemperatureChoice>().is_err());
        assert!("hot".parse::<TemperatureChoice>().is_err());
    }
}
