import { resolveExperiment } from '@geneft/core';
import { predictPhaseBoundary } from '@geneft/theory';
import { phaseDiagram } from '@geneft/viz';
import { budget, pick, runGrid, type ReproduceContext } from '../context';
import type { FigureSpec } from '../figure';
import { measuredBoundary } from './boundary';

export const PHASE_BASE = { task: { relation: 'mod', k: 3, n: 30, trainFraction: 0.75 } } as const;

/** The (η_enc, η_dec) grid of Fig. 5 and Fig. 8. */
export function learningRateAxes(points: number) {
  // η_enc reaches lower than η_dec: the memorization region needs η_dec/η_enc ≳ 100 here
  return [
    { path: 'dynamics.lrEncoder', log: [1e-5, 1e-1, points] },
    { path: 'dynamics.lrDecoder', log: [1e-4, 1e-1, points] },
  ];
}

/** Fig. 5: the learning-rate phase diagram on mod 3, with the repon theory's predicted boundary. */
export const fig5: FigureSpec = {
  id: 'fig5-phase-diagram',
  title: 'Fig. 5 — phases over encoder × decoder learning rates (mod 3), with the predicted boundary',
  claim: 'Generalization when η_dec/η_enc is small, memorization above a constant ratio (order 10): a boundary of slope 1 in log–log; a grokking sliver near it; confusion at very large η_dec.',
  async run(ctx: ReproduceContext) {
    const points = pick(ctx, 7, 13);
    const steps = pick(ctx, 10000, 100000);
    const base = { ...PHASE_BASE, budget: budget(steps, { grokDelay: pick(ctx, 500, 1000) }) };
    const runs = await runGrid(ctx, 'fig5', { base, axes: learningRateAxes(points), seeds: pick(ctx, [0], [0, 1, 2]) });
    const predicted = predictPhaseBoundary(resolveExperiment(base));
    const measured = measuredBoundary(runs);
    const counts: Record<string, number> = {};
    for (const r of runs) counts[r.phase] = (counts[r.phase] ?? 0) + 1;
    const slopeOk = measured.slope !== null && Math.abs(measured.slope - 1) < 0.35;
    const fmt = (x: number | null, d = 2) => (x === null ? 'n/a' : x.toFixed(d));
    return {
      data: {
        steps,
        runs: runs.map((r) => ({ lrEncoder: r.config.dynamics.lrEncoder, lrDecoder: r.config.dynamics.lrDecoder, seed: r.config.seed, phase: r.phase, stepTrain: r.stepTrain, stepTest: r.stepTest })),
        predicted: { criticalRatio: predicted.criticalRatio, criticalRatioMultiOutput: predicted.criticalRatioMultiOutput, sigmaA: predicted.sigmaA, sigmaC: predicted.sigmaC },
        measured,
      },
      measured:
        `phases ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}; measured boundary η_dec/η_enc ≈ ${fmt(measured.ratio)} ` +
        `(${measured.errors} runs on the wrong side), slope ${fmt(measured.slope)} over ${measured.columns} columns; ` +
        `predicted ratio ${predicted.criticalRatio.toFixed(2)} (Theorem 3) / ${predicted.criticalRatioMultiOutput.toFixed(2)} (multi-output).`,
      verdict: slopeOk ? 'agrees' : 'disagrees',
      render: (document) =>
        phaseDiagram(runs, {
          document,
          x: 'lrEncoder',
          y: 'lrDecoder',
          criticalRatio: predicted.criticalRatioMultiOutput,
          referenceRatios: measured.ratio === null ? [] : [measured.ratio],
          title: 'Phases over encoder × decoder learning rates (mod 3)',
          subtitle: `${steps} steps; solid: predicted boundary (multi-output repon theory); dashed: measured constant-ratio boundary`,
        }),
    };
  },
};
