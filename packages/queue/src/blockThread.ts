/**
 * A block thread: registers the backends its parent names, then runs each block it is sent —
 * on the backend's many-runs mode when it has one, else cell by cell — posting every finished
 * run back as it comes. Work happens off the main thread so a worker's BullMQ lock renewals
 * are never starved by training.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { getBackend, resolveExperiment, runBatch, runExperiment, type RunResult } from '@geneft/core';
import type { BlockReply, BlockRequest } from './protocol';

const { setupModules } = workerData as { setupModules: string[] };
for (const m of setupModules) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- backend packages register themselves on load
  require(m);
}

const post = (reply: BlockReply) => parentPort!.postMessage(reply);

function strip(result: RunResult & { finalParams?: unknown }) {
  const { finalParams: _params, aborted: _aborted, ...run } = result;
  return run;
}

parentPort!.on('message', async (request: BlockRequest) => {
  try {
    // Configs come from a shared queue: validate them as any input file is validated.
    const configs = request.configs.map((c) => resolveExperiment(c));
    const backend = await getBackend(request.backend);
    if (backend.capabilities.batchedRuns && backend.createBatchTrainer) {
      await runBatch(configs, backend, { onResult: (index, result) => post({ id: request.id, kind: 'run', index, run: strip(result) }) });
    } else {
      for (let index = 0; index < configs.length; index++) {
        const result = await runExperiment(configs[index], { dynamics: backend });
        post({ id: request.id, kind: 'run', index, run: strip(result) });
      }
    }
    post({ id: request.id, kind: 'done' });
  } catch (error) {
    post({ id: request.id, kind: 'error', error: (error as Error).message });
  }
});
