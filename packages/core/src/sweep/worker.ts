/**
 * A sweep worker thread: registers the backends named by the parent, then runs the cells it is
 * sent, one at a time, posting each result back. It never touches the store: the parent is the
 * only writer, so store lines are never interleaved.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runExperiment } from '../run/run';
import type { WorkerReply, WorkerRequest } from './protocol';

const { setupModules } = workerData as { setupModules: string[] };
for (const m of setupModules) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- backend packages register themselves on load
  require(m);
}

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
