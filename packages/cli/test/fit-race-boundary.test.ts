import { getBackend, resolveExperiment, runBatch, type ExperimentConfig } from '@geneft/core';
import type { StoredRun } from '@geneft/core/node';
import { predictPhaseBoundary } from '@geneft/theory';
import { loadBackends } from '../src/backends';
import { halfCrossing } from '../src/reproduce/figures/init-scale-boundary';

/**
 * The fit race against the boundary it predicts, measured: mod 3, fraction 0.75, σ 0.5, Adam at
 * η_enc = 1e-4 (the init-scale-boundary figure's setting), 8 initialisations each with its own
 * split per ratio. Issue #16's target: the prediction within a factor of 2 of the measured ½
 * crossing. (The full figure checks σ 0.25 and 1 as well; this is the affordable CI slice.)
 */
const config = (lrDecoder: number, seed: number): ExperimentConfig =>
  resolveExperiment({
    task: { relation: 'mod', k: 3, n: 30, trainFraction: 0.75, splitSeed: seed },
    encoder: { dim: 2, initScale: 0.5 },
    dynamics: { optimizer: 'adam', lrEncoder: 1e-4, lrDecoder },
    budget: { steps: 8000, evalEvery: 100, plateauWindow: 0, grokDelay: 1000 },
    seed,
  });

test('σ 0.5: the predicted boundary lies within 2× of the measured one', async () => {
  loadBackends();
  const backend = await getBackend('native');
  const seeds = [0, 1, 2, 3, 4, 5, 6, 7];
  const ratios = [2, 4, 8, 16, 32, 64];
  const configs = ratios.flatMap((r) => seeds.map((s) => config(r * 1e-4, s)));
  const results = await runBatch(configs, backend);
  const measured = halfCrossing(results.map((r, i) => ({ ...r, config: configs[i] }) as unknown as StoredRun));
  const predicted = await predictPhaseBoundary(config(1e-3, 0), { seeds: 8, race: { backend } });
  expect(measured.ratio).not.toBeNull();
  const factor = measured.ratio! / predicted.predictedRatio;
  expect(factor).toBeGreaterThan(0.5);
  expect(factor).toBeLessThan(2);
  // and the shape: most seeds generalize a factor 4 below the prediction, few a factor 4 above
  expect(predicted.predictedFraction(predicted.predictedRatio / 4)).toBeGreaterThanOrEqual(0.75);
  expect(predicted.predictedFraction(predicted.predictedRatio * 4)).toBeLessThanOrEqual(0.25);
}, 300_000);
