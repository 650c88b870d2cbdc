import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { GroupClient, GroupRequest } from './group';
import { WASM_FILES, type WasmIsa } from './isa';
import type { WasmRunSpec } from './spec';
import type { Backend } from '@geneft/core';
import { createWasmBackend, type WasmBackendOptions, type WasmPlatform } from './backend';
import { localGroup, RunGroup } from './group';
import type { WorkerInit, WorkerReply } from './batchWorker';
import type { WasmModule } from './wasmTypes';

/** Where the build puts the modules, relative to src/ and dist/ alike. */
export const WASM_DIR = join(__dirname, '..', 'wasm');

const compiled = new Map<WasmIsa, Promise<WasmModule>>();

/** The compiled module of a build from this package's wasm/ folder (compiled once per process). */
export function compileFromDisk(isa: WasmIsa): Promise<WasmModule> {
  let module = compiled.get(isa);
  if (!module) {
    const file = join(WASM_DIR, WASM_FILES[isa]);
    if (!existsSync(file)) {
      throw new Error(
        `@geneft/backend-wasm: the WebAssembly module is not built (${file} is missing); ` +
          'build it with "npm run build -w @geneft/backend-wasm" (needs clang-14, lld-14, llvm-14 and wasi-libc)',
      );
    }
    module = WebAssembly.compile(readFileSync(file));
    compiled.set(isa, module);
    module.catch(() => compiled.delete(isa));
  }
  return module;
}

/**
 * The batch worker's script: beside this file once compiled; under ts-jest (src/) the one in
 * dist/. Undefined where neither exists — a bundle that did not include it — and batch groups
 * then run on the calling thread.
 */
function workerScript(): string | undefined {
  return [join(__dirname, 'batchWorker.js'), join(__dirname, '..', 'dist', 'batchWorker.js')].find((f) => existsSync(f));
}

/** A group of runs in a worker thread of its own. */
async function workerGroup(module: WasmModule, isa: WasmIsa, runs: [number, WasmRunSpec][]): Promise<GroupClient> {
  const script = workerScript();
  if (!script) return localGroup(await RunGroup.create(module, isa, runs));
  const init: WorkerInit = { module, isa, runs };
  const worker = new Worker(script, { workerData: init });
  worker.unref();
  const pending = new Map<number, { resolve: (v: Float64Array | Float32Array | undefined) => void; reject: (e: Error) => void }>();
  let next = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    pending.forEach((p) => p.reject(error));
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`@geneft/backend-wasm: worker thread exited (code ${code})`)));
  await new Promise<void>((resolve, reject) => {
    worker.once('message', (reply: WorkerReply) => (reply.error ? reject(new RangeError(reply.error)) : resolve()));
    worker.once('error', reject);
  }).catch((error: Error) => {
    void worker.terminate();
    throw error;
  });
  worker.on('message', (reply: WorkerReply) => {
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error) p?.reject(new Error(reply.error));
    else p?.resolve(reply.value);
  });
  return {
    request(request: GroupRequest) {
      if (failure) return Promise.reject(failure);
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, request });
      });
    },
    close() {
      failure ??= new Error('@geneft/backend-wasm: batch trainer has been disposed');
      void worker.terminate();
    },
  };
}

/** Node: modules from disk, each batch group on a worker thread. */
export const NODE_PLATFORM: WasmPlatform = {
  compile: compileFromDisk,
  defaultThreads: () => availableParallelism(),
  async groups(module, isa, groups) {
    const made = await Promise.allSettled(groups.map((runs) => workerGroup(module, isa, runs)));
    const failed = made.find((m) => m.status === 'rejected');
    if (!failed) return made.map((m) => (m as PromiseFulfilledResult<GroupClient>).value);
    made.forEach((m) => m.status === 'fulfilled' && m.value.close());
    throw failed.reason;
  },
};

/**
 * The GenEFT backend `wasm` in Node: the C++ engine compiled to WebAssembly (relaxed SIMD where
 * the runtime has it, else SIMD128), one module call per `step(k)`, batch trainers spread over
 * worker threads. `isa` defaults to the GENEFT_WASM_ISA environment variable, else "auto".
 *
 * @example
 * import { initParams, makeDataset, resolveExperiment } from '@geneft/core';
 * import { wasmBackend } from '@geneft/backend-wasm';
 * const config = resolveExperiment({ task: { relation: 'mod', k: 3, n: 30 } });
 * const trainer = await (await wasmBackend()).createTrainer({ config, data: makeDataset(config.task), params: initParams(config) });
 * const loss = await trainer.step(1000);
 */
export function wasmBackend(options: WasmBackendOptions = {}): Promise<Backend> {
  const isa = options.isa ?? (process.env.GENEFT_WASM_ISA as WasmIsa | undefined) ?? 'auto';
  return createWasmBackend(NODE_PLATFORM, { ...options, isa });
}
