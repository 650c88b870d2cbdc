/**
 * Nothing lost, nothing written where it must not be: the store lock, crafted stores, safe
 * output, arguments checked before anything is created, and Ctrl-C. Processes run from the
 * built dist, as users run them.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveExperiment } from '@geneft/core';
import { geneft, tmp, until } from './helpers';

const BIN = join(__dirname, '..', 'dist', 'bin.js');
const built = existsSync(BIN);

function sweepFile(dir: string, steps = 100, n = 12): string {
  const file = join(dir, 'grid.sweep.json');
  writeFileSync(
    file,
    JSON.stringify({
      base: { task: { relation: 'mod', k: 3, n, trainFraction: 0.75 }, decoder: { kind: 'mlp', width: 16, depth: 2 }, budget: { steps, evalEvery: 50 } },
      axes: [{ path: 'dynamics.lrEncoder', log: [1e-3, 1e-1, 4] }],
      seeds: [0, 1],
    }),
  );
  return file;
}

/**
 * A sweep whose runs never settle (rates of 1e-6: confusion to the last step), so each of its
 * 8 runs spends its whole budget and the sweep is still running when a test interrupts it,
 * however fast the machine.
 */
function slowSweepFile(dir: string, steps = 3000): string {
  const file = join(dir, 'slow.sweep.json');
  writeFileSync(
    file,
    JSON.stringify({
      base: { task: { relation: 'mod', k: 3, n: 20 }, decoder: { kind: 'mlp', width: 16, depth: 2 }, dynamics: { lrEncoder: 1e-6, lrDecoder: 1e-6 }, budget: { steps, evalEvery: 50 } },
      axes: [{ path: 'dynamics.lrEncoder', values: [1e-7, 2e-7, 5e-7, 1e-6] }],
      seeds: [0, 1],
    }),
  );
  return file;
}

const storeLines = (store: string) => (existsSync(join(store, 'runs.jsonl')) ? readFileSync(join(store, 'runs.jsonl'), 'utf8').split('\n').filter(Boolean) : []);

function start(args: string[], cwd: string) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}


/**
 * CPU seconds a process has used (Linux /proc/PID/stat, utime + stime at 100 ticks/s). Node
 * itself catches SIGINT from startup, so the signal mask cannot tell when geneft's handler is
 * in place; loading every module takes well under a second of CPU, so two seconds means the
 * command is training.
 */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** A store line as a finished run writes it, with fields a crafted store may change. */
function storeLine(fields: Record<string, unknown>): string {
  const config = resolveExperiment({});
  return `${JSON.stringify({ configHash: 'a'.repeat(16), config, phase: 'memorization', stepTrain: 1, stepTest: null, trainAccuracy: 1, testAccuracy: 0.5, trainLoss: 0, testLoss: 1, steps: 10, backend: 'reference', wallMs: 1, finishedAt: 'x', ...fields })}\n`;
}

(built ? describe : describe.skip)('one writer per store', () => {
  it('a second sweep on a store in use exits 2 naming the owner; the first completes with each cell once', async () => {
    const dir = tmp();
    const file = slowSweepFile(dir);
    const store = join(dir, 'store');
    const first = start(['sweep', file, '--backend', 'reference', '--workers', '1', '--store', store, '--json'], dir);
    await until(() => storeLines(store).length >= 1, 'the first sweep to store a run');
    const second = await geneft(['sweep', file, '--backend', 'reference', '--workers', '1', '--store', store], dir);
    expect(second.code).toBe(2);
    expect(second.stderr).toBe(`geneft: store ${store} is in use by process ${first.child.pid}\n`);
    // the first goes on undisturbed; stopped, it releases the store and a sweep then finishes it
    first.child.kill('SIGINT');
    expect((await first.done).code).toBe(130);
    expect(existsSync(join(store, '.lock'))).toBe(false);
    expect((await geneft(['sweep', sweepFile(dir, 100, 20), '--backend', 'reference', '--workers', '1', '--store', join(dir, 'other')], dir)).code).toBe(0);
    const hashes = storeLines(store).map((l) => JSON.parse(l).configHash);
    expect(new Set(hashes).size).toBe(hashes.length);
  }, 120_000);
});

