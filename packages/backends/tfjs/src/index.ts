import './register';

export * from './base';
export { TFJS_CPU_PRIORITY, TFJS_WASM_PRIORITY } from './register';
export { tfjsWasmBackend, type TfjsWasmBackendOptions, type TfjsWasmBinary } from './wasm';
export { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
