import { MODEL_FEATURES, type BackendCapabilities } from '@geneft/core';

/** Everything core defines, in float32, with many runs per call. */
export const NATIVE_CAPABILITIES: BackendCapabilities = {
  precision: 'float32',
  ...MODEL_FEATURES,
  batchedRuns: true,
};
