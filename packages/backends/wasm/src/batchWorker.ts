/**
 * A worker thread holding one group of a batch's runs in its own engine instance; it answers the
 * batch trainer's requests in order. The first message it posts says whether the runs were made.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RunGroup, type GroupRequest } from './group';
import type { WasmIsa } from './isa';
import type { WasmRunSpec } from './spec';
import type { WasmModule } from './wasmTypes';

export interface WorkerInit {
  module: WasmModule;
  isa: WasmIsa;
  runs: [number, WasmRunSpec][];
}

export interface WorkerReply {
  id: number;
  value?: Float64Array | Float32Array;
  error?: string;
}

async function main(): Promise<void> {
  const port = parentPort!;
  const init = workerData as WorkerInit;
  let group: RunGroup;
  try {
    group = await RunGroup.create(init.module, init.isa, init.runs);
  } catch (error) {
    port.postMessage({ id: -1, error: (error as Error).message } satisfies WorkerReply);
    return;
  }
  port.postMessage({ id: -1 } satisfies WorkerReply);
  port.on('message', ({ id, request }: { id: number; request: GroupRequest }) => {
    let reply: WorkerReply;
    try {
      const value = group.handle(request);
      reply = { id, value };
    } catch (error) {
      reply = { id, error: (error as Error).message };
    }
    port.postMessage(reply, reply.value ? [reply.value.buffer as ArrayBuffer] : []);
  });
}

if (parentPort) void main();
