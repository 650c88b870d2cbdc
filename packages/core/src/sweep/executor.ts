import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { getBackend } from '../backend/registry';
import { runBatch } from '../run/batch';
import type { EvalRecord, Milestones, Phase } from '../run/phase';
import { runExperiment, type RunResult } from '../run/run';
import type { RunStore } from '../store/runStore';
import { coarseToFine } from './order';
import { sweepCells } from './expand';
import type { WorkerReply } from './protocol';
import type { SweepCell, SweepSpec } from './types';

export interface SweepProgress {
  done: number;
  total: number;
  /** cells found in the store when the sweep started (a resumed sweep). */
  resumed: number;
  phases: Partial<Record<Phase, number>>;
  /** estimated time to finish, from the rate of this session's runs; null until one run is done. */
  etaMs: number | null;
  last?: RunResult;
}

export interface SweepOptions {
  store: RunStore;
  /** backend name; default the best registered. */
  backend?: string;
  /** worker threads (default: every core); 1 runs in-process. Ignored for a backend with a many-runs mode, which uses its own threads. */
  workers?: number;
  /**
   * plugins each worker thread loads first (`loadPlugins`), to register the backends and decoder
   * kinds the parent has: resolved paths (`LoadedPlugin.path`), or package names resolvable
   * from core's own folder (e.g. "@geneft/backend-native").
   */
  setupModules?: string[];
  /**
   * cells per many-runs block (default 256). A block lasts as long as its longest run, and once
   * fewer runs than threads are left the other cores idle: simulated on the run lengths of Fig. 5's
   * 10⁵-step grid, blocks of 64 keep 2 cores 96% busy, blocks of 256 99%. Cells still start in
   * coarse-to-fine order.
   */
  blockSize?: number;
  onProgress?: (progress: SweepProgress) => void;
  /**
   * after every evaluation of a cell that runs in this thread (in-process or a many-runs block;
   * not on worker threads): live step and accuracy of the cells in progress.
   */
  onCellEval?: (cell: SweepCell, record: EvalRecord, milestones: Milestones) => void;
  signal?: AbortSignal;
}

/**
 * Runs every cell of a sweep not already in the store, coarse-to-fine, appending each finished
 * run to the store at once (fsynced): a killed sweep resumes where it stopped, with no run lost
 * or repeated. Uses the backend's many-runs mode when it has one, else a pool of worker threads.
 */
export async function executeSweep(spec: SweepSpec, options: SweepOptions): Promise<SweepProgress> {
  const all = coarseToFine(sweepCells(spec), spec.axes.map((a) => a.values.length));
  const todo = all.filter((c) => !options.store.has(c.configHash));
  const phases = options.store.phaseCounts(new Set(all.map((c) => c.configHash)));
  const progress: SweepProgress = { done: all.length - todo.length, total: all.length, resumed: all.length - todo.length, phases, etaMs: null };
  const started = Date.now();

  const record = (result: RunResult) => {
    if (result.aborted) return; // an interrupted run is not a finished run: it reruns on resume
    if (options.store.appendResult(result)) {
      progress.done++;
      progress.phases[result.phase] = (progress.phases[result.phase] ?? 0) + 1;
    }
    const ranHere = progress.done - progress.resumed;
    progress.etaMs = ((Date.now() - started) / ranHere) * (progress.total - progress.done);
    progress.last = result;
    options.onProgress?.({ ...progress, phases: { ...progress.phases } });
  };

  const backend = await getBackend(options.backend);
  if (backend.capabilities.batchedRuns && backend.createBatchTrainer) {
    await runInBlocks(todo, options, record);
  } else if ((options.workers ?? availableParallelism()) <= 1) {
    for (const cell of todo) {
      if (options.signal?.aborted) break;
      const onEval = options.onCellEval && ((r: EvalRecord, m: Milestones) => options.onCellEval!(cell, r, m));
      record(await runExperiment(cell.config, { dynamics: backend, signal: options.signal, onEval }));
    }
  } else {
    await runOnWorkers(todo, options, record);
  }
  return progress;
}

async function runInBlocks(todo: SweepCell[], options: SweepOptions, record: (r: RunResult) => void): Promise<void> {
  const backend = await getBackend(options.backend);
  const size = options.blockSize ?? 256;
  // Blocks must share evalEvery; group while keeping coarse-to-fine order within each group.
  const groups = new Map<number, SweepCell[]>();
  for (const c of todo) groups.set(c.config.budget.evalEvery, [...(groups.get(c.config.budget.evalEvery) ?? []), c]);
  for (const cells of groups.values()) {
    for (let i = 0; i < cells.length; i += size) {
      if (options.signal?.aborted) return;
      const block = cells.slice(i, i + size);
      const onEval = options.onCellEval && ((j: number, r: EvalRecord, m: Milestones) => options.onCellEval!(block[j], r, m));
      await runBatch(
        block.map((c) => c.config),
        backend,
        { onResult: (_j, r) => record(r), onEval, signal: options.signal },
      );
    }
  }
}

function workerScript(): string {
  const compiled = join(__dirname, 'worker.js');
  // Under ts-jest this file runs from src/; workers need the compiled script in dist/.
  return existsSync(compiled) ? compiled : join(__dirname, '..', '..', 'dist', 'sweep', 'worker.js');
}

async function runOnWorkers(todo: SweepCell[], options: SweepOptions, record: (r: RunResult) => void): Promise<void> {
  const count = Math.max(1, Math.min(options.workers ?? availableParallelism(), todo.length));
  let next = 0;
  let failure: Error | undefined;
  const runWorker = () =>
    new Promise<void>((resolve) => {
      const worker = new Worker(workerScript(), { workerData: { setupModules: options.setupModules ?? [] } });
      const feed = () => {
        if (failure || options.signal?.aborted || next >= todo.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        const cell = todo[next++];
        worker.postMessage({ id: cell.index, config: cell.config, backend: options.backend });
      };
      worker.on('message', (reply: WorkerReply) => {
        if ('error' in reply) failure ??= new Error(`cell ${reply.id}: ${reply.error}`);
        else record(reply.result);
        feed();
      });
      worker.on('error', (error) => {
        failure ??= error;
        resolve();
      });
      // Ctrl-C: a cell in flight is not a finished run, so the thread is stopped at once; the cell reruns on resume.
      const stop = () => void worker.terminate().then(() => resolve());
      options.signal?.addEventListener('abort', stop, { once: true });
      worker.once('exit', () => options.signal?.removeEventListener('abort', stop));
      feed();
    });
  await Promise.all(Array.from({ length: count }, runWorker));
  if (failure) throw failure;
}
