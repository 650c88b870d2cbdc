// What the browser test's page gets as `GenEFTWasm`: core's entry points and the browser entry.
export { getBackend, initParams, makeDataset } from '@geneft/core';
export { registerWasmBackend, supportedIsas, wasmBackend } from '../src/browser';
