import type { Backend, BackendCapabilities } from '../../backend/types';
import { ReferenceTrainer } from './trainer';

export const REFERENCE_CAPABILITIES: BackendCapabilities = {
  precision: 'float64',
  optimizers: ['adam', 'adamw', 'sgd'],
  losses: ['bce', 'mse'],
  decoders: ['mlp', 'ideal-distance', 'ideal-order'],
  activations: ['tanh', 'relu', 'gelu', 'linear'],
  combines: ['concat', 'diff', 'sqdiff'],
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
