import './register';

export { wasmBackend, type WasmBackendOptions, type WasmBinary } from './backend';
export { WASM_PRIORITY } from './register';
export { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
