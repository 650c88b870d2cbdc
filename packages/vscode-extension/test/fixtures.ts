/** Small, fast experiments for the tests (a 12-symbol mod 3 with a 16-wide decoder settles in ~100 steps). */
export const tinyExperiment = {
  task: { relation: 'mod', k: 3, n: 12, trainFraction: 0.75, splitSeed: 0 },
  encoder: { dim: 2, initScale: 0.25 },
  decoder: { kind: 'mlp', combine: 'concat', width: 16, depth: 1, activation: 'tanh' },
  dynamics: { optimizer: 'adam', lrEncoder: 0.03, lrDecoder: 0.03, loss: 'bce' },
  budget: { steps: 300, evalEvery: 50, threshold: 0.9, grokDelay: 100 },
  seed: 0,
};

export const tinySweep = {
  base: {
    task: { relation: 'mod', k: 3, n: 12, trainFraction: 0.75 },
    decoder: { kind: 'mlp', combine: 'concat', width: 16, depth: 1, activation: 'tanh' },
    budget: { steps: 300, evalEvery: 50, grokDelay: 100 },
  },
  axes: [
    { path: 'dynamics.lrEncoder', log: [0.001, 0.03, 2] },
    { path: 'dynamics.lrDecoder', log: [0.001, 0.03, 2] },
  ],
  seeds: [0],
};