describe('crafted stores', () => {
  it('merge refuses a config hash that is a path (exit 2) and writes nothing anywhere', async () => {
    const dir = tmp();
    const victim = join(dir, 'victim');
    mkdirSync(victim);
    writeFileSync(join(victim, 'package.json'), '{"name":"victim"}');
    const evil = join(dir, 'evil');
    mkdirSync(join(evil, 'traces'), { recursive: true });
    writeFileSync(join(evil, 'traces', 'x.json'), '{"scripts":{"postinstall":"touch pwned"}}');
    writeFileSync(join(evil, 'runs.jsonl'), storeLine({ configHash: '../../victim/package', trace: 'traces/x.json' }));
    const out = join(dir, 'out', 'merged');
    const r = await geneft(['merge', out, evil], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/runs\.jsonl: line 1: expected a run line of this store's layout, but configHash is not 16 hex digits/);
    expect(readFileSync(join(victim, 'package.json'), 'utf8')).toBe('{"name":"victim"}');
    expect(existsSync(out)).toBe(false);
  });

  it('report refuses a trace path leaving the store (exit 2) and copies nothing', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'secret.json'), '[{"step":0,"trainLoss":1,"testLoss":1,"trainAccuracy":0,"testAccuracy":0}]');
    const store = join(dir, 'store');
    mkdirSync(store);
    writeFileSync(join(store, 'runs.jsonl'), storeLine({ trace: '../secret.json' }));
    const r = await geneft(['report', store, '--out', join(dir, 'report')], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('trace is not "traces/<configHash>.json"');
    expect(existsSync(join(dir, 'report'))).toBe(false);
  });

  it('a torn line in the middle is a warning: report and sweep go on, the cell runs again; store repair removes it', async () => {
    const dir = tmp();
    const file = sweepFile(dir);
    const store = join(dir, 'grid.runs');
    expect((await geneft(['sweep', file, '--backend', 'reference', '--workers', '1'], dir)).code).toBe(0);
    const lines = storeLines(store);
    const torn = lines[3].slice(0, 50);
    writeFileSync(join(store, 'runs.jsonl'), [...lines.slice(0, 3), torn, ...lines.slice(4), '{}', lines[0]].join('\n') + '\n');

    const check = await geneft(['store', 'check', store, '--json'], dir);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout)).toMatchObject({ clean: false, runs: 7, problems: [{ line: 4, kind: 'invalid' }, { line: 9, kind: 'invalid' }, { line: 10, kind: 'duplicate' }] });

    const report = await geneft(['report', store], dir);
    expect(report.code).toBe(0);
    expect(report.stderr).toContain(`runs.jsonl line 4: not valid JSON; skipped`);
    expect(JSON.parse(readFileSync(join(store, 'report', 'runs.json'), 'utf8')).data.runs).toBe(7);
    expect(readdirSync(store).filter((f) => f.includes('.tmp') || f.includes('.old'))).toEqual([]);

    const again = await geneft(['sweep', file, '--backend', 'reference', '--workers', '1', '--json'], dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('line 4: not valid JSON; its cell runs again');
    expect(JSON.parse(again.stdout)).toMatchObject({ total: 8, done: 8, resumed: 7 });

    const repair = await geneft(['store', 'repair', store], dir);
    expect(repair.code).toBe(0);
    expect((await geneft(['store', 'check', store], dir)).stdout).toContain('8 runs\n  clean');
    expect(new Set(storeLines(store).map((l) => JSON.parse(l).configHash)).size).toBe(8);
    expect(storeLines(store)).toHaveLength(8);
  }, 120_000);
});

