#!/usr/bin/env node
// The fault-injection suite (issue #15): SIGKILLs at random moments of sweeps, concurrent
// writers, a full disk, a Redis restart mid-sweep, wrong Redis URLs and path attacks, all
// against the built `geneft` command as users run it. It prints its own tally and exits 1 if
// any run was lost or duplicated, any attack got through, or any fault was mishandled.
//
//   node tools/fault/run.js [--kills N] [--seed S]
//
// Needs `npm run build` first; uses redis-server when it is on PATH (CI installs it) and a small
// tmpfs when this process may mount one (root), else simulates the full disk at the write
// boundary only (tools/fault/enospc.js). Sized to finish in well under 4 minutes on 2 cores.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'packages', 'cli', 'dist', 'bin.js');
const args = process.argv.slice(2);
const flag = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const KILLS = flag('--kills', 24);
let seed = flag('--seed', Number(process.env.GENEFT_FAULT_SEED ?? Date.now() % 100000));

if (!fs.existsSync(BIN)) {
  console.error(`fault suite: ${BIN} is missing; run npm run build first`);
  process.exit(1);
}

/** mulberry32: the kill moments are random but reproducible from the printed seed. */
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const firstSeed = seed;

const tally = { kills: 0, runsLost: 0, duplicates: 0, tornLinesLeft: 0, attacks: 0, attacksRefused: 0, concurrentWriters: 0, concurrentRefused: 0, enospc: 0, enospcClean: 0, redisRestarts: 0, redisRecovered: 0, urls: 0, urlsRefused: 0 };
const failures = [];
const fail = (what) => {
  failures.push(what);
  console.log(`  FAIL ${what}`);
};
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'geneft-fault-'));

