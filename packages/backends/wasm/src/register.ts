// Side-effect module (listed in package.json "sideEffects"): registers the "wasm" backend. The
// module is loaded when the backend is first requested, so importing this never throws; without
// a built .wasm or without SIMD128, getBackend() falls through to the next backend.
import { registerBackend } from '@geneft/core';
import { wasmBackend } from './node';
import { WASM_PRIORITY } from './priority';

registerBackend('wasm', () => wasmBackend(), WASM_PRIORITY);
