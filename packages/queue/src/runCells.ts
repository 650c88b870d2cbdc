import { availableParallelism } from 'node:os';
import { getBackend, type RunResult, type SweepCell } from '@geneft/core';
import type { RunStore } from '@geneft/core/node';
import { DEFAULT_BATCHED_BLOCK, DEFAULT_PLAIN_BLOCK, makeBlocks } from './blocks';
import type { QueuedRun } from './names';
import { BlockPool } from './pool';
import { addPhase, type CellProgress } from './progress';

export interface RunCellsOptions {
  store: RunStore;
  backend: string;
  /** threads, each running one block at a time (default: every core; a many-runs backend uses its own threads, so 1). */
  workers?: number;
  /** modules each thread requires first, to register backends. */
  setupModules?: string[];
  blockSize?: number;
  onProgress?: (progress: CellProgress) => void;
  signal?: AbortSignal;
}

/**
 * Runs the given cells (a shard, say) that are not in the store yet, in blocks on a pool of
 * threads, appending each run to the store as it finishes. The store is the only record, so
 * a killed shard resumes where it stopped.
 */
export async function runCells(cells: readonly SweepCell[], options: RunCellsOptions): Promise<CellProgress> {
  const todo = cells.filter((c) => !options.store.has(c.configHash));
  const progress: CellProgress = { done: cells.length - todo.length, total: cells.length, resumed: cells.length - todo.length, phases: {}, etaMs: null };
  const wanted = new Set(cells.map((c) => c.configHash));
  for (const run of options.store.readAll()) if (wanted.has(run.configHash)) addPhase(progress.phases, run.phase);
  const backend = await getBackend(options.backend);
  const batched = Boolean(backend.capabilities.batchedRuns && backend.createBatchTrainer);
  const threads = options.workers ?? (batched ? 1 : availableParallelism());
  const blocks = makeBlocks(todo, options.blockSize ?? (batched ? DEFAULT_BATCHED_BLOCK : DEFAULT_PLAIN_BLOCK));
  const pool = new BlockPool(Math.max(1, Math.min(threads, blocks.length)), options.setupModules);
  const started = Date.now();
  const record = (run: QueuedRun) => {
    if (options.store.appendResult({ ...run, aborted: false } as RunResult)) {
      progress.done++;
      addPhase(progress.phases, run.phase);
    }
    progress.etaMs = ((Date.now() - started) / (progress.done - progress.resumed)) * (progress.total - progress.done);
    options.onProgress?.({ ...progress, phases: { ...progress.phases } });
  };
  try {
    let next = 0;
    const lane = async () => {
      while (next < blocks.length && !options.signal?.aborted) {
        const block = blocks[next++];
        await pool.run(block.map((c) => c.config), backend.name, (_i, run) => record(run));
      }
    };
    await Promise.all(Array.from({ length: pool.size }, lane));
  } finally {
    await pool.close();
  }
  return progress;
}
