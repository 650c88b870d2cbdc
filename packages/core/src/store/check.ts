import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isConfigHash, LOCK_FILE, PARAMS_DIR, RUNS_FILE, TEMP_FILE_PATTERN, TRACES_DIR, tracePath } from './layout';
import { parseRunLines, type StoreProblem } from './lines';
import { readInputText, writeFileAtomic } from './files';
import { acquireLock, isStale, readOwner } from './lock';

/** What `geneft store check` finds in a store. */
export interface StoreReport {
  dir: string;
  /** distinct valid runs. */
  runs: number;
  /** skipped lines: torn, invalid, duplicate, unsafe (see StoreProblem). */
  problems: StoreProblem[];
  /** leftover temporary files of killed writers, relative to the store. */
  tempFiles: string[];
  /** runs whose trace file is missing (config hashes). */
  missingTraces: string[];
  /** trace and parameter files no run refers to, relative to the store. */
  orphanFiles: string[];
  /** the pid of a lock whose process is gone, if any. */
  staleLock: number | null;
}

export function storeIsClean(report: StoreReport): boolean {
  return report.problems.length === 0 && report.tempFiles.length === 0 && report.missingTraces.length === 0 && report.orphanFiles.length === 0 && report.staleLock === null;
}

/** Inspects a store without changing it. */
export function checkStore(dir: string): StoreReport {
  const file = join(dir, RUNS_FILE);
  const parsed = parseRunLines(existsSync(file) ? readInputText(file, Number.MAX_SAFE_INTEGER) : '');
  const referenced = new Set<string>();
  const missingTraces: string[] = [];
  for (const run of parsed.runs) {
    referenced.add(`${run.configHash}.json`);
    if (run.trace && !existsSync(join(dir, tracePath(run.configHash)))) missingTraces.push(run.configHash);
  }
  const tempFiles: string[] = [];
  const orphanFiles: string[] = [];
  for (const sub of ['', TRACES_DIR, PARAMS_DIR]) {
    const folder = join(dir, sub);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) {
      const rel = sub ? `${sub}/${name}` : name;
      if (TEMP_FILE_PATTERN.test(name) || /\.\d+\.(new|stale)$/.test(name)) tempFiles.push(rel);
      else if (sub && !(name.endsWith('.json') && isConfigHash(name.slice(0, -5)) && referenced.has(name))) orphanFiles.push(rel);
    }
  }
  const owner = existsSync(join(dir, LOCK_FILE)) ? readOwner(join(dir, LOCK_FILE)) : undefined;
  const staleLock = owner === undefined ? null : owner === null ? -1 : isStale(owner) ? owner.pid : null;
  return { dir, runs: parsed.runs.length, problems: parsed.problems, tempFiles, missingTraces, orphanFiles, staleLock };
}

/**
 * Repairs a store in place, under its lock (a store in use by a live process is refused):
 * keeps the first line of each config hash that is a valid run (dropping torn, invalid,
 * duplicate and unsafe lines, and the trace reference of a run whose trace file is gone),
 * rewrites runs.jsonl atomically, and removes temporary and orphaned files. Returns what was
 * found before the repair; the cells of dropped lines run again on the next sweep.
 */
export function repairStore(dir: string): StoreReport {
  const { staleLock } = checkStore(dir);
  const release = acquireLock(dir); // takes over a stale lock
  try {
    const report = { ...checkStore(dir), staleLock };
    const file = join(dir, RUNS_FILE);
    if (existsSync(file) && (report.problems.length > 0 || report.missingTraces.length > 0)) {
      const parsed = parseRunLines(readInputText(file, Number.MAX_SAFE_INTEGER));
      const missing = new Set(report.missingTraces);
      const lines = parsed.runs.map((run) => {
        if (!missing.has(run.configHash)) return JSON.stringify(run);
        const { trace: _gone, ...rest } = run;
        return JSON.stringify(rest);
      });
      writeFileAtomic(file, lines.map((l) => `${l}\n`).join(''));
    }
    for (const rel of [...report.tempFiles, ...report.orphanFiles]) rmSync(join(dir, rel), { recursive: true, force: true });
    return report;
  } finally {
    release();
  }
}
