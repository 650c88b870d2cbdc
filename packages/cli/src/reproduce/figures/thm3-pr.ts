import { resolveExperiment } from '@geneft/core';
import { predictPhaseBoundary } from '@geneft/theory';
import { generalized, groupBy, pick, runGrid, type ReproduceContext } from '../context';
import { prCurve } from '@geneft/viz';
import type { FigureSpec } from '../figure';

/** Theorem 3: the collision probability p_r against the learning-rate ratio, and what training does. */
export const thm3: FigureSpec = {
  id: 'thm3-pr',
  title: 'Theorem 3 — p_r vs η_dec/η_enc: theory and the measured fraction of seeds that generalize',
  claim: 'p_r = (2/π)·arctan((σ_a/σ_c)·√(η_x/(2η_A))) depends only on the ratio and bounds the probability of generalizing from above; the decoder should not learn ≳ 10× faster than the encoder.',
  async run(ctx: ReproduceContext) {
    const ratios = pick(ctx, [0.1, 1, 10, 100], [0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300]);
    const etaEncoder = 1e-3;
    const base = { task: { relation: 'mod', k: 3, n: 30, trainFraction: 0.75 }, dynamics: { lrEncoder: etaEncoder }, budget: { steps: pick(ctx, 3000, 50000), evalEvery: 100 } };
    const runs = await runGrid(ctx, 'thm3', {
      base,
      axes: [{ path: 'dynamics.lrDecoder', values: ratios.map((r) => Number((r * etaEncoder).toPrecision(12))) }],
      seeds: pick(ctx, [0, 1, 2, 3, 4, 5], Array.from({ length: 16 }, (_, i) => i)),
    });
    const boundary = predictPhaseBoundary(resolveExperiment(base));
    const measured = [...groupBy(runs, (r) => r.config.dynamics.lrDecoder)].map(([lrDecoder, group]) => {
      const k = group.filter(generalized).length;
      const p = k / group.length;
      return { ratio: lrDecoder / etaEncoder, generalized: k, seeds: group.length, fraction: p, stdError: Math.sqrt((p * (1 - p)) / group.length) };
    });
    const theory = Array.from({ length: 60 }, (_, i) => 10 ** (-2 + (5 * i) / 59)).map((ratio) => ({
      ratio,
      pr: boundary.probability(etaEncoder, ratio * etaEncoder),
      prMultiOutput: boundary.probabilityMultiOutput(etaEncoder, ratio * etaEncoder),
    }));
    const monotone = measured.every((m, i) => i === 0 || m.fraction <= measured[i - 1].fraction + 1e-9);
    const bounded = measured.every((m) => m.fraction <= boundary.probability(etaEncoder, m.ratio * etaEncoder) + 2 * m.stdError + 1e-9);
    return {
      data: { etaEncoder, sigmaA: boundary.sigmaA, sigmaC: boundary.sigmaC, measured, theory },
      measured:
        `generalizing seeds ${measured.map((m) => `${m.generalized}/${m.seeds} at ratio ${m.ratio}`).join(', ')}; ` +
        `theory p_r ${measured.map((m) => boundary.probability(etaEncoder, m.ratio * etaEncoder).toFixed(2)).join(', ')} (σ_a ${boundary.sigmaA.toFixed(3)}, σ_c ${boundary.sigmaC.toFixed(3)}).`,
      verdict: monotone && bounded ? 'agrees' : 'disagrees',
      render: (document) =>
        prCurve(
          { theory: theory.map((t) => ({ ratio: t.ratio, pr: t.pr })), measured: measured.map((m) => ({ ratio: m.ratio, generalizing: m.generalized, total: m.seeds })) },
          { document, criticalRatio: boundary.criticalRatio, title: 'Collision probability p_r vs η_dec/η_enc', subtitle: `η_enc = ${etaEncoder}; σ_a, σ_c from GenEFT's initialisation` },
        ),
    };
  },
};
