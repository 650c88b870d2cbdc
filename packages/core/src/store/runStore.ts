import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, realpathSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { GenEftInputError } from '../errors';
import type { ParamsJson } from '../model/params';
import type { EvalRecord, Phase } from '../run/phase';
import type { RunResult } from '../run/run';
import { asWriteError, isInside, MAX_INPUT_BYTES, readInputText, writeAll, writeJsonFile } from './files';
import { isConfigHash, PARAMS_DIR, paramsPath, RUNS_FILE, TEMP_FILE_PATTERN, TRACES_DIR, tracePath } from './layout';
import { parseRunLines, type StoredRun, type StoreProblem } from './lines';
import { acquireLock } from './lock';
import { countPhases } from '../sweep/progress';

export type { StoredRun, StoreProblem } from './lines';

/** The state of a store this process writes, shared by every RunStore.open of it in the process. */
interface Writer {
  release: () => void;
  refs: number;
  hashes: Set<string>;
}
const writers = new Map<string, Writer>();

/**
 * The run store (DESIGN.md "Run store"): a directory with append-only `runs.jsonl`, one line
 * per finished run, fsynced on every write; traces and parameters beside it (see ./layout.ts).
 *
 * - `RunStore.open(dir)` is a writer: it takes the store's exclusive lock (a second process
 *   gets StoreBusyError; a dead owner's lock is taken over), truncates a line torn by a crash,
 *   and removes temporary files left by one. Every opening in one process shares one writer.
 * - `RunStore.read(dir)` is a reader (the report, merge inputs, the VS Code view): no lock, no
 *   change to the files.
 *
 * Both read lines the same way (./lines.ts): a torn or invalid line, or `{}`, is skipped and
 * listed in `problems` (its cell runs again); a repeated config hash counts once; a line that
 * names a path outside the store's layout is refused with a GenEftInputError.
 */
export class RunStore {
  readonly file: string;
  /** what was skipped by the last read (see StoreProblem). */
  problems: StoreProblem[] = [];
  private snapshot: StoredRun[] = [];
  private snapshotHashes = new Set<string>();
  private closed = false;

  private constructor(
    readonly dir: string,
    private readonly writer: Writer | null,
  ) {
    this.file = join(dir, RUNS_FILE);
  }

