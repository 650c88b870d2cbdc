/**
 * The runner: a child process (child_process.fork of dist/runner.js) that does the heavy work
 * outside the extension host — one run, one sweep or one theory job per process — and speaks
 * only the messages of ../pure/messages.ts over the IPC channel. Core's run loop yields to the
 * event loop between trainer calls, so a Stop message is read however fast the backend is.
 */
import { readFileSync } from 'node:fs';
import { listBackends, paramsToJson, resolveExperiment, runExperiment, sweepCells, type Backend, type EvalRecord, type ExperimentConfig, type Trainer } from '@geneft/core';
import { chooseBackend, executeSweep, loadExperimentFile, loadSweepFile, RunStore, type StoredRun } from '@geneft/core/node';
import { classesOf } from '../pure/classes';
import { isHostToRunner, toWireError, type CellProgress, type HostToRunner, type RunJob, type RunnerToHost, type SweepAxisView, type SweepCellView, type SweepJob, type TheoryJob } from '../pure/messages';
import { RateMeter } from '../pure/rate';
import { ratioKey } from '../pure/theoryCheck';
import { runsDir, sweepDir } from '../pure/store';
import { loadBackends } from './backends';
import { predictionFor, staticsFor } from './theory';
import { storeRun } from './storeRun';

const controllers = new Map<string, AbortController>();

function send(message: RunnerToHost): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      resolve();
      return;
    }
    process.send(message, undefined, undefined, () => resolve());
  });
}

const asRecord = (config: ExperimentConfig) => config as unknown as Record<string, unknown>;

/** The backend, remembering each trainer it makes so snapshots can read the parameters. */
function watching(backend: Backend, onTrainer: (t: Trainer) => void): Backend {
  const wrapper = Object.create(backend) as Backend;
  wrapper.createTrainer = async (spec) => {
    const trainer = await backend.createTrainer(spec);
    onTrainer(trainer);
    return trainer;
  };
  return wrapper;
}

/** The prediction for a job, raced on the job's own backend. */
async function sendTheory(id: string, config: ExperimentConfig, backend: Backend, ratios: readonly number[] = []): Promise<void> {
  try {
    const theory = await predictionFor(config, ratios, backend);
    if (theory) await send({ type: 'theory', id, theory });
  } catch {
    // the prediction is a courtesy; the run goes on without it
  }
}

/** The backend a job trains on; with none set and native unavailable, one line on stderr says which runs and why. */
async function backendFor(name: string | undefined): Promise<Backend> {
  const { backend, notice } = await chooseBackend(name || undefined);
  if (notice) process.stderr.write(`geneft: ${notice}\n`);
  return backend;
}

async function run(message: RunJob, signal: AbortSignal): Promise<void> {
  const { id } = message;
  const config = message.file ? loadExperimentFile(message.file) : resolveExperiment(message.config);
  const backend = await backendFor(message.backend);
  await send({ type: 'started', id, kind: 'run', config: asRecord(config), classes: classesOf(config), backend: backend.name });
  // the prediction (the fit race trains too) goes alongside the run, not before it
  const theory = sendTheory(id, config, backend);
  let trainer: Trainer | undefined;
  let evals = 0;
  let lastStep = 0;
  const meter = new RateMeter();
  const pending: Promise<unknown>[] = [];
  const result = await runExperiment(config, {
    dynamics: watching(backend, (t) => (trainer = t)),
    signal,
    onEval: (record, milestones) => {
      meter.add(record.step - lastStep);
      lastStep = record.step;
      void send({ type: 'eval', id, record, milestones, budget: config.budget.steps, stepsPerSecond: meter.rate() });
      if (trainer && evals++ % Math.max(1, message.snapshotEvery) === 0) {
        const step = record.step;
        pending.push(
          trainer.readParams().then(
            (p) => send({ type: 'snapshot', id, step, embeddings: paramsToJson(p).embeddings }),
            () => undefined,
          ),
        );
      }
    },
  });
  await Promise.all(pending);
  await send({ type: 'snapshot', id, step: result.steps, embeddings: paramsToJson(result.finalParams).embeddings });
  const stored: StoredRun | undefined = message.store && !result.aborted ? storeRun(runsDir(message.store), result) : undefined;
  const { trace: _t, aborted: _a, finalParams: _p, ...summary } = result;
  if (!signal.aborted) await theory; // a stopped run says so at once; its prediction may follow
  await send({ type: 'finished', id, kind: 'run', aborted: result.aborted, store: message.store && runsDir(message.store), run: stored ?? { ...summary, finishedAt: new Date().toISOString() } });
}

/** Whether each axis of the sweep file was written as a log range (the grid's scale). */
function logAxes(file: string, axes: { values: unknown[] }[]): boolean[] {
  let raw: { axes?: { log?: unknown; lin?: unknown }[] } = {};
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as typeof raw;
  } catch {
    // already validated by loadSweepFile; fall back to the values
  }
  return axes.map((axis, i) => {
    if (raw.axes?.[i]?.log !== undefined) return true;
    if (raw.axes?.[i]?.lin !== undefined) return false;
    const v = axis.values.filter((x): x is number => typeof x === 'number');
    return v.length === axis.values.length && v.every((x) => x > 0) && Math.max(...v) / Math.min(...v) >= 10;
  });
}

