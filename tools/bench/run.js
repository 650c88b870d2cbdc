#!/usr/bin/env node
'use strict';
// Training-speed benchmark of every GenEFT backend available in Node against PyTorch.
// Usage: node tools/bench/run.js [--cases a,b,c,d] [--backends native,reference,...] [--reps 5]
//                                [--seconds 1] [--quick] [--skip-torch] [--json FILE]
// Needs built packages (npx nx run-many -t build); see tools/bench/README.md.

const fs = require('node:fs');
const os = require('node:os');
const { parseArgs } = require('node:util');
const { CASES, flopsPerStep, specOf } = require('./lib/cases');
const { loadCore, availableBackends } = require('./lib/backends');
const { measure } = require('./lib/stats');
const { torchUnavailable, torchVersion, torchSingle, torchSweep } = require('./lib/torch');
const { relaxedRuntimes, timeRelaxed } = require('./lib/wasmRelaxed');

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: 'a,b,c,d' },
    backends: { type: 'string' },
    reps: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '1' },
    quick: { type: 'boolean', default: false },
    'skip-torch': { type: 'boolean', default: false },
    json: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(2, 6).join('\n').replace(/^\/\/ ?/gm, ''));
  process.exit(0);
}

const reps = Math.max(5, Number(args.reps));
const seconds = args.quick ? 0.2 : Number(args.seconds);
const wantedBackends = args.backends ? args.backends.split(',') : undefined;

