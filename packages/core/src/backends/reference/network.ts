import type { ExperimentConfig } from '../../config/types';
import { decoderOf } from '../../decoder/registry';
import type { DecoderNetwork } from '../../decoder/types';
import { lossAndGradient } from '../../dynamics/losses';
import type { Params } from '../../model/params';

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
 * The model over a batch of pairs: the encoder gathers each pair's latents [e_x | e_y], the
 * decoder kind (core's or a plugin's, see `Decoder`) maps them to one output, the loss is the
 * mean over the batch. Plain float64 loops: this is the oracle the other backends are checked
 * against.
 */
export class ReferenceNetwork {
  private readonly decoder: DecoderNetwork;

  constructor(
    private readonly config: ExperimentConfig,
    private readonly params: Params,
  ) {
    const { decoder, options } = decoderOf(config.decoder);
    this.decoder = decoder.network(options, params.dim);
  }

  /** Decoder outputs of the given pairs. */
  outputs(pairs: Int32Array): Float64Array {
    return this.decoder.forward(this.params.layers, this.gather(pairs), pairs.length).outputs;
  }

  /**
   * Mean loss over `pairs` (labels from `labels[pair]`), with gradients written (not added)
   * into `grads`.
   */
  lossAndGradients(pairs: Int32Array, labels: Uint8Array, grads: Gradients): number {
    const m = pairs.length;
    const features = this.gather(pairs);
    const pass = this.decoder.forward(this.params.layers, features, m);
    let loss = 0;
    const delta = new Float64Array(m);
    for (let r = 0; r < m; r++) {
      const [l, dz] = lossAndGradient(this.config.dynamics.loss, pass.outputs[r], labels[pairs[r]]);
      loss += l;
      delta[r] = dz / m;
    }
    const gradPairs = new Float64Array(features.length);
    pass.backward(delta, grads, gradPairs);

    const { n, dim } = this.params;
    const gradEmb = grads.embeddings;
    gradEmb.fill(0);
    for (let r = 0; r < m; r++) {
      const x = Math.floor(pairs[r] / n);
      const y = pairs[r] % n;
      for (let k = 0; k < dim; k++) gradEmb[x * dim + k] += gradPairs[r * 2 * dim + k];
      for (let k = 0; k < dim; k++) gradEmb[y * dim + k] += gradPairs[r * 2 * dim + dim + k];
    }
    return loss / m;
  }

  /** Row r: [e_x | e_y] of pair r. */
  private gather(pairs: Int32Array): Float64Array {
    const { n, dim, embeddings } = this.params;
    const out = new Float64Array(pairs.length * 2 * dim);
    for (let r = 0; r < pairs.length; r++) {
      const x = Math.floor(pairs[r] / n);
      const y = pairs[r] % n;
      for (let k = 0; k < dim; k++) {
        out[r * 2 * dim + k] = embeddings[x * dim + k];
        out[r * 2 * dim + dim + k] = embeddings[y * dim + k];
      }
    }
    return out;
  }
}
