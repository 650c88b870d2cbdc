import type { ExperimentConfig } from '../../config/types';
import { lossAndGradient } from '../../dynamics/losses';
import { activate } from '../../model/activations';
import type { Params } from '../../model/params';
import { featureMap, type FeatureMap } from './decoderInput';

/** Gradient buffers shaped like Params. */
export interface Gradients {
  embeddings: Float64Array;
  weights: Float64Array[];
  biases: Float64Array[];
}

export function zeroGradients(params: Params): Gradients {
  return {
    embeddings: new Float64Array(params.embeddings.length),
    weights: params.layers.map((l) => new Float64Array(l.weight.length)),
    biases: params.layers.map((l) => new Float64Array(l.bias.length)),
  };
}

/**
 * The model's forward and backward pass over a batch of pairs, written as plain loops over
 * row-major float64 matrices: features X → hidden H_1..H_L → one output z per pair.
 * Clarity first: this is the oracle the other backends are checked against.
 */
export class ReferenceNetwork {
  private readonly features: FeatureMap;

  constructor(
    private readonly config: ExperimentConfig,
    private readonly params: Params,
  ) {
    this.features = featureMap(config.decoder, params.n, params.dim);
  }

  /** Decoder outputs of the given pairs. */
  outputs(pairs: Int32Array): Float64Array {
    return this.forward(pairs).activations.at(-1)!;
  }

  /**
   * Mean loss over `pairs` (labels from `labels[pair]`), with gradients written (not added)
   * into `grads`.
   */
  lossAndGradients(pairs: Int32Array, labels: Uint8Array, grads: Gradients): number {
    const { activations, derivatives } = this.forward(pairs);
    const layers = this.params.layers;
    const m = pairs.length;
    const z = activations[layers.length];

    let loss = 0;
    let delta: Float64Array = new Float64Array(m);
    for (let r = 0; r < m; r++) {
      const [l, dz] = lossAndGradient(this.config.dynamics.loss, z[r], labels[pairs[r]]);
      loss += l;
      delta[r] = dz / m;
    }

    for (let l = layers.length - 1; l >= 0; l--) {
      const { out, in: fanIn, weight } = layers[l];
      const input = activations[l];
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
            gw[o * fanIn + i] += d * input[r * fanIn + i];
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

    grads.embeddings.fill(0);
    this.features.backward(this.params.embeddings, pairs, delta, grads.embeddings);
    return loss / m;
  }

  /** activations[0] = features, activations[l+1] = output of layer l; derivatives of hidden layers. */
  private forward(pairs: Int32Array): { activations: Float64Array[]; derivatives: Float64Array[] } {
    const m = pairs.length;
    const x = new Float64Array(m * this.features.size);
    this.features.forward(this.params.embeddings, pairs, x);
    const activations = [x];
    const derivatives: Float64Array[] = [];
    const layers = this.params.layers;
    const activation = this.config.decoder.kind === 'mlp' ? this.config.decoder.activation : 'linear';
    for (let l = 0; l < layers.length; l++) {
      const { out, in: fanIn, weight, bias } = layers[l];
      const input = activations[l];
      const z = new Float64Array(m * out);
      for (let r = 0; r < m; r++) {
        for (let o = 0; o < out; o++) {
          let s = 0;
          for (let i = 0; i < fanIn; i++) s += input[r * fanIn + i] * weight[o * fanIn + i];
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
    return { activations, derivatives };
  }
}