  /** Opens a store for writing, creating it if needed; throws StoreBusyError if another live process writes it. */
  static open(dir: string): RunStore {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw asWriteError(dir, error);
    }
    const key = realpathSync(dir);
    let writer = writers.get(key);
    if (!writer) {
      const release = acquireLock(dir);
      writer = { release, refs: 0, hashes: new Set() };
      try {
        const store = new RunStore(dir, writer);
        store.removeTempFiles();
        store.truncateTornTail();
        for (const run of store.readAll()) writer.hashes.add(run.configHash);
      } catch (error) {
        release();
        throw error;
      }
      writers.set(key, writer);
    }
    writer.refs++;
    const store = new RunStore(dir, writer);
    store.readAll();
    return store;
  }

  /** Opens a store for reading only; a missing store reads as empty. */
  static read(dir: string): RunStore {
    const store = new RunStore(dir, null);
    store.readAll();
    return store;
  }

  /** Whether a run of this config hash is stored. */
  has(configHash: string): boolean {
    return (this.writer?.hashes ?? this.snapshotHashes).has(configHash);
  }

  /** Distinct runs stored. */
  get size(): number {
    return (this.writer?.hashes ?? this.snapshotHashes).size;
  }

  /** Reads runs.jsonl: the distinct valid runs, in file order; `problems` lists what was skipped. */
  readAll(): StoredRun[] {
    if (!existsSync(this.file)) {
      this.snapshot = [];
      this.problems = [];
    } else {
      // A store may be large, but never a device or a FIFO.
      const parsed = parseRunLines(readInputText(this.file, Number.MAX_SAFE_INTEGER));
      const unsafe = parsed.problems.find((p) => p.kind === 'unsafe');
      if (unsafe) {
        throw new GenEftInputError(
          `line ${unsafe.line}`,
          `a run line of this store's layout, but ${unsafe.reason} (a crafted or damaged store: geneft store repair drops such lines)`,
          undefined,
          this.file,
        );
      }
      this.snapshot = parsed.runs;
      this.problems = parsed.problems;
    }
    if (!this.writer) this.snapshotHashes = new Set(this.snapshot.map((r) => r.configHash));
    return this.snapshot;
  }

  /** Runs per phase, each config hash once; only the hashes in `only` when given (a sweep's cells). */
  phaseCounts(only?: ReadonlySet<string>): Partial<Record<Phase, number>> {
    return countPhases(this.snapshot.filter((r) => !only || only.has(r.configHash)));
  }

  /** Appends a run; a run whose config hash is already stored is not written again. Returns whether it was written. */
  append(run: StoredRun): boolean {
    const writer = this.requireWriter();
    if (writer.hashes.has(run.configHash)) return false;
    const line = Buffer.from(`${JSON.stringify(run)}\n`, 'utf8');
    const checked = parseRunLines(line.toString('utf8'));
    if (checked.runs.length !== 1) throw new Error(`not a valid store line (${checked.problems[0]?.reason ?? 'empty'}): ${run.configHash}`);
    let fd: number | undefined;
    let size = 0;
    try {
      fd = openSync(this.file, 'a');
      size = fstatSync(fd).size;
      writeAll(fd, line);
      fsyncSync(fd);
    } catch (error) {
      // A short write (a full disk) leaves part of a line: cut the file back to its last complete line.
      if (fd !== undefined) {
        try {
          ftruncateSync(fd, size);
        } catch {
          // the store then ends in a torn line, which the next writer truncates
        }
      }
      throw asWriteError(this.file, error);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    writer.hashes.add(run.configHash);
    this.snapshot.push(run);
    return true;
  }

  /** Appends a run result, its trace in traces/<hash>.json and, when given, its final parameters in params/<hash>.json. */
  appendResult(result: RunResult, options: { keepTrace?: boolean; params?: ParamsJson } = {}): boolean {
    this.requireWriter();
    if (this.has(result.configHash)) return false;
    const keepTrace = options.keepTrace !== false;
    try {
      if (keepTrace) {
        mkdirSync(join(this.dir, TRACES_DIR), { recursive: true });
        writeJsonFile(join(this.dir, tracePath(result.configHash)), result.trace);
      }
      if (options.params) {
        mkdirSync(join(this.dir, PARAMS_DIR), { recursive: true });
        writeJsonFile(join(this.dir, paramsPath(result.configHash)), options.params);
      }
    } catch (error) {
      throw asWriteError(this.dir, error);
    }
    return this.append({ ...toStoredRun(result), ...(keepTrace ? { trace: tracePath(result.configHash) } : {}) });
  }

  /** A run's trace, or undefined when it has none or its file is missing. */
  readTrace(run: StoredRun): EvalRecord[] | undefined {
    const file = this.traceFile(run);
    return file ? (JSON.parse(readInputText(file, MAX_INPUT_BYTES)) as EvalRecord[]) : undefined;
  }

  /** A run's final parameters (params.json layout), or undefined when none were kept. */
  readParams(configHash: string): ParamsJson | undefined {
    const file = this.insideFile(paramsPath(checkedHash(configHash)));
    return file ? (JSON.parse(readInputText(file, MAX_INPUT_BYTES)) as ParamsJson) : undefined;
  }

  /** The absolute path of a run's trace file (checked to lie inside the store), or undefined. */
  traceFile(run: StoredRun): string | undefined {
    if (run.trace === undefined) return undefined;
    if (run.trace !== tracePath(checkedHash(run.configHash))) {
      throw new GenEftInputError('trace', `"${tracePath('<configHash>')}" inside the store`, undefined, this.file);
    }
    return this.insideFile(run.trace);
  }

  /** Releases this opening; the lock goes once every opening in this process is closed. */
  close(): void {
    if (this.closed || !this.writer) return;
    this.closed = true;
    if (--this.writer.refs === 0) {
      for (const [key, w] of writers) if (w === this.writer) writers.delete(key);
      this.writer.release();
    }
  }

  /** A regular file at a layout path, resolved with symlinks and checked to lie inside the store. */
  private insideFile(relativePath: string): string | undefined {
    const file = join(this.dir, relativePath);
    if (!existsSync(file)) return undefined;
    const real = realpathSync(file);
    if (!isInside(real, realpathSync(this.dir)) || !statSync(real).isFile()) {
      throw new GenEftInputError(relativePath, 'a regular file inside the store', undefined, this.dir);
    }
    return real;
  }

  private requireWriter(): Writer {
    if (!this.writer) throw new Error(`store ${this.dir} was opened for reading: use RunStore.open to write`);
    if (this.closed) throw new Error(`store ${this.dir} is closed`);
    return this.writer;
  }

  private truncateTornTail(): void {
    if (!existsSync(this.file)) return;
    const parsed = parseRunLines(readInputText(this.file, Number.MAX_SAFE_INTEGER));
    if (parsed.problems.some((p) => p.kind === 'torn')) truncateSync(this.file, parsed.completeBytes);
  }

  /** Temporary files of writeFileAtomic left by a killed writer (this process holds the lock: none is live). */
  private removeTempFiles(): void {
    for (const sub of ['', TRACES_DIR, PARAMS_DIR]) {
      const dir = join(this.dir, sub);
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir)) if (TEMP_FILE_PATTERN.test(name)) rmSync(join(dir, name), { recursive: true, force: true });
    }
  }
}

function checkedHash(configHash: string): string {
  if (!isConfigHash(configHash)) throw new GenEftInputError('configHash', '16 hex digits');
  return configHash;
}

/** The store line of a run result: its summary without trace, abort flag or parameters. */
export function toStoredRun(result: RunResult): StoredRun {
  const { trace: _trace, aborted: _aborted, finalParams: _params, ...summary } = result as RunResult & { finalParams?: unknown };
  return { ...summary, finishedAt: new Date().toISOString() };
}
