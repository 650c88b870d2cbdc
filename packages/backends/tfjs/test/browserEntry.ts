// What the browser test's page gets as `GenEFTWasm`: core's entry points and this package's tfjs-wasm backend.
export { getBackend, initParams, makeDataset, resolveExperiment } from '@geneft/core';
export { tfjsWasmBackend, setWasmPaths } from '../src';
