use burn::tensor::activation::relu;
use burn::tensor::{Device, Tensor};
use rand::Rng;
use serde::{Deserialize, Serialize};

use super::Initialization;
use crate::compute::{Precision, tensor3, to_host};

/// The shape of a network: a linear model when `hidden` is empty, else an MLP with ReLU after
/// each hidden layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Architecture {
    /// Number of input features.
    pub inputs: usize,
    /// Hidden layer sizes, in order.
    pub hidden: Vec<usize>,
    /// Number of outputs.
    pub outputs: usize,
}

impl Architecture {
    /// A linear model.
    pub fn linear(inputs: usize, outputs: usize) -> Self {
        Architecture {
            inputs,
            hidden: Vec::new(),
            outputs,
        }
    }

    /// Layer sizes from input to output.
    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes = vec![self.inputs];
        sizes.extend(&self.hidden);
        sizes.push(self.outputs);
        sizes
    }
}

/// One layer of a batch of models: `weight` `[models, in, out]`, `bias` `[models, 1, out]`.
#[derive(Debug, Clone)]
pub struct BatchedLayer {
    /// Weights, `[models, in, out]`.
    pub weight: Tensor<3>,
    /// Biases, `[models, 1, out]`.
    pub bias: Tensor<3>,
}

/// `models` independent networks of the same [`Architecture`], stored as stacked tensors.
///
/// ```text
/// h_0 = x,   h_{l+1} = ReLU(h_l W_l + b_l)   (no ReLU after the last layer)
/// ```
///
/// # Shapes
/// - inputs: `[models, examples, inputs]`
/// - outputs: `[models, examples, outputs]`
#[derive(Debug, Clone)]
pub struct BatchedMlp {
    /// The architecture shared by every model of the batch.
    pub architecture: Architecture,
    /// The layers, input to output.
    pub layers: Vec<BatchedLayer>,
    /// Number of models in the batch.
    pub models: usize,
}

impl BatchedMlp {
    /// Initialises `models` networks; each model draws its own values from `rng` in turn, so
    /// model `m` of a batch gets the same start as a batch of one drawn from the same state.
    pub fn new(
        architecture: Architecture,
        models: usize,
        initialization: Initialization,
        rngs: &mut [impl Rng],
        precision: Precision,
        device: &Device,
    ) -> Self {
        let sizes = architecture.sizes();
        let mut weights: Vec<Vec<f64>> = vec![Vec::new(); sizes.len() - 1];
        let mut biases: Vec<Vec<f64>> = vec![Vec::new(); sizes.len() - 1];
        for rng in rngs.iter_mut().take(models) {
            for (layer, pair) in sizes.windows(2).enumerate() {
                let (fan_in, fan_out) = (pair[0], pair[1]);
                // Stored as [in, out]; draw in PyTorch's [out, in] order, then transpose, so a
                // seed means the same network in both layouts.
                let drawn = initialization.sample(fan_in * fan_out, fan_in, rng);
                for input in 0..fan_in {
                    for output in 0..fan_out {
                        weights[layer].push(drawn[output * fan_in + input]);
                    }
                }
                biases[layer].extend(initialization.sample(fan_out, fan_in, rng));
            }
        }
        let layers = sizes
            .windows(2)
            .enumerate()
            .map(|(layer, pair)| BatchedLayer {
                weight: tensor3(
                    &weights[layer],
                    [models, pair[0], pair[1]],
                    precision,
                    device,
                ),
                bias: tensor3(&biases[layer], [models, 1, pair[1]], precision, device),
            })
            .collect();
        BatchedMlp {
            architecture,
            layers,
            models,
        }
    }

    /// Builds a batch from host parameter values (as returned by [`BatchedMlp::parameters`]).
    pub fn from_parameters(
        architecture: Architecture,
        models: usize,
        parameters: &[Vec<f64>],
        precision: Precision,
        device: &Device,
    ) -> Self {
        let sizes = architecture.sizes();
        let layers = sizes
            .windows(2)
            .enumerate()
            .map(|(layer, pair)| BatchedLayer {
                weight: tensor3(
                    &parameters[2 * layer],
                    [models, pair[0], pair[1]],
                    precision,
                    device,
                ),
                bias: tensor3(
                    &parameters[2 * layer + 1],
                    [models, 1, pair[1]],
                    precision,
                    device,
                ),
            })
            .collect();
        BatchedMlp {
            architecture,
            layers,
            models,
        }
    }

    /// The forward pass; `dropout_masks[l]`, when given, multiplies the output of hidden layer
    /// `l` (already scaled by `1/(1 − p)`, shape `[models, examples, hidden_l]`).
    pub fn forward_with_masks(
        &self,
        inputs: Tensor<3>,
        dropout_masks: Option<&[Tensor<3>]>,
    ) -> Tensor<3> {
        let last = self.layers.len() - 1;
        let mut hidden = inputs;
        for (index, layer) in self.layers.iter().enumerate() {
            hidden = hidden.matmul(layer.weight.clone()) + layer.bias.clone();
            if index < last {
                hidden = relu(hidden);
                if let Some(masks) = dropout_masks {
                    hidden = hidden * masks[index].clone();
                }
            }
        }
        hidden
    }

    /// The forward pass without dropout.
    pub fn forward(&self, inputs: Tensor<3>) -> Tensor<3> {
        self.forward_with_masks(inputs, None)
    }

    /// All parameter tensors, in the order weight, bias of each layer.
    pub fn tensors(&self) -> Vec<Tensor<3>> {
        self.layers
            .iter()
            .flat_map(|layer| [layer.weight.clone(), layer.bias.clone()])
            .collect()
    }

    /// Replaces the parameter tensors (same order as [`BatchedMlp::tensors`]).
    pub fn set_tensors(&mut self, tensors: Vec<Tensor<3>>) {
        let mut tensors = tensors.into_iter();
        for layer in &mut self.layers {
            if let (Some(weight), Some(bias)) = (tensors.next(), tensors.next()) {
                layer.weight = weight;
                layer.bias = bias;
            }
        }
    }

    /// Host copies of every parameter tensor (same order as [`BatchedMlp::tensors`]).
    pub fn parameters(&self) -> Vec<Vec<f64>> {
        self.tensors().into_iter().map(to_host).collect()
    }

    /// Models `start..start + count` of the batch, as a batch of their own.
    pub fn select_models(&self, start: usize, count: usize) -> Self {
        let mut selected = self.clone();
        selected.set_tensors(
            self.tensors()
                .into_iter()
                .map(|tensor| tensor.narrow(0, start, count))
                .collect(),
        );
        selected.models = count;
        selected
    }

    /// The same parameters without autodiff tracking (for evaluation after training).
    pub fn without_autodiff(&self) -> Self {
        let mut plain = self.clone();
        plain.set_tensors(
            self.tensors()
                .into_iter()
                .map(Tensor::without_autodiff)
                .collect(),
        );
        plain
    }
}