function geneft(argv, options = {}) {
  const child = spawn(process.execPath, [...(options.preload ? ['-r', options.preload] : []), BIN, ...argv], { cwd: options.cwd ?? work, env: { ...process.env, ...options.env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}
const run = (argv, options) => geneft(argv, options).done;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function sweepFile(dir, { cells = 6, seeds = 2, steps = 300, n = 8 } = {}) {
  const file = path.join(dir, 'grid.sweep.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      base: { task: { relation: 'mod', k: 2, n, trainFraction: 0.75 }, decoder: { kind: 'mlp', width: 8, depth: 1 }, budget: { steps, evalEvery: 20 } },
      axes: [
        { path: 'dynamics.lrEncoder', log: [1e-3, 1e-1, cells] },
        { path: 'dynamics.lrDecoder', log: [1e-3, 1e-1, 4] },
      ],
      seeds: Array.from({ length: seeds }, (_, i) => i),
    }),
  );
  return file;
}

function storeLines(store) {
  const file = path.join(store, 'runs.jsonl');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/** Compares a store with a clean reference store: cells lost, cells stored twice, lines not parseable, outcomes that differ. */
function audit(store, reference, label) {
  const lines = storeLines(store);
  const seen = new Map();
  let torn = 0;
  for (const line of lines) {
    let run;
    try {
      run = JSON.parse(line);
    } catch {
      torn++;
      continue;
    }
    seen.set(run.configHash, (seen.get(run.configHash) ?? 0) + 1);
  }
  const want = new Map(storeLines(reference).map((l) => JSON.parse(l)).map((r) => [r.configHash, r]));
  const lost = [...want.keys()].filter((h) => !seen.has(h)).length;
  const duplicates = [...seen.values()].reduce((s, c) => s + c - 1, 0);
  let differ = 0;
  for (const line of lines) {
    try {
      const r = JSON.parse(line);
      const w = want.get(r.configHash);
      if (!w || w.phase !== r.phase || w.steps !== r.steps || w.stepTrain !== r.stepTrain || w.stepTest !== r.stepTest) differ++;
    } catch {
      // counted as torn
    }
  }
  tally.runsLost += lost;
  tally.duplicates += duplicates;
  tally.tornLinesLeft += torn;
  if (lost || duplicates || torn || differ) fail(`${label}: ${lost} lost, ${duplicates} duplicated, ${torn} torn, ${differ} differing from a clean sweep`);
  return { lost, duplicates, torn };
}

async function referenceStore(file, backend) {
  const store = path.join(work, `reference-${backend}-${path.basename(path.dirname(file))}`);
  const r = await run(['sweep', file, '--backend', backend, '--workers', '1', '--store', store, '--json']);
  if (r.code !== 0) throw new Error(`reference sweep failed: ${r.stderr}`);
  return store;
}

// ---------------------------------------------------------------------------------------------
async function kills() {
  console.log(`SIGKILL at random moments (${KILLS} kills, seed ${firstSeed})`);
  const backends = JSON.parse((await run(['backends', '--json'])).stdout).backends.map((b) => (typeof b === 'string' ? b : b.name));
  const modes = [
    { backend: 'reference', workers: '1' },
    { backend: 'reference', workers: '2' },
    ...(backends.includes('native') ? [{ backend: 'native', workers: '1' }] : []),
  ];
  let round = 0;
  // Kills are spread over the modes: each sweep takes its share, then resumes to the end.
  const perRound = Math.ceil(KILLS / modes.length);
  while (tally.kills < KILLS) {
    const killsBefore = tally.kills;
    const mode = modes[round % modes.length];
    const dir = fs.mkdtempSync(path.join(work, `kill-${round}-`));
    const file = sweepFile(dir, { cells: 8, seeds: 3, steps: mode.backend === 'native' ? 2000 : 300 });
    const reference = await referenceStore(file, mode.backend);
    const store = path.join(dir, 'store');
    // Kill sessions until the sweep completes on its own (or enough kills were made), then resume.
    for (;;) {
      const session = geneft(['sweep', file, '--backend', mode.backend, '--workers', mode.workers, '--store', store]);
      const moment = 150 + random() * 1200;
      const outcome = await Promise.race([session.done, sleep(moment).then(() => null)]);
      if (outcome) {
        if (outcome.code !== 0) fail(`kill round ${round}: a resumed sweep exited ${outcome.code}: ${outcome.stderr.trim()}`);
        break;
      }
      session.child.kill('SIGKILL');
      await session.done;
      tally.kills++;
      if (tally.kills >= KILLS || tally.kills - killsBefore >= perRound) {
        const last = await run(['sweep', file, '--backend', mode.backend, '--workers', mode.workers, '--store', store]);
        if (last.code !== 0) fail(`kill round ${round}: the final resume exited ${last.code}: ${last.stderr.trim()}`);
        break;
      }
    }
    const check = await run(['store', 'check', store, '--json']);
    const report = JSON.parse(check.stdout);
    if (report.problems.length > 0) fail(`kill round ${round}: store check found ${JSON.stringify(report.problems)}`);
    audit(store, reference, `kill round ${round} (${mode.backend}, ${mode.workers} workers)`);
    round++;
  }
  console.log(`  ${tally.kills} kills in ${round} sweeps: ${tally.runsLost} runs lost, ${tally.duplicates} duplicated, ${tally.tornLinesLeft} torn lines left`);
}

// ---------------------------------------------------------------------------------------------
async function concurrentWriters() {
  console.log('concurrent writers on one store');
  const dir = fs.mkdtempSync(path.join(work, 'concurrent-'));
  const file = sweepFile(dir, { cells: 6, seeds: 2 });
  const reference = await referenceStore(file, 'reference');
  const store = path.join(dir, 'store');
  const sessions = [0, 1, 2].map(() => run(['sweep', file, '--backend', 'reference', '--workers', '1', '--store', store, '--json']));
  const results = await Promise.all(sessions);
  const winners = results.filter((r) => r.code === 0).length;
  const refused = results.filter((r) => r.code === 2 && /^geneft: store .* is in use by process \d+\n$/.test(r.stderr)).length;
  tally.concurrentWriters += 2;
  tally.concurrentRefused += Math.min(refused, 2);
  if (winners !== 1 || refused !== 2) fail(`3 sweeps at once: ${winners} ran, ${refused} refused (want 1 and 2): ${results.map((r) => r.stderr.trim()).join(' | ')}`);
  // a merge into a store being written is refused the same way
  const writing = geneft(['sweep', sweepFile(fs.mkdtempSync(path.join(work, 'concurrent-big-')), { cells: 10, seeds: 3 }), '--backend', 'reference', '--workers', '1', '--store', path.join(dir, 'busy')]);
  for (let i = 0; i < 200 && !fs.existsSync(path.join(dir, 'busy', '.lock')); i++) await sleep(20);
  const merge = await run(['merge', path.join(dir, 'busy'), store]);
  tally.concurrentWriters++;
  if (merge.code === 2 && /is in use by process/.test(merge.stderr)) tally.concurrentRefused++;
  else fail(`merge into a store being written: exit ${merge.code}: ${merge.stderr.trim()}`);
  writing.child.kill('SIGKILL');
  await writing.done;
  audit(store, reference, 'concurrent writers');
  console.log(`  ${tally.concurrentRefused}/${tally.concurrentWriters} second writers refused`);
}

// ---------------------------------------------------------------------------------------------
async function fullDisk() {
  console.log('full disk (ENOSPC)');
  const dir = fs.mkdtempSync(path.join(work, 'enospc-'));
  const file = sweepFile(dir, { cells: 4, seeds: 2 });
  const reference = await referenceStore(file, 'reference');

  const checkCase = async (label, store, sweepOptions, heal) => {
    tally.enospc++;
    const r = await run(['sweep', file, '--backend', 'reference', '--workers', '1', '--store', store], sweepOptions);
    const oneLine = r.stderr.trim().split('\n').length === 1 && /no space left on device \(ENOSPC\)/.test(r.stderr) && !/\n\s+at /.test(r.stderr);
    const check = JSON.parse((await run(['store', 'check', store, '--json'])).stdout);
    const clean = check.problems.length === 0 && check.tempFiles.length === 0;
    await heal();
    const resumed = await run(['sweep', file, '--backend', 'reference', '--workers', '1', '--store', store]);
    const before = { lost: tally.runsLost, dup: tally.duplicates };
    audit(store, reference, `ENOSPC ${label}`);
    if (r.code === 1 && oneLine && clean && resumed.code === 0 && tally.runsLost === before.lost && tally.duplicates === before.dup) tally.enospcClean++;
    else fail(`ENOSPC ${label}: exit ${r.code}, one line ${oneLine}, store clean after the failure ${clean} (${JSON.stringify(check.problems)}), resume exit ${resumed.code}: ${r.stderr.trim()}`);
  };

  for (const bytes of [3000, 9000, 20000]) {
    const store = path.join(dir, `simulated-${bytes}`);
    await checkCase(`simulated after ${bytes} bytes`, store, { preload: path.join(__dirname, 'enospc.js'), env: { GENEFT_FAULT_DIR: store, GENEFT_FAULT_BYTES: String(bytes) } }, async () => undefined);
  }

  const mountPoint = path.join(dir, 'tmpfs');
  fs.mkdirSync(mountPoint);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint]).status === 0;
  if (!mounted) {
    console.log('  (no tmpfs: mounting is not allowed here; the simulated cases stand)');
  } else {
    try {
      await checkCase('on a 64 KiB tmpfs', path.join(mountPoint, 'store'), {}, async () => {
        spawnSync('mount', ['-o', 'remount,size=16m', mountPoint]);
      });
    } finally {
      spawnSync('umount', [mountPoint]);
    }
  }
  console.log(`  ${tally.enospcClean}/${tally.enospc} full-disk cases: one-line error, no torn line, resumed with nothing lost`);
}

