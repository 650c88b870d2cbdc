export { NATIVE_PRIORITY } from './register';
export { nativeBackend, type NativeBackendOptions } from './backend';
export { NATIVE_CAPABILITIES } from './capabilities';
export { NativeTrainer } from './trainer';
export { NativeBatchTrainer } from './batchTrainer';
export { nativeCpuInfo, measurePeakGflops, type NativeCpuInfo } from './cpu';
export { ADDON_PATH, type NativeIsa } from './addon';
