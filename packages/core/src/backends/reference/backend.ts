import { MODEL_FEATURES, type Backend, type BackendCapabilities } from '../../backend/types';
import { ReferenceTrainer } from './trainer';

export const REFERENCE_CAPABILITIES: BackendCapabilities = {
  precision: 'float64',
  ...MODEL_FEATURES,
  batchedRuns: false,
};

/** The pure-TypeScript float64 backend: the oracle of the conformance suite. */
export function referenceBackend(): Backend {
  return {
    name: 'reference',
    capabilities: REFERENCE_CAPABILITIES,
    createTrainer: async (spec) => new ReferenceTrainer(spec),
  };
}
