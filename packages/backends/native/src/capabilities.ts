import type { BackendCapabilities } from '@geneft/core';

/** Everything core defines, in float32, with many runs per call. */
export const NATIVE_CAPABILITIES: BackendCapabilities = {
  precision: 'float32',
  optimizers: ['adam', 'adamw', 'sgd'],
  losses: ['bce', 'mse'],
  decoders: ['mlp', 'ideal-distance', 'ideal-order'],
  activations: ['tanh', 'relu', 'gelu', 'linear'],
  combines: ['concat', 'diff', 'sqdiff'],
  batchedRuns: true,
};