const fmt = (x, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const rate = (x) => fmt(x, x < 10 ? 2 : x < 100 ? 1 : 0);
const rate0 = (x) => fmt(x, 0);
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

function table(rows) {
  const head = ['backend', 'steps/s median', 'min–max', 'GFLOP/s', '% peak', '× PyTorch', 'first loss', 'k/call'];
  const body = rows.map((r) =>
    r.note
      ? [r.name, r.note]
      : [
          r.name,
          rate(r.median),
          `${rate(r.min)}–${rate(r.max)}`,
          fmt(r.gflops, 1),
          r.peakPercent === undefined ? '' : `${fmt(r.peakPercent, 0)}%`,
          r.ratio === undefined ? '' : fmt(r.ratio, 2),
          r.firstLoss.toFixed(7),
          String(r.k),
        ],
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.filter((b) => b.length > 2).map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[0]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  for (const b of body) console.log(b.length === 2 ? `${b[0].padEnd(widths[0])}  ${b[1]}` : line(b));
}

async function timeTrainer(backend, spec) {
  const trainer = await backend.createTrainer(spec);
  try {
    const firstLoss = await trainer.step(1);
    const result = await measure((k) => trainer.step(k), { reps, seconds });
    const threads = trainer.threads > 1 ? `, ${trainer.threads} threads` : '';
    const label = trainer.isa ? `${backend.name} (${trainer.isa}${threads})` : backend.name;
    return { name: label, firstLoss, ...result, peakScale: trainer.threads ?? 1 };
  } finally {
    trainer.dispose();
  }
}

async function singleRunCase(core, c, backends, torchOk, peak, native) {
  const spec = specOf(core, c.experiment);
  const flops = flopsPerStep(core, spec.config, spec.data.train.length);
  console.log(`\n(${c.id}) ${c.title}: ${c.describe}`);
  console.log(`    ${spec.data.train.length} training pairs, ${(flops / 1e6).toFixed(2)} MFLOP/step; load average ${load()}`);
  const rows = [];
  for (const b of backends) {
    if (!b.backend) {
      rows.push(b);
      continue;
    }
    rows.push(await timeTrainer(b.backend, spec));
    // One large run split over the cores: not comparable with 1-thread PyTorch, shown for scale.
    if (b.name === 'native' && native && c.id === 'b') rows.push(await timeTrainer(native.nativeBackend({ runThreads: os.availableParallelism() }), spec));
    if (b.name === 'wasm') for (const runtime of relaxedRuntimes()) rows.push(timeRelaxed(runtime, c.id, { reps, seconds }));
  }
  if (torchOk === null) rows.push({ name: `pytorch ${torchVersion()} (1 thread)`, torch: true, ...torchSingle(core, spec, { reps, seconds }) });
  else rows.push({ name: 'pytorch', note: `skipped: ${torchOk}` });
  return finish(rows, flops, peak, 1);
}

/** The backends with a batch trainer: whether each is built, how to make it on `threads` threads. */
function batchEngines(native, wasm) {
  return [
    { name: 'native', available: Boolean(native), thread: 'thread', make: (threads) => native.nativeBackend({ threads }) },
    { name: 'wasm', available: Boolean(wasm), thread: 'worker thread', make: (threads) => wasm.wasmBackend({ threads }) },
  ];
}

async function sweepCase(core, c, native, wasm, torchOk, peak, torchRateA) {
  const specs = Array.from({ length: c.runs }, (_, i) => specOf(core, c.experiment, i));
  const flops = flopsPerStep(core, specs[0].config, specs[0].data.train.length);
  console.log(`\n(${c.id}) ${c.title}: ${c.describe}, throughput in run-steps/s`);
  console.log(`    ${c.runs} runs × ${(flops / 1e6).toFixed(2)} MFLOP/step; ${c.workers} threads/processes; load average ${load()}`);
  const rows = [];
  for (const engine of batchEngines(native, wasm)) {
    if (!engine.available) {
      rows.push({ name: engine.name, note: `skipped: @geneft/backend-${engine.name} is not built` });
      continue;
    }
    for (const threads of [c.workers, 1]) {
      const batch = await (await engine.make(threads)).createBatchTrainer(specs);
      try {
        const firstLoss = (await batch.step(1))[0];
        const result = await measure((k) => batch.step(k), { reps, seconds });
        const scale = (x) => x * c.runs;
        rows.push({
          name: `${engine.name} batch (${batch.isa}, ${batch.threads} ${engine.thread}${batch.threads > 1 ? 's' : ''})`,
          firstLoss,
          k: result.k,
          median: scale(result.median),
          min: scale(result.min),
          max: scale(result.max),
          peakScale: batch.threads,
        });
      } finally {
        batch.dispose();
      }
    }
  }
  rows.push({ name: 'reference / tfjs-cpu / tfjs-wasm', note: 'skipped: no batch trainer; a sweep would run them one per worker' });
  if (torchOk === null) {
    const k = Math.max(1, Math.round((seconds * (torchRateA ?? 900) * c.workers) / c.runs));
    rows.push({ name: `pytorch ${torchVersion()} (${c.workers} processes × 1 thread)`, torch: true, peakScale: c.workers, ...(await torchSweep(core, specs, { workers: c.workers, k, reps })) });
  } else rows.push({ name: 'pytorch', note: `skipped: ${torchOk}` });
  return finish(rows, flops, peak, c.workers);
}

/**
 * Case (d): how well a batch keeps its threads busy when runs stop at different steps. The
 * uneven schedule's run-steps/s over the even one's (every run to the end): 1 when the work left
 * is spread over the threads, about ½ when the two runs that go on share one thread.
 */
async function unevenCase(core, c, native, wasm) {
  const u = c.uneven;
  const specs = Array.from({ length: u.runs }, (_, i) => specOf(core, c.experiment, i));
  console.log(`\n(${c.id}) ${c.title}: ${c.describe}; load average ${load()}`);
  const schedule = async (batch, stopped) => {
    let runSteps = 0;
    for (let step = 0; step < u.steps; step += u.every) {
      if (step === u.stopAt) stopped.forEach((i) => batch.deactivate(i));
      await batch.step(u.every);
      runSteps += u.every * (step < u.stopAt ? u.runs : u.runs - stopped.length);
    }
    return runSteps;
  };
  const rows = [];
  for (const engine of batchEngines(native, wasm).filter((e) => e.available)) {
    const rate = async (stopped) => {
      const samples = [];
      for (let r = 0; r < reps; r++) {
        const batch = await (await engine.make(u.workers)).createBatchTrainer(specs);
        try {
          await batch.step(1);
          const start = performance.now();
          const runSteps = await schedule(batch, stopped);
          samples.push(runSteps / ((performance.now() - start) / 1000));
        } finally {
          batch.dispose();
        }
      }
      return samples.sort((x, y) => x - y)[Math.floor(samples.length / 2)];
    };
    const even = await rate([]);
    const uneven = await rate(u.stopped);
    rows.push([`${engine.name} batch, ${u.workers} threads`, rate0(even), rate0(uneven), fmt(uneven / even, 2)]);
  }
  const head = ['backend', 'even run-steps/s', 'uneven run-steps/s', 'uneven ÷ even'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((x, i) => (i === 0 ? x.padEnd(widths[0]) : x.padStart(widths[i]))).join('  ');
  console.log(line(head));
  rows.forEach((r) => console.log(line(r)));
  return rows.map(([name, even, uneven, ratio]) => ({ name, even: Number(even), uneven: Number(uneven), ratio: Number(ratio) }));
}

function finish(rows, flops, peak, cores) {
  const torchRow = rows.find((r) => r.torch);
  for (const r of rows) {
    if (r.note) continue;
    r.gflops = (r.median * flops) / 1e9;
    // of the cores this row used: its threads or processes
    if (peak) r.peakPercent = (100 * r.gflops) / (peak.gflops * (r.peakScale ?? 1));
    if (torchRow) r.ratio = r.median / torchRow.median;
  }
  table(rows);
  if (peak) {
    const total = cores > 1 ? `, ${fmt(peak.gflops * cores, 1)} on ${cores} cores` : '';
    console.log(`    peak: ${fmt(peak.gflops, 1)} GFLOP/s per core (${peak.isa} FMA loop)${total}; load average now ${load()}`);
  }
  return rows;
}

async function main() {
  const core = loadCore();
  const cases = args.cases.split(',').map((id) => {
    if (!CASES[id]) throw new Error(`unknown case "${id}" (known: ${Object.keys(CASES).join(', ')})`);
    return CASES[id];
  });
  const backends = await availableBackends(core, wantedBackends);
  let native;
  try {
    native = require('@geneft/backend-native');
    native.nativeCpuInfo();
  } catch {
    native = undefined;
  }
  let wasm;
  try {
    wasm = require('@geneft/backend-wasm');
    await wasm.wasmBackend();
  } catch {
    wasm = undefined;
  }
  const torchOk = args['skip-torch'] ? 'disabled by --skip-torch' : torchUnavailable();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`GenEFT training benchmark — ${cpu}, ${os.availableParallelism()} cores, Node ${process.version}`);
  console.log(`medians of ${reps} timed calls after warm-up; each call runs k steps (k grown to ~${seconds} s per call)`);
  let peak;
  // A peak is an upper bound that other load can only lower: keep the best of short samples,
  // taken again before every case.
  const refreshPeak = () => {
    for (let i = 0; i < 5; i++) peak.gflops = Math.max(peak.gflops, native.measurePeakGflops(peak.isa, 0.1));
  };
  if (native) {
    const info = native.nativeCpuInfo();
    peak = { isa: info.selected, gflops: 0 };
    refreshPeak();
    console.log(`native kernels: ${info.supported.join(', ')} (selected ${info.selected})`);
  }
  const results = { machine: { cpu, cores: os.availableParallelism(), node: process.version }, peak, cases: {} };
  let torchRateA;
  for (const c of cases) {
    if (peak) refreshPeak();
    const rows = c.uneven
      ? await unevenCase(core, c, native, wasm)
      : c.runs
        ? await sweepCase(core, c, native, wasm, torchOk, peak, torchRateA)
        : await singleRunCase(core, c, backends, torchOk, peak, native);
    if (c.id === 'a') torchRateA = rows.find((r) => r.torch)?.median;
    results.cases[c.id] = rows.map(({ samples, ...r }) => ({ ...r, samples }));
  }
  summarize(results.cases, wasm);
  if (args.json) fs.writeFileSync(args.json, JSON.stringify(results, null, 2));
}

/** The ratios the wasm engine is held to (issue #12), from this run's medians. */
function summarize(cases, wasm) {
  const median = (rows, test) => rows?.find((r) => !r.note && test(r))?.median;
  const ratio = (a, b, goal) => (a && b ? `${fmt(a / b, 2)}× (goal ≥ ${goal}×)` : '– (a row is missing)');
  const a = cases.a;
  const c = cases.c;
  const torchA = median(a, (r) => r.torch);
  const wasmA = median(a, (r) => /^wasm \((simd128|relaxed-simd)\)/.test(r.name));
  const relaxedA = median(a, (r) => r.relaxed);
  const tfjsWasmA = median(a, (r) => r.name === 'tfjs-wasm');
  const nativeA = median(a, (r) => r.name.startsWith('native'));
  console.log('\nSummary (medians of this run):');
  if (a) {
    console.log(`  (a) wasm ÷ PyTorch:           ${ratio(wasmA, torchA, 1)}`);
    console.log(`  (a) wasm ÷ tfjs-wasm:         ${ratio(wasmA, tfjsWasmA, 1.7)}`);
    console.log(`  (a) wasm relaxed ÷ PyTorch:   ${ratio(relaxedA, torchA, 1.5)}`);
    console.log(`  (a) native ÷ PyTorch:         ${ratio(nativeA, torchA, 1)}`);
  }
  if (c) console.log(`  (c) wasm batch, 2 threads ÷ PyTorch in 2 processes: ${ratio(median(c, (r) => /^wasm batch .*2 worker/.test(r.name)), median(c, (r) => r.torch), 1.5)}`);
  if (wasm) {
    const sizes = Object.values(wasm.WASM_FILES).map((f) => `${f} ${(fs.statSync(require('node:path').join(wasm.WASM_DIR, f)).size / 1024).toFixed(0)} kB`);
    console.log(`  module sizes: ${sizes.join(', ')} (goal < 300 kB each)`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error.message);
    process.exit(1);
  },
);
