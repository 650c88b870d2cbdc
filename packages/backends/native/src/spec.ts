import { decoderLayerSizes, type Layer, type Params, type TrainerSpec } from '@geneft/core';
import type { NativeRunSpec } from './addon';

const FEATURES = { concat: 0, diff: 1, sqdiff: 2 } as const;
const ACTIVATIONS = { tanh: 0, relu: 1, gelu: 2, linear: 3 } as const;
const LOSSES = { bce: 0, mse: 1 } as const;
const OPTIMIZERS = { adam: 0, adamw: 1, sgd: 2 } as const;

/** Layer sizes of a model, as `decoderLayerSizes` gives them: [in, out] per layer. */
export interface ModelShape {
  n: number;
  dim: number;
  layers: [number, number][];
}

export function shapeOfSpec(spec: TrainerSpec): ModelShape {
  const { config } = spec;
  return { n: config.task.n, dim: config.encoder.dim, layers: decoderLayerSizes(config.decoder, config.encoder.dim) };
}

/** Number of floats in the packed parameter form: embeddings, then each weight and bias. */
export function packedSize(shape: ModelShape): number {
  return shape.n * shape.dim + shape.layers.reduce((s, [i, o]) => s + i * o + o, 0);
}

/** Throws unless `params` has the model's shape (a params.json written for another model, say). */
export function checkParams(params: Params, shape: ModelShape): void {
  const want = `n=${shape.n}, dim=${shape.dim}, layers ${JSON.stringify(shape.layers)}`;
  const got = `n=${params.n}, dim=${params.dim}, layers ${JSON.stringify(params.layers.map((l) => [l.in, l.out]))}`;
  const same =
    params.n === shape.n &&
    params.dim === shape.dim &&
    params.embeddings.length === shape.n * shape.dim &&
    params.layers.length === shape.layers.length &&
    params.layers.every(
      (l, i) => l.in === shape.layers[i][0] && l.out === shape.layers[i][1] && l.weight.length === l.in * l.out && l.bias.length === l.out,
    );
  if (!same) throw new Error(`@geneft/backend-native: parameters do not fit the model (expected ${want}; got ${got})`);
}

/** Params (float64) → the packed float32 array the addon stores. */
export function packParams(params: Params): Float32Array {
  const out = new Float32Array(params.embeddings.length + params.layers.reduce((s, l) => s + l.weight.length + l.bias.length, 0));
  out.set(params.embeddings);
  let offset = params.embeddings.length;
  for (const l of params.layers) {
    out.set(l.weight, offset);
    offset += l.weight.length;
    out.set(l.bias, offset);
    offset += l.bias.length;
  }
  return out;
}

/** The packed float32 array → Params (float64). */
export function unpackParams(packed: Float32Array, shape: ModelShape): Params {
  let offset = 0;
  const take = (count: number) => {
    const part = Float64Array.from(packed.subarray(offset, offset + count));
    offset += count;
    return part;
  };
  const embeddings = take(shape.n * shape.dim);
  const layers: Layer[] = shape.layers.map(([fanIn, out]) => ({ in: fanIn, out, weight: take(fanIn * out), bias: take(out) }));
  return { n: shape.n, dim: shape.dim, embeddings, layers };
}

/** A core TrainerSpec in the addon's form. */
export function nativeRunSpec(spec: TrainerSpec): NativeRunSpec {
  const { config, data, params } = spec;
  const shape = shapeOfSpec(spec);
  if (data.n !== shape.n) throw new Error(`@geneft/backend-native: dataset has n=${data.n}, config has n=${shape.n}`);
  checkParams(params, shape);
  const { decoder, dynamics } = config;
  const mlp = decoder.kind === 'mlp';
  return {
    n: shape.n,
    dim: shape.dim,
    feature: mlp ? FEATURES[decoder.combine] : decoder.kind === 'ideal-distance' ? 3 : 4,
    threshold: mlp ? 0 : decoder.threshold,
    activation: mlp ? ACTIVATIONS[decoder.activation] : ACTIVATIONS.linear,
    layers: Int32Array.from(shape.layers.flat()),
    loss: LOSSES[dynamics.loss],
    optimizer: OPTIMIZERS[dynamics.optimizer],
    lrEncoder: dynamics.lrEncoder,
    lrDecoder: dynamics.lrDecoder,
    weightDecayEncoder: dynamics.weightDecayEncoder,
    weightDecayDecoder: dynamics.weightDecayDecoder,
    beta1: dynamics.beta1,
    beta2: dynamics.beta2,
    eps: dynamics.eps,
    momentum: dynamics.momentum,
    train: data.train,
    labels: data.labels,
    params: packParams(params),
  };
}
