// Side-effect module (listed in package.json "sideEffects"): registers the tfjs "cpu" and "wasm"
// kernels and the GenEFT backends "tfjs-cpu" and "tfjs-wasm" at low priorities, above the
// reference backend only (GenEFT's own engine, native or in WebAssembly, comes first).
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerBackend } from '@geneft/core';
import { tfjsBackend } from './backend';
import { tfjsWasmBackend } from './wasm';

export const TFJS_CPU_PRIORITY = 1;
/** Below wasm (2), above webgl (1.5): at the paper's sizes tfjs-wasm is the fastest tfjs engine. */
export const TFJS_WASM_PRIORITY = 1.75;

registerBackend('tfjs-cpu', () => tfjsBackend({ name: 'tfjs-cpu', tfBackend: 'cpu' }), TFJS_CPU_PRIORITY);
registerBackend('tfjs-wasm', () => tfjsWasmBackend(), TFJS_WASM_PRIORITY);
