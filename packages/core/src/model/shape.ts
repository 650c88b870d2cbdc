import type { DecoderConfig, ExperimentConfig } from '../config/types';
import { decoderOf } from '../decoder/registry';
import type { DecoderOptions } from '../decoder/types';
import type { ParamsShape } from './params';

/** [in, out] of each decoder layer, as the decoder kind declares them (see `Decoder.layers`). */
export function decoderLayerSizes(decoder: DecoderConfig | DecoderOptions, dim: number): [number, number][] {
  const { decoder: kind, options } = decoderOf(decoder);
  return kind.layers(options, dim);
}

export function paramsShapeOf(config: ExperimentConfig): ParamsShape {
  return { n: config.task.n, dim: config.encoder.dim, layers: decoderLayerSizes(config.decoder, config.encoder.dim) };
}
