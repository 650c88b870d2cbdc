import { initParams, makeDataset, referenceBackend, resolveExperiment, type Backend, type ExperimentConfig, type TrainerSpec } from '@geneft/core';

/** The paper's canonical model: mod 3, n = 30, d = 2, concat, 3 × 50 tanh, BCE, Adam 1e-3/1e-3, p = 0.75. */
export function canonicalConfig(): ExperimentConfig {
  return resolveExperiment({
    task: { relation: 'mod', k: 3, n: 30, trainFraction: 0.75 },
    encoder: { dim: 2 },
    decoder: { kind: 'mlp', combine: 'concat', width: 50, depth: 3, activation: 'tanh' },
    dynamics: { optimizer: 'adam', lrEncoder: 1e-3, lrDecoder: 1e-3, loss: 'bce' },
  });
}

export function specOf(config: ExperimentConfig): TrainerSpec {
  return { config, data: makeDataset(config.task), params: initParams(config) };
}

/** Training losses of `steps` single steps. */
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

export function referenceTrajectory(spec: TrainerSpec, steps: number): Promise<number[]> {
  return lossTrajectory(referenceBackend(), spec, steps);
}

export function maxRelative(a: readonly number[], b: readonly number[]): number {
  return Math.max(...a.map((x, i) => Math.abs(x - b[i]) / Math.abs(b[i])));
}
