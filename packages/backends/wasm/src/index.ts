import './register';

export { WASM_PRIORITY } from './priority';
export { wasmBackend, WASM_DIR } from './node';
export { createWasmBackend, type WasmBackendOptions, type WasmPlatform } from './backend';
export { WASM_CAPABILITIES } from './capabilities';
export { WasmTrainer } from './trainer';
export { WasmBatchTrainer } from './batchTrainer';
export { chooseIsa, supportedIsas, WASM_FILES, type WasmIsa } from './isa';
export { WasmEngine } from './engine';
