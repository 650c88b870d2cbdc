import { achievableAccuracyCurve, criticalFraction, staticsCurve, type AchievablePoint, type StaticsPoint } from '@geneft/theory';
import { accuracyVsFraction } from '@geneft/viz';
import { budget, groupBy, meanSd, PAPER_ENCODER, pick, runGrid, wholeDatasetAccuracy, type ReproduceContext } from '../context';
import type { FigureSpec } from '../figure';
import { crossing, paperRelations } from './relations';

interface RelationResult {
  name: string;
  runs: { fraction: number; splitSeed: number; accuracy: number; phase: string }[];
  bits: number;
  pStar: number;
  pc: number;
  measured: { fraction: number; mean: number; sd: number; seeds: number }[];
  theory: StaticsPoint[];
  achievable: AchievablePoint[];
  crossing90: number | null;
}

/** Fig. 2: accuracy on all n² pairs vs the training fraction, measured and predicted, per relation. */
export const fig2: FigureSpec = {
  id: 'fig2-accuracy-vs-fraction',
  title: 'Fig. 2 — accuracy vs training fraction, with the balls-in-buckets theory and the achievable accuracy',
  claim: 'Accuracy rises sharply near p_c, in the order bipartite < mod 3 < mod 5 < greater; the achievable accuracy (Monte Carlo) sits slightly above f_UB.',
  async run(ctx: ReproduceContext) {
    const fractions = pick(ctx, [0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6, 0.8], [0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    const seeds = pick(ctx, [0, 1, 2], [0, 1, 2, 3, 4]);
    const steps = pick(ctx, 5000, 10000);
    const curveFractions = Array.from({ length: 60 }, (_, i) => 0.005 + (0.95 * i) / 59);
    const relations: RelationResult[] = [];
    for (const rel of paperRelations()) {
      const runs = await runGrid(ctx, `fig2 ${rel.name}`, {
        // every point trains to the end of its budget: accuracy is read at the budget, not at an early stop
        base: { task: rel.task, encoder: PAPER_ENCODER, budget: { ...budget(steps), earlyStop: false } },
        // statics are about which pairs are seen: repeats draw new training sets
        axes: [
          { path: 'task.trainFraction', values: fractions },
          { path: 'task.splitSeed', values: seeds },
        ],
        seeds: [0],
      });
      const measured = [...groupBy(runs, (r) => r.config.task.trainFraction)].map(([fraction, group]) => ({
        fraction,
        ...meanSd(group.map(wholeDatasetAccuracy)),
        seeds: group.length,
      }));
      relations.push({
        name: rel.name,
        runs: runs.map((r) => ({ fraction: r.config.task.trainFraction, splitSeed: r.config.task.splitSeed, accuracy: wholeDatasetAccuracy(r), phase: r.phase })),
        bits: rel.bits,
        pStar: rel.pStar,
        pc: criticalFraction(rel.bits, 900, 0.9),
        measured,
        theory: staticsCurve(rel.bits, 30, rel.pStar, curveFractions),
        achievable: achievableAccuracyCurve(rel.family, fractions, { trials: pick(ctx, 8, 40), seed: 0 }),
        crossing90: crossing(measured.map((m) => ({ fraction: m.fraction, value: m.mean })), 0.9),
      });
    }
    const order = [...relations].sort((a, b) => (a.crossing90 ?? Infinity) - (b.crossing90 ?? Infinity)).map((r) => r.name);
    const expected = ['bipartite', 'mod 3', 'mod 5', 'greater'];
    // The order this model (concat 3×50 tanh MLP, d = 2) reaches 0.9 in, with GenEFT and with an
    // independent PyTorch implementation alike (issue #16: Fig. 2 accuracies agree to 0.003).
    const modelOrder = ['bipartite', 'greater', 'mod 3', 'mod 5'];
    const aboveUB = relations.every((r) =>
      r.achievable.every((a) => a.accuracy + 3 * a.stdError >= staticsCurve(r.bits, 30, r.pStar, [a.fraction])[0].upperBound - 0.02),
    );
    const fmt = (x: number | null) => (x === null ? 'never' : x.toFixed(2));
    return {
      data: { fractions, seeds, steps, relations },
      measured:
        `measured accuracy reaches 0.9 at fraction ${relations.map((r) => `${r.name} ${fmt(r.crossing90)}`).join(', ')} ` +
        `(p_c ${relations.map((r) => r.pc.toFixed(2)).join(' / ')}); achievable accuracy ${aboveUB ? '≥' : 'not ≥'} f_UB. ` +
        `Order of reaching 0.9: ${order.join(' < ')} here; ${modelOrder.join(' < ')} for this model in GenEFT and in PyTorch; ${expected.join(' < ')} in the paper.`,
      verdict: order.join() === expected.join() && aboveUB ? 'agrees' : 'disagrees',
      cause: [
        order.join() === expected.join()
          ? null
          : order.join() === modelOrder.join() || order.join() === ['bipartite', 'greater', 'mod 5', 'mod 3'].join()
            ? 'this concat MLP learns greater-than with less data than the equivalences, as an independent PyTorch implementation of the same model does too, so the order is the architecture\'s induction gap rather than the statics, which rank greater-than last'
            : `the measured order ${order.join(' < ')} is neither the paper's nor the one this model gave in GenEFT and PyTorch, so its 0.9 crossings lie within the spread of ${seeds.length} splits per fraction`,
        aboveUB ? null : 'the exact achievable accuracy falls below f_UB at small fractions, where a pair of an equivalence carries less than the one bit f_UB credits it with',
      ]
        .filter((c): c is string => c !== null)
        .join('; and ')
        .replace(/^./, (c) => c.toUpperCase())
        .concat('.'),
      render: (document) =>
        accuracyVsFraction(
          {
            measured: relations.flatMap((r) => r.runs.map((x) => ({ relation: r.name, fraction: x.fraction, accuracy: x.accuracy }))),
            theory: relations.flatMap((r) => r.theory.map((t) => ({ relation: r.name, fraction: t.fraction, f: t.known, fUB: t.upperBound }))),
            monteCarlo: relations.flatMap((r) => r.achievable.map((a) => ({ relation: r.name, fraction: a.fraction, accuracy: a.accuracy, error: 2 * a.stdError }))),
            criticalFractions: relations.map((r) => ({ relation: r.name, fraction: r.pc })),
          },
          { document, facet: true, relations: expected, title: 'Accuracy on all pairs vs training fraction', subtitle: `${steps} steps, ${seeds.length} splits per point; Monte Carlo ±2 SE` },
        ),
    };
  },
};
