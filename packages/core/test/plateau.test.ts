import { memorizationPlateau, resolveSweep, sweepCells, type EvalRecord } from '@geneft/core';
import { runExperiment } from '@geneft/core';

/**
 * The memorization plateau may end a run early only because it never changes a phase: a grid
 * of cells, half of which memorize, is run both ways and must give identical phases, with the
 * memorizing runs stopping early.
 */
describe('memorization plateau (budget.plateauWindow)', () => {
  it('gives the same phases as full-budget runs on a grid, and saves steps', async () => {
    const sweep = (plateauWindow: number) =>
      sweepCells(
        resolveSweep({
          base: {
            task: { relation: 'mod', k: 3, n: 12, trainFraction: 0.6 },
            // the grid was chosen at σ = 0.25 (every memorizing run plateaus within the budget)
            encoder: { dim: 2, initScale: 0.25 },
            decoder: { kind: 'mlp', width: 16, depth: 2 },
            budget: { steps: 4000, evalEvery: 50, grokDelay: 500, plateauWindow },
          },
          axes: [
            { path: 'dynamics.lrEncoder', log: [1e-4, 1e-2, 3] },
            { path: 'dynamics.lrDecoder', log: [1e-3, 3e-2, 3] },
          ],
        }),
      );
    const full = sweep(0);
    const early = sweep(1000);
    let saved = 0;
    const phases: string[] = [];
    for (let i = 0; i < full.length; i++) {
      const a = await runExperiment(full[i].config, { dynamics: 'reference' });
      const b = await runExperiment(early[i].config, { dynamics: 'reference' });
      expect({ cell: i, phase: b.phase }).toEqual({ cell: i, phase: a.phase });
      expect(b.stepTrain).toBe(a.stepTrain);
      if (b.steps < a.steps) {
        expect(b.phase).toBe('memorization');
        saved++;
      }
      phases.push(a.phase);
    }
    // the grid must hold memorizing runs, or the comparison proves nothing
    expect(phases.filter((p) => p === 'memorization').length).toBeGreaterThanOrEqual(4);
    expect(saved).toBe(phases.filter((p) => p === 'memorization').length);
  }, 120_000);

  const trace = (points: [number, number, number][]): EvalRecord[] =>
    points.map(([step, train, test]) => ({ step, trainLoss: 0, trainAccuracy: train, testLoss: 0, testAccuracy: test }));
  const budget = { threshold: 0.9, plateauWindow: 200, plateauMargin: 0.05 };

  it('needs the window to have passed since the train step, a flat test accuracy and a fitted train set', () => {
    const m = { stepTrain: 100, stepTest: null, diverged: false };
    expect(memorizationPlateau(trace([[100, 1, 0.5], [200, 1, 0.5], [300, 1, 0.5]]), m, budget, 100)).toBe(true);
    expect(memorizationPlateau(trace([[100, 1, 0.5], [200, 1, 0.5]]), m, budget, 100)).toBe(false);
    expect(memorizationPlateau(trace([[100, 1, 0.5], [200, 1, 0.52], [300, 1, 0.5]]), m, budget, 100)).toBe(false);
    expect(memorizationPlateau(trace([[100, 1, 0.5], [200, 1, 0.51], [300, 1, 0.5]]), m, budget, 100)).toBe(true);
    expect(memorizationPlateau(trace([[100, 1, 0.5], [200, 0.8, 0.5], [300, 1, 0.5]]), m, budget, 100)).toBe(false);
    expect(memorizationPlateau(trace([[100, 1, 0.5], [200, 1, 0.5], [300, 1, 0.5]]), m, { ...budget, plateauWindow: 0 }, 100)).toBe(false);
    expect(memorizationPlateau(trace([[100, 1, 0.95], [300, 1, 0.95]]), { ...m, stepTest: 100 }, budget, 100)).toBe(false);
  });

  it('does not stop a run whose flat test accuracy is within the margin of the threshold', () => {
    // at paper scale such a run (2 test pairs short of 0.9 for 20,000 steps) crossed the threshold later
    const m = { stepTrain: 100, stepTest: null, diverged: false };
    const flatAt = (test: number) => trace([[100, 1, test], [200, 1, test], [300, 1, test]]);
    expect(memorizationPlateau(flatAt(0.86), m, budget, 100)).toBe(false);
    expect(memorizationPlateau(flatAt(0.85), m, budget, 100)).toBe(true);
    expect(memorizationPlateau(flatAt(0.89), m, { ...budget, plateauMargin: 0 }, 100)).toBe(true);
  });
});
