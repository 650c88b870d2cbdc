import { resolveExperiment } from '@geneft/core';
import { predictPhaseBoundary } from '@geneft/theory';
import { budget, generalized, groupBy, pick, runGrid, type ReproduceContext } from '../context';
import { prCurve } from '@geneft/viz';
import type { FigureSpec } from '../figure';

/** Theorem 3: the collision probability p_r against the learning-rate ratio, and what training does. */
export const thm3: FigureSpec = {
  id: 'thm3-pr',
  title: 'Theorem 3 — p_r vs η_dec/η_enc: theory and the measured fraction of seeds that generalize',
  claim: 'p_r = (2/π)·arctan((σ_a/σ_c)·√(η_x/(2η_A))) depends only on the ratio and bounds the probability of generalizing from above; the decoder should not learn ≳ 10× faster than the encoder.',
  async run(ctx: ReproduceContext) {
    // below ratio ≈ 1 the decoder is too slow to fit within the budget at η_enc = 1e-4 (confusion), and
    // above ≈ 300 it is unstable (η_dec ≳ 0.1): the ratios in between are where p_r can be measured
    const ratios = pick(ctx, [1, 3, 10, 30, 100, 300], [0.5, 1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300]);
    // small enough that η_dec stays below the confusion region (η_dec ≳ 0.1 with Adam) at every ratio
    const etaEncoder = 1e-4;
    const base = { task: { relation: 'mod', k: 3, n: 30, trainFraction: 0.75 }, dynamics: { lrEncoder: etaEncoder }, budget: budget(pick(ctx, 8000, 100000)) };
    const runs = await runGrid(ctx, 'thm3', {
      base,
      axes: [{ path: 'dynamics.lrDecoder', values: ratios.map((r) => Number((r * etaEncoder).toPrecision(12))) }],
      seeds: pick(ctx, Array.from({ length: 8 }, (_, i) => i), Array.from({ length: 16 }, (_, i) => i)),
    });
    const boundary = predictPhaseBoundary(resolveExperiment(base));
    // p_r is about collision vs memorization: runs that never fit the training set (confusion:
    // the decoder learned too slowly for the budget) are reported but left out of the fraction.
    const measured = [...groupBy(runs, (r) => r.config.dynamics.lrDecoder)].map(([lrDecoder, group]) => {
      const fitted = group.filter((r) => r.phase !== 'confusion' && r.phase !== 'diverged');
      const k = fitted.filter(generalized).length;
      const p = fitted.length > 0 ? k / fitted.length : NaN;
      const ratio = Number((lrDecoder / etaEncoder).toPrecision(6));
      return { ratio, generalized: k, seeds: fitted.length, confused: group.length - fitted.length, fraction: p, stdError: fitted.length > 0 ? Math.sqrt((p * (1 - p)) / fitted.length) : NaN };
    });
    const theory = Array.from({ length: 60 }, (_, i) => 10 ** (-2 + (5 * i) / 59)).map((ratio) => ({
      ratio,
      pr: boundary.probability(etaEncoder, ratio * etaEncoder),
      prMultiOutput: boundary.probabilityMultiOutput(etaEncoder, ratio * etaEncoder),
    }));
    const compared = measured.filter((m) => m.seeds > 0);
    const monotone = compared.every((m, i) => i === 0 || m.fraction <= compared[i - 1].fraction + 1e-9);
    const bounded = compared.every((m) => m.fraction <= boundary.probability(etaEncoder, m.ratio * etaEncoder) + 2 * m.stdError + 1e-9);
    return {
      data: { etaEncoder, sigmaA: boundary.sigmaA, sigmaC: boundary.sigmaC, measured, theory },
      measured:
        `generalizing among seeds that fit the training set: ${measured.map((m) => `${m.generalized}/${m.seeds} at ratio ${m.ratio}${m.confused ? ` (+${m.confused} confused)` : ''}`).join(', ')}; ` +
        `theory p_r ${measured.map((m) => boundary.probability(etaEncoder, m.ratio * etaEncoder).toFixed(2)).join(', ')} (σ_a ${boundary.sigmaA.toFixed(3)}, σ_c ${boundary.sigmaC.toFixed(3)}).`,
      verdict: monotone && bounded ? 'agrees' : 'disagrees',
      render: (document) =>
        prCurve(
          { theory: theory.map((t) => ({ ratio: t.ratio, pr: t.pr })), measured: compared.map((m) => ({ ratio: m.ratio, generalizing: m.generalized, total: m.seeds })) },
          { document, criticalRatio: boundary.criticalRatio, title: 'Collision probability p_r vs η_dec/η_enc', subtitle: `η_enc = ${etaEncoder}; σ_a, σ_c from GenEFT's initialisation` },
        ),
    };
  },
};
