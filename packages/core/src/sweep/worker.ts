/**
 * A sweep worker thread: loads the plugins (backend packages, --plugin modules) the parent
 * loaded, by resolved path, so it has the same backends and decoder kinds; then runs the cells it is
 * sent, one at a time, posting each result back. It never touches the store: the parent is the
 * only writer, so store lines are never interleaved.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadPlugins } from '../plugins/load';
import { runExperiment } from '../run/run';
import type { WorkerReply, WorkerRequest } from './protocol';

// Names resolve from here (core's folder), where the backend packages are its siblings.
loadPlugins((workerData as { setupModules: string[] }).setupModules, __dirname);

parentPort!.on('message', async (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const { finalParams: _params, ...result } = await runExperiment(request.config, { dynamics: request.backend });
    reply = { id: request.id, result };
  } catch (error) {
    reply = { id: request.id, error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
