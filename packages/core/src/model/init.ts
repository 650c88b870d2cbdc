import type { ExperimentConfig } from '../config/types';
import { decoderOf } from '../decoder/registry';
import { embeddingEncoder } from '../encoder/embedding';
import { Prng } from '../random/prng';
import type { Params } from './params';
import { checkParams } from './layout';
import { paramsShapeOf } from './shape';

/**
 * The initial parameters of a run, made here from `config.seed` and nowhere else, so every
 * backend starts from the same numbers.
 *
 * - embeddings: the encoder's (`embeddingEncoder`: i.i.d. N(0, initScale²), stream "embeddings", row by row);
 * - decoder: the kind's `init`, with streams "decoder/<label>" (the MLP: PyTorch's default
 *   nn.Linear init per layer; the ideal decoders: a fixed readout).
 */
export function initParams(config: ExperimentConfig): Params {
  const { n } = config.task;
  const { dim } = config.encoder;
  const root = Prng.fromSeed(config.seed);

  const embeddings = embeddingEncoder.init(n, dim, config.encoder, (label) => root.split(label));

  const { decoder, options } = decoderOf(config.decoder);
  const layers = decoder.init(options, dim, (label) => root.split(`decoder/${label}`));
  const params = { n, dim, embeddings, layers };
  // A plugin's init and layers() must agree: every engine sizes θ from layers().
  checkParams(params, paramsShapeOf(config), `decoder "${config.decoder.kind}" init()`);
  return params;
}
