import type { ExperimentConfig } from '../../config/types';
import { decoderOf } from '../../decoder/registry';
import type { DecoderNetwork } from '../../decoder/types';
import { lossAndGradient } from '../../dynamics/losses';
import { embeddingEncoder } from '../../encoder/embedding';
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
 * The model over a batch of pairs: the encoder (`embeddingEncoder`) gives each pair's latents [e_x | e_y], the
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
    const { n, dim, embeddings } = this.params;
    return this.decoder.forward(this.params.layers, embeddingEncoder.pairFeatures(embeddings, n, dim, pairs), pairs.length).outputs;
  }

  /**
   * Mean loss over `pairs` (labels from `labels[pair]`), with gradients written (not added)
   * into `grads`.
   */
  lossAndGradients(pairs: Int32Array, labels: Uint8Array, grads: Gradients): number {
    const m = pairs.length;
    const { n, dim, embeddings } = this.params;
    const features = embeddingEncoder.pairFeatures(embeddings, n, dim, pairs);
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
    embeddingEncoder.backward(gradPairs, n, dim, pairs, grads.embeddings);
    return loss / m;
  }
}
