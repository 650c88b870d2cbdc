'use strict';
// The benchmark's models. Each is a partial experiment resolved by core, so every backend and
// PyTorch start from core's initial parameters and core's train/test split.

const CANONICAL = {
  task: { relation: 'mod', k: 3, n: 30, trainFraction: 0.75, splitSeed: 0 },
  encoder: { dim: 2 },
  decoder: { kind: 'mlp', combine: 'concat', width: 50, depth: 3, activation: 'tanh' },
  dynamics: { optimizer: 'adam', lrEncoder: 1e-3, lrDecoder: 1e-3, loss: 'bce' },
  seed: 0,
};

const LARGER = {
  task: { relation: 'mod', k: 3, n: 100, trainFraction: 0.5, splitSeed: 0 },
  encoder: { dim: 8 },
  decoder: { kind: 'mlp', combine: 'concat', width: 128, depth: 3, activation: 'relu' },
  dynamics: { optimizer: 'adam', lrEncoder: 1e-3, lrDecoder: 1e-3, loss: 'bce' },
  seed: 0,
};

const CASES = {
  a: { id: 'a', title: 'canonical GenEFT model, full batch', experiment: CANONICAL, describe: 'mod 3, n=30, d=2, concat, 3×50 tanh, BCE, Adam 1e-3' },
  b: { id: 'b', title: 'larger model, full batch', experiment: LARGER, describe: 'mod 3, n=100, d=8, concat, 3×128 relu, p=0.5, BCE, Adam 1e-3' },
  c: { id: 'c', title: 'sweep throughput: 64 independent runs of (a) on 2 cores', experiment: CANONICAL, runs: 64, workers: 2, describe: '64 seeds of (a)' },
  // Runs 1 and 3 stop early (as a sweep's comprehension runs do) while 0 and 2 go on; the
  // longest-first spread of equal-cost runs puts 0 and 2 on the same thread.
  d: {
    id: 'd',
    title: 'uneven batch: 4 runs of (a) on 2 cores, two of them stopped early',
    experiment: CANONICAL,
    uneven: { runs: 4, workers: 2, stopped: [1, 3], stopAt: 200, steps: 2000, every: 100 },
    describe: 'runs 1 and 3 deactivated after 200 of 2000 steps, 100 steps per call',
  },
};

/**
 * Floating-point operations of one full-batch step, counted as 2 per multiply-add of the three
 * matrix products per layer (forward, backward data, backward weights). Activations, the loss
 * and the optimizer are not counted, so GFLOP/s is the rate of useful matrix arithmetic.
 */
function flopsPerStep(core, config, trainPairs) {
  const sizes = core.decoderLayerSizes(config.decoder, config.encoder.dim);
  return 6 * trainPairs * sizes.reduce((s, [fanIn, out]) => s + fanIn * out, 0);
}

/** Resolved config, dataset and core's initial parameters; `seed` overrides the model seed. */
function specOf(core, experiment, seed) {
  const config = core.resolveExperiment(seed === undefined ? experiment : { ...experiment, seed });
  return { config, data: core.makeDataset(config.task), params: core.initParams(config) };
}

module.exports = { CASES, flopsPerStep, specOf };
