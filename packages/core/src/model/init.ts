import type { ExperimentConfig } from '../config/types';
import { Prng } from '../random/prng';
import type { Layer, Params } from './params';
import { decoderLayerSizes } from './shape';

/** Initial value of the ideal decoders' readout: w·h + b with h ∈ [0, 1], so far pairs start at logit −5. */
export const IDEAL_READOUT_INIT = { weight: 10, bias: -5 } as const;

/**
 * The initial parameters of a run, made here from `config.seed` and nowhere else, so every
 * backend starts from the same numbers.
 *
 * - embeddings: i.i.d. N(0, initScale²), stream "embeddings", row by row;
 * - MLP layers: PyTorch's default `nn.Linear` init, weight and bias ~ U(−1/√fan_in, 1/√fan_in),
 *   stream "decoder/<layer>", weight rows first, then the bias;
 * - ideal decoders: the fixed readout `IDEAL_READOUT_INIT`.
 */
export function initParams(config: ExperimentConfig): Params {
  const { n } = config.task;
  const { dim, initScale } = config.encoder;
  const root = Prng.fromSeed(config.seed);

  const embeddings = new Float64Array(n * dim);
  const er = root.split('embeddings');
  for (let i = 0; i < embeddings.length; i++) embeddings[i] = initScale * er.normal();

  const sizes = decoderLayerSizes(config.decoder, dim);
  const layers: Layer[] = sizes.map(([fanIn, out], l) => {
    const weight = new Float64Array(out * fanIn);
    const bias = new Float64Array(out);
    if (config.decoder.kind !== 'mlp') {
      weight[0] = IDEAL_READOUT_INIT.weight;
      bias[0] = IDEAL_READOUT_INIT.bias;
    } else {
      const r = root.split(`decoder/${l}`);
      const bound = 1 / Math.sqrt(fanIn);
      for (let i = 0; i < weight.length; i++) weight[i] = r.uniform(-bound, bound);
      for (let i = 0; i < out; i++) bias[i] = r.uniform(-bound, bound);
    }
    return { out, in: fanIn, weight, bias };
  });
  return { n, dim, embeddings, layers };
}
