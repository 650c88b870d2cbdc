import type { ExperimentConfig } from '../config/types';

/**
 * The numeric codes of the C++ engine (packages/backends/native/csrc/core/model.h), shared by the
 * native addon and the WebAssembly build of the same sources. A test in the native package
 * parses model.h and checks them.
 */
export const ENGINE_CODES = {
  /** the decoder's input: an MLP combiner, or an ideal decoder's fixed feature (enum Feature). */
  feature: { concat: 0, diff: 1, sqdiff: 2, 'ideal-distance': 3, 'ideal-order': 4 },
  activation: { tanh: 0, relu: 1, gelu: 2, linear: 3 },
  loss: { bce: 0, mse: 1 },
  /** enum OptimizerKind */
  optimizer: { adam: 0, adamw: 1, sgd: 2 },
} as const;

/** The engine's model and optimizer codes, and the ideal decoders' τ (0 for an MLP). */
export interface EngineModel {
  feature: number;
  activation: number;
  threshold: number;
  loss: number;
  optimizer: number;
}

/**
 * A config in the engine's codes. Only core's built-in decoders have codes: an engine declares
 * them in its capabilities, and `checkCapabilities` refuses the others before this is reached.
 */
export function engineModel(config: ExperimentConfig): EngineModel {
  const { decoder, dynamics } = config;
  const codes = ENGINE_CODES;
  const base = { loss: codes.loss[dynamics.loss], optimizer: codes.optimizer[dynamics.optimizer] };
  switch (decoder.kind) {
    case 'mlp':
      return { ...base, feature: codes.feature[decoder.combine], activation: codes.activation[decoder.activation], threshold: 0 };
    case 'ideal-distance':
    case 'ideal-order':
      return { ...base, feature: codes.feature[decoder.kind], activation: codes.activation.linear, threshold: decoder.threshold };
    default:
      throw new Error(`the engine has no code for decoder "${(decoder as { kind: string }).kind}"`);
  }
}
