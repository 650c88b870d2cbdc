/**
 * What @geneft/theory predicts for an experiment, in the shapes the panels draw. Runs in the
 * runner process (predictPhaseBoundary evaluates decoder Jacobians over several seeds). VS Code-free.
 */
import { relationOf, type ExperimentConfig } from '@geneft/core';
import { completeBipartiteBits, descriptionLength, equivalenceBits, modClassSizes, predictPhaseBoundary, totalOrderBits } from '@geneft/theory';
import type { StaticsRow, TheoryPrediction } from './protocol';

/** Ratios η_dec/η_enc from 10^lo to 10^hi, `perDecade` points a decade. */
export function logRatios(lo = -2, hi = 3, perDecade = 10): number[] {
  const out: number[] = [];
  for (let i = 0; i <= (hi - lo) * perDecade; i++) out.push(10 ** (lo + i / perDecade));
  return out;
}

/** Theorem 3's p_r for the experiment, its boundary and the curve; undefined for a decoder the theory does not cover. */
export function predictionFor(config: ExperimentConfig): TheoryPrediction | undefined {
  if (config.decoder.kind !== 'mlp') return undefined;
  const boundary = predictPhaseBoundary(config, { seeds: 4, maxPairs: 600 });
  const { lrEncoder, lrDecoder } = config.dynamics;
  return {
    criticalRatio: boundary.criticalRatio,
    ratio: lrDecoder / lrEncoder,
    pr: boundary.probability(lrEncoder, lrDecoder),
    curve: logRatios().map((ratio) => ({ ratio, pr: boundary.probability(1, ratio) })),
  };
}

/** Description lengths of the paper's families at the experiment's n, and of its own relation. */
export function staticsFor(config: ExperimentConfig): StaticsRow[] {
  const n = config.task.n;
  const rows: StaticsRow[] = [];
  try {
    const own = descriptionLength(relationOf(config.task));
    rows.push({ relation: `this experiment (${config.task.relation})`, n, bits: own.bits, automorphisms: own.automorphisms.toString(), current: true });
  } catch {
    // an unusual graph whose automorphism search is refused: the families still show
  }
  for (const k of [2, 3, 5].filter((k) => k <= n)) {
    rows.push({ relation: `equivalence mod ${k}`, n, bits: equivalenceBits(modClassSizes(n, k)), automorphisms: '', current: false });
  }
  rows.push({ relation: 'total order', n, bits: totalOrderBits(n), automorphisms: '1', current: false });
  const a = Math.max(1, Math.floor(n / 3));
  rows.push({ relation: `complete bipartite K${a},${n - a}`, n, bits: completeBipartiteBits(n, a), automorphisms: '', current: false });
  return rows;
}
