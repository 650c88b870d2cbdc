import { hostname } from 'node:os';
import { countPhases, type RunResult } from '@geneft/core';
import { ThreadPool } from '@geneft/core/node';
import { Worker, type Job } from 'bullmq';
import { redisOptions } from './connection';
import { BLOCKS_QUEUE, SWEEPS_QUEUE, type BlockJobData, type BlockResult, type SweepJobData, type SweepSummary } from './names';

export interface SweepWorkerOptions {
  /** redis:// or rediss:// URL of the broker. */
  url: string;
  /** blocks run at once, each on its own thread (default 1). */
  concurrency?: number;
  /** modules each thread requires first, to register backends (e.g. "@geneft/backend-native"). */
  setupModules?: string[];
  /**
   * How long a block's lock lasts without renewal (default 30 000 ms). A worker that dies
   * (SIGKILL, lost machine) stops renewing; once the lock has expired, the next stalled-job
   * check of any live worker puts the block back in the queue.
   */
  lockDuration?: number;
  /** How often this worker looks for stalled blocks (default 30 000 ms). */
  stalledInterval?: number;
  /** How many times one block may stall before it fails (default 10). */
  maxStalledCount?: number;
  onEvent?: (event: WorkerEvent) => void;
}

export type WorkerEvent =
  | { kind: 'started'; jobId: string; sweepId: string; block: number; cells: number }
  | { kind: 'finished'; jobId: string; sweepId: string; block: number; cells: number; ms: number }
  | { kind: 'failed'; jobId: string; error: string }
  | { kind: 'sweep-done'; sweepId: string; cells: number };

export interface SweepWorker {
  /** waits for the blocks in hand to finish, then disconnects. */
  close(): Promise<void>;
  /** resolves once the worker is connected and listening. */
  ready(): Promise<void>;
}

/**
 * Takes sweep blocks from the queue and runs them on core's sweep threads (the same engine as
 * a local sweep), returning each block's finished runs as the job's return value. It never
 * writes a store: the enqueuing machine collects. It also completes sweep parents whose blocks
 * are all done, with a small summary. Check the URL with `checkBroker` first: BullMQ retries a
 * connection forever.
 */
export function startSweepWorker(options: SweepWorkerOptions): SweepWorker {
  const connection = redisOptions(options.url);
  const concurrency = options.concurrency ?? 1;
  const pool = new ThreadPool(concurrency, options.setupModules);
  const me = `${hostname()}:${process.pid}`;
  const emit = (e: WorkerEvent) => options.onEvent?.(e);

  const blocks = new Worker<BlockJobData, BlockResult>(
    BLOCKS_QUEUE,
    async (job: Job<BlockJobData, BlockResult>) => {
      const { sweepId, block, backend, configs } = job.data;
      if (!Array.isArray(configs) || typeof backend !== 'string') throw new Error(`job ${job.id}: not a GenEFT block`);
      const t0 = Date.now();
      emit({ kind: 'started', jobId: job.id!, sweepId, block, cells: configs.length });
      let done = 0;
      const results = await pool.run(configs, backend, () => void job.updateProgress({ done: ++done, cells: configs.length }).catch(() => undefined));
      const runs = results.filter((r): r is RunResult => r !== undefined && !r.aborted);
      emit({ kind: 'finished', jobId: job.id!, sweepId, block, cells: runs.length, ms: Date.now() - t0 });
      return { block, runs, worker: me };
    },
    {
      connection,
      concurrency,
      lockDuration: options.lockDuration ?? 30_000,
      stalledInterval: options.stalledInterval ?? 30_000,
      maxStalledCount: options.maxStalledCount ?? 10,
      // A finished block's runs live on in its parent's processed set; the block job itself can go.
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    },
  );
  blocks.on('failed', (job, error) => emit({ kind: 'failed', jobId: job?.id ?? '?', error: error.message }));
  blocks.on('error', () => undefined); // connection errors: ioredis reconnects by itself

  const sweeps = new Worker<SweepJobData, SweepSummary>(
    SWEEPS_QUEUE,
    async (job) => {
      const runs = Object.values(await job.getChildrenValues<BlockResult>()).flatMap((value) => value.runs);
      const summary: SweepSummary = { cells: runs.length, phases: countPhases(runs) };
      emit({ kind: 'sweep-done', sweepId: job.data.sweepId, cells: summary.cells });
      return summary;
    },
    { connection, concurrency: 1, lockDuration: options.lockDuration ?? 30_000, stalledInterval: options.stalledInterval ?? 30_000 },
  );
  sweeps.on('error', () => undefined);

  return {
    ready: async () => {
      await Promise.all([blocks.waitUntilReady(), sweeps.waitUntilReady()]);
    },
    close: async () => {
      await Promise.all([blocks.close(), sweeps.close()]);
      await pool.close();
    },
  };
}
