import { countPhases, type Phase } from '@geneft/core';
import { Job, Queue } from 'bullmq';
import { redisOptions } from './connection';
import { SWEEPS_QUEUE, type BlockResult, type SweepJobData } from './names';

export interface QueuedSweepStatus {
  sweepId: string;
  label: string;
  backend: string;
  /** waiting-children while blocks remain, then waiting/active/completed; failed when a block ran out of tries. */
  state: string;
  total: number;
  queued: number;
  /** cells whose block has come back. */
  done: number;
  blocks: number;
  blocksDone: number;
  blocksFailed: number;
  phases: Partial<Record<Phase, number>>;
  /** from the rate since the sweep was enqueued; null until a block is back or once done. */
  etaMs: number | null;
  createdAt: number;
  failedReason?: string;
}

/**
 * Progress of queued sweeps, read from Redis, so any machine can ask: the flows of one sweep
 * (by its `sweepId`, or one flow by its full id), or every sweep the broker holds.
 */
export async function queuedSweepStatus(url: string, id?: string): Promise<QueuedSweepStatus[]> {
  const sweeps = new Queue<SweepJobData>(SWEEPS_QUEUE, { connection: redisOptions(url) });
  try {
    const all = await sweeps.getJobs(['waiting-children', 'wait', 'active', 'completed', 'failed', 'delayed', 'prioritized']);
    const jobs = id ? all.filter((j) => j.id === id || j.data.sweepId === id) : all;
    const out = await Promise.all(jobs.map((job) => describe(job)));
    return out.sort((a, b) => a.createdAt - b.createdAt);
  } finally {
    await sweeps.close();
  }
}

async function describe(job: Job<SweepJobData>): Promise<QueuedSweepStatus> {
  const [state, values, counts] = await Promise.all([job.getState(), job.getChildrenValues<BlockResult>(), job.getDependenciesCount({ failed: true })]);
  const runs = Object.values(values).flatMap((value) => value.runs);
  const phases = countPhases(runs);
  const done = runs.length;
  const d = job.data;
  const elapsed = Date.now() - d.createdAt;
  const etaMs = done > 0 && done < d.queued ? (elapsed / done) * (d.queued - done) : null;
  return {
    sweepId: job.id ?? d.sweepId,
    label: d.label,
    backend: d.backend,
    state,
    total: d.total,
    queued: d.queued,
    done,
    blocks: d.blocks,
    blocksDone: Object.keys(values).length,
    blocksFailed: counts.failed ?? 0,
    phases,
    etaMs,
    createdAt: d.createdAt,
    ...(job.failedReason ? { failedReason: job.failedReason } : {}),
  };
}
