import { checkCapabilities, decoderLayerSizes, type Backend, type TrainerSpec } from '@geneft/core';
import { balanceRuns } from './balance';
import { WasmBatchTrainer } from './batchTrainer';
import { WASM_CAPABILITIES } from './capabilities';
import { WasmEngine } from './engine';
import type { GroupClient } from './group';
import { chooseIsa, type WasmIsa } from './isa';
import { wasmRunSpec, type WasmRunSpec } from './spec';
import { WasmTrainer } from './trainer';
import type { WasmModule } from './wasmTypes';

export interface WasmBackendOptions {
  /**
   * Kernel build: "auto" (default) loads relaxed SIMD where the runtime validates it (Node ≥ 22,
   * Chromium ≥ 114) and SIMD128 elsewhere. "simd128" gives the same bits on every runtime and
   * CPU (no fused multiply-add), equal to the native addon's generic kernels.
   */
  isa?: WasmIsa | 'auto';
  /** Engine instances a batch trainer spreads its runs over (worker threads in Node). Default: every core. */
  threads?: number;
}

/** What differs between Node and browsers: where the module comes from, where batch groups run. */
export interface WasmPlatform {
  compile(isa: WasmIsa): Promise<WasmModule>;
  defaultThreads(): number;
  /** One client per group of runs, each group in its own engine instance. */
  groups(module: WasmModule, isa: WasmIsa, groups: [number, WasmRunSpec][][]): Promise<GroupClient[]>;
}

/** Multiply-adds of one step, for spreading runs evenly. */
function stepCost(spec: TrainerSpec): number {
  const layers = decoderLayerSizes(spec.config.decoder, spec.config.encoder.dim);
  return layers.reduce((s, [i, o]) => s + i * o, 0) * spec.data.train.length;
}

/** The `wasm` backend on a platform (see node.ts and browser.ts for the two there are). */
export async function createWasmBackend(platform: WasmPlatform, options: WasmBackendOptions = {}): Promise<Backend> {
  const threads = options.threads ?? platform.defaultThreads();
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
  const isa = chooseIsa(options.isa ?? 'auto');
  const module = await platform.compile(isa);
  const engine = await WasmEngine.instantiate(module, isa);

  const backend: Backend = {
    name: 'wasm',
    capabilities: WASM_CAPABILITIES,
    async createTrainer(spec) {
      checkCapabilities(backend, spec.config);
      return new WasmTrainer(spec, engine.createRun(wasmRunSpec(spec)), isa);
    },
    async createBatchTrainer(specs) {
      for (const spec of specs) checkCapabilities(backend, spec.config);
      const runs = specs.map(wasmRunSpec);
      const costs = specs.map(stepCost);
      const members = balanceRuns(costs, Math.min(threads, specs.length));
      const clients = await platform.groups(module, isa, members.map((m) => m.map((i): [number, WasmRunSpec] => [i, runs[i]])));
      return new WasmBatchTrainer(specs, clients, members, isa, runs, costs);
    },
  };
  return backend;
}
