/**
 * The runner: a child process (child_process.fork of dist/runner.js) that does the heavy work
 * outside the extension host — one run, one sweep or one theory job per process — and speaks
 * only the message contract of ../protocol.ts over the IPC channel.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { getBackend, listBackends, paramsToJson, registerBackend, runExperiment, sweepCells, type Backend, type ExperimentConfig, type Trainer } from '@geneft/core';
import { BACKEND_PACKAGES, executeSweep, loadExperimentFile, loadPlugin, loadPlugins, loadSweepFile, pluginsFromEnv, RunStore, writeJsonFile, type StoredRun } from '@geneft/core/node';
import { isHostMessage, toWireError, type HostMessage, type RunnerMessage } from '../protocol';
import { runsDir, sweepDir } from '../store';
import { classesOf } from '../classes';
import { predictionFor, staticsFor } from '../theory';

/**
 * The project's backend packages installed beside the extension (each optional: the reference
 * backend is always there), through core's plugin loader as the CLI does; GENEFT_PLUGINS adds
 * the user's plugins.
 */
function loadBackends(): string[] {
  const loaded = BACKEND_PACKAGES.flatMap((pkg) => {
    try {
      return [loadPlugin(pkg, __dirname)];
    } catch {
      return []; // not installed
    }
  });
  // Resolved paths: what sweep worker threads load to have the same backends.
  return [...loaded, ...loadPlugins(pluginsFromEnv())].map((p) => p.path);
}

const controllers = new Map<string, AbortController>();

function send(message: RunnerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      resolve();
      return;
    }
    process.send(message, undefined, undefined, () => resolve());
  });
}

const asRecord = (config: ExperimentConfig) => config as unknown as Record<string, unknown>;

/**
 * A trainer whose every step first yields to the event loop. A fast in-process backend resolves
 * its promises at once, so without this the IPC channel (and with it Stop) would wait for the
 * whole run.
 */
function yieldingTrainer(trainer: Trainer): Trainer {
  return new Proxy(trainer, {
    get(target, prop) {
      if (prop === 'step') {
        return async (k: number) => {
          await new Promise((resolve) => setImmediate(resolve));
          return target.step(k);
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The backend with yielding trainers, remembering the last one so snapshots can read its parameters. */
function yielding(backend: Backend, onTrainer?: (t: Trainer) => void): Backend {
  const wrapper = Object.create(backend) as Backend;
  wrapper.createTrainer = async (spec) => {
    const trainer = yieldingTrainer(await backend.createTrainer(spec));
    onTrainer?.(trainer);
    return trainer;
  };
  return wrapper;
}

/** Registered for sweeps, which name their backend: never picked by default (lowest priority). */
const YIELDING_BACKEND = 'geneft-vscode-runner';

async function run(message: Extract<HostMessage, { type: 'run' }>, signal: AbortSignal): Promise<void> {
  const { id } = message;
  const config = loadExperimentFile(message.file);
  await send({ type: 'started', id, kind: 'run', config: asRecord(config), classes: classesOf(config) });
  try {
    const theory = predictionFor(config);
    if (theory) await send({ type: 'theory', id, theory });
  } catch {
    // the prediction is a courtesy; the run goes on without it
  }
  const backend = await getBackend(message.backend || undefined);
  let trainer: Trainer | undefined;
  let evals = 0;
  const pending: Promise<unknown>[] = [];
  const result = await runExperiment(config, {
    dynamics: yielding(backend, (t) => (trainer = t)),
    signal,
    onEval: (record, milestones) => {
      void send({ type: 'eval', id, record, milestones, budget: config.budget.steps });
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

  const dir = runsDir(message.store);
  let stored: StoredRun | undefined;
  if (!result.aborted) {
    const store = RunStore.open(dir);
    store.appendResult(result);
    mkdirSync(join(dir, 'params'), { recursive: true });
    writeJsonFile(join(dir, 'params', `${result.configHash}.json`), paramsToJson(result.finalParams));
    stored = store.readAll().find((r) => r.configHash === result.configHash);
  }
  const { trace: _t, aborted: _a, finalParams: _p, ...summary } = result;
  await send({ type: 'finished', id, kind: 'run', aborted: result.aborted, store: dir, run: stored ?? { ...summary, finishedAt: new Date().toISOString() } });
}

async function sweep(message: Extract<HostMessage, { type: 'sweep' }>, signal: AbortSignal): Promise<void> {
  const { id } = message;
  const spec = loadSweepFile(message.file);
  const dir = sweepDir(message.store, message.file);
  const store = RunStore.open(dir);
  const cells = sweepCells(spec);
  const wanted = new Set(cells.map((c) => c.configHash));
  await send({ type: 'started', id, kind: 'sweep', config: asRecord(spec.base), total: cells.length, axes: spec.axes.map((a) => a.path) });
  try {
    const theory = predictionFor(spec.base);
    if (theory) await send({ type: 'theory', id, theory });
  } catch {
    // as for runs
  }
  // cells already in the store (a resumed sweep) are drawn first
  let done = 0;
  for (const r of store.readAll()) {
    if (!wanted.has(r.configHash)) continue;
    done++;
    await send({ type: 'cell', id, done, total: cells.length, etaMs: null, cell: { configHash: r.configHash, config: asRecord(r.config), phase: r.phase } });
  }
  const chosen = await getBackend(message.backend || undefined);
  registerBackend(YIELDING_BACKEND, () => yielding(chosen), -1e9);
  const workers = Math.max(1, message.workers);
  const progress = await executeSweep(spec, {
    store,
    // worker threads name the real backend; in-process cells go through the yielding wrapper
    backend: workers > 1 ? chosen.name : YIELDING_BACKEND,
    workers,
    setupModules: pluginPaths,
    signal,
    onProgress: (p) => {
      if (!p.last) return;
      void send({
        type: 'cell',
        id,
        done: p.done,
        total: p.total,
        etaMs: p.etaMs,
        cell: { configHash: p.last.configHash, config: asRecord(p.last.config), phase: p.last.phase },
      });
    },
  });
  await send({ type: 'finished', id, kind: 'sweep', aborted: signal.aborted, store: dir, done: progress.done, total: progress.total });
}

async function theory(message: Extract<HostMessage, { type: 'theory' }>): Promise<void> {
  const config = loadExperimentFile(message.file);
  let prediction;
  try {
    prediction = predictionFor(config);
  } catch {
    prediction = undefined;
  }
  await send({ type: 'statics', id: message.id, config: asRecord(config), rows: staticsFor(config), theory: prediction });
  await send({ type: 'finished', id: message.id, kind: 'theory', aborted: false, store: '' });
}

async function handle(message: HostMessage): Promise<void> {
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
  if (isHostMessage(message)) void handle(message);
});
process.on('disconnect', () => process.exit(0));
void send({ type: 'ready', backends: listBackends() });

