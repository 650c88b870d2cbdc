/**
 * What @geneft/theory predicts for an experiment, in the shapes the panels draw. Runs in the
 * runner process (predictPhaseBoundary evaluates decoder Jacobians over several seeds). VS Code-free.
 */
import { relationOf, type Backend, type ExperimentConfig, type TaskConfig } from '@geneft/core';
import { criticalFraction, descriptionLength, predictPhaseBoundary } from '@geneft/theory';
import type { StaticsRow, TheoryPrediction } from '../pure/messages';

/** Ratios η_dec/η_enc from 10^lo to 10^hi, `perDecade` points a decade. */
export function logRatios(lo = -2, hi = 3, perDecade = 10): number[] {
  const out: number[] = [];
  for (let i = 0; i <= (hi - lo) * perDecade; i++) out.push(10 ** (lo + i / perDecade));
  return out;
}

/**
 * The predicted fraction generalizing for the experiment (`predictPhaseBoundary`'s predictedRatio
 * and predictedFraction: the fit race on `backend` — the same numbers the CLI and the report show),
 * its boundary and the curve at the config's η_enc; undefined for a decoder the theory does not
 * cover, or a race longer than 20,000 steps a training (the runner does not hold a run up for it).
 */
export async function predictionFor(config: ExperimentConfig, ratios: readonly number[] = [], backend?: Backend): Promise<TheoryPrediction | undefined> {
  if (config.decoder.kind !== 'mlp') return undefined;
  const boundary = await predictPhaseBoundary(config, { seeds: 4, maxPairs: 600, kernelPairs: 20, race: { backend, iterations: 6, maxSteps: 20_000 } });
  // the race found no crossing in its η_dec bracket (an encoder so fast that the decoder never
  // fits in time, or so slow that it always does): the line is drawn at the bracket's edge, past
  // which the boundary lies (JSON has no Infinity)
  const [low, high] = boundary.race.lrDecoderRange.map((lr) => lr / config.dynamics.lrEncoder);
  const criticalRatio = Math.min(high, Math.max(low, boundary.predictedRatio));
  const { lrEncoder, lrDecoder } = config.dynamics;
  return {
    criticalRatio,
    ratio: lrDecoder / lrEncoder,
    pr: boundary.predictedFraction(lrDecoder / lrEncoder),
    curve: logRatios().map((ratio) => ({ ratio, pr: boundary.predictedFraction(ratio) })),
    at: ratios.map((ratio) => ({ ratio, pr: boundary.predictedFraction(ratio) })),
  };
}

/** The relations of the Theory panel's rows: the experiment's own, then the paper's families at its n. */
function rowTasks(task: TaskConfig): { label: string; task: TaskConfig; current: boolean }[] {
  const n = task.n;
  const a = Math.max(1, Math.floor(n / 3));
  const rows: { label: string; task: TaskConfig; current: boolean }[] = [{ label: `this experiment (${task.relation})`, task, current: true }];
  for (const k of [2, 3, 5].filter((k) => k <= n)) rows.push({ label: `equivalence mod ${k}`, task: { ...task, relation: 'mod', k } as TaskConfig, current: false });
  rows.push({ label: 'total order', task: { ...task, relation: 'greater' } as TaskConfig, current: false });
  rows.push({ label: `complete bipartite K${a},${n - a}`, task: { ...task, relation: 'bipartite', a } as TaskConfig, current: false });
  return rows;
}

/**
 * Description length b, |Aut(G)| and the critical training fraction p_c of the experiment's own
 * relation and of the paper's families at the same n, each computed the same way: from the
 * relation core builds (so every row has its |Aut(G)|, exactly, as a BigInt).
 */
export function staticsFor(config: ExperimentConfig): StaticsRow[] {
  const n = config.task.n;
  const rows: StaticsRow[] = [];
  for (const row of rowTasks(config.task)) {
    try {
      const d = descriptionLength(relationOf(row.task));
      rows.push({ relation: row.label, n, bits: d.bits, automorphisms: d.automorphisms.toString(), criticalFraction: criticalFraction(d.bits, n * n), current: row.current });
    } catch {
      // an unusual graph whose automorphism search is refused: the other rows still show
    }
  }
  return rows;
}
