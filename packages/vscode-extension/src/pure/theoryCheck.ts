/**
 * Theory beside measurement: the fraction of runs that generalized at each learning-rate ratio
 * η_dec/η_enc, with its Wilson interval, against the repon theory's p_r at that ratio, and one
 * plain line saying where they agree. VS Code-free.
 */
import { wilsonInterval } from '@geneft/viz';
import type { Phase } from './coreTypes';
import { formatNumber } from './format';
import type { TheoryPrediction } from './messages';

export interface RatioOutcome {
  ratio: number;
  generalizing: number;
  total: number;
}

export interface RatioComparison extends RatioOutcome {
  predicted: number;
  lo: number;
  hi: number;
  agrees: boolean;
}

/** Ratios that differ only in floating-point noise (1e-2/1e-3 vs 10) are one ratio. */
export function ratioKey(ratio: number): number {
  return Number(ratio.toPrecision(6));
}

const generalized = (phase: Phase) => phase === 'comprehension' || phase === 'grokking';

/** Finished runs grouped by η_dec/η_enc: how many generalized of how many, ratios ascending. */
export function measuredByRatio(runs: readonly { config: Record<string, unknown>; phase?: Phase }[]): RatioOutcome[] {
  const groups = new Map<number, RatioOutcome>();
  for (const run of runs) {
    const dyn = run.config.dynamics as { lrEncoder?: unknown; lrDecoder?: unknown } | undefined;
    if (!run.phase || typeof dyn?.lrEncoder !== 'number' || typeof dyn.lrDecoder !== 'number') continue;
    const ratio = ratioKey(dyn.lrDecoder / dyn.lrEncoder);
    const g = groups.get(ratio) ?? { ratio, generalizing: 0, total: 0 };
    g.total += 1;
    if (generalized(run.phase)) g.generalizing += 1;
    groups.set(ratio, g);
  }
  return [...groups.values()].sort((a, b) => a.ratio - b.ratio);
}

/** Theory's p_r at a measured ratio: exact when the runner computed it there, else undefined. */
function predictedAt(theory: TheoryPrediction, ratio: number): number | undefined {
  if (ratioKey(theory.ratio) === ratio) return theory.pr;
  return theory.at?.find((p) => ratioKey(p.ratio) === ratio)?.pr;
}

/** Each measured ratio against the theory: they agree when p_r lies in the measured Wilson interval. */
export function compareWithTheory(measured: readonly RatioOutcome[], theory: TheoryPrediction, z = 1.96): RatioComparison[] {
  const out: RatioComparison[] = [];
  for (const m of measured) {
    const predicted = predictedAt(theory, m.ratio);
    if (predicted === undefined) continue;
    const [lo, hi] = wilsonInterval(m.generalizing, m.total, z);
    out.push({ ...m, predicted, lo, hi, agrees: predicted >= lo && predicted <= hi });
  }
  return out;
}

/** The plain line under a p_r plot, e.g. "Theory and measurement agree at 3 of 4 ratios; they disagree at 10 (measured 0 of 2, p_r 0.81)." */
export function agreementLine(comparisons: readonly RatioComparison[]): string {
  if (comparisons.length === 0) return 'No finished run to compare with the theory yet.';
  const agree = comparisons.filter((c) => c.agrees).length;
  const off = comparisons.filter((c) => !c.agrees);
  const detail = (c: RatioComparison) => `${formatNumber(c.ratio)} (measured ${c.generalizing} of ${c.total}, p_r ${c.predicted.toFixed(2)})`;
  if (comparisons.length === 1) {
    const c = comparisons[0];
    return `At η_dec/η_enc = ${formatNumber(c.ratio)}, ${c.generalizing} of ${c.total} generalized; the theory's p_r = ${c.predicted.toFixed(2)} ${c.agrees ? 'agrees' : 'disagrees'} (95% interval ${c.lo.toFixed(2)}–${c.hi.toFixed(2)}).`;
  }
  if (off.length === 0) return `Theory and measurement agree at all ${comparisons.length} ratios (p_r inside each 95% interval).`;
  return `Theory and measurement agree at ${agree} of ${comparisons.length} ratios; they disagree at ${off.slice(0, 3).map(detail).join(', ')}${off.length > 3 ? ', …' : ''}.`;
}
