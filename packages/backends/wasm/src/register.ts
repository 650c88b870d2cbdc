// Side-effect module (listed in package.json "sideEffects"): registers the tfjs "wasm" kernels
// and the GenEFT backend "wasm".
import '@tensorflow/tfjs-backend-wasm';
import { registerBackend } from '@geneft/core';
import { wasmBackend } from './backend';

/** Above tfjs-cpu (1) and webgl (1.5): at the paper's sizes WASM is the fastest tfjs backend. */
export const WASM_PRIORITY = 2;

registerBackend('wasm', () => wasmBackend(), WASM_PRIORITY);
