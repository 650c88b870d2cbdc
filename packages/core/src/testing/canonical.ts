import { referenceBackend } from '../backends/reference/backend';
import type { Backend, TrainerSpec } from '../backend/types';
import { resolveExperiment } from '../config/experiment';
import type { ExperimentConfig } from '../config/types';
import { initParams } from '../model/init';
import { makeDataset } from '../tasks/dataset';

/** The paper's canonical model: mod 3, n = 30, d = 2, concat, 3 × 50 tanh, BCE, Adam 1e-3/1e-3, p = 0.75. */
export function canonicalConfig(): ExperimentConfig {
  return resolveExperiment({
    task: { relation: 'mod', k: 3, n: 30, trainFraction: 0.75 },
    encoder: { dim: 2 },
    decoder: { kind: 'mlp', combine: 'concat', width: 50, depth: 3, activation: 'tanh' },
    dynamics: { optimizer: 'adam', lrEncoder: 1e-3, lrDecoder: 1e-3, loss: 'bce' },
  });
}

/** A trainer spec from core's dataset and initial parameters. */
export function specOf(config: ExperimentConfig): TrainerSpec {
  return { config, data: makeDataset(config.task), params: initParams(config) };
}

/** Training losses of `steps` single steps on a backend. */
export async function lossTrajectory(backend: Backend, spec: TrainerSpec, steps: number): Promise<number[]> {
  const trainer = await backend.createTrainer(spec);
  try {
    const losses: number[] = [];
    for (let s = 0; s < steps; s++) losses.push(await trainer.step(1));
    return losses;
  } finally {
    trainer.dispose();
  }
}

/** The same on the float64 reference backend. */
export function referenceTrajectory(spec: TrainerSpec, steps: number): Promise<number[]> {
  return lossTrajectory(referenceBackend(), spec, steps);
}

/**
 * A sweep-like block for engines' many-runs tests: the canonical model at several seeds, splits
 * and rates, and runs that differ in shape, optimizer, loss and decoder kind — sizes differ, so a
 * batch spreads them unevenly over its threads.
 */
export function mixedBlock(): TrainerSpec[] {
  const canonical = { task: { relation: 'mod', k: 3, n: 30, trainFraction: 0.75 }, decoder: { kind: 'mlp', combine: 'concat', width: 50, depth: 3, activation: 'tanh' } } as const;
  const of = (x: Parameters<typeof resolveExperiment>[0]) => specOf(resolveExperiment(x));
  return [
    of({ ...canonical, seed: 1 }),
    of({ ...canonical, seed: 2, task: { relation: 'mod', k: 3, n: 30, trainFraction: 0.5, splitSeed: 3 } }),
    of({ ...canonical, seed: 3, dynamics: { lrEncoder: 1e-2, lrDecoder: 3e-4 } }),
    of({ task: { relation: 'greater', n: 20, trainFraction: 0.6 }, encoder: { dim: 3 }, decoder: { kind: 'mlp', combine: 'diff', width: 17, depth: 2, activation: 'relu' }, dynamics: { optimizer: 'adamw', weightDecayDecoder: 0.1 }, seed: 4 }),
    of({
      task: { relation: 'bipartite', a: 5, n: 16, trainFraction: 0.8 },
      decoder: { kind: 'mlp', combine: 'sqdiff', width: 9, depth: 1, activation: 'gelu' },
      dynamics: { optimizer: 'sgd', momentum: 0.9, lrEncoder: 0.05, lrDecoder: 0.05, loss: 'mse' },
      seed: 5,
    }),
    of({ task: { relation: 'mod', k: 3, n: 12 }, encoder: { dim: 1 }, decoder: { kind: 'ideal-distance', threshold: 0.1 }, seed: 6 }),
    of({ task: { relation: 'greater', n: 10 }, encoder: { dim: 1, initScale: 0.5 }, decoder: { kind: 'ideal-order', threshold: 0.3 }, seed: 7 }),
  ];
}
