/**
 * A block thread: loads the plugins (backend packages, --plugin modules) its parent names, by
 * resolved path, then runs each block it is sent —
 * on the backend's many-runs mode when it has one, else cell by cell — posting every finished
 * run back as it comes. Work happens off the main thread so a worker's BullMQ lock renewals
 * are never starved by training.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { getBackend, resolveExperiment, runBatch, runExperiment, type RunResult } from '@geneft/core';
import { loadPlugins } from '@geneft/core/node';
import type { BlockReply, BlockRequest } from './protocol';

// Names resolve from here, where the backend packages are siblings of this package.
loadPlugins((workerData as { setupModules: string[] }).setupModules, __dirname);

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
