import { resolveExperiment, resolveSweep, runBatch, runExperiment, sweepCells, type Backend, type RunResult } from '@geneft/core';
import { wasmBackend } from '../src';
import { describeBuilt } from './helpers';

/**
 * The native backend where its addon is built, else why not. `isa` "generic" is native's
 * 4-lane kernel set, which does the same float32 arithmetic in the same order as the SIMD128
 * module; native's default (AVX-512/AVX2) rounds differently, and over a grid a cell on the
 * edge of two phases can fall either way (at σ 0.5, cell η_enc 1e-4, η_dec 1e-3 did).
 */
function native(isa: 'auto' | 'generic' = 'auto'): Backend | string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional: the addon may not be built
    return require('@geneft/backend-native').nativeBackend({ isa });
  } catch (error) {
    return `@geneft/backend-native is not built (${(error as Error).message.split('\n')[0]})`;
  }
}

const CANONICAL = {
  task: { relation: 'mod', k: 3, n: 30, trainFraction: 0.75, splitSeed: 0 },
  encoder: { dim: 2 },
  decoder: { kind: 'mlp', combine: 'concat', width: 50, depth: 3, activation: 'tanh' },
  dynamics: { optimizer: 'adam', lrEncoder: 1e-3, lrDecoder: 1e-3, loss: 'bce' },
  budget: { steps: 6000, evalEvery: 100 },
  seed: 0,
} as const;

const summary = (r: RunResult) => ({ phase: r.phase, stepTrain: r.stepTrain, stepTest: r.stepTest });

const nativeBackend = native();
const nativeGeneric = native('generic');
const withNative = typeof nativeBackend === 'string' ? it.skip : it;
const skipped = typeof nativeBackend === 'string' ? ` (skipped: ${nativeBackend})` : '';

describeBuilt('same phases as the native engine', () => {
  withNative(`canonical run: same phase and milestones${skipped}`, async () => {
    const config = resolveExperiment(CANONICAL);
    const [ours, theirs] = [await runExperiment(config, { dynamics: await wasmBackend() }), await runExperiment(config, { dynamics: nativeBackend as Backend })];
    expect(ours.backend).toBe('wasm');
    expect(['comprehension', 'grokking']).toContain(ours.phase);
    expect(summary(ours)).toEqual(summary(theirs));
  }, 120_000);

  withNative(`16-cell learning-rate sweep (4 × 4, a many-run block on worker threads): same phase and milestones as native "generic" in every cell${skipped}`, async () => {
    const spec = resolveSweep({
      base: { ...CANONICAL, budget: { steps: 2000, evalEvery: 100 } },
      axes: [
        { path: 'dynamics.lrEncoder', log: [1e-4, 1e-1, 4] },
        { path: 'dynamics.lrDecoder', log: [1e-4, 1e-1, 4] },
      ],
      seeds: [0],
    });
    const configs = sweepCells(spec).map((c) => c.config);
    expect(configs).toHaveLength(16);
    const ours = await runBatch(configs, await wasmBackend({ isa: 'simd128', threads: 2 }));
    const theirs = await runBatch(configs, nativeGeneric as Backend);
    const phases = (runs: RunResult[]) => runs.map((r) => r.phase);
    expect(phases(ours)).toEqual(phases(theirs));
    expect(ours.map(summary)).toEqual(theirs.map(summary));
    // The grid spans more than one phase, so agreement is not trivially one label everywhere.
    expect(new Set(phases(ours)).size).toBeGreaterThan(1);
    console.log(`wasm phases over the grid (lrEncoder rows × lrDecoder columns): ${phases(ours).join(', ')}`);
  }, 300_000);
});
