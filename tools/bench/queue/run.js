#!/usr/bin/env node
// Cells per second of a queued sweep with 1, 2 and 3 local `geneft worker` processes
// (one thread each), against a private redis-server. Uses the built dists:
//   npx nx run-many -t build -p @geneft/queue @geneft/cli && node tools/bench/queue/run.js [--repeats 3] [--backend reference]
// Prints the median over repeats for each worker count.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, writeFileSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..', '..', '..');
const BIN = join(root, 'packages', 'cli', 'dist', 'bin.js');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const repeats = Number(arg('repeats', '3'));
const backend = arg('backend', 'reference');
const counts = arg('workers', '1,2,3').split(',').map(Number);

if (!existsSync(BIN) || !existsSync(join(root, 'packages', 'queue', 'dist', 'index.js'))) {
  console.error('build first: npx nx run-many -t build -p @geneft/queue @geneft/cli');
  process.exit(2);
}
if (spawnSync('redis-server', ['--version']).status !== 0) {
  console.error('redis-server is not on PATH (tools/ci/redis.sh installs it)');
  process.exit(2);
}

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function startRedis() {
  const port = await freePort();
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  await new Promise((resolve) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      if (out.includes('Ready to accept connections')) resolve();
    });
  });
  return { url: `redis://127.0.0.1:${port}/0`, server };
}

function waitReady(child) {
  return new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('"ready"')) resolve();
    });
  });
}

const run = (args, cwd) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`geneft ${args.join(' ')} exited ${code}`))));
  });

async function once(workers, seedOffset) {
  const dir = mkdtempSync(join(tmpdir(), 'geneft-bench-queue-'));
  const file = join(dir, 'bench.sweep.json');
  // 48 cells; seeds vary per repeat so no run is ever served from a previous flow.
  writeFileSync(
    file,
    JSON.stringify({
      base: { task: { relation: 'mod', k: 3, n: 16, trainFraction: 0.75 }, decoder: { kind: 'mlp', width: 24, depth: 2 }, budget: { steps: 600, evalEvery: 50 } },
      axes: [
        { path: 'dynamics.lrEncoder', log: [1e-3, 1e-1, 4] },
        { path: 'dynamics.lrDecoder', log: [1e-3, 1e-1, 4] },
      ],
      seeds: [0, 1, 2].map((s) => s + 3 * seedOffset),
    }),
  );
  const redis = await startRedis();
  const procs = Array.from({ length: workers }, () =>
    spawn(process.execPath, [BIN, 'worker', '--queue', redis.url, '--workers', '1', '--json'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  try {
    await Promise.all(procs.map(waitReady));
    const t0 = process.hrtime.bigint();
    const out = JSON.parse(await run(['sweep', file, '--backend', backend, '--queue', redis.url, '--store', join(dir, 'store'), '--json'], dir));
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return out.done / seconds;
  } finally {
    for (const p of procs) p.kill('SIGKILL');
    redis.server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

(async () => {
  console.log(`queued sweep, 48 cells, backend ${backend}, ${repeats} repeats`);
  let k = 0;
  for (const w of counts) {
    const rates = [];
    for (let r = 0; r < repeats; r++) rates.push(await once(w, k++));
    console.log(`${w} worker${w > 1 ? 's' : ' '}  median ${median(rates).toFixed(1)} cells/s  (runs: ${rates.map((x) => x.toFixed(1)).join(', ')})`);
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
