import { availableParallelism } from 'node:os';
import { checkCapabilities, paramsShapeOf, type Backend } from '@geneft/core';
import { loadAddon, type NativeIsa } from './addon';
import { NativeBatchTrainer } from './batchTrainer';
import { NATIVE_CAPABILITIES } from './capabilities';
import { nativeRunSpec } from './spec';
import { NativeTrainer } from './trainer';

export interface NativeBackendOptions {
  /** Threads a batch trainer spreads its runs over. Default: every core (`os.availableParallelism()`). */
  threads?: number;
  /**
   * Threads one trainer (`createTrainer`) splits each step's blocks of 512 training pairs over.
   * Default 1: a sweep already keeps every core busy with separate runs. Worth raising for a
   * single large model (thousands of training pairs). Results are deterministic for a given
   * value and differ between values by float32 rounding only.
   */
  runThreads?: number;
  /**
   * Kernel set: "auto" picks the best the CPU supports (AVX-512, then AVX2+FMA, then portable).
   * Default: the GENEFT_NATIVE_ISA environment variable, else "auto".
   */
  isa?: NativeIsa | 'auto';
}

/**
 * The native backend: fused float32 C++ training loops (node-addon-api), one native call per
 * `step(k)`, and batch trainers that advance many runs at once across threads.
 * Throws, with the command that fixes it, if the compiled addon is missing.
 *
 * @example
 * import { initParams, makeDataset, resolveExperiment } from '@geneft/core';
 * import { nativeBackend } from '@geneft/backend-native';
 * const config = resolveExperiment({ task: { relation: 'mod', k: 3, n: 30 } });
 * const trainer = await nativeBackend().createTrainer({ config, data: makeDataset(config.task), params: initParams(config) });
 * const loss = await trainer.step(1000);
 */
export function nativeBackend(options: NativeBackendOptions = {}): Backend {
  const addon = loadAddon();
  const isa = options.isa ?? (process.env.GENEFT_NATIVE_ISA as NativeIsa | undefined) ?? 'auto';
  if (isa !== 'auto' && !addon.supportedIsas().includes(isa)) {
    throw new Error(`@geneft/backend-native: kernel set "${isa}" is not supported here (supported: ${addon.supportedIsas().join(', ')})`);
  }
  const threads = options.threads ?? availableParallelism();
  const runThreads = options.runThreads ?? 1;
  for (const [name, value] of [['threads', threads], ['runThreads', runThreads]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }

  const backend: Backend = {
    name: 'native',
    capabilities: NATIVE_CAPABILITIES,
    async createTrainer(spec) {
      checkCapabilities(backend, spec.config);
      return new NativeTrainer(spec, new addon.NativeTrainer(nativeRunSpec(spec), isa, runThreads), paramsShapeOf(spec.config));
    },
    async createBatchTrainer(specs) {
      for (const spec of specs) checkCapabilities(backend, spec.config);
      return new NativeBatchTrainer(specs, new addon.NativeBatch(specs.map(nativeRunSpec), threads, isa));
    },
  };
  return backend;
}