// ---------------------------------------------------------------------------------------------
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function startRedis(port) {
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
    server.stdout.on('data', (d) => {
      out += d;
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(server);
      }
    });
  });
}
const exited = (child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', resolve)));

async function redis() {
  const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
  if (!hasRedis) {
    if (process.env.CI) fail('redis-server is not on PATH in CI');
    console.log('Redis: skipped (redis-server is not on PATH)');
    return;
  }
  console.log('Redis: wrong URLs, a restart mid-sweep');
  const port = await freePort();
  let server = await startRedis(port);
  const children = [server];
  const web = http.createServer((_req, res) => res.end('hello'));
  await new Promise((resolve) => web.listen(0, '127.0.0.1', resolve));
  try {
    const dir = fs.mkdtempSync(path.join(work, 'redis-'));
    const file = sweepFile(dir, { cells: 6, seeds: 2, steps: 400 });
    const urls = [`redis://127.0.0.1:${await freePort()}/0`, 'redis://no-such-host.invalid:6379/0', `redis://127.0.0.1:${web.address().port}/0`, `rediss://127.0.0.1:${port}/0`, `redis://127.0.0.1:${port}/9999`];
    const results = await Promise.all(
      urls.flatMap((url) => [
        run(['sweep', file, '--backend', 'reference', '--queue', url, '--store', path.join(dir, 'never')]).then((r) => ({ url, r })),
        run(['worker', '--queue', url]).then((r) => ({ url, r })),
      ]),
    );
    for (const { url, r } of results) {
      tally.urls++;
      if (r.code === 1 && r.stderr.trim().split('\n').length === 1 && !/\n\s+at /.test(r.stderr)) tally.urlsRefused++;
      else fail(`wrong URL ${url}: exit ${r.code}: ${r.stderr.trim()}`);
    }
    if (fs.existsSync(path.join(dir, 'never'))) fail('a refused --queue URL created the store folder');
    console.log(`  ${tally.urlsRefused}/${tally.urls} wrong URLs refused with one line`);

    const url = `redis://127.0.0.1:${port}/0`;
    const reference = await referenceStore(file, 'reference');
    const workers = [0, 1].map(() => geneft(['worker', '--queue', url, '--workers', '1', '--lock-duration', '1000', '--stalled-interval', '500']));
    children.push(...workers.map((w) => w.child));
    const store = path.join(dir, 'store');
    const sweep = geneft(['sweep', file, '--backend', 'reference', '--queue', url, '--block-size', '2', '--store', store, '--json']);
    for (let i = 0; i < 3000 && storeLines(store).length < 2; i++) await sleep(20);
    tally.redisRestarts++;
    server.kill('SIGKILL');
    await exited(server);
    server = await startRedis(port);
    children.push(server);
    const r = await Promise.race([sweep.done, sleep(120_000).then(() => null)]);
    if (!r) {
      sweep.child.kill('SIGKILL');
      fail('the queued sweep did not finish within 2 minutes of a Redis restart');
    } else {
      const before = { lost: tally.runsLost, dup: tally.duplicates };
      audit(store, reference, 'Redis restart');
      if (r.code === 0 && tally.runsLost === before.lost && tally.duplicates === before.dup) tally.redisRecovered++;
      else fail(`Redis restart: exit ${r.code}: ${r.stderr.trim()}`);
    }
    console.log(`  ${tally.redisRecovered}/${tally.redisRestarts} Redis restarts recovered, every cell once`);
  } finally {
    web.close();
    for (const c of children) c.kill('SIGKILL');
    await Promise.all(children.map(exited));
  }
}

// ---------------------------------------------------------------------------------------------
async function attacks() {
  console.log('path and input attacks');
  const dir = fs.mkdtempSync(path.join(work, 'attack-'));
  const victim = path.join(dir, 'victim');
  fs.mkdirSync(victim);
  fs.writeFileSync(path.join(victim, 'package.json'), '{"name":"victim"}');
  fs.writeFileSync(path.join(dir, 'secret.json'), '{"secret":"hunter2"}');
  const config = { task: { relation: 'mod', k: 3, n: 6, trainFraction: 0.75, splitSeed: 0 }, encoder: { dim: 2, initScale: 0.5 }, decoder: { kind: 'mlp', combine: 'concat', width: 4, depth: 1, activation: 'tanh' }, dynamics: {}, budget: { steps: 10, evalEvery: 10 }, seed: 0 };
  const line = (fields) => `${JSON.stringify({ configHash: 'a'.repeat(16), config, phase: 'memorization', stepTrain: 1, stepTest: null, trainAccuracy: 1, testAccuracy: 0.5, trainLoss: 0, testLoss: 1, steps: 10, backend: 'reference', wallMs: 1, finishedAt: 'x', ...fields })}\n`;
  const crafted = (name, text, files = {}) => {
    const store = path.join(dir, name);
    fs.mkdirSync(path.join(store, 'traces'), { recursive: true });
    fs.writeFileSync(path.join(store, 'runs.jsonl'), text);
    for (const [f, content] of Object.entries(files)) fs.writeFileSync(path.join(store, f), content);
    return store;
  };
  const file = (name, content) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, content);
    return f;
  };
  const evilHash = crafted('evil-hash', line({ configHash: '../../victim/package', trace: 'traces/x.json' }), { 'traces/x.json': '{"scripts":{"postinstall":"touch pwned"}}' });
  const evilTrace = crafted('evil-trace', line({ trace: '../secret.json' }));
  const linkTrace = crafted('link-trace', line({ trace: `traces/${'a'.repeat(16)}.json` }));
  fs.symlinkSync(path.join(dir, 'secret.json'), path.join(linkTrace, 'traces', `${'a'.repeat(16)}.json`));
  const absTrace = crafted('abs-trace', line({ trace: '/etc/passwd' }));
  const fifo = path.join(dir, 'fifo.json');
  spawnSync('mkfifo', [fifo]);
  const sparse = path.join(dir, 'huge.geneft.json');
  fs.closeSync(fs.openSync(sparse, 'w'));
  fs.truncateSync(sparse, 65 * 2 ** 20);
  fs.mkdirSync(path.join(dir, 'exp'));
  const exp = (name, task) => {
    const f = path.join(dir, 'exp', name);
    fs.writeFileSync(f, JSON.stringify({ task }));
    return f;
  };
  const sweep = (name, body) => file(name, JSON.stringify(body));
  const base = { task: { n: 6 }, budget: { steps: 10 } };

  const cases = [
    ['merge: config hash "../../victim/package"', ['merge', path.join(dir, 'out-merge'), evilHash], () => !fs.existsSync(path.join(dir, 'out-merge'))],
    ['report: trace "../secret.json"', ['report', evilTrace, '--out', path.join(dir, 'out-report1')], () => !fs.existsSync(path.join(dir, 'out-report1'))],
    ['report: trace symlinked out of the store', ['report', linkTrace, '--out', path.join(dir, 'out-report2')], () => !fs.existsSync(path.join(dir, 'out-report2'))],
    ['report: absolute trace path', ['report', absTrace, '--out', path.join(dir, 'out-report3')], () => !fs.existsSync(path.join(dir, 'out-report3'))],
    ['sweep into a crafted store', ['sweep', sweep('s0.sweep.json', { base }), '--backend', 'reference', '--store', evilHash], () => true],
    ['graph file outside the experiment folder', ['validate', exp('out.geneft.json', { relation: 'graph', file: '../secret.json' })], () => true, { cwd: path.join(dir, 'exp') }],
    ['graph file by absolute path', ['validate', exp('abs.geneft.json', { relation: 'graph', file: path.join(dir, 'secret.json') })], () => true, { cwd: path.join(dir, 'exp') }],
    ['graph file /dev/zero (allowed folder)', ['validate', exp('zero.geneft.json', { relation: 'graph', file: '/dev/zero' }), '--allow-path', '/dev'], () => true],
    ['graph file a FIFO', ['validate', exp('fifo.geneft.json', { relation: 'graph', file: fifo }), '--allow-path', dir], () => true],
    ['graph file content not echoed', ['validate', exp('secret.geneft.json', { relation: 'graph', file: path.join(dir, 'secret.json') }), '--allow-path', dir], () => true],
    ['experiment of 65 MiB', ['validate', sparse], () => true],
    ['200,000 nested brackets', ['validate', file('deep.geneft.json', '['.repeat(200_000) + ']'.repeat(200_000))], () => true],
    ['__proto__ key', ['validate', file('proto.geneft.json', '{"__proto__": {"polluted": 1}}')], () => ({}).polluted === undefined],
    ['constructor key', ['validate', file('ctor.geneft.json', '{"budget": {"constructor": 1}}')], () => true],
    ['axis path "constructor"', ['sweep', sweep('ctor.sweep.json', { base, axes: [{ path: 'constructor', values: [1] }] }), '--store', path.join(dir, 'x1')], () => !fs.existsSync(path.join(dir, 'x1'))],
    ['a log range of 10^7 values', ['sweep', sweep('range.sweep.json', { base, axes: [{ path: 'dynamics.lrDecoder', log: [1e-4, 1e-2, 10_000_000] }] }), '--store', path.join(dir, 'x2')], () => !fs.existsSync(path.join(dir, 'x2'))],
    ['a 3000 × 3000 grid', ['sweep', sweep('grid.sweep.json', { base, axes: [{ path: 'dynamics.lrDecoder', log: [1e-4, 1e-2, 3000] }, { path: 'dynamics.lrEncoder', log: [1e-4, 1e-2, 3000] }] }), '--store', path.join(dir, 'x3')], () => !fs.existsSync(path.join(dir, 'x3'))],
    ['repeated seeds', ['sweep', sweep('seeds.sweep.json', { base, seeds: [0, 0] }), '--store', path.join(dir, 'x4')], () => !fs.existsSync(path.join(dir, 'x4'))],
    ['--shard abc', ['sweep', sweep('shard.sweep.json', { base }), '--shard', 'abc', '--store', path.join(dir, 'x5')], () => !fs.existsSync(path.join(dir, 'x5'))],
    ['--dump-params onto a folder', ['run', file('ok.geneft.json', JSON.stringify(base)), '--dump-params', dir], () => true],
    ['--dump-params onto a device', ['run', path.join(dir, 'ok.geneft.json'), '--dump-params', '/dev/full'], () => fs.statSync('/dev/full').isCharacterDevice()],
    ['--dump-params into a missing folder', ['run', path.join(dir, 'ok.geneft.json'), '--dump-params', path.join(dir, 'nope', 'p.json')], () => !fs.existsSync(path.join(dir, 'nope'))],
    ['report --out onto a file', ['report', crafted('fine', line({})), '--out', path.join(victim, 'package.json')], () => true],
  ];
  for (const [label, argv, nothingWritten, options] of cases) {
    tally.attacks++;
    const r = await run(argv, options);
    const oneLine = r.stderr.trim().split('\n').length === 1 && !/\n\s+at /.test(r.stderr) && r.stderr.length < 600;
    const echoed = /hunter2|postinstall/.test(r.stderr + r.stdout);
    if (r.code === 2 && oneLine && !echoed && nothingWritten()) tally.attacksRefused++;
    else fail(`attack "${label}": exit ${r.code}, one line ${oneLine}, echoed a secret ${echoed}, wrote nothing ${nothingWritten()}: ${r.stderr.trim().slice(0, 300)}`);
  }
  if (fs.readFileSync(path.join(victim, 'package.json'), 'utf8') !== '{"name":"victim"}') fail('the victim file was changed');
  console.log(`  ${tally.attacksRefused}/${tally.attacks} attacks refused (exit 2, one line, nothing echoed or written)`);
}

