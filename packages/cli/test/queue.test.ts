/**
 * Distributed sweeps end to end: a real redis-server, three `geneft worker` processes, one of
 * them SIGKILLed mid-block; and shards joined by `geneft merge`. Everything runs from the built
 * dists (as users run it), each compared with the same sweep run locally by `geneft sweep`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tmp, until } from './helpers';

const BIN = join(__dirname, '..', 'dist', 'bin.js');
const QUEUE_DIST = join(__dirname, '..', '..', 'queue', 'dist', 'index.js');
const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
const built = existsSync(BIN) && existsSync(QUEUE_DIST);

// CI installs redis-server (tools/ci/redis.sh): there a missing server is a failure, not a skip.
if (process.env.CI && !hasRedis) {
  it('redis-server is on PATH in CI', () => {
    throw new Error('redis-server not found: CI must run tools/ci/redis.sh before the tests');
  });
}
if (!built) console.warn(`queue tests skipped: build first (${existsSync(BIN) ? QUEUE_DIST : BIN} is missing)`);
else if (!hasRedis) console.warn('queue broker test skipped: redis-server is not on PATH (tools/ci/redis.sh installs it)');

function sweepFile(dir: string): string {
  const file = join(dir, 'grid.sweep.json');
  writeFileSync(
    file,
    JSON.stringify({
      base: { task: { relation: 'mod', k: 3, n: 12, trainFraction: 0.75 }, decoder: { kind: 'mlp', width: 16, depth: 2 }, budget: { steps: 400, evalEvery: 50 } },
      axes: [
        { path: 'dynamics.lrEncoder', log: [1e-3, 1e-1, 4] },
        { path: 'dynamics.lrDecoder', log: [1e-3, 1e-1, 3] },
      ],
      seeds: [0, 1],
    }),
  );
  return file;
}

interface Outcome {
  phase: string;
  stepTrain: number | null;
  stepTest: number | null;
  steps: number;
  testAccuracy: number;
}

/** A store as configHash → outcome; throws on a repeated hash. */
function outcomes(store: string): Map<string, Outcome> {
  const map = new Map<string, Outcome>();
  for (const line of readFileSync(join(store, 'runs.jsonl'), 'utf8').split('\n').filter(Boolean)) {
    const r = JSON.parse(line);
    if (map.has(r.configHash)) throw new Error(`${store}: ${r.configHash} stored twice`);
    map.set(r.configHash, { phase: r.phase, stepTrain: r.stepTrain, stepTest: r.stepTest, steps: r.steps, testAccuracy: r.testAccuracy });
  }
  return map;
}

function cli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function localStore(dir: string, file: string): Promise<string> {
  const store = join(dir, 'local');
  const r = await cli(['sweep', file, '--backend', 'reference', '--workers', '1', '--store', store, '--json'], dir);
  expect(r.code).toBe(0);
  return store;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startRedis(fixedPort?: number): Promise<{ url: string; server: ChildProcess; port: number }> {
  const port = fixedPort ?? (await freePort());
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
    server.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
  });
  return { url: `redis://127.0.0.1:${port}/0`, server, port };
}

interface WorkerProc {
  child: ChildProcess;
  events: { kind: string; jobId?: string }[];
  started: Promise<string>;
}

function startWorker(url: string, cwd: string, extra: string[] = []): WorkerProc {
  const child = spawn(process.execPath, [BIN, 'worker', '--queue', url, '--workers', '1', '--lock-duration', '1000', '--stalled-interval', '500', '--json', ...extra], { cwd });
  const events: WorkerProc['events'] = [];
  let buffer = '';
  let onStart: (id: string) => void = () => undefined;
  const started = new Promise<string>((resolve) => (onStart = resolve));
  child.stdout!.on('data', (d) => {
    buffer += d;
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      const e = JSON.parse(line);
      events.push(e);
      if (e.kind === 'started') onStart(e.jobId);
    }
  });
  return { child, events, started };
}

const exited = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));

