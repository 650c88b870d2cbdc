import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RunStore, type StoredRun } from '@geneft/core/node';

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
 * (OUT's own first), traces copied alongside. A run whose hash is already kept but whose
 * outcome differs is a conflict — the same config gave another phase or accuracy (another
 * backend, a non-deterministic one) — and is reported, never silently chosen.
 */
export function mergeStores(out: string, inputs: readonly string[]): MergeReport {
  // Check every input first: a typo in a shard path must not leave a half-merged OUT.
  for (const dir of inputs) if (!existsSync(join(dir, 'runs.jsonl'))) throw new MergeInputError(dir);
  const target = RunStore.open(out);
  const keptIn = new Map<string, { run: StoredRun; store: string }>();
  for (const run of target.readAll()) keptIn.set(run.configHash, { run, store: out });
  const report: MergeReport = { out, added: 0, duplicates: 0, conflicts: [], total: 0 };
  for (const dir of inputs) {
    const source = RunStore.open(dir);
    for (const run of source.readAll()) {
      const kept = keptIn.get(run.configHash);
      if (kept) {
        const fields = OUTCOME.filter((f) => !sameValue(kept.run[f], run[f]));
        if (fields.length === 0) report.duplicates++;
        else report.conflicts.push({ configHash: run.configHash, kept: kept.store, other: dir, fields });
        continue;
      }
      let trace: string | undefined;
      if (run.trace && existsSync(join(dir, run.trace))) {
        mkdirSync(join(out, 'traces'), { recursive: true });
        trace = join('traces', `${run.configHash}.json`);
        copyFileSync(join(dir, run.trace), join(out, trace));
      }
      const { trace: _old, ...rest } = run;
      target.append({ ...rest, ...(trace ? { trace } : {}) });
      keptIn.set(run.configHash, { run, store: dir });
      report.added++;
    }
  }
  report.total = target.size;
  return report;
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
