/**
 * Reading the workspace's run store for the GenEFT view, read-only and tolerant (a line torn by
 * a killed runner is skipped, not repaired: only the runner writes). VS Code-free.
 *
 * Layout under the store directory (setting geneft.storeDirectory):
 *   runs/runs.jsonl                    single runs (Run Experiment)
 *   runs/traces/<hash>.json            their metrics traces
 *   runs/params/<hash>.json            their final parameters (params.json format)
 *   sweeps/<sweep name>/runs.jsonl     one store per sweep file
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { EvalRecord, Phase, StoredRun } from './coreTypes';

export interface SweepEntry {
  name: string;
  dir: string;
  runs: StoredRun[];
  phases: Partial<Record<Phase, number>>;
}

export interface StoreListing {
  runs: StoredRun[];
  sweeps: SweepEntry[];
}

export function runsDir(store: string): string {
  return join(store, 'runs');
}

/** `lr-phase-diagram.sweep.json` → `<store>/sweeps/lr-phase-diagram`. */
export function sweepDir(store: string, sweepFile: string): string {
  return join(store, 'sweeps', sweepName(sweepFile));
}

export function sweepName(sweepFile: string): string {
  return basename(sweepFile).replace(/\.sweep\.json$|\.json$/, '');
}

/** Parses runs.jsonl text; blank and torn lines are skipped. */
export function parseRunLines(text: string): StoredRun[] {
  const runs: StoredRun[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const run = JSON.parse(line) as StoredRun;
      if (run && typeof run.configHash === 'string' && typeof run.phase === 'string') runs.push(run);
    } catch {
      // torn last line of a killed writer
    }
  }
  return runs;
}

export function readRuns(dir: string): StoredRun[] {
  const file = join(dir, 'runs.jsonl');
  return existsSync(file) ? parseRunLines(readFileSync(file, 'utf8')) : [];
}

export function phaseCounts(runs: readonly { phase: Phase }[]): Partial<Record<Phase, number>> {
  const counts: Partial<Record<Phase, number>> = {};
  for (const r of runs) counts[r.phase] = (counts[r.phase] ?? 0) + 1;
  return counts;
}

export function listStore(store: string): StoreListing {
  const runs = readRuns(runsDir(store));
  const sweepsRoot = join(store, 'sweeps');
  const sweeps: SweepEntry[] = [];
  if (existsSync(sweepsRoot)) {
    for (const entry of readdirSync(sweepsRoot, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(sweepsRoot, entry.name);
      const sweepRuns = readRuns(dir);
      sweeps.push({ name: entry.name, dir, runs: sweepRuns, phases: phaseCounts(sweepRuns) });
    }
  }
  sweeps.sort((a, b) => a.name.localeCompare(b.name));
  return { runs, sweeps };
}

export function readTrace(dir: string, run: StoredRun): EvalRecord[] | undefined {
  if (!run.trace) return undefined;
  const file = join(dir, run.trace);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as EvalRecord[];
  } catch {
    return undefined;
  }
}

/** Final embeddings kept by the runner beside a single run, if any. */
export function readFinalEmbeddings(dir: string, run: StoredRun): number[][] | undefined {
  const file = join(dir, 'params', `${run.configHash}.json`);
  if (!existsSync(file)) return undefined;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { embeddings?: number[][] }).embeddings;
  } catch {
    return undefined;
  }
}

const fmt = (x: unknown) => (typeof x === 'number' ? Number(x.toPrecision(3)).toString() : String(x));

/** What distinguishes a run at a glance: task, rates, fraction. */
export function describeConfig(config: Record<string, unknown>): string {
  const task = (config.task ?? {}) as Record<string, unknown>;
  const dyn = (config.dynamics ?? {}) as Record<string, unknown>;
  const relation = task.relation === 'mod' ? `mod ${fmt(task.k)}` : String(task.relation ?? '?');
  return `${relation} n=${fmt(task.n)} p=${fmt(task.trainFraction)} · η_enc ${fmt(dyn.lrEncoder)} η_dec ${fmt(dyn.lrDecoder)} · seed ${fmt(config.seed)}`;
}

/** The tree label of a run: its phase and when it was reached. */
export function describeOutcome(run: Pick<StoredRun, 'phase' | 'stepTrain' | 'stepTest' | 'steps'>): string {
  const at = run.stepTest ?? run.stepTrain;
  return at === null || at === undefined ? `${run.phase} (${run.steps} steps)` : `${run.phase} @ ${at}`;
}

export function describePhases(phases: Partial<Record<Phase, number>>): string {
  return Object.entries(phases)
    .map(([phase, n]) => `${n} ${phase}`)
    .join(', ');
}

/** Config paths whose numeric values differ between runs (a stored sweep's axes), learning rates first. */
export function varyingPaths(configs: Record<string, unknown>[]): string[] {
  const values = new Map<string, Set<string>>();
  const walk = (node: unknown, prefix: string) => {
    if (typeof node === 'number') {
      if (!values.has(prefix)) values.set(prefix, new Set());
      values.get(prefix)!.add(String(node));
    } else if (node && typeof node === 'object' && !Array.isArray(node)) {
      for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
    }
  };
  for (const c of configs) walk(c, '');
  const varying = [...values].filter(([path, set]) => set.size > 1 && path !== 'seed').map(([path]) => path);
  const rank = (p: string) => (p === 'dynamics.lrEncoder' ? 0 : p === 'dynamics.lrDecoder' ? 1 : 2);
  return varying.sort((a, b) => rank(a) - rank(b));
}
