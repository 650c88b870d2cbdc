import { resolveSweep, sweepCells, type ExperimentConfig } from '@geneft/core';
import { executeSweep, type RunStore, type StoredRun } from '@geneft/core/node';

export type Mode = 'quick' | 'full';

/** What every figure's experiment gets: the mode's budgets, where runs go, how to report. */
export interface ReproduceContext {
  mode: Mode;
  backend: string;
  /** one store for the whole report, so an interrupted `geneft reproduce` resumes. */
  store: RunStore;
  workers?: number;
  setupModules: string[];
  log(line: string): void;
  signal?: AbortSignal;
}

/**
 * The memorization plateau's window, in steps: the one validated at paper scale. With it (and
 * core's default margin of 0.05 below the threshold) the 26 Fig. 5 runs a full reproduction
 * stopped early all gave the same phase when re-trained to 10⁵ steps
 * (tools/validation/plateau.js). A window of a fifth of the budget (2,000 steps at 10,000) was
 * not safe: one Goldilocks run flat at test accuracy 0.81 for 2,000 steps grokked at step 9,800.
 * Budgets of 20,000 steps or fewer therefore never stop on a plateau.
 */
const PLATEAU_WINDOW = 20000;

/**
 * The budget block every figure's runs use. Steps: the phase figures (Fig. 5, Fig. 8, Theorem 3)
 * use Table IV's 10⁵ in full mode; the statics (Fig. 2, Fig. 3, Goldilocks) the 5,000–10,000 of
 * the authors' scripts (science.md B), as the paper gives none.
 */
export function budget(steps: number, extra: { grokDelay?: number } = {}) {
  return { steps, evalEvery: 100, plateauWindow: PLATEAU_WINDOW, ...extra };
}

/**
 * The paper's encoder (Table III: d = 2), initialised as the cited reproduction does, 0.5·randn:
 * σ = 0.5. Every figure sets it explicitly, so a change of core's default cannot move a figure.
 */
export const PAPER_ENCODER = { dim: 2, initScale: 0.5 } as const;

/** Picks the quick or the full value. */
export const pick = <T>(ctx: ReproduceContext, quick: T, full: T): T => (ctx.mode === 'quick' ? quick : full);

/**
 * Runs a sweep (base + axes + seeds, as in a *.sweep.json) through the store and returns its
 * runs in grid order. Cells already in the store are not run again.
 */
export async function runGrid(
  ctx: ReproduceContext,
  label: string,
  sweep: { base: unknown; axes: unknown[]; seeds: number[]; splitSeeds?: 'fixed' | 'fromSeed' },
): Promise<StoredRun[]> {
  const spec = resolveSweep(sweep);
  const cells = sweepCells(spec);
  const started = Date.now();
  await executeSweep(spec, { store: ctx.store, backend: ctx.backend, workers: ctx.workers, setupModules: ctx.setupModules, signal: ctx.signal });
  const byHash = new Map(ctx.store.readAll().map((r) => [r.configHash, r]));
  const runs = cells.map((c) => byHash.get(c.configHash)).filter((r): r is StoredRun => r !== undefined);
  ctx.log(`${label}: ${runs.length} runs (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (runs.length < cells.length) throw new Error(`${label}: interrupted after ${runs.length} of ${cells.length} runs`);
  return runs;
}

/** Accuracy over the whole dataset, p·train + (1 − p)·test (the paper's Fig. 2/3 "prediction accuracy"). */
export function wholeDatasetAccuracy(run: { config: ExperimentConfig; trainAccuracy: number; testAccuracy: number }): number {
  const p = run.config.task.trainFraction;
  const test = Number.isFinite(run.testAccuracy) ? run.testAccuracy : run.trainAccuracy;
  return p * run.trainAccuracy + (1 - p) * test;
}

export const generalized = (run: StoredRun): boolean => run.phase === 'comprehension' || run.phase === 'grokking';

/** How many runs ended in each phase (phases that never occurred are left out). */
export function countPhases(runs: readonly StoredRun[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of runs) counts[r.phase] = (counts[r.phase] ?? 0) + 1;
  return counts;
}

/** Mean and sample standard deviation. */
export function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  const sd = values.length > 1 ? Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (values.length - 1)) : 0;
  return { mean, sd };
}

/** Groups items by a key, keeping first-seen order. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}
