import { Job, Queue } from 'bullmq';
import { redisOptions } from './connection';
import { SWEEPS_QUEUE, type BlockResult, type SweepJobData } from './names';
import { addPhase } from './progress';

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
  phases: Record<string, number>;
  /** from the rate since the sweep was enqueued; null until a block is back or once done. */
  etaMs: number | null;
  createdAt: number;
  failedReason?: string;
}

/**
 * Progress of queued sweeps, read from Redis, so any machine can ask: one sweep by id, or
 * every sweep the broker holds.
 */
export async function queuedSweepStatus(url: string, id?: string): Promise<QueuedSweepStatus[]> {
  const sweeps = new Queue<SweepJobData>(SWEEPS_QUEUE, { connection: redisOptions(url) });
  try {
    const jobs = id
      ? [await Job.fromId<SweepJobData>(sweeps, id)].filter((j): j is Job<SweepJobData> => j !== undefined)
      : await sweeps.getJobs(['waiting-children', 'wait', 'active', 'completed', 'failed', 'delayed', 'prioritized']);
    const out = await Promise.all(jobs.map((job) => describe(job)));
    return out.sort((a, b) => a.createdAt - b.createdAt);
  } finally {
    await sweeps.close();
  }
}

async function describe(job: Job<SweepJobData>): Promise<QueuedSweepStatus> {
  const [state, values, counts] = await Promise.all([job.getState(), job.getChildrenValues<BlockResult>(), job.getDependenciesCount({ failed: true })]);
  const phases: Record<string, number> = {};
  let done = 0;
  for (const value of Object.values(values)) {
    done += value.runs.length;
    for (const run of value.runs) addPhase(phases, run.phase);
  }
  const d = job.data;
  const elapsed = Date.now() - d.createdAt;
  const etaMs = done > 0 && done < d.queued ? (elapsed / done) * (d.queued - done) : null;
  return {
    sweepId: d.sweepId,
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