(built && hasRedis ? describe : describe.skip)('geneft sweep --queue with geneft worker', () => {
  let redis: { url: string; server: ChildProcess };
  const workers: WorkerProc[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  }, 20_000);

  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => exited(w.child)));
    redis?.server.kill('SIGKILL');
    if (redis) await exited(redis.server);
  });

  it('a worker SIGKILLed mid-block loses nothing: the store equals a local sweep, each cell once', async () => {
    const dir = tmp();
    const file = sweepFile(dir);
    for (let i = 0; i < 3; i++) workers.push(startWorker(redis.url, dir));
    const store = join(dir, 'queued');
    const sweep = cli(['sweep', file, '--backend', 'reference', '--queue', redis.url, '--block-size', '3', '--store', store, '--json'], dir);

    // Kill whichever worker starts a block first, right after it has started it.
    const first = await Promise.race(workers.map((w, i) => w.started.then((jobId) => ({ i, jobId }))));
    workers[first.i].child.kill('SIGKILL');
    await exited(workers[first.i].child);
    expect(workers[first.i].events.some((e) => e.kind === 'finished' && e.jobId === first.jobId)).toBe(false);

    const r = await sweep;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 24, done: 24, resumed: 0, blocks: 8, complete: true });
    // The killed worker's block was finished by another one.
    const others = workers.filter((_, i) => i !== first.i);
    expect(others.some((w) => w.events.some((e) => e.kind === 'finished' && e.jobId === first.jobId))).toBe(true);

    const local = outcomes(await localStore(dir, file));
    expect(local.size).toBe(24);
    expect(outcomes(store)).toEqual(local);

    // Progress is visible from anywhere; enqueuing again collects, never duplicates.
    const status = await cli(['sweep', 'status', '--queue', redis.url, file, '--backend', 'reference', '--block-size', '3', '--json'], dir);
    expect(status.code).toBe(0);
    const [s] = JSON.parse(status.stdout).sweeps;
    expect(s).toMatchObject({ label: 'grid.sweep.json', done: 24, queued: 24, blocks: 8, blocksDone: 8, blocksFailed: 0 });
    expect(Object.values(s.phases as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(24);
    const again = await cli(['sweep', file, '--backend', 'reference', '--queue', redis.url, '--block-size', '3', '--store', join(dir, 'fresh'), '--json'], dir);
    expect(JSON.parse(again.stdout)).toMatchObject({ done: 24, resumed: 0 });
    expect(outcomes(join(dir, 'fresh'))).toEqual(local);
  }, 60_000);
});

const storeSize = (store: string) => (existsSync(join(store, 'runs.jsonl')) ? readFileSync(join(store, 'runs.jsonl'), 'utf8').split('\n').filter(Boolean).length : 0);

