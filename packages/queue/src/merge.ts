import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PARAMS_DIR, RUNS_FILE, RunStore, TRACES_DIR, tracePath, writeJsonFile, type StoredRun } from '@geneft/core/node';

/** Fields that must agree for two runs of one config to be the same result. */
const OUTCOME = ['phase', 'stepTrain', 'stepTest', 'steps', 'trainAccuracy', 'testAccuracy'] as const;

export interface MergeConflict {
  configHash: string;
  /** the store whose run was kept, and the one that disagreed. */
  kept: string;
  other: string;
  /** outcome fields that differ. */
  fields: string[];
}

export interface MergeReport {
  out: string;
  /** runs appended to OUT. */
  added: number;
  /** runs already in OUT with the same outcome. */
  duplicates: number;
  conflicts: MergeConflict[];
  /** runs in OUT after the merge. */
  total: number;
}

/**
 * Joins run stores (shards) into OUT: each config hash once, the first store's run kept
 * (OUT's own first), traces and parameter sidecars copied alongside. A run whose hash is already
 * kept but whose outcome differs is a conflict — the same config gave another phase or accuracy
 * (another backend, a non-deterministic one) — and is reported, never silently chosen.
 *
 * Every input is read (and refused, if a line leaves the store layout) before OUT is touched;
 * OUT is locked, the merged store is built in a temporary sibling folder and renamed into place
 * when complete, so an interrupted merge leaves OUT as it was.
 */
export function mergeStores(out: string, inputs: readonly string[]): MergeReport {
  // Check every input first: a typo in a shard path must not leave a half-merged OUT.
  for (const dir of inputs) if (!existsSync(join(dir, RUNS_FILE))) throw new MergeInputError(dir);
  const sources = inputs.map((dir) => RunStore.read(dir));
  const target = RunStore.open(out);
  const building = `${out}.${process.pid}.tmp`;
  rmSync(building, { recursive: true, force: true });
  try {
    const merged = RunStore.open(building);
    const keptIn = new Map<string, { run: StoredRun; store: string }>();
    const report: MergeReport = { out, added: 0, duplicates: 0, conflicts: [], total: 0 };
    try {
      const copy = (source: RunStore, run: StoredRun) => {
        const trace = source.traceFile(run);
        if (trace) {
          mkdirSync(join(building, TRACES_DIR), { recursive: true });
          copyFileSync(trace, join(building, tracePath(run.configHash)));
        }
        const params = source.readParams(run.configHash);
        if (params) writeJsonFile(join(mkdirp(join(building, PARAMS_DIR)), `${run.configHash}.json`), params);
        const { trace: _old, ...rest } = run;
        merged.append({ ...rest, ...(trace ? { trace: tracePath(run.configHash) } : {}) });
      };
      for (const run of target.readAll()) {
        copy(target, run);
        keptIn.set(run.configHash, { run, store: out });
      }
      sources.forEach((source, i) => {
        for (const run of source.readAll()) {
          const kept = keptIn.get(run.configHash);
          if (kept) {
            const fields = OUTCOME.filter((f) => !sameValue(kept.run[f], run[f]));
            if (fields.length === 0) report.duplicates++;
            else report.conflicts.push({ configHash: run.configHash, kept: kept.store, other: inputs[i], fields });
            continue;
          }
          copy(source, run);
          keptIn.set(run.configHash, { run, store: inputs[i] });
          report.added++;
        }
      });
      report.total = merged.size;
    } finally {
      merged.close();
    }
    replaceStore(building, out);
    return report;
  } finally {
    target.close();
    rmSync(building, { recursive: true, force: true });
  }
}

function mkdirp(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Swaps the finished store in for OUT: OUT is renamed aside first and removed once the new one is in place. */
function replaceStore(finished: string, target: string): void {
  const old = `${target}.${process.pid}.old`;
  renameSync(target, old);
  try {
    renameSync(finished, target);
  } catch (error) {
    renameSync(old, target);
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

export class MergeInputError extends Error {
  override name = 'MergeInputError';
  constructor(readonly dir: string) {
    super(`${dir}: expected a run store (a directory holding runs.jsonl)`);
  }
}
