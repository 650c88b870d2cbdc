import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { GenEftInputError } from '../errors';
import type { EvalRecord } from '../run/phase';
import type { RunResult } from '../run/run';
import { writeJsonFile } from './files';

/** One line of runs.jsonl (DESIGN.md "Run store"): a run's summary without its trace. */
export type StoredRun = Omit<RunResult, 'trace' | 'aborted'> & {
  /** ISO time the run finished. */
  finishedAt: string;
  /** file (relative to the store) holding the metrics trace, if kept. */
  trace?: string;
};

const RUNS_FILE = 'runs.jsonl';

/**
 * A directory holding append-only JSON Lines, one finished run per line, fsynced on every
 * write, so a killed sweep resumes without losing or repeating a run. A line cut short by a
 * crash is dropped when the store is opened; traces live in traces/<configHash>.json.
 */
export class RunStore {
  private readonly hashes = new Set<string>();
  readonly file: string;

  private constructor(readonly dir: string) {
    this.file = join(dir, RUNS_FILE);
  }

  /** Opens (creating if needed) a store and repairs a torn last line. */
  static open(dir: string): RunStore {
    mkdirSync(dir, { recursive: true });
    const store = new RunStore(dir);
    store.repairTail();
    for (const run of store.readAll()) store.hashes.add(run.configHash);
    return store;
  }

  has(configHash: string): boolean {
    return this.hashes.has(configHash);
  }

  get size(): number {
    return this.hashes.size;
  }

  /** Appends a run; a run whose config hash is already stored is not written again. Returns whether it was written. */
  append(run: StoredRun): boolean {
    if (this.hashes.has(run.configHash)) return false;
    const fd = openSync(this.file, 'a');
    try {
      writeSync(fd, `${JSON.stringify(run)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.hashes.add(run.configHash);
    return true;
  }

  /** Appends a run result, keeping its trace in its own file. */
  appendResult(result: RunResult, options: { keepTrace?: boolean } = {}): boolean {
    if (this.hashes.has(result.configHash)) return false;
    let trace: string | undefined;
    if (options.keepTrace !== false) {
      trace = join('traces', `${result.configHash}.json`);
      mkdirSync(join(this.dir, 'traces'), { recursive: true });
      writeJsonFile(join(this.dir, trace), result.trace);
    }
    return this.append({ ...toStoredRun(result), ...(trace ? { trace } : {}) });
  }

  readAll(): StoredRun[] {
    if (!existsSync(this.file)) return [];
    const lines = readFileSync(this.file, 'utf8').split('\n');
    const runs: StoredRun[] = [];
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        runs.push(JSON.parse(line) as StoredRun);
      } catch {
        throw new GenEftInputError(`line ${i + 1}`, 'one JSON object per line', line, this.file);
      }
    });
    return runs;
  }

  readTrace(run: StoredRun): EvalRecord[] | undefined {
    if (!run.trace) return undefined;
    return JSON.parse(readFileSync(join(this.dir, run.trace), 'utf8')) as EvalRecord[];
  }

  private repairTail(): void {
    if (!existsSync(this.file)) return;
    const text = readFileSync(this.file, 'utf8');
    if (text === '' || text.endsWith('\n')) return;
    truncateSync(this.file, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
  }
}

export function toStoredRun(result: RunResult): StoredRun {
  // finalParams may ride along on runExperiment's result; parameters are not part of the store line.
  const { trace: _trace, aborted: _aborted, finalParams: _params, ...summary } = result as RunResult & { finalParams?: unknown };
  return { ...summary, finishedAt: new Date().toISOString() };
}