// ---------------------------------------------------------------------------------------------
async function main() {
  const started = Date.now();
  try {
    await attacks();
    await concurrentWriters();
    await fullDisk();
    await kills();
    await redis();
  } catch (error) {
    fail(`the suite itself failed: ${error.stack}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log('\nfault-injection tally');
  console.log(`  kills                ${tally.kills}`);
  console.log(`  runs lost            ${tally.runsLost}`);
  console.log(`  duplicates           ${tally.duplicates}`);
  console.log(`  torn lines left      ${tally.tornLinesLeft}`);
  console.log(`  attacks refused      ${tally.attacksRefused}/${tally.attacks}`);
  console.log(`  concurrent writers   ${tally.concurrentRefused}/${tally.concurrentWriters} refused`);
  console.log(`  full disk            ${tally.enospcClean}/${tally.enospc} clean`);
  console.log(`  Redis restarts       ${tally.redisRecovered}/${tally.redisRestarts} recovered`);
  console.log(`  wrong Redis URLs     ${tally.urlsRefused}/${tally.urls} refused`);
  console.log(`  seed ${firstSeed}, ${seconds} s`);
  if (tally.kills < 20) fail(`only ${tally.kills} kills`);
  fs.rmSync(work, { recursive: true, force: true });
  if (failures.length > 0) {
    console.log(`\n${failures.length} failure(s)`);
    process.exit(1);
  }
  console.log('\nall faults handled');
}

main();
