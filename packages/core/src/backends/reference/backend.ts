import { MODEL_FEATURES, type Backend, type BackendCapabilities } from '../../backend/types';
import { listDecoders } from '../../decoder/registry';
import { ReferenceTrainer } from './trainer';

export const REFERENCE_CAPABILITIES: BackendCapabilities = {
  precision: 'float64',
  ...MODEL_FEATURES,
  /** every registered kind, plugins' included: the reference runs each through the kind's own float64 network. */
  get decoders() {
    return listDecoders().map((d) => d.kind);
  },
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
