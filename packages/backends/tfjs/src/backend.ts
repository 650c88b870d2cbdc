import { checkCapabilities, type Backend } from '@geneft/core';
import { tfjsCapabilities } from './capabilities';
import { activateTfBackend, quietCpuBackend } from './engine';
import { TfjsTrainer } from './trainer';
import { tuningFor, type OpTuning } from './tuning';

export interface TfjsBackendOptions {
  /** GenEFT name of the backend, e.g. "tfjs-cpu", "wasm", "webgl". */
  name: string;
  /** TensorFlow.js backend to run on ("cpu", "wasm", "webgl", …); its package must be imported. */
  tfBackend: string;
  /** Largest n accepted. Default 256 (see `DEFAULT_MAX_SYMBOLS`). */
  maxSymbols?: number;
  /** How ops are phrased for the engine; defaults by `tfBackend` (see `tuningFor`). */
  tuning?: Partial<OpTuning>;
}

/**
 * A GenEFT backend whose trainers run TensorFlow.js ops on `tfBackend`. Resolves once that tfjs
 * backend has initialised, and rejects if it cannot (so `getBackend()` falls through to the next).
 *
 * @example
 * import '@tensorflow/tfjs-backend-cpu';
 * const backend = await tfjsBackend({ name: 'tfjs-cpu', tfBackend: 'cpu' });
 */
export async function tfjsBackend(options: TfjsBackendOptions): Promise<Backend> {
  const { name, tfBackend } = options;
  await activateTfBackend(tfBackend);
  if (tfBackend === 'cpu') quietCpuBackend();
  const tuning = tuningFor(tfBackend, options.tuning);
  const backend: Backend = {
    name,
    capabilities: tfjsCapabilities(options.maxSymbols),
    async createTrainer(spec) {
      checkCapabilities(backend, spec.config);
      return TfjsTrainer.create(name, tfBackend, spec, tuning);
    },
  };
  return backend;
}
