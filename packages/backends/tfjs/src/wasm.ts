import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { Backend } from '@geneft/core';
import { tfjsBackend } from './backend';

export interface TfjsWasmBackendOptions {
  /** GenEFT name. Default "tfjs-wasm". */
  name?: string;
  /**
   * Where the `.wasm` binaries are served from (a URL prefix ending in "/", or a map per file),
   * passed to tfjs's `setWasmPaths`. In Node the default is this install's
   * `@tensorflow/tfjs-backend-wasm/dist/`; in a browser, set it (or call `setWasmPaths`) unless
   * the binaries sit beside the page's script.
   */
  wasmPaths?: string | Record<TfjsWasmBinary, string>;
}

/** The binaries tfjs-backend-wasm picks from (plain, SIMD, SIMD + threads). */
export type TfjsWasmBinary = 'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm';

let defaultPathsSet = false;

/**
 * The GenEFT backend `tfjs-wasm`: core's model on @tensorflow/tfjs-backend-wasm (XNNPACK, SIMD
 * where the engine has it; threads only in cross-origin-isolated browsers, never in Node). The
 * paths must be set before the engine's first initialisation; later calls reuse the loaded
 * module. (The backend `wasm` is GenEFT's own engine in WebAssembly, @geneft/backend-wasm.)
 */
export async function tfjsWasmBackend(options: TfjsWasmBackendOptions = {}): Promise<Backend> {
  configureWasm(options.wasmPaths);
  return tfjsBackend({ name: options.name ?? 'tfjs-wasm', tfBackend: 'wasm' });
}

function configureWasm(paths: TfjsWasmBackendOptions['wasmPaths']): void {
  const inNode = typeof process !== 'undefined' && process.versions?.node != null;
  // tfjs-backend-wasm cannot start its worker (a blob: URL) in Node; say so explicitly so the
  // flag never probes for threads there.
  if (inNode) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (paths !== undefined) {
    setWasmPaths(paths);
    defaultPathsSet = true;
  } else if (inNode && !defaultPathsSet) {
    const dir = nodeWasmDirectory();
    if (dir) setWasmPaths(dir);
    defaultPathsSet = true;
  }
}

/**
 * `…/@tensorflow/tfjs-backend-wasm/dist/` of this install, where the .wasm binaries are; this
 * also holds when the caller's code is bundled (tfjs would otherwise look beside the bundle).
 * Undefined where `require` is missing, leaving tfjs its own default.
 */
function nodeWasmDirectory(): string | undefined {
  // Read through a variable so browser bundlers do not try to resolve `require` here.
  const req = typeof require === 'function' ? require : undefined;
  if (!req?.resolve) return undefined;
  try {
    const main = req.resolve('@tensorflow/tfjs-backend-wasm');
    return main.slice(0, Math.max(main.lastIndexOf('/'), main.lastIndexOf('\\')) + 1);
  } catch {
    return undefined;
  }
}
