/**
 * A sweep thread: loads the plugins (backend packages, --plugin modules) its parent loaded, by
 * resolved path, so it has the same backends and decoder kinds; then runs each block it is sent
 * (./block.ts), posting every finished run back as it comes. It never touches a store: the
 * parent is the only writer. Used by local sweeps and by the queue's workers alike.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { resolveExperiment } from '../config/experiment';
import { loadPlugins } from '../plugins/load';
import { runBlock } from './block';
import type { BlockReply, BlockRequest } from './protocol';

// Names resolve from here (core's folder), where the backend packages are its siblings.
loadPlugins((workerData as { setupModules: string[] }).setupModules, __dirname);

const post = (reply: BlockReply) => parentPort!.postMessage(reply);

parentPort!.on('message', async (request: BlockRequest) => {
  try {
    // Configs may come from a shared queue: validate them as any input file is validated.
    const configs = request.configs.map((c) => resolveExperiment(c));
    await runBlock(configs, request.backend, { onResult: (index, result) => post({ id: request.id, kind: 'run', index, result }) });
    post({ id: request.id, kind: 'done' });
  } catch (error) {
    post({ id: request.id, kind: 'error', error: (error as Error).message });
  }
});
