/**
 * Reading the workspace's run store for the GenEFT view, through core's one store reader
 * (RunStore.read): read-only, a torn or invalid line is skipped, a line naming a path outside
 * the store's layout is refused (GenEftInputError), traces are read only from
 * traces/<hash>.json inside the store. VS Code-free.
 *
 * Layout under the store directory (setting geneft.storeDirectory):
 *   runs/runs.jsonl                    single runs (Run Experiment)
 *   runs/traces/<hash>.json            their metrics traces
 *   runs/params/<hash>.json            their final parameters (params.json format)
 *   sweeps/<sweep name>/runs.jsonl     one store per sweep file
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { GenEftInputError } from '@geneft/core';
import { countPhases, parseRunLines as parseStoreLines, RunStore } from '@geneft/core/node';
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

/** Parses runs.jsonl text; blank, torn and invalid lines are skipped (core's line rules). */
export function parseRunLines(text: string): StoredRun[] {
  return parseStoreLines(text).runs;
}

export function readRuns(dir: string): StoredRun[] {
  return RunStore.read(dir).readAll();
}

export const phaseCounts = countPhases;

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
  return tolerant(() => RunStore.read(dir).readTrace(run));
}

/** Final embeddings kept by the runner beside a single run, if any. */
export function readFinalEmbeddings(dir: string, run: StoredRun): number[][] | undefined {
  return tolerant(() => RunStore.read(dir).readParams(run.configHash)?.embeddings);
}

/** A missing or unreadable file reads as nothing; a path outside the store is refused. */
function tolerant<T>(read: () => T | undefined): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof GenEftInputError) throw error;
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
