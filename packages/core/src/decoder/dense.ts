import type { Activation } from '../config/types';
import { activate } from '../model/activations';
import type { Layer } from '../model/params';
import type { LayerGradients } from './types';

/** A forward pass through affine layers, kept for the backward pass. */
export interface DensePass {
  /** one row of the last layer's outputs per input row. */
  readonly outputs: Float64Array;
  /** Writes the layers' gradients into `grads` and returns ∂L/∂input (rows of the input width). */
  backward(gradOutputs: Float64Array, grads: LayerGradients): Float64Array;
}

/**
 * Affine layers with `activation` after every layer but the last, over m input rows, written as
 * plain loops over row-major float64 matrices (clarity first: this is the oracle's arithmetic).
 * The MLP runs it after its combiner, the ideal decoders after their fixed feature.
 */
export function denseForward(layers: readonly Layer[], activation: Activation, input: Float64Array, m: number): DensePass {
  const activations: Float64Array[] = [input];
  const derivatives: Float64Array[] = [];
  for (let l = 0; l < layers.length; l++) {
    const { out, in: fanIn, weight, bias } = layers[l];
    const x = activations[l];
    const z = new Float64Array(m * out);
    for (let r = 0; r < m; r++) {
      for (let o = 0; o < out; o++) {
        let s = 0;
        for (let i = 0; i < fanIn; i++) s += x[r * fanIn + i] * weight[o * fanIn + i];
        z[r * out + o] = s + bias[o];
      }
    }
    if (l < layers.length - 1) {
      const deriv = new Float64Array(z.length);
      activate(activation, z, deriv);
      derivatives.push(deriv);
    }
    activations.push(z);
  }
  return {
    outputs: activations[layers.length],
    backward(gradOutputs, grads) {
      let delta = gradOutputs;
      for (let l = layers.length - 1; l >= 0; l--) {
        const { out, in: fanIn, weight } = layers[l];
        const x = activations[l];
        const gw = grads.weights[l];
        const gb = grads.biases[l];
        gw.fill(0);
        gb.fill(0);
        const back = new Float64Array(m * fanIn);
        for (let r = 0; r < m; r++) {
          for (let o = 0; o < out; o++) {
            const d = delta[r * out + o];
            if (d === 0) continue;
            gb[o] += d;
            for (let i = 0; i < fanIn; i++) {
              gw[o * fanIn + i] += d * x[r * fanIn + i];
              back[r * fanIn + i] += d * weight[o * fanIn + i];
            }
          }
        }
        if (l > 0) {
          const deriv = derivatives[l - 1];
          for (let i = 0; i < back.length; i++) back[i] *= deriv[i];
        }
        delta = back;
      }
      return delta;
    },
  };
}