(built && hasRedis ? describe : describe.skip)('a queue that survives', () => {
  const servers: ChildProcess[] = [];
  const started: WorkerProc[] = [];
  afterAll(async () => {
    for (const child of [...started.map((w) => w.child), ...servers]) child.kill('SIGKILL');
    await Promise.all([...started.map((w) => exited(w.child)), ...servers.map(exited)]);
  });

  it('wrong broker URLs fail with one line, for the coordinator and the workers, and create nothing', async () => {
    const dir = tmp();
    const file = sweepFile(dir);
    const redis = await startRedis();
    servers.push(redis.server);
    const http = createHttpServer((_req, res) => res.end('hello'));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const httpPort = (http.address() as { port: number }).port;
    const refused = await freePort();
    const cases: [string, RegExp][] = [
      [`redis://127.0.0.1:${refused}/0`, /connection refused \(ECONNREFUSED\)/],
      ['redis://no-such-host.invalid:6379/0', /unknown host/],
      [`redis://127.0.0.1:${httpPort}/0`, /is not a Redis server|closed the connection/],
      [`rediss://127.0.0.1:${redis.port}/0`, /TLS handshake with .* did not complete|TLS handshake .* failed|closed the connection/],
      [`redis://127.0.0.1:${redis.port}/999`, /has no database 999/],
    ];
    try {
      const results = await Promise.all(
        cases.flatMap(([url]) => [
          cli(['sweep', file, '--backend', 'reference', '--queue', url, '--store', join(dir, 'never')], dir),
          cli(['worker', '--queue', url], dir),
        ]),
      );
      results.forEach((r, i) => {
        const [url, pattern] = cases[Math.floor(i / 2)];
        expect({ url, code: r.code }).toEqual({ url, code: 1 });
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(pattern);
        expect(r.stderr).not.toContain('    at ');
      });
      expect(existsSync(join(dir, 'never'))).toBe(false);
    } finally {
      http.close();
    }
  }, 60_000);

  it('a Redis restart mid-sweep: the vanished flow is enqueued again, the sweep completes, every cell once', async () => {
    const dir = tmp();
    // runs that never settle (rates of 1e-6) keep every block busy for its whole budget, so the
    // restart lands mid-sweep however fast the machine
    const file = join(dir, 'slow.sweep.json');
    writeFileSync(
      file,
      JSON.stringify({
        base: { task: { relation: 'mod', k: 3, n: 12 }, decoder: { kind: 'mlp', width: 16, depth: 2 }, dynamics: { lrEncoder: 1e-6, lrDecoder: 1e-6 }, budget: { steps: 2000, evalEvery: 50 } },
        axes: [{ path: 'dynamics.lrEncoder', values: [1e-7, 2e-7, 5e-7] }, { path: 'dynamics.lrDecoder', values: [1e-6, 2e-6] }],
        seeds: [0, 1],
      }),
    );
    let redis = await startRedis();
    servers.push(redis.server);
    for (let i = 0; i < 2; i++) started.push(startWorker(redis.url, dir));
    const store = join(dir, 'restarted');
    const sweep = cli(['sweep', file, '--backend', 'reference', '--queue', redis.url, '--block-size', '2', '--store', store, '--json'], dir);
    await until(() => storeSize(store) >= 2, 'a first block collected');
    redis.server.kill('SIGKILL');
    await exited(redis.server);
    redis = await startRedis(redis.port);
    servers.push(redis.server);
    const r = await sweep;
    expect(r.stderr).toMatch(/vanished \(the flow is no longer in Redis/);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 12, done: 12, complete: true });
    expect(outcomes(store)).toEqual(outcomes(await localStore(dir, file)));
  }, 120_000);

  it('a sweep whose flows keep vanishing ends incomplete (the CLI exits 1) instead of waiting forever', async () => {
    const dir = tmp();
    const redis = await startRedis();
    servers.push(redis.server);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built package, as the CLI loads it
    const q: typeof import('@geneft/queue') = require(QUEUE_DIST);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { RunStore } = require(join(__dirname, '..', '..', 'core', 'dist', 'node.js')) as typeof import('@geneft/core/node');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { resolveSweep } = require(join(__dirname, '..', '..', 'core', 'dist', 'index.js')) as typeof import('@geneft/core');
    const spec = resolveSweep(JSON.parse(readFileSync(sweepFile(dir), 'utf8')));
    const store = RunStore.open(join(dir, 'store'));
    // no worker runs anything, and the broker forgets every flow: each poll finds it gone
    const flusher = setInterval(() => spawn('redis-cli', ['-p', String(redis.port), 'FLUSHALL']), 100);
    const requeues: string[] = [];
    try {
      const result = await q.runQueuedSweep(spec, { url: redis.url, store, backend: 'reference', blockSize: 4, pollMs: 50, maxRequeues: 2, onRequeue: (e) => requeues.push(e.flowId) });
      expect(result).toMatchObject({ complete: false, done: 0, total: 24, requeued: 2 });
      expect(requeues).toHaveLength(2);
    } finally {
      clearInterval(flusher);
      store.close();
    }
  }, 60_000);

  it('a partial flow never blocks another store: each store gets the flow of its own missing cells', async () => {
    const dir = tmp();
    const file = sweepFile(dir);
    const redis = await startRedis();
    servers.push(redis.server);
    for (let i = 0; i < 2; i++) started.push(startWorker(redis.url, dir));
    const half = join(dir, 'half');
    expect((await cli(['sweep', file, '--backend', 'reference', '--shard', '0/2', '--workers', '1', '--store', half], dir)).code).toBe(0);
    const empty = join(dir, 'empty');
    const args = (store: string) => ['sweep', file, '--backend', 'reference', '--queue', redis.url, '--block-size', '3', '--store', store, '--json'];
    const [a, b] = await Promise.all([cli(args(half), dir), cli(args(empty), dir)]);
    expect(JSON.parse(a.stdout)).toMatchObject({ total: 24, done: 24, resumed: 12, complete: true });
    expect(JSON.parse(b.stdout)).toMatchObject({ total: 24, done: 24, resumed: 0, complete: true });
    const local = outcomes(await localStore(dir, file));
    expect(outcomes(half)).toEqual(local);
    expect(outcomes(empty)).toEqual(local);
  }, 120_000);
});

