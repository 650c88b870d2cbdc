// Browser and webview entry (`@geneft/backend-wasm/browser`): no Node built-ins. The page says
// where the .wasm files are (or hands over their bytes); batches run on the page's thread.
import { registerBackend, type Backend } from '@geneft/core';
import { createWasmBackend, type WasmBackendOptions, type WasmPlatform } from './backend';
import { localGroup, RunGroup } from './group';
import { WASM_FILES, type WasmIsa } from './isa';
import { WASM_PRIORITY } from './priority';
import type { WasmModule } from './wasmTypes';

export type WasmModuleSource = string | URL | ArrayBuffer | ArrayBufferView<ArrayBuffer> | WasmModule;

export interface BrowserWasmOptions extends WasmBackendOptions {
  /**
   * Where the modules come from: a base URL (ending in "/") under which `geneft-simd128.wasm` and
   * `geneft-relaxed-simd.wasm` are served, or per build a URL, the bytes or a compiled module.
   * Fetching needs `connect-src` for that URL; compiling needs `script-src 'wasm-unsafe-eval'`.
   */
  modules: string | URL | Partial<Record<WasmIsa, WasmModuleSource>>;
}

async function compileSource(source: WasmModuleSource): Promise<WasmModule> {
  if (source instanceof WebAssembly.Module) return source;
  if (typeof source === 'string' || source instanceof URL) {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`@geneft/backend-wasm: fetching ${String(source)} gave HTTP ${response.status}`);
    return WebAssembly.compile(await response.arrayBuffer());
  }
  return WebAssembly.compile(source);
}

function browserPlatform(modules: BrowserWasmOptions['modules']): WasmPlatform {
  const sourceOf = (isa: WasmIsa): WasmModuleSource => {
    if (typeof modules === 'string' || modules instanceof URL) return new URL(WASM_FILES[isa], modules);
    const source = modules[isa];
    if (!source) throw new Error(`@geneft/backend-wasm: no source given for the ${isa} module`);
    return source;
  };
  return {
    compile: (isa) => compileSource(sourceOf(isa)),
    defaultThreads: () => 1,
    // Instances on the page's thread: the runs of a batch advance one after another.
    groups: (module, isa, groups) => Promise.all(groups.map(async (runs) => localGroup(await RunGroup.create(module, isa, runs)))),
  };
}

/**
 * The `wasm` backend in a browser or webview. With `isa: "auto"` and per-build sources, give
 * both builds (or a base URL): the runtime decides which one loads.
 *
 * @example
 * import { registerWasmBackend } from '@geneft/backend-wasm/browser';
 * registerWasmBackend({ modules: new URL('wasm/', document.baseURI) });
 */
export function wasmBackend(options: BrowserWasmOptions): Promise<Backend> {
  return createWasmBackend(browserPlatform(options.modules), { ...options, threads: 1 });
}

/** Registers `wasm` with core at its usual priority (below native, above the tfjs backends). */
export function registerWasmBackend(options: BrowserWasmOptions): void {
  registerBackend('wasm', () => wasmBackend(options), WASM_PRIORITY);
}

export { chooseIsa, supportedIsas, WASM_FILES, type WasmIsa } from './isa';
export { WASM_CAPABILITIES } from './capabilities';