function cellView(r: StoredRun): SweepCellView {
  return { configHash: r.configHash, config: asRecord(r.config), state: 'done', phase: r.phase, step: r.steps, trainAccuracy: r.trainAccuracy, testAccuracy: r.testAccuracy, stepTrain: r.stepTrain, stepTest: r.stepTest };
}

async function sweep(message: SweepJob, signal: AbortSignal): Promise<void> {
  const { id } = message;
  const spec = loadSweepFile(message.file);
  const store = RunStore.open(sweepDir(message.store, message.file));
  const cells = sweepCells(spec);
  const backend = await backendFor(message.backend);
  const log = logAxes(message.file, spec.axes);
  const axes: SweepAxisView[] = spec.axes.map((a, i) => ({ path: a.path, values: a.values.filter((v): v is number => typeof v === 'number'), log: log[i] }));
  // every cell from the spec at once: the panel draws the whole grid in its first frame
  const stored = new Map(store.readAll().map((r) => [r.configHash, r]));
  const views: SweepCellView[] = cells.map((c) => {
    const done = stored.get(c.configHash);
    return done ? cellView(done) : { configHash: c.configHash, config: asRecord(c.config), state: 'pending' };
  });
  await send({ type: 'started', id, kind: 'sweep', config: asRecord(spec.base), backend: backend.name, axes, cells: views });
  const theory = sendTheory(id, spec.base, backend, [...new Set(cells.map((c) => ratioKey(c.config.dynamics.lrDecoder / c.config.dynamics.lrEncoder)))]);

  const meter = new RateMeter();
  const lastStep = new Map<string, number>();
  const live = new Map<string, CellProgress>();
  const flush = () => {
    if (live.size === 0) return;
    void send({ type: 'progress', id, running: [...live.values()], stepsPerSecond: meter.rate() });
    live.clear();
  };
  // a many-runs block evaluates every cell at once: batch their progress into a few messages a second
  const timer = setInterval(flush, 150);
  const workers = Math.max(1, message.workers);
  try {
    const progress = await executeSweep(spec, {
      store,
      backend: backend.name,
      workers,
      // worker threads (dist/worker.js) have the bundled backends; the user's plugins they load by path
      setupModules: pluginPaths,
      signal,
      onCellEval: (cell, record: EvalRecord) => {
        meter.add(record.step - (lastStep.get(cell.configHash) ?? 0));
        lastStep.set(cell.configHash, record.step);
        live.set(cell.configHash, { configHash: cell.configHash, step: record.step, trainAccuracy: record.trainAccuracy, testAccuracy: record.testAccuracy });
      },
      onProgress: (p) => {
        if (!p.last) return;
        const hash = p.last.configHash;
        live.delete(hash);
        // worker threads report no evaluations: count a finished cell's steps at once
        if (!lastStep.has(hash)) meter.add(p.last.steps);
        const r = store.readAll().find((s) => s.configHash === hash);
        const cell = r ? cellView(r) : { configHash: hash, config: asRecord(p.last.config), state: 'done' as const, phase: p.last.phase, step: p.last.steps };
        void send({ type: 'cell', id, done: p.done, total: p.total, etaMs: p.etaMs, stepsPerSecond: meter.rate(), cell });
      },
    });
    flush();
    if (!signal.aborted) await theory;
    await send({ type: 'finished', id, kind: 'sweep', aborted: signal.aborted, store: store.dir, done: progress.done, total: progress.total });
  } finally {
    clearInterval(timer);
  }
}

async function theory(message: TheoryJob): Promise<void> {
  const config = loadExperimentFile(message.file);
  let prediction;
  try {
    prediction = await predictionFor(config, [], await backendFor(undefined));
  } catch {
    prediction = undefined;
  }
  await send({ type: 'statics', id: message.id, config: asRecord(config), rows: staticsFor(config), theory: prediction });
  await send({ type: 'finished', id: message.id, kind: 'theory', aborted: false });
}

async function handle(message: HostToRunner): Promise<void> {
  if (message.type === 'stop') {
    controllers.get(message.id)?.abort();
    return;
  }
  const controller = new AbortController();
  controllers.set(message.id, controller);
  try {
    if (message.type === 'run') await run(message, controller.signal);
    else if (message.type === 'sweep') await sweep(message, controller.signal);
    else await theory(message);
  } catch (error) {
    await send(toWireError(message.id, error));
  } finally {
    controllers.delete(message.id);
  }
  // one job per process: the host forks a fresh runner for the next one
  if (controllers.size === 0) process.exit(0);
}

const pluginPaths = loadBackends();
process.on('message', (message: unknown) => {
  if (isHostToRunner(message)) void handle(message);
});
process.on('disconnect', () => process.exit(0));
void send({ type: 'ready', backends: listBackends() });