(built ? describe : describe.skip)('geneft sweep --shard and geneft merge', () => {
  it('shards run disjoint cells; merged they equal a local sweep', async () => {
    const dir = tmp();
    const file = sweepFile(dir);
    const shards = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const store = join(dir, `shard-${i}`);
        const r = await cli(['sweep', file, '--backend', 'reference', '--shard', `${i}/3`, '--workers', '1', '--store', store, '--json'], dir);
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout)).toMatchObject({ shard: `${i}/3`, total: 8, done: 8 });
        return store;
      }),
    );
    const out = join(dir, 'merged');
    // shard 0 twice: its runs are duplicates, not conflicts
    const m = await cli(['merge', out, ...shards, shards[0], '--json'], dir);
    expect(m.code).toBe(0);
    expect(JSON.parse(m.stdout)).toMatchObject({ added: 24, duplicates: 8, conflicts: [], total: 24 });
    expect(outcomes(out)).toEqual(outcomes(await localStore(dir, file)));
  }, 60_000);

  it('--shard with a bad value is a usage error; merging a directory that is no store is exit 2 and writes nothing', async () => {
    const dir = tmp();
    const file = sweepFile(dir);
    const bad = await cli(['sweep', file, '--shard', '3/3'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--shard: expected I/N');
    const mergeBad = await cli(['merge', join(dir, 'out'), join(dir, 'nothing')], dir);
    expect(mergeBad.code).toBe(2);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  }, 30_000);
});

(built && hasRedis ? describe : describe.skip)('queue workers with plugins', () => {
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
  });

  it('a worker started with --plugin runs blocks that need the plugin’s backend and decoder kind', async () => {
    const dir = tmp();
    const core = join(__dirname, '..', '..', 'core', 'dist', 'index.js');
    // The reference under another name (lowest priority, so never a default), and a decoder kind.
    writeFileSync(
      join(dir, 'plugin.js'),
      `const core = require(${JSON.stringify(core)});
core.registerBackend('queued-ref', () => ({ ...core.referenceBackend(), name: 'queued-ref' }), -1);
core.registerDecoder('queued-kind', { ...core.getDecoder('ideal-distance'), description: 'ideal-distance, renamed' });`,
    );
    const file = join(dir, 'kind.sweep.json');
    writeFileSync(file, JSON.stringify({ base: { task: { n: 9 }, decoder: { kind: 'queued-kind' }, budget: { steps: 100, evalEvery: 50 } }, axes: [{ path: 'dynamics.lrEncoder', values: [1e-3, 1e-2] }], seeds: [0, 1] }));
    const redis = await startRedis();
    children.push(redis.server);
    const worker = startWorker(redis.url, dir, ['--plugin', './plugin.js']);
    children.push(worker.child);
    const store = join(dir, 'store');
    const r = await cli(['sweep', file, '--backend', 'queued-ref', '--queue', redis.url, '--block-size', '2', '--store', store, '--plugin', './plugin.js', '--json'], dir);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 4, done: 4, complete: true });
    const runs = readFileSync(join(store, 'runs.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    // The block threads could only find "queued-ref" and "queued-kind" through the plugin; its
    // trainers are the reference's, which sign the runs "reference".
    expect(runs.map((run) => [run.backend, run.config.decoder.kind])).toEqual(Array(4).fill(['reference', 'queued-kind']));
  }, 60_000);
});
