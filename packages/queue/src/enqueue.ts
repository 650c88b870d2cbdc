import { coarseToFine, experimentHash, sweepCells, type RunResult, type SweepSpec } from '@geneft/core';
import type { RunStore } from '@geneft/core/node';
import { FlowProducer, Job, Queue } from 'bullmq';
import { makeBlocks, sweepId as makeSweepId } from './blocks';
import { redisOptions } from './connection';
import { BLOCKS_QUEUE, SWEEPS_QUEUE, type BlockJobData, type BlockResult, type SweepJobData } from './names';
import { addPhase, type CellProgress } from './progress';

export interface QueueSweepOptions {
  /** redis:// or rediss:// URL of the broker. */
  url: string;
  store: RunStore;
  backend: string;
  blockSize: number;
  /** a name for people (`geneft sweep status` shows it); default the sweep id. */
  label?: string;
  /** tries per block before the sweep fails (default 3); a stalled block (its worker died) is retried without using one. */
  attempts?: number;
  /** how often to look for finished blocks (default 500 ms). */
  pollMs?: number;
  onProgress?: (progress: CellProgress & { sweepId: string }) => void;
  /** stops waiting (the blocks keep running on the workers; enqueue again to collect them). */
  signal?: AbortSignal;
}

export interface QueueSweepResult extends CellProgress {
  sweepId: string;
  /** false when the flow already existed (a second `geneft sweep --queue` of the same sweep). */
  created: boolean;
  blocks: number;
  /** true when waiting was aborted before every block came back. */
  aborted: boolean;
}

/**
 * Enqueues a sweep's cells not already in the store as one BullMQ flow — a parent in
 * `geneft-sweeps` with one child per block in `geneft-blocks` — then waits, appending each
 * block's runs to the store as it comes back. The store is keyed by config hash, so a block
 * that ran twice, or a collection repeated after a crash, never duplicates a run.
 */
export async function runQueuedSweep(spec: SweepSpec, options: QueueSweepOptions): Promise<QueueSweepResult> {
  const connection = redisOptions(options.url);
  const id = makeSweepId(spec, options.backend, options.blockSize);
  const cells = coarseToFine(sweepCells(spec), spec.axes.map((a) => a.values.length));
  const wanted = new Set(cells.map((c) => c.configHash));
  const todo = cells.filter((c) => !options.store.has(c.configHash));
  const progress: CellProgress = { done: cells.length - todo.length, total: cells.length, resumed: cells.length - todo.length, phases: {}, etaMs: null };
  for (const run of options.store.readAll()) if (wanted.has(run.configHash)) addPhase(progress.phases, run.phase);

  const sweeps = new Queue<SweepJobData>(SWEEPS_QUEUE, { connection });
  const flows = new FlowProducer({ connection });
  try {
    let parent = await Job.fromId<SweepJobData>(sweeps, id);
    let created = false;
    if (!parent && todo.length > 0) {
      const blocks = makeBlocks(todo, options.blockSize);
      const data: SweepJobData = { sweepId: id, label: options.label ?? id, backend: options.backend, total: cells.length, queued: todo.length, blocks: blocks.length, createdAt: Date.now() };
      await flows.add({
        name: 'sweep',
        queueName: SWEEPS_QUEUE,
        data,
        opts: { jobId: id },
        children: blocks.map((block, k) => ({
          name: 'block',
          queueName: BLOCKS_QUEUE,
          data: { sweepId: id, block: k, backend: options.backend, configs: block.map((c) => c.config) } satisfies BlockJobData,
          // Lower number, higher priority: blocks are taken coarse-to-fine.
          opts: { jobId: `${id}-b${k}`, priority: Math.min(k + 1, 2_097_152), attempts: options.attempts ?? 3, backoff: { type: 'fixed', delay: 1000 }, failParentOnFailure: true },
        })),
      });
      parent = await Job.fromId<SweepJobData>(sweeps, id);
      created = true;
    }
    if (!parent) return { ...progress, sweepId: id, created, blocks: 0, aborted: false };

    const blocks = parent.data.blocks;
    const started = Date.now();
    const seen = new Set<string>();
    const collect = async () => {
      const values = await parent!.getChildrenValues<BlockResult>();
      for (const [key, value] of Object.entries(values)) {
        if (seen.has(key)) continue;
        seen.add(key);
        for (const run of value.runs) {
          // A run is accepted only for a cell of this sweep whose hash matches its config.
          if (!wanted.has(run.configHash) || experimentHash(run.config) !== run.configHash) continue;
          if (options.store.appendResult({ ...run, aborted: false } as RunResult)) {
            progress.done++;
            addPhase(progress.phases, run.phase);
          }
        }
      }
      const ranHere = progress.done - progress.resumed;
      progress.etaMs = ranHere > 0 ? ((Date.now() - started) / ranHere) * (progress.total - progress.done) : null;
      options.onProgress?.({ ...progress, phases: { ...progress.phases }, sweepId: id });
    };
    while (true) {
      await collect();
      if (seen.size >= blocks) break;
      const state = await parent.getState();
      if (state === 'failed') {
        const fresh = await Job.fromId<SweepJobData>(sweeps, id);
        const failed = await parent.getFailedChildrenValues();
        const reasons = [...new Set(Object.values(failed))];
        throw new Error(`queued sweep ${id} failed: ${reasons.join('; ') || fresh?.failedReason || 'a block failed'}`);
      }
      if (options.signal?.aborted) return { ...progress, sweepId: id, created, blocks, aborted: true };
      await sleep(options.pollMs ?? 500, options.signal);
    }
    return { ...progress, sweepId: id, created, blocks, aborted: false };
  } finally {
    await flows.close();
    await sweeps.close();
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

