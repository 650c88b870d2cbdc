const { MODEL_FEATURES } = require('@geneft/core');
const { NaiveTrainer } = require('./trainer');

/**
 * What this backend runs. Core refuses everything else with a CapabilityError before any of our
 * code runs, and the conformance kit reports the cases it excludes as skipped.
 * @type {import('@geneft/core').BackendCapabilities}
 */
const NAIVE_CAPABILITIES = {
  precision: 'float64',
  optimizers: MODEL_FEATURES.optimizers, // core's Optimizer does the updates
  losses: MODEL_FEATURES.losses, // core's lossAndGradient
  decoders: ['mlp'],
  activations: ['tanh', 'relu'],
  combines: ['concat'],
  batchedRuns: false,
  maxSymbols: 256,
};

/** @returns {import('@geneft/core').Backend} */
function naiveBackend() {
  return {
    name: 'naive-js',
    capabilities: NAIVE_CAPABILITIES,
    createTrainer: async (spec) => new NaiveTrainer(spec),
  };
}

module.exports = { naiveBackend, NAIVE_CAPABILITIES };
