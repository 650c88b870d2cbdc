import { checkParams, engineModel, packedSize, packParams, paramsShapeOf, type TrainerSpec } from '@geneft/core';

export const OWNER = '@geneft/backend-wasm';

/**
 * One run as the module takes it: core's engine codes, the data, and the parameters packed in
 * float32. Plain typed arrays and numbers, so it also crosses to a worker thread as it is.
 */
export interface WasmRunSpec {
  n: number;
  dim: number;
  feature: number;
  activation: number;
  threshold: number;
  /** [in, out] of each decoder layer, flattened. */
  layers: Int32Array;
  loss: number;
  optimizer: number;
  lrEncoder: number;
  lrDecoder: number;
  weightDecayEncoder: number;
  weightDecayDecoder: number;
  beta1: number;
  beta2: number;
  eps: number;
  momentum: number;
  /** training pair indices. */
  train: Int32Array;
  /** n² labels. */
  labels: Uint8Array;
  /** embeddings, then each layer's weight (out × in) and bias. */
  params: Float32Array;
}

export function wasmRunSpec(spec: TrainerSpec): WasmRunSpec {
  const { config, data, params } = spec;
  const shape = paramsShapeOf(config);
  if (data.n !== shape.n) throw new Error(`${OWNER}: dataset has n=${data.n}, config has n=${shape.n}`);
  checkParams(params, shape, OWNER);
  const { dynamics } = config;
  return {
    n: shape.n,
    dim: shape.dim,
    ...engineModel(config),
    layers: Int32Array.from(shape.layers.flat()),
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
    params: packParams(params, new Float32Array(packedSize(shape))),
  };
}
