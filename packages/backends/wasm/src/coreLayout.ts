// TEMPORARY: core's packed-parameter layout and engine codes are being introduced by the
// plugins work (packages/core/src/model/layout.ts, engineCodes.ts). Until they land on main this
// mirrors their API for this package only; replace the imports with '@geneft/core' then.
import { decoderLayerSizes, type ExperimentConfig, type Layer, type Params } from '@geneft/core';

export interface ParamsShape {
  n: number;
  dim: number;
  layers: [number, number][];
}

export function paramsShapeOf(config: ExperimentConfig): ParamsShape {
  return { n: config.task.n, dim: config.encoder.dim, layers: decoderLayerSizes(config.decoder, config.encoder.dim) };
}

export function packedSize(shape: ParamsShape): number {
  return shape.n * shape.dim + shape.layers.reduce((s, [i, o]) => s + i * o + o, 0);
}

export function packParams(params: Params, into: Float32Array): Float32Array {
  into.set(params.embeddings, 0);
  let offset = params.embeddings.length;
  for (const l of params.layers) {
    into.set(l.weight, offset);
    offset += l.weight.length;
    into.set(l.bias, offset);
    offset += l.bias.length;
  }
  return into;
}

export function unpackParams(packed: ArrayLike<number>, shape: ParamsShape): Params {
  let offset = 0;
  const take = (count: number) => {
    const part = new Float64Array(count);
    for (let i = 0; i < count; i++) part[i] = packed[offset + i];
    offset += count;
    return part;
  };
  const embeddings = take(shape.n * shape.dim);
  const layers: Layer[] = shape.layers.map(([fanIn, out]) => ({ in: fanIn, out, weight: take(fanIn * out), bias: take(out) }));
  return { n: shape.n, dim: shape.dim, embeddings, layers };
}

export function checkParams(params: Params, shape: ParamsShape, owner: string): void {
  const same =
    params.n === shape.n &&
    params.dim === shape.dim &&
    params.embeddings.length === shape.n * shape.dim &&
    params.layers.length === shape.layers.length &&
    params.layers.every((l, i) => l.in === shape.layers[i][0] && l.out === shape.layers[i][1] && l.weight.length === l.in * l.out && l.bias.length === l.out);
  if (same) return;
  const want = `n=${shape.n}, dim=${shape.dim}, layers ${JSON.stringify(shape.layers)}`;
  const got = `n=${params.n}, dim=${params.dim}, layers ${JSON.stringify(params.layers.map((l) => [l.in, l.out]))}`;
  throw new Error(`${owner}: parameters do not fit the model (expected ${want}; got ${got})`);
}

const CODES = {
  feature: { concat: 0, diff: 1, sqdiff: 2, 'ideal-distance': 3, 'ideal-order': 4 },
  activation: { tanh: 0, relu: 1, gelu: 2, linear: 3 },
  loss: { bce: 0, mse: 1 },
  optimizer: { adam: 0, adamw: 1, sgd: 2 },
} as const;

export function engineModel(config: ExperimentConfig): { feature: number; activation: number; threshold: number; loss: number; optimizer: number } {
  const { decoder, dynamics } = config;
  const base = { loss: CODES.loss[dynamics.loss], optimizer: CODES.optimizer[dynamics.optimizer] };
  if (decoder.kind === 'mlp') return { ...base, feature: CODES.feature[decoder.combine], activation: CODES.activation[decoder.activation], threshold: 0 };
  return { ...base, feature: CODES.feature[decoder.kind], activation: CODES.activation.linear, threshold: decoder.threshold };
}