describe('arguments and outputs are checked before anything is created', () => {
  it('--shard abc and a bad --workers create no store folder', async () => {
    const dir = tmp();
    const file = sweepFile(dir);
    for (const args of [['--shard', 'abc'], ['--workers', '0'], ['--block-size', 'x'], ['--queue', 'http://x']]) {
      const r = await geneft(['sweep', file, ...args], dir);
      expect(r.code).toBe(2);
      expect(existsSync(join(dir, 'grid.runs'))).toBe(false);
    }
  });

  it('--dump-params into a missing folder or onto a folder is refused before training', async () => {
    const dir = tmp();
    const exp = join(dir, 'e.geneft.json');
    writeFileSync(exp, JSON.stringify({ task: { n: 6 }, budget: { steps: 10 } }));
    const missing = await geneft(['run', exp, '--dump-params', join(dir, 'no', 'p.json')], dir);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe(`geneft: --dump-params: folder ${join(dir, 'no')} does not exist\n`);
    const onFolder = await geneft(['run', exp, '--dump-params', dir], dir);
    expect(onFolder.code).toBe(2);
    expect(onFolder.stderr).toBe(`geneft: --dump-params: ${dir} is a folder\n`);
    const onDevice = await geneft(['run', exp, '--dump-params', '/dev/full'], dir);
    expect(onDevice.code).toBe(2);
    expect(onDevice.stderr).toBe('geneft: --dump-params: /dev/full is not a regular file\n');
  });

  it('a graph file outside the experiment folder needs --allow-path', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'exp'));
    mkdirSync(join(dir, 'graphs'));
    writeFileSync(join(dir, 'graphs', 'g.json'), JSON.stringify({ n: 4, edges: [[0, 1]] }));
    const exp = join(dir, 'exp', 'e.geneft.json');
    writeFileSync(exp, JSON.stringify({ task: { relation: 'graph', file: '../graphs/g.json' } }));
    const refused = await geneft(['validate', exp], join(dir, 'exp'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--allow-path DIR');
    const allowed = await geneft(['validate', exp, '--allow-path', join(dir, 'graphs')], join(dir, 'exp'));
    expect(allowed.code).toBe(0);
  });
});

(built ? describe : describe.skip)('Ctrl-C', () => {
  it('stops an in-process sweep at a step boundary, keeps the finished runs, says so and exits 130', async () => {
    const dir = tmp();
    const file = slowSweepFile(dir);
    const store = join(dir, 'store');
    const sweep = start(['sweep', file, '--backend', 'reference', '--workers', '1', '--store', store], dir);
    await until(() => storeLines(store).length >= 1, 'a first finished run');
    sweep.child.kill('SIGINT');
    const r = await sweep.done;
    const kept = storeLines(store).length;
    expect(r.code).toBe(130);
    expect(kept).toBeLessThan(8);
    expect(r.stderr).toContain(`geneft: interrupted: ${kept}/8 finished runs are kept in ${store}; run the same command again to resume`);
    expect(existsSync(join(store, '.lock'))).toBe(false);
  }, 120_000);

  it('stops a run with worker threads too, and a single run exits 130 without writing', async () => {
    const dir = tmp();
    const file = slowSweepFile(dir);
    const store = join(dir, 'store');
    const sweep = start(['sweep', file, '--backend', 'reference', '--workers', '2', '--store', store], dir);
    await until(() => storeLines(store).length >= 1, 'a first finished run');
    sweep.child.kill('SIGINT');
    expect((await sweep.done).code).toBe(130);

    const exp = join(dir, 'e.geneft.json');
    writeFileSync(exp, JSON.stringify({ task: { n: 30 }, budget: { steps: 100000, evalEvery: 10 }, dynamics: { lrEncoder: 1e-6, lrDecoder: 1e-6 } }));
    const run = start(['run', exp, '--backend', 'reference', '--dump-params', join(dir, 'p.json')], dir);
    await until(() => cpuSeconds(run.child.pid!) >= 2, 'the run to be training', 60_000);
    run.child.kill('SIGINT');
    const rr = await run.done;
    expect(rr.code).toBe(130);
    expect(rr.stderr).toMatch(/geneft: interrupted at step \d+ of 100000; nothing was written/);
    expect(existsSync(join(dir, 'p.json'))).toBe(false);
  }, 120_000);
});
