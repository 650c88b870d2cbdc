// What the browser test's page gets as `GenEFTWasm`: core's entry points and this package.
export { getBackend, initParams, makeDataset, resolveExperiment } from '@geneft/core';
export { wasmBackend, setWasmPaths } from '../src';
