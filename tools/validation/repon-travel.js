#!/usr/bin/env node
/**
 * How far the repons actually moved, and whether they clustered, by the step a run generalized.
 * The repon theory says generalization is same-class repons colliding; this checks it on one
 * run of the init-scale-boundary setting (mod 3, fraction 0.75, Adam, split seed = seed).
 *
 *   node tools/validation/repon-travel.js SIGMA RATIO SEED STEPS [LR_ENCODER=1e-4]
 *
 * Trains STEPS steps (no early stop) on the native backend, then prints the RMS and largest
 * displacement of an embedding coordinate in units of σ_c = σ/√2, and the within-class spread
 * (RMS distance of a repon from its class mean, per coordinate) before and after.
 */
const { resolveExperiment, runExperiment, initParams } = require('@geneft/core');
require('@geneft/backend-native');

const [sigma, ratio, seed, steps, lrEncoder = 1e-4] = process.argv.slice(2).map(Number);
if (![sigma, ratio, seed, steps].every(Number.isFinite)) {
  console.error('usage: node tools/validation/repon-travel.js SIGMA RATIO SEED STEPS [LR_ENCODER]');
  process.exit(2);
}
const config = resolveExperiment({
  task: { relation: 'mod', k: 3, n: 30, trainFraction: 0.75, splitSeed: seed },
  encoder: { dim: 2, initScale: sigma },
  dynamics: { optimizer: 'adam', lrEncoder, lrDecoder: lrEncoder * ratio },
  budget: { steps, evalEvery: 100, grokDelay: 1000, earlyStop: false },
  seed,
});

/** RMS distance of a repon's coordinate from its class mean. */
function withinClassSpread(e, n, d, k) {
  let s = 0;
  for (let c = 0; c < k; c++) {
    const members = [...Array(n).keys()].filter((i) => i % k === c);
    for (let x = 0; x < d; x++) {
      const mean = members.reduce((a, i) => a + e[i * d + x], 0) / members.length;
      s += members.reduce((a, i) => a + (e[i * d + x] - mean) ** 2, 0);
    }
  }
  return Math.sqrt(s / (n * d));
}

runExperiment(config, { dynamics: 'native' }).then((r) => {
  const before = initParams(config).embeddings;
  const after = r.finalParams.embeddings;
  let sq = 0;
  let max = 0;
  for (let i = 0; i < before.length; i++) {
    const move = after[i] - before[i];
    sq += move * move;
    max = Math.max(max, Math.abs(move));
  }
  const sigmaC = sigma / Math.SQRT2;
  const { n } = config.task;
  const d = config.encoder.dim;
  console.log(
    JSON.stringify({
      sigma, ratio, seed, steps, phase: r.phase, stepTest: r.stepTest, testAccuracy: Number(r.testAccuracy.toFixed(3)),
      rmsMoveOverSigmaC: Number((Math.sqrt(sq / before.length) / sigmaC).toFixed(3)),
      maxMoveOverSigmaC: Number((max / sigmaC).toFixed(3)),
      withinClassSpread: [Number(withinClassSpread(before, n, d, 3).toFixed(3)), Number(withinClassSpread(after, n, d, 3).toFixed(3))],
    }),
  );
});
