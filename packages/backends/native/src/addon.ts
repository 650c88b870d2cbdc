import { join } from 'node:path';
import type { EngineRunSpec } from '@geneft/core';
import nodeGypBuild from 'node-gyp-build';

/** Kernel sets compiled into the addon; which ones run depends on the CPU. */
export type NativeIsa = 'avx512' | 'avx2' | 'generic';

/** One run as the addon takes it (core's engine run spec, shared with the WebAssembly build). */
export type NativeRunSpec = EngineRunSpec;

/** The addon's single-run trainer. Every method runs synchronously (the calling thread waits for any helpers). */
export interface AddonTrainer {
  readonly steps: number;
  readonly isa: NativeIsa;
  /** Threads the run's blocks of pairs are split over (1 unless asked for and the run is large enough). */
  readonly threads: number;
  /** k steps in one call; the mean training loss at the last one (NaN for k = 0). */
  step(k: number): number;
  predict(out: Float64Array): void;
  readParams(out: Float32Array): void;
  writeParams(params: Float32Array): void;
  dispose(): void;
}

/** The addon's multi-run trainer; `step` runs on a worker thread and the addon's thread pool. */
export interface AddonBatch {
  readonly size: number;
  readonly threads: number;
  readonly isa: NativeIsa;
  step(k: number): Promise<Float64Array>;
  stepSync(k: number): Float64Array;
  predict(index: number, out: Float64Array): void;
  readParams(index: number, out: Float32Array): void;
  deactivate(index: number): void;
  dispose(): void;
}

export interface Addon {
  NativeTrainer: new (spec: NativeRunSpec, isa: string, threads: number) => AddonTrainer;
  NativeBatch: new (specs: NativeRunSpec[], threads: number, isa: string) => AddonBatch;
  supportedIsas(): NativeIsa[];
  defaultIsa(): NativeIsa;
  /** Runs `iterations` of a register-resident FMA loop on one thread. */
  measurePeak(isa: string, iterations: number): { flops: number; seconds: number };
  hardwareConcurrency(): number;
}

/** The package folder, relative to src/ and dist/ alike. */
const PACKAGE_ROOT = join(__dirname, '..');

/** Where node-gyp puts a binary built from source (preferred over a prebuild when present). */
export const ADDON_PATH = join(PACKAGE_ROOT, 'build', 'Release', 'geneft_native.node');

let cached: Addon | undefined;

/**
 * The binary to load: build/Release when built from source, else the prebuild for this
 * platform, architecture and libc (prebuilds/linux-x64/@geneft+backend-native.glibc.node), as
 * node-gyp-build picks it.
 */
function addonPath(): string {
  try {
    return nodeGypBuild.path(PACKAGE_ROOT);
  } catch {
    throw new Error(
      `@geneft/backend-native: no binary for ${process.platform}-${process.arch} (no prebuild, and none built in ${ADDON_PATH}). ` +
        'Run "npm rebuild @geneft/backend-native" (needs python3, make and a C++17 compiler).',
    );
  }
}

/** Loads the compiled addon once; throws a message that says how to build it. */
export function loadAddon(): Addon {
  if (cached) return cached;
  const file = addonPath();
  const module = { exports: {} as Addon };
  try {
    process.dlopen(module, file);
  } catch (error) {
    throw new Error(
      `@geneft/backend-native: could not load ${file} (${(error as Error).message}). ` +
        'Run "npm rebuild @geneft/backend-native" to rebuild it for this Node.js.',
    );
  }
  cached = module.exports;
  return cached;
}
