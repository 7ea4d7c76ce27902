//! Named tensors to and from the safetensors format (64-bit floats, so that a model trained
//! in either precision is stored exactly).

use std::path::Path;

use safetensors::{Dtype, SafeTensors, tensor::TensorView};

use crate::error::{LupiError, Result};

/// One stored tensor: a name, a shape and row-major values.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedTensor {
    /// Unique name, e.g. `student.layer0.weight`.
    pub name: String,
    /// Dimensions.
    pub shape: Vec<usize>,
    /// Row-major values, `shape.iter().product()` of them.
    pub values: Vec<f64>,
}

/// Serialises tensors to safetensors bytes (little-endian f64).
pub fn encode_weights(tensors: &[NamedTensor], path: &Path) -> Result<Vec<u8>> {
    let bytes: Vec<Vec<u8>> = tensors
        .iter()
        .map(|tensor| {
            tensor
                .values
                .iter()
                .flat_map(|value| value.to_le_bytes())
                .collect()
        })
        .collect();
    let views = tensors
        .iter()
        .zip(&bytes)
        .map(|(tensor, data)| {
            TensorView::new(Dtype::F64, tensor.shape.clone(), data)
                .map(|view| (tensor.name.clone(), view))
                .map_err(|error| {
                    LupiError::file(path, format!("tensor '{}': {error}", tensor.name))
                })
        })
        .collect::<Result<Vec<_>>>()?;
    safetensors::serialize(views, None).map_err(|error| LupiError::file(path, error))
}

/// Reads every tensor of safetensors bytes; only f64 tensors are accepted.
pub fn decode_weights(bytes: &[u8], path: &Path) -> Result<Vec<NamedTensor>> {
    let file = SafeTensors::deserialize(bytes)
        .map_err(|error| LupiError::file(path, format!("not a valid safetensors file: {error}")))?;
    let mut tensors = Vec::new();
    for (name, view) in file.tensors() {
        if view.dtype() != Dtype::F64 {
            return Err(LupiError::file(
                path,
                format!("tensor '{name}' has type {:?}, expected F64", view.dtype()),
            ));
        }
        let values = view
            .data()
            .chunks_exact(8)
            .map(|chunk| {
                let mut word = [0u8; 8];
                word.copy_from_slice(chunk);
                f64::from_le_bytes(word)
            })
            .collect();
        tensors.push(NamedTensor {
            name,
            shape: view.shape().to_vec(),
            values,
        });
    }
    tensors.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(tensors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_is_exact() {
        let path = Path::new("weights.safetensors");
        let tensors = vec![NamedTensor {
            name: "layer".to_string(),
            shape: vec![2, 1],
            values: vec![0.1, -3.0e-300],
        }];
        let bytes = encode_weights(&tensors, path).unwrap();
        assert_eq!(decode_weights(&bytes, path).unwrap(), tensors);
        let message = decode_weights(b"garbage", path).unwrap_err().to_string();
        assert!(message.contains("weights.safetensors"), "{message}");
    }
}
