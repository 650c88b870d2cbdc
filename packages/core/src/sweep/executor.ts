import { availableParallelism } from 'node:os';
import { getBackend } from '../backend/registry';
import type { EvalRecord, Milestones } from '../run/phase';
import type { RunResult } from '../run/run';
import type { RunStore } from '../store/runStore';
import { isBatched, runBlock } from './block';
import { makeBlocks } from './blocks';
import { coarseToFine } from './order';
import { sweepCells } from './expand';
import { ThreadPool } from './pool';
import { ProgressTracker, type SweepProgress } from './progress';
import type { SweepCell, SweepSpec } from './types';

export type { SweepProgress } from './progress';

export interface SweepOptions {
  store: RunStore;
  /** backend name; default the best registered. */
  backend?: string;
  /** threads (default: every core); 1 runs in-process. Ignored for a backend with a many-runs mode, which uses its own threads. */
  workers?: number;
  /**
   * plugins each thread loads first (`loadPlugins`), to register the backends and decoder
   * kinds the parent has: resolved paths (`LoadedPlugin.path`), or package names resolvable
   * from core's own folder (e.g. "@geneft/backend-native").
   */
  setupModules?: string[];
  /**
   * cells per block. For a many-runs backend (default 256): a block lasts as long as its longest
   * run, and once fewer runs than threads are left the other cores idle; simulated on the run
   * lengths of Fig. 5's 10⁵-step grid, blocks of 64 keep 2 cores 96% busy, blocks of 256 99%.
   * On threads (default 1): each thread takes the next cell as soon as it is free.
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
 * or repeated.
 */
export async function executeSweep(spec: SweepSpec, options: SweepOptions): Promise<SweepProgress> {
  return executeCells(coarseToFine(sweepCells(spec), spec.axes.map((a) => a.values.length)), options);
}

/**
 * The sweep engine: runs the given cells (a whole sweep, or one shard of it) that are not in
 * the store yet, in order, and appends each finished run to the store as it comes — on the
 * backend's many-runs mode in blocks, in-process with `workers: 1`, else on a pool of threads.
 * An abort stops at the next step boundary (threads are stopped at once); runs in flight are
 * not finished runs and run again on resume.
 */
export async function executeCells(cells: readonly SweepCell[], options: SweepOptions): Promise<SweepProgress> {
  const { store } = options;
  const todo = cells.filter((c) => !store.has(c.configHash));
  const tracker = new ProgressTracker(cells.length, cells.length - todo.length, store.phaseCounts(new Set(cells.map((c) => c.configHash))));
  const record = (result: RunResult) => {
    if (result.aborted) return;
    if (store.appendResult(result)) tracker.add(result, result);
    options.onProgress?.(tracker.progress);
  };

  const backend = await getBackend(options.backend);
  const batched = isBatched(backend);
  const workers = batched ? 1 : Math.max(1, Math.min(options.workers ?? availableParallelism(), todo.length));
  const blocks = makeBlocks(todo, options.blockSize ?? (batched ? 256 : workers === 1 ? Math.max(1, todo.length) : 1));
  if (workers === 1) {
    for (const block of blocks) {
      if (options.signal?.aborted) break;
      const onEval = options.onCellEval && ((j: number, r: EvalRecord, m: Milestones) => options.onCellEval!(block[j], r, m));
      await runBlock(block.map((c) => c.config), backend, { onResult: (_i, r) => record(r), onEval, signal: options.signal });
    }
  } else {
    await runOnThreads(blocks, backend.name, workers, options, record);
  }
  return tracker.progress;
}

async function runOnThreads(blocks: SweepCell[][], backend: string, size: number, options: SweepOptions, record: (r: RunResult) => void): Promise<void> {
  const pool = new ThreadPool(size, options.setupModules);
  const stop = () => void pool.close();
  options.signal?.addEventListener('abort', stop, { once: true });
  let next = 0;
  let failure: unknown;
  const lane = async () => {
    while (next < blocks.length && failure === undefined && !options.signal?.aborted) {
      const block = blocks[next++];
      try {
        await pool.run(block.map((c) => c.config), backend, (_i, run) => record(run));
      } catch (error) {
        if (!options.signal?.aborted) failure ??= error;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: size }, lane));
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await pool.close();
  }
  if (failure !== undefined) throw failure;
}
