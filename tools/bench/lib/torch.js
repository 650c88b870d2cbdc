'use strict';
// Drives tools/bench/torch_bench.py (PyTorch from Debian's python3-torch, one thread).
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { summary } = require('./stats');

const PYTHON = process.env.GENEFT_BENCH_PYTHON || '/usr/bin/python3';
const SCRIPT = path.join(__dirname, '..', 'torch_bench.py');
const PEER = path.join(__dirname, '..', '..', 'torch_peer', 'geneft_torch.py');
// One BLAS thread, as torch.set_num_threads(1) in the script; MKL/OMP for other torch builds.
const ENV = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

/** null if PyTorch can run, else why not. */
function torchUnavailable() {
  if (!fs.existsSync(PEER)) return `${PEER} is missing`;
  const probe = spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { env: ENV, encoding: 'utf8' });
  if (probe.error) return `${PYTHON} not found`;
  if (probe.status !== 0) return `${PYTHON} cannot import torch (apt-get install python3-torch libopenblas0-pthread)`;
  return null;
}

function torchVersion() {
  return spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { env: ENV, encoding: 'utf8' }).stdout.trim();
}

/** The job fields GenEFT supplies: config, params.json, the split and the labels. */
function runJob(core, spec) {
  return { params: core.paramsToJson(spec.params), train: Array.from(spec.data.train), labels: Array.from(spec.data.labels) };
}

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'geneft-bench-'));
}

/** One run of `spec`, timed like the JS backends. */
function torchSingle(core, spec, { reps, seconds }) {
  const dir = tempDir();
  try {
    const job = path.join(dir, 'job.json');
    const out = path.join(dir, 'out.json');
    fs.writeFileSync(job, JSON.stringify({ config: spec.config, ...runJob(core, spec), reps, seconds }));
    const result = spawnSync(PYTHON, [SCRIPT, 'single', job, out], { env: ENV, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`torch_bench.py failed: ${result.stderr || result.error}`);
    const parsed = JSON.parse(fs.readFileSync(out, 'utf8'));
    return { k: parsed.k, firstLoss: parsed.firstLoss, ...summary(parsed.rates) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function lines(child) {
  let buffer = '';
  const waiting = [];
  const queued = [];
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    let at;
    while ((at = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      const w = waiting.shift();
      if (w) w.resolve(line);
      else queued.push(line);
    }
  });
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`torch_bench.py exited with ${code}`));
  });
  return () =>
    queued.length ? Promise.resolve(queued.shift()) : new Promise((resolve, reject) => waiting.push({ resolve, reject }));
}

/**
 * The sweep: `specs` split over `workers` processes, each training its runs one after another
 * for k steps per round. Wall time of a round is from "go" to the last process's "done".
 */
async function torchSweep(core, specs, { workers, k, reps }) {
  const dir = tempDir();
  const children = [];
  try {
    const readers = [];
    const firstLosses = [];
    for (let w = 0; w < workers; w++) {
      const mine = specs.filter((_, i) => i % workers === w);
      const job = path.join(dir, `sweep-${w}.json`);
      fs.writeFileSync(job, JSON.stringify({ config: mine[0].config, runs: mine.map((s) => runJob(core, s)), k }));
      const child = spawn(PYTHON, [SCRIPT, 'sweep', job], { env: ENV, stdio: ['pipe', 'pipe', 'inherit'] });
      children.push(child);
      readers.push(lines(child));
    }
    for (const read of readers) firstLosses.push(...JSON.parse((await read()).replace(/^ready /, '')));
    const round = async () => {
      const start = performance.now();
      for (const child of children) child.stdin.write('go\n');
      await Promise.all(readers.map((read) => read()));
      return (performance.now() - start) / 1000;
    };
    await round(); // warm-up
    const rates = [];
    for (let r = 0; r < reps; r++) rates.push((specs.length * k) / (await round()));
    return { k, firstLoss: firstLosses[0], ...summary(rates) };
  } finally {
    for (const child of children) child.stdin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { torchUnavailable, torchVersion, torchSingle, torchSweep };
