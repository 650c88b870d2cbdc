import type { TrainerSpec } from '../backend/types';
import { engineModel } from './engineCodes';
import { checkParams, packedSize, packParams } from './layout';
import { paramsShapeOf } from './shape';

/**
 * One run as the C++ engine takes it, in the native addon and in its WebAssembly build alike:
 * core's engine codes, the data, and the parameters packed in float32. Plain typed arrays and
 * numbers, so it also crosses to a worker thread as it is.
 */
export interface EngineRunSpec {
  n: number;
  dim: number;
  /** ENGINE_CODES.feature: 0 concat, 1 diff, 2 sqdiff, 3 ideal-distance, 4 ideal-order. */
  feature: number;
  /** ENGINE_CODES.activation: 0 tanh, 1 relu, 2 gelu, 3 linear. */
  activation: number;
  /** τ of the ideal decoders (unused by the MLP). */
  threshold: number;
  /** [in, out] of each decoder layer, flattened. */
  layers: Int32Array;
  /** ENGINE_CODES.loss: 0 bce, 1 mse. */
  loss: number;
  /** ENGINE_CODES.optimizer: 0 adam, 1 adamw, 2 sgd. */
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
  /** embeddings, then each layer's weight (out × in) and bias (core's packed layout). */
  params: Float32Array;
}

/** A TrainerSpec in the engine's form; `owner` names the backend in the errors. */
export function engineRunSpec(spec: TrainerSpec, owner: string): EngineRunSpec {
  const { config, data, params } = spec;
  const shape = paramsShapeOf(config);
  if (data.n !== shape.n) throw new Error(`${owner}: dataset has n=${data.n}, config has n=${shape.n}`);
  checkParams(params, shape, owner);
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
