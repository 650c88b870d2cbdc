import { getBackend } from '../backend/registry';
import type { Backend } from '../backend/types';
import type { ExperimentConfig } from '../config/types';
import { runBatch } from '../run/batch';
import type { EvalRecord, Milestones } from '../run/phase';
import { runExperiment, type RunResult } from '../run/run';

/**
 * Runs a block of configs on one backend — on its many-runs mode (`runBatch`) when it has one,
 * else one after another (`runExperiment`) — reporting each result as it finishes, without its
 * final parameters. The one place a sweep's cells are trained: in-process sweeps, the sweep
 * threads (./worker.ts) and the queue's workers all come here. An aborted run is reported with
 * `aborted: true` and is not a finished run.
 */
export async function runBlock(
  configs: readonly ExperimentConfig[],
  backend: string | Backend,
  options: {
    onResult?: (index: number, result: RunResult) => void;
    /** after every evaluation of a run in progress (live curves). */
    onEval?: (index: number, record: EvalRecord, milestones: Milestones) => void;
    signal?: AbortSignal;
  } = {},
): Promise<void> {
  const chosen = typeof backend === 'string' ? await getBackend(backend) : backend;
  if (chosen.capabilities.batchedRuns && chosen.createBatchTrainer) {
    await runBatch(configs, chosen, { onResult: options.onResult, onEval: options.onEval, signal: options.signal });
    return;
  }
  for (let i = 0; i < configs.length; i++) {
    if (options.signal?.aborted) return;
    const onEval = options.onEval && ((r: EvalRecord, m: Milestones) => options.onEval!(i, r, m));
    const { finalParams: _params, ...result } = await runExperiment(configs[i], { dynamics: chosen, signal: options.signal, onEval });
    options.onResult?.(i, result);
  }
}

/** Whether a backend trains many runs at once on its own threads (then one block at a time uses every core). */
export function isBatched(backend: Backend): boolean {
  return Boolean(backend.capabilities.batchedRuns && backend.createBatchTrainer);
}
