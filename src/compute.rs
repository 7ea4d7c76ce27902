//! Where tensors live and in which precision: the bridge between host `Vec<f64>` data and
//! burn tensors.
//!
//! Every model in lupi is *batched*: tensors have shape `[models, examples, features]`, the
//! leading dimension indexing independent models (the repeats of an experiment, the folds of a
//! cross-validation) trained together as one set of tensor operations.

use burn::tensor::{DType, Device, Tensor, TensorData};
use serde::{Deserialize, Serialize};

/// Floating-point precision of the tensors used for training.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// 32-bit floats (the default: twice as fast, enough for every experiment here).
    #[default]
    F32,
    /// 64-bit floats, for checks against reference values.
    F64,
}

impl Precision {
    /// The burn data type for this precision.
    pub fn dtype(self) -> DType {
        match self {
            Precision::F32 => DType::F32,
            Precision::F64 => DType::F64,
        }
    }
}

impl std::str::FromStr for Precision {
    type Err = String;

    fn from_str(text: &str) -> std::result::Result<Self, Self::Err> {
        match text {
            "f32" => Ok(Precision::F32),
            "f64" => Ok(Precision::F64),
            other => Err(format!("unknown precision `{other}` (expected f32 or f64)")),
        }
    }
}

/// The device used for evaluation (no gradient tracking).
///
/// The CPU `flex` backend, unless a GPU feature (`cuda`, `wgpu`) is compiled in and
/// `LUPI_DEVICE` names it.
pub fn evaluation_device() -> Device {
    match std::env::var("LUPI_DEVICE").as_deref() {
        #[cfg(feature = "cuda")]
        Ok("cuda") => Device::cuda(0),
        #[cfg(feature = "wgpu")]
        Ok("wgpu") => Device::wgpu(Default::default()),
        _ => Device::flex(),
    }
}

/// The device used for training: the evaluation device with autodiff enabled.
pub fn training_device() -> Device {
    evaluation_device().autodiff()
}

/// Builds a rank-3 tensor from row-major host values.
///
/// # Shapes
/// - `values`: `shape[0] * shape[1] * shape[2]` values, row-major.
pub fn tensor3(
    values: &[f64],
    shape: [usize; 3],
    precision: Precision,
    device: &Device,
) -> Tensor<3> {
    debug_assert_eq!(values.len(), shape.iter().product::<usize>());
    let data = match precision {
        Precision::F32 => TensorData::new(values.iter().map(|&v| v as f32).collect(), shape),
        Precision::F64 => TensorData::new(values.to_vec(), shape),
    };
    Tensor::from_data(data, (device, precision.dtype()))
}

/// Builds a rank-3 tensor from row-major `f32` host values (avoids an `f64` copy of large
/// inputs such as images).
pub fn tensor3_from_f32(
    values: Vec<f32>,
    shape: [usize; 3],
    precision: Precision,
    device: &Device,
) -> Tensor<3> {
    debug_assert_eq!(values.len(), shape.iter().product::<usize>());
    let data = match precision {
        Precision::F32 => TensorData::new(values, shape),
        Precision::F64 => TensorData::new(values.into_iter().map(f64::from).collect(), shape),
    };
    Tensor::from_data(data, (device, precision.dtype()))
}

/// Copies a tensor's values to the host as `f64`, row-major.
pub fn to_host<const D: usize>(tensor: Tensor<D>) -> Vec<f64> {
    // Converting never fails for float tensors; an empty vector would surface as a shape error.
    tensor
        .into_data()
        .convert::<f64>()
        .try_into_vec::<f64>()
        .unwrap_or_default()
}
