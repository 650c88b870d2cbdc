import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { GenEftInputError, resolveExperiment, runExperiment, StoreBusyError, StoreWriteError, type Phase } from '@geneft/core';
import { checkStore, repairStore, RunStore, storeIsClean, writeFileAtomic, type StoredRun } from '@geneft/core/node';

// The fs module object itself (not an import namespace), so a test can replace writeSync/fsyncSync.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs: typeof import('node:fs') = require('node:fs');

const tmp = () => mkdtempSync(join(tmpdir(), 'geneft-store-'));
const hash = (i: number) => i.toString(16).padStart(16, '0');

/** A complete store line (what a finished run writes), without running anything. */
function fakeRun(i: number, phase: Phase = 'memorization'): StoredRun {
  return {
    configHash: hash(i),
    config: resolveExperiment({ seed: i }),
    phase,
    stepTrain: 100,
    stepTest: null,
    trainAccuracy: 1,
    testAccuracy: 0.5,
    trainLoss: 0.01,
    testLoss: 1,
    steps: 1000,
    backend: 'reference',
    wallMs: 5,
    finishedAt: '2026-01-01T00:00:00.000Z',
  };
}
const line = (run: object) => `${JSON.stringify(run)}\n`;

describe('RunStore', () => {
  it('appends one JSON line per run, keeps the trace aside, and never stores a config twice', async () => {
    const dir = tmp();
    const config = resolveExperiment({ task: { n: 6 }, decoder: { kind: 'mlp', width: 4, depth: 1 }, budget: { steps: 20, evalEvery: 10 } });
    const result = await runExperiment(config, { dynamics: 'reference' });
    const store = RunStore.open(dir);
    expect(store.appendResult(result)).toBe(true);
    expect(store.appendResult(result)).toBe(false);
    store.close();
    const reopened = RunStore.read(dir);
    expect(reopened.has(result.configHash)).toBe(true);
    const [run] = reopened.readAll();
    expect(run).toMatchObject({ configHash: result.configHash, phase: result.phase, steps: 20, backend: 'reference', trace: `traces/${result.configHash}.json` });
    expect(reopened.readTrace(run)).toEqual(result.trace);
    expect(readFileSync(join(dir, 'runs.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('a writer truncates a line torn by a crash and keeps every complete one; a reader skips it with a warning', () => {
    const dir = tmp();
    const store = RunStore.open(dir);
    store.append(fakeRun(1));
    store.append(fakeRun(2));
    store.close();
    appendFileSync(join(dir, 'runs.jsonl'), line(fakeRun(3)).slice(0, 40));
    const reader = RunStore.read(dir);
    expect(reader.readAll().map((r) => r.configHash)).toEqual([hash(1), hash(2)]);
    expect(reader.problems).toEqual([{ line: 3, kind: 'torn', reason: expect.stringContaining('cut short') }]);
    const writer = RunStore.open(dir);
    expect(writer.problems).toEqual([]);
    writer.append(fakeRun(3));
    writer.close();
    expect(RunStore.read(dir).readAll().map((r) => r.configHash)).toEqual([hash(1), hash(2), hash(3)]);
  });

  it('an invalid line in the middle, {} and repeated lines are skipped with a warning, never fatal; phases count each hash once', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'runs.jsonl'),
      line(fakeRun(1, 'grokking')) + '{"configHash":"00000000000000' + '\n' + '{}\n' + line(fakeRun(1, 'grokking')) + line(fakeRun(2, 'confusion')) + line({ configHash: hash(4) }),
    );
    const store = RunStore.open(dir);
    expect(store.readAll().map((r) => r.configHash)).toEqual([hash(1), hash(2)]);
    expect(store.problems.map((p) => [p.line, p.kind])).toEqual([
      [2, 'invalid'],
      [3, 'invalid'],
      [4, 'duplicate'],
      [6, 'invalid'],
    ]);
    expect(store.size).toBe(2);
    expect(store.phaseCounts()).toEqual({ grokking: 1, confusion: 1 });
    expect(store.phaseCounts(new Set([hash(2), hash(9)]))).toEqual({ confusion: 1 });
    // the cell of the torn line 2 (not stored) and of line 6 run again: the store takes them
    expect(store.has(hash(4))).toBe(false);
    expect(store.append(fakeRun(4))).toBe(true);
    store.close();
  });

  it('refuses a line whose config hash or trace path leaves the layout (exit 2 in the CLI), and repair drops it', () => {
    for (const bad of [{ configHash: '../../victim/package' }, { trace: '../../victim/package.json' }, { trace: '/etc/passwd' }, { trace: `traces/${hash(2)}.json` }]) {
      const dir = tmp();
      writeFileSync(join(dir, 'runs.jsonl'), line(fakeRun(1)) + line({ ...fakeRun(1), configHash: hash(1), ...bad }));
      expect(() => RunStore.read(dir)).toThrow(GenEftInputError);
      expect(() => RunStore.read(dir)).toThrow(/line 2: expected a run line of this store's layout/);
      expect(() => RunStore.open(dir)).toThrow(GenEftInputError);
      const report = repairStore(dir);
      expect(report.problems.map((p) => p.kind)).toEqual(['unsafe']);
      expect(RunStore.read(dir).readAll()).toHaveLength(1);
    }
  });

  it('reads a trace only from traces/<hash>.json inside the store, never through a link leaving it', () => {
    const dir = tmp();
    const outside = join(tmp(), 'secret.json');
    writeFileSync(outside, '[{"step":0}]');
    mkdirSync(join(dir, 'traces'));
    symlinkSync(outside, join(dir, 'traces', `${hash(1)}.json`));
    writeFileSync(join(dir, 'runs.jsonl'), line({ ...fakeRun(1), trace: `traces/${hash(1)}.json` }));
    const store = RunStore.read(dir);
    expect(() => store.readTrace(store.readAll()[0])).toThrow(/a regular file inside the store/);
    expect(() => store.readTrace({ ...store.readAll()[0], trace: '../secret.json' })).toThrow(GenEftInputError);
  });

  it('keeps parameter sidecars in params/<hash>.json', async () => {
    const dir = tmp();
    const config = resolveExperiment({ task: { n: 6 }, decoder: { kind: 'mlp', width: 4, depth: 1 }, budget: { steps: 10, evalEvery: 10 } });
    const result = await runExperiment(config, { dynamics: 'reference' });
    const params = { embeddings: [[1, 2]], decoder: [] };
    const store = RunStore.open(dir);
    store.appendResult(result, { params });
    store.close();
    expect(RunStore.read(dir).readParams(result.configHash)).toEqual(params);
    expect(RunStore.read(dir).readParams(hash(7))).toBeUndefined();
    expect(() => RunStore.read(dir).readParams('../x')).toThrow(GenEftInputError);
  });

  it('a short write (full disk) is detected and the file cut back to its last complete line', () => {
    const dir = tmp();
    const store = RunStore.open(dir);
    store.append(fakeRun(1));
    const before = statSync(join(dir, 'runs.jsonl')).size;
    const real = fs.writeSync;
    let calls = 0;
    // The kernel's behaviour on a full disk: a short count, then ENOSPC.
    const spy = jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buffer: Uint8Array, offset?: number, length?: number) => {
      if (calls++ === 0) return real(fd, buffer, offset ?? 0, Math.floor((length ?? buffer.length) / 2));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }) as typeof fs.writeSync);
    try {
      expect(() => store.append(fakeRun(2))).toThrow(StoreWriteError);
      expect(() => store.append(fakeRun(3))).toThrow(/cannot write .*runs\.jsonl: no space left on device \(ENOSPC\)/);
    } finally {
      spy.mockRestore();
    }
    expect(statSync(join(dir, 'runs.jsonl')).size).toBe(before);
    expect(store.has(hash(2))).toBe(false);
    // once space returns, the next append makes a valid line
    expect(store.append(fakeRun(2))).toBe(true);
    store.close();
    const reread = RunStore.read(dir);
    expect(reread.readAll().map((r) => r.configHash)).toEqual([hash(1), hash(2)]);
    expect(reread.problems).toEqual([]);
  });

  it('writeFileAtomic never replaces a device or a folder', () => {
    expect(() => writeFileAtomic('/dev/full', 'x')).toThrow('cannot write /dev/full: it is not a regular file (EINVAL)');
    expect(() => writeFileAtomic(tmp(), 'x')).toThrow(/it is a directory \(EISDIR\)/);
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('a failed trace write leaves no temporary file', () => {
    const dir = tmp();
    const store = RunStore.open(dir);
    const spy = jest.spyOn(fs, 'fsyncSync').mockImplementation(() => {
      throw Object.assign(new Error('EIO'), { code: 'ENOSPC' });
    });
    try {
      expect(() => store.appendResult({ ...fakeRun(1), aborted: false, trace: [] })).toThrow(StoreWriteError);
    } finally {
      spy.mockRestore();
    }
    store.close();
    expect(readdirSync(join(dir, 'traces'))).toEqual([]);
    expect(existsSync(join(dir, 'runs.jsonl'))).toBe(false);
  });
});

