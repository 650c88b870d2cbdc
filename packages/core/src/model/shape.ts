import type { DecoderConfig, ExperimentConfig } from '../config/types';
import type { ParamsShape } from './params';

/** Width of the decoder's input for a pair of d-dimensional latents. */
export function decoderInputSize(decoder: DecoderConfig, dim: number): number {
  if (decoder.kind !== 'mlp') return 1;
  return decoder.combine === 'concat' ? 2 * dim : dim;
}

/**
 * [in, out] of each decoder layer. An MLP of depth L has L hidden layers of `width` and a
 * one-unit output layer; the ideal decoders have one 1→1 affine readout (w, b) after their
 * fixed feature h (see `IdealDistanceDecoderConfig`).
 */
export function decoderLayerSizes(decoder: DecoderConfig, dim: number): [number, number][] {
  if (decoder.kind !== 'mlp') return [[1, 1]];
  const sizes: [number, number][] = [];
  let fanIn = decoderInputSize(decoder, dim);
  for (let l = 0; l < decoder.depth; l++) {
    sizes.push([fanIn, decoder.width]);
    fanIn = decoder.width;
  }
  sizes.push([fanIn, 1]);
  return sizes;
}

export function paramsShapeOf(config: ExperimentConfig): ParamsShape {
  return { n: config.task.n, dim: config.encoder.dim, layers: decoderLayerSizes(config.decoder, config.encoder.dim) };
}
