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
