import { resolveExperiment } from '../config/experiment';
import type { ExperimentConfig } from '../config/types';
import type { DeepPartial } from '../config/types';

/** A small configuration exercised by the conformance suite. */
export interface ConformanceCase {
  name: string;
  config: ExperimentConfig;
}

const small = (name: string, overrides: DeepPartial<ExperimentConfig>): ConformanceCase => {
  const base = {
    task: { relation: 'mod', n: 9, k: 3, trainFraction: 0.6, splitSeed: 1 },
    encoder: { dim: 2 },
    decoder: { kind: 'mlp', combine: 'concat', width: 8, depth: 2, activation: 'tanh' },
    dynamics: { lrEncoder: 3e-2, lrDecoder: 1e-2 },
    budget: { steps: 200, evalEvery: 10 },
    seed: 7,
  };
  const merged = {
    ...base,
    ...overrides,
    task: overrides.task?.relation && overrides.task.relation !== base.task.relation ? { ...overrides.task } : { ...base.task, ...overrides.task },
    encoder: { ...base.encoder, ...overrides.encoder },
    decoder: overrides.decoder ? { ...overrides.decoder } : base.decoder,
    dynamics: { ...base.dynamics, ...overrides.dynamics },
  };
  return { name, config: resolveExperiment(merged) };
};

/**
 * The configurations every backend must reproduce: each combiner, activation, optimizer, loss
 * and decoder kind at least once, with unequal encoder/decoder rates and nonzero weight decays.
 */
export function conformanceCases(): ConformanceCase[] {
  return [
    small('concat-tanh-adam-bce', {}),
    small('diff-relu-adamw-wd', {
      decoder: { kind: 'mlp', combine: 'diff', width: 8, depth: 2, activation: 'relu' },
      dynamics: { optimizer: 'adamw', weightDecayEncoder: 1e-2, weightDecayDecoder: 5e-2 },
    }),
    small('sqdiff-gelu-sgd-momentum', {
      decoder: { kind: 'mlp', combine: 'sqdiff', width: 8, depth: 1, activation: 'gelu' },
      dynamics: { optimizer: 'sgd', momentum: 0.9, lrEncoder: 5e-2, lrDecoder: 2e-2, weightDecayDecoder: 1e-3 },
    }),
    small('linear-readout-mse-adam-l2', {
      decoder: { kind: 'mlp', combine: 'concat', width: 8, depth: 0, activation: 'linear' },
      dynamics: { loss: 'mse', weightDecayEncoder: 1e-3 },
    }),
    small('greater-concat-relu-deep', {
      task: { relation: 'greater', n: 8, trainFraction: 0.7 },
      decoder: { kind: 'mlp', combine: 'concat', width: 6, depth: 3, activation: 'relu' },
    }),
    small('ideal-distance', {
      task: { relation: 'mod', n: 9, k: 3 },
      encoder: { dim: 1 },
      decoder: { kind: 'ideal-distance', threshold: 0.1 },
    }),
    small('ideal-order', {
      task: { relation: 'greater', n: 8 },
      encoder: { dim: 1, initScale: 0.5 },
      decoder: { kind: 'ideal-order', threshold: 0.3 },
    }),
  ];
}
