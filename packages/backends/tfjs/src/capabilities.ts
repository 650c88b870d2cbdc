import { MODEL_FEATURES, type BackendCapabilities } from '@geneft/core';

/**
 * Largest n by default. Pairs are selected with one-hot matrices (m × n, m ≤ n² pairs), so the
 * training selectors take up to 2n³ floats: 134 MB at n = 256.
 */
export const DEFAULT_MAX_SYMBOLS = 256;

/** What a tfjs-ops trainer supports, on every tfjs backend. */
export function tfjsCapabilities(maxSymbols = DEFAULT_MAX_SYMBOLS): BackendCapabilities {
  return {
    precision: 'float32',
    ...MODEL_FEATURES,
    batchedRuns: false,
    maxSymbols,
  };
}
