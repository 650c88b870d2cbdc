import { initParams, makeDataset, resolveExperiment, type DeepPartial, type ExperimentConfig, type TrainerSpec } from '@geneft/core';

/** A trainer spec from a partial experiment, with core's initial parameters. */
export function specOf(experiment: DeepPartial<ExperimentConfig>): TrainerSpec {
  const config = resolveExperiment(experiment);
  return { config, data: makeDataset(config.task), params: initParams(config) };
}

/** The paper's canonical model: mod 3, n = 30, d = 2, concat, 3×50 tanh, BCE, Adam 1e-3/1e-3, p = 0.75. */
export const CANONICAL: DeepPartial<ExperimentConfig> = {
  task: { relation: 'mod', k: 3, n: 30, trainFraction: 0.75, splitSeed: 0 },
  encoder: { dim: 2 },
  decoder: { kind: 'mlp', combine: 'concat', width: 50, depth: 3, activation: 'tanh' },
  dynamics: { optimizer: 'adam', lrEncoder: 1e-3, lrDecoder: 1e-3, loss: 'bce' },
  seed: 0,
};
