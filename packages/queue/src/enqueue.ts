import { coarseToFine, experimentHash, makeBlocks, ProgressTracker, sweepCells, type SweepCell, type SweepProgress, type SweepSpec } from '@geneft/core';
import type { RunStore } from '@geneft/core/node';
import { FlowProducer, Job, Queue } from 'bullmq';
import { flowId, sweepId as makeSweepId } from './blocks';
import { redisOptions } from './connection';
import { BLOCKS_QUEUE, SWEEPS_QUEUE, type BlockJobData, type BlockResult, type SweepJobData } from './names';

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
  /** how many times a flow that vanished (Redis restarted or flushed) is enqueued again (default 10). */
  maxRequeues?: number;
  onProgress?: (progress: SweepProgress & { sweepId: string }) => void;
  /** a flow vanished from Redis and its missing cells were enqueued again. */
  onRequeue?: (event: { flowId: string; missing: number; reason: string }) => void;
  /** stops waiting (the blocks keep running on the workers; enqueue again to collect them). */
  signal?: AbortSignal;
}

export interface QueueSweepResult extends SweepProgress {
  sweepId: string;
  /** false when the first flow already existed (a second `geneft sweep --queue` of the same store). */
  created: boolean;
  blocks: number;
  /** flows enqueued again after vanishing from Redis. */
  requeued: number;
  /** true when waiting was aborted before every block came back. */
  aborted: boolean;
  /** every cell of the sweep is in the store. */
  complete: boolean;
}

/**
 * Enqueues a sweep's cells not already in the store as one BullMQ flow — a parent in
 * `geneft-sweeps` with one child per block in `geneft-blocks` — then waits, appending each
 * block's runs to the store as it comes back. The store is keyed by config hash, so a block
 * that ran twice, or a collection repeated after a crash, never duplicates a run.
 *
 * The flow's id covers the exact cells it holds (see `flowId`), so another store never waits on
 * a flow made for different cells. A flow that vanishes — Redis restarted without persistence,
 * or flushed — is noticed at the next poll, and the cells still missing from the store are
 * enqueued again as a new flow. The result says whether the sweep is `complete`.
 */
export async function runQueuedSweep(spec: SweepSpec, options: QueueSweepOptions): Promise<QueueSweepResult> {
  const connection = redisOptions(options.url);
  const id = makeSweepId(spec, options.backend, options.blockSize);
  const cells = coarseToFine(sweepCells(spec), spec.axes.map((a) => a.values.length));
  const wanted = new Set(cells.map((c) => c.configHash));
  const missing = () => cells.filter((c) => !options.store.has(c.configHash));
  const tracker = new ProgressTracker(cells.length, cells.length - missing().length, options.store.phaseCounts(wanted));
  const report = () => options.onProgress?.({ ...tracker.progress, sweepId: id });

  const sweeps = new Queue<SweepJobData>(SWEEPS_QUEUE, { connection });
  const flows = new FlowProducer({ connection });
  const result = (extra: Pick<QueueSweepResult, 'created' | 'blocks' | 'requeued' | 'aborted'>): QueueSweepResult => {
    const progress = tracker.progress;
    return { ...progress, sweepId: id, ...extra, complete: progress.done === progress.total };
  };
  let created = false;
  let blocks = 0;
  let requeued = 0;
  try {
    for (let round = 0; round < 10_000; round++) {
      const todo = missing();
      if (todo.length === 0) return result({ created, blocks, requeued, aborted: false });
      const flow = flowId(id, todo.map((c) => c.configHash));
      let parent = await Job.fromId<SweepJobData>(sweeps, flow);
      if (!parent) {
        await enqueue(flows, flow, id, todo, cells.length, options);
        parent = await Job.fromId<SweepJobData>(sweeps, flow);
        if (!parent) throw new Error(`queued sweep ${flow}: the flow was not found right after it was added`);
        if (round === 0) created = true;
      }
      if (round === 0) blocks = parent.data.blocks;
      const outcome = await collect(parent, flow, wanted, options, tracker, report);
      if (outcome === 'aborted') return result({ created, blocks, requeued, aborted: true });
      if (outcome === 'vanished') {
        if (requeued >= (options.maxRequeues ?? 10)) return result({ created, blocks, requeued, aborted: false });
        requeued++;
        options.onRequeue?.({ flowId: flow, missing: missing().length, reason: 'the flow is no longer in Redis (restarted or flushed)' });
      }
      // Every block came back: a cell still missing had its run refused (see collect), and the
      // same cells would find this same flow again — the sweep ends incomplete.
      if (outcome === 'collected') return result({ created, blocks, requeued, aborted: false });
    }
    return result({ created, blocks, requeued, aborted: false });
  } finally {
    await flows.close();
    await sweeps.close();
  }
}

async function enqueue(flows: FlowProducer, flow: string, sweep: string, todo: SweepCell[], total: number, options: QueueSweepOptions): Promise<void> {
  const blocks = makeBlocks(todo, options.blockSize);
  const data: SweepJobData = { sweepId: sweep, label: options.label ?? sweep, backend: options.backend, total, queued: todo.length, blocks: blocks.length, createdAt: Date.now() };
  await flows.add({
    name: 'sweep',
    queueName: SWEEPS_QUEUE,
    data,
    opts: { jobId: flow },
    children: blocks.map((block, k) => ({
      name: 'block',
      queueName: BLOCKS_QUEUE,
      data: { sweepId: flow, block: k, backend: options.backend, configs: block.map((c) => c.config) } satisfies BlockJobData,
      // Lower number, higher priority: blocks are taken coarse-to-fine.
      opts: { jobId: `${flow}-b${k}`, priority: Math.min(k + 1, 2_097_152), attempts: options.attempts ?? 3, backoff: { type: 'fixed', delay: 1000 }, failParentOnFailure: true },
    })),
  });
}

/** Waits for a flow's blocks, storing their runs; says why it stopped. */
async function collect(
  parent: Job<SweepJobData>,
  flow: string,
  wanted: ReadonlySet<string>,
  options: QueueSweepOptions,
  tracker: ProgressTracker,
  report: () => void,
): Promise<'collected' | 'vanished' | 'aborted'> {
  const seen = new Set<string>();
  for (;;) {
    const values = await parent.getChildrenValues<BlockResult>();
    for (const [key, value] of Object.entries(values)) {
      if (seen.has(key)) continue;
      seen.add(key);
      for (const run of value.runs) {
        // A run is accepted only for a cell of this sweep whose hash matches its config.
        if (!wanted.has(run.configHash) || experimentHash(run.config) !== run.configHash || run.aborted) continue;
        if (options.store.appendResult(run)) tracker.add(run, run);
      }
    }
    report();
    if (seen.size >= parent.data.blocks) return 'collected';
    const state = await parent.getState();
    if (state === 'unknown') return 'vanished';
    if (state === 'failed') {
      const failed = await parent.getFailedChildrenValues();
      const reasons = [...new Set(Object.values(failed))];
      throw new Error(`queued sweep ${flow} failed: ${reasons.join('; ') || parent.failedReason || 'a block failed'}`);
    }
    if (options.signal?.aborted) return 'aborted';
    await sleep(options.pollMs ?? 500, options.signal);
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
