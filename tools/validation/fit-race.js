#!/usr/bin/env node
/**
 * A lead for the boundary the repon theory misses (issue #16): the race between the decoder
 * fitting the training set and the repons rearranging. For each initialisation scale σ and the
 * η_dec/η_enc where half the runs generalize (measured by the init-scale-boundary figure; Adam,
 * η_enc = 1e-4), it trains the decoder alone — encoder frozen, lrEncoder 0, so the repons stay at
 * their initial positions — at that η_dec, and prints
 *   - T_fit, the step the training accuracy reaches the threshold (median over seeds);
 *   - the repons' largest possible travel in that time under Adam's sign-like updates,
 *     √2·η_enc·T_fit (each coordinate moves at most about η_enc per step), in units of σ;
 *   - the mean nearest-neighbour distance of the initial embeddings, in units of σ.
 * and T_fit at η_dec = 1e-3 and 4e-3 for every σ (does fitting depend on σ? on η_dec how?).
 *
 *   node tools/validation/fit-race.js [SIGMA:RATIO ...]   (default 0.25:80.6 0.5:11.3 1:4)
 */
const { resolveExperiment, runBatch, initParams, getBackend } = require('@geneft/core');
require('@geneft/backend-native');
const { meanNearestNeighbour } = require('@geneft/theory');

const LR_ENCODER = 1e-4;
const SEEDS = [0, 1, 2, 3, 4, 5, 6, 7];
const pairs = (process.argv.length > 2 ? process.argv.slice(2) : ['0.25:80.6', '0.5:11.3', '1:4']).map((a) => a.split(':').map(Number));
if (pairs.some((p) => p.length !== 2 || !p.every((x) => x > 0))) {
  console.error('usage: node tools/validation/fit-race.js [SIGMA:RATIO ...]');
  process.exit(2);
}

const configOf = (sigma, lrDecoder, seed) =>
  resolveExperiment({
    task: { relation: 'mod', k: 3, n: 30, trainFraction: 0.75, splitSeed: seed },
    encoder: { dim: 2, initScale: sigma },
    dynamics: { optimizer: 'adam', lrEncoder: 0, lrDecoder },
    budget: { steps: 20000, evalEvery: 100 },
    seed,
  });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median step at which the frozen-encoder runs fit the training set (Infinity if one never does). */
async function fitTime(backend, sigma, lrDecoder) {
  const results = await runBatch(SEEDS.map((s) => configOf(sigma, lrDecoder, s)), backend);
  return median(results.map((r) => r.stepTrain ?? Infinity));
}

/** Mean distance from a repon to its nearest other repon, initial embeddings, over the seeds. */
function nearestNeighbour(sigma) {
  const sum = SEEDS.reduce((acc, seed) => {
    const { embeddings, n, dim } = initParams(configOf(sigma, 1e-3, seed));
    return acc + meanNearestNeighbour(embeddings, n, dim);
  }, 0);
  return sum / SEEDS.length;
}

async function main() {
  const backend = await getBackend('native');
  console.log(`Adam, η_enc ${LR_ENCODER}, ${SEEDS.length} seeds; decoder trained alone from the initial embeddings`);
  console.log('σ      ratio  η_dec     T_fit  travel √2·η_enc·T_fit /σ  nearest neighbour /σ');
  for (const [sigma, ratio] of pairs) {
    const lrDecoder = ratio * LR_ENCODER;
    const t = await fitTime(backend, sigma, lrDecoder);
    const travel = (Math.SQRT2 * LR_ENCODER * t) / sigma;
    console.log(`${String(sigma).padEnd(6)} ${String(ratio).padEnd(6)} ${lrDecoder.toExponential(2)}  ${String(t).padStart(5)}  ${travel.toFixed(3).padStart(26)}  ${(nearestNeighbour(sigma) / sigma).toFixed(3).padStart(20)}`);
  }
  console.log('\nT_fit (median step) at fixed η_dec:');
  for (const lrDecoder of [1e-3, 4e-3]) {
    const row = [];
    for (const [sigma] of pairs) row.push(`σ ${sigma}: ${await fitTime(backend, sigma, lrDecoder)}`);
    console.log(`  η_dec ${lrDecoder.toExponential(0)}  ${row.join('  ')}`);
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
