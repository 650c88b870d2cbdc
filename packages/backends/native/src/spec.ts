import { checkParams, engineModel, packedSize, packParams, paramsShapeOf, type TrainerSpec } from '@geneft/core';
import type { NativeRunSpec } from './addon';

const OWNER = '@geneft/backend-native';

/** A core TrainerSpec in the addon's form: core's engine codes and packed float32 parameters. */
export function nativeRunSpec(spec: TrainerSpec): NativeRunSpec {
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
