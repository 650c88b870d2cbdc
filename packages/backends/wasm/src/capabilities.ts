import { MODEL_FEATURES, type BackendCapabilities } from '@geneft/core';

/** Everything core defines, in float32, with many runs per call: the native engine's set. */
export const WASM_CAPABILITIES: BackendCapabilities = {
  precision: 'float32',
  ...MODEL_FEATURES,
  batchedRuns: true,
};