describe('the store lock', () => {
  const holdStore = (dir: string) => {
    // A second process that opens the store for writing and keeps it until killed.
    const core = join(__dirname, '..', 'dist', 'node.js');
    const child = spawn(process.execPath, ['-e', `require(${JSON.stringify(core)}).RunStore.open(${JSON.stringify(dir)}); console.log('ready'); setInterval(() => {}, 1000);`]);
    return new Promise<typeof child>((resolve, reject) => {
      child.stdout.once('data', () => resolve(child));
      child.once('exit', (code) => reject(new Error(`holder exited ${code}`)));
    });
  };

  it('refuses a second writer with the owner pid, takes over the lock of a dead one', async () => {
    const dir = tmp();
    const child = await holdStore(dir);
    let error: unknown;
    try {
      RunStore.open(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreBusyError);
    expect((error as Error).message).toBe(`store ${dir} is in use by process ${child.pid}`);
    // a reader is never refused
    expect(RunStore.read(dir).readAll()).toEqual([]);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(checkStore(dir).staleLock).toBe(child.pid);
    const store = RunStore.open(dir);
    store.append(fakeRun(1));
    store.close();
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  }, 20_000);

  it('shares one writer between openings in one process, released with the last close', () => {
    const dir = tmp();
    const a = RunStore.open(dir);
    const b = RunStore.open(dir);
    a.append(fakeRun(1));
    expect(b.has(hash(1))).toBe(true);
    expect(b.append(fakeRun(1))).toBe(false);
    a.close();
    expect(existsSync(join(dir, '.lock'))).toBe(true);
    b.close();
    expect(existsSync(join(dir, '.lock'))).toBe(false);
    expect(() => a.append(fakeRun(2))).toThrow(/closed/);
  });

  it('treats a lock of a pid that no longer exists as stale', () => {
    const dir = tmp();
    const gone = spawnSync(process.execPath, ['-p', 'process.pid']).stdout.toString().trim();
    writeFileSync(join(dir, '.lock'), JSON.stringify({ pid: Number(gone), host: hostname(), since: 'x' }));
    const store = RunStore.open(dir);
    store.close();
  });
});

describe('store check and repair', () => {
  it('reports torn, invalid and duplicate lines, temporary and orphan files; repair fixes them all', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'traces'));
    writeFileSync(join(dir, 'traces', `${hash(1)}.json`), '[]');
    writeFileSync(join(dir, 'traces', `${hash(9)}.json`), '[]');
    writeFileSync(join(dir, 'traces', `${hash(2)}.json.1234.tmp`), '[');
    writeFileSync(join(dir, 'runs.jsonl'), line({ ...fakeRun(1), trace: `traces/${hash(1)}.json` }) + '{}\n' + line(fakeRun(1)) + line({ ...fakeRun(3), trace: `traces/${hash(3)}.json` }) + '{"config');
    const report = checkStore(dir);
    expect(report).toMatchObject({
      runs: 2,
      tempFiles: [`traces/${hash(2)}.json.1234.tmp`],
      orphanFiles: [`traces/${hash(9)}.json`],
      missingTraces: [hash(3)],
      staleLock: null,
    });
    expect(report.problems.map((p) => p.kind)).toEqual(['invalid', 'duplicate', 'torn']);
    expect(storeIsClean(report)).toBe(false);
    repairStore(dir);
    const after = checkStore(dir);
    expect(storeIsClean(after)).toBe(true);
    expect(after.runs).toBe(2);
    expect(RunStore.read(dir).readAll().map((r) => [r.configHash, r.trace])).toEqual([
      [hash(1), `traces/${hash(1)}.json`],
      [hash(3), undefined],
    ]);
  });

  it('a writer removes temporary files left by a killed writer', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'traces'));
    writeFileSync(join(dir, 'traces', `${hash(2)}.json.99999.tmp`), '[');
    RunStore.open(dir).close();
    expect(readdirSync(join(dir, 'traces'))).toEqual([]);
  });
});
