/**
 * The fit race: GenEFT's memorization boundary under Adam as a race between the decoder fitting
 * the repons' *current* arrangement and the repons rearranging (docs: the package README, "The
 * fit race").
 *
 * - Under Adam (and AdamW) a repon coordinate moves at most η_enc per step: the update is
 *   m̂/(√v̂ + ε), sign-like while the gradient keeps its sign (`repon-adam.ts`). A repon in d
 *   dimensions therefore travels at most √d·η_enc·t in t steps.
 * - The decoder, trained at η_dec, fits the training pairs of the initial arrangement in
 *   T_fit(η_dec) steps. Once it fits, the loss gradients that move the repons collapse (the BCE
 *   residual 1 − p is small on every pair) and the arrangement it memorized is frozen in.
 * - For the arrangement to change before that — for the repons to regroup by class instead of
 *   being memorized where they lie — a repon has to get past its nearest neighbour: travel
 *   δ_NN, the mean nearest-neighbour distance of the initial embeddings.
 *
 * So a run generalizes iff T_fit(η_dec) > T_travel = δ_NN/(√d·η_enc). Both sides come from the
 * model: δ_NN from core's initial embeddings, T_fit by training the decoder alone (encoder frozen,
 * `lrEncoder: 0`) from the same initial parameters and split on a registered backend. Per seed the
 * race has one critical η_dec (T_fit falls as η_dec grows), found by bisection in log η_dec; the
 * predicted boundary is their median, and the predicted fraction generalizing at a ratio is the
 * fraction of seeds whose critical ratio lies above it. Nothing is fitted to a measured boundary.
 */
import { getBackend, initParams, runBatch, runExperiment, type Backend, type ExperimentConfig, type RunResult } from '@geneft/core';

export interface FitRaceOptions {
  /** initialisations raced (seeds config.seed, config.seed + 1, …). Default 8. */
  seeds?: number;
  /** 'fromSeed' (default): each seed draws its own split (task.splitSeed = seed), as the measured figures do; 'fixed': every seed keeps config.task.splitSeed. */
  splitSeeds?: 'fromSeed' | 'fixed';
  /** backend (or its registered name) that trains the decoder alone; default: the best registered (`getBackend()`). */
  backend?: Backend | string;
  /** halvings of the log η_dec bracket per seed (each a batch of decoder-alone trainings). Default 10 (the critical ratio to within ~1%). */
  iterations?: number;
  /** the η_dec bracket searched. Default [1e-6, 0.1]. */
  lrDecoderRange?: [number, number];
  /** steps between the accuracy checks that time the fit. Default 10, fewer when the shortest T_travel is under 40 steps. */
  evalEvery?: number;
  /** after each batch of decoder-alone trainings. */
  onProgress?: (done: number, total: number) => void;
}

/** One initialisation's race. */
export interface SeedRace {
  seed: number;
  splitSeed: number;
  /** δ_NN: mean distance from a repon to its nearest other repon, initial embeddings. */
  nearestNeighbour: number;
  /** T_travel = δ_NN/(√d·η_enc): the steps a repon needs to travel δ_NN under Adam. */
  travelSteps: number;
  /**
   * the η_dec/η_enc at which the decoder alone fits in exactly T_travel steps: below it the repons
   * win (generalization predicted), above it the decoder does (memorization). 0 when the decoder
   * fitted in time at every η_dec tried, Infinity when it fitted at none.
   */
  criticalRatio: number;
}

export interface FitRace {
  /** the η_enc the race was run at (the boundary moves with it: T_travel ∝ 1/η_enc). */
  lrEncoder: number;
  /** √d·η_enc: a repon's largest speed under Adam, per step. */
  travelSpeed: number;
  seeds: SeedRace[];
  /** the predicted boundary: the median of the seeds' critical η_dec/η_enc. */
  ratio: number;
  /** the fraction of seeds predicted to generalize at η_dec = ratio·η_enc. */
  fractionGeneralizing(ratio: number): number;
  /** the η_dec/η_enc at which that fraction is `target` (interpolated between the seeds' critical ratios). */
  ratioFor(target: number): number;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Mean distance from each of the n latents to its nearest other one. */
export function meanNearestNeighbour(embeddings: ArrayLike<number>, n: number, dim: number): number {
  if (n < 2) throw new RangeError(`nearest neighbours need at least 2 latents, got ${n}`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let d2 = 0;
      for (let k = 0; k < dim; k++) d2 += (embeddings[i * dim + k] - embeddings[j * dim + k]) ** 2;
      best = Math.min(best, d2);
    }
    sum += Math.sqrt(best);
  }
  return sum / n;
}

/** The decoder trained alone from the run's initial parameters, for `steps` steps, timing its fit. */
function decoderAlone(config: ExperimentConfig, lrDecoder: number, steps: number, evalEvery: number): ExperimentConfig {
  return {
    ...config,
    dynamics: { ...config.dynamics, lrEncoder: 0, lrDecoder },
    budget: { ...config.budget, steps, evalEvery, plateauWindow: 0 },
  };
}

async function train(configs: ExperimentConfig[], backend: Backend): Promise<RunResult[]> {
  if (backend.createBatchTrainer) return runBatch(configs, backend);
  const out: RunResult[] = [];
  for (const c of configs) out.push(await runExperiment(c, { dynamics: backend }));
  return out;
}

/** Quantile interpolation over sorted critical ratios (log-linear between neighbours). */
function quantileRatio(sorted: readonly number[], q: number): number {
  const x = q * (sorted.length - 1);
  const i = Math.floor(x);
  const j = Math.min(sorted.length - 1, i + 1);
  const [a, b] = [sorted[i], sorted[j]];
  if (!(a > 0 && Number.isFinite(b)) || a === b) return x - i < 0.5 ? a : b;
  return Math.exp(Math.log(a) + (x - i) * (Math.log(b) - Math.log(a)));
}

/**
 * Races the decoder against the repons for `config` at its η_enc (Adam or AdamW): per seed, the
 * η_dec at which the decoder alone fits the initial arrangement in the time a repon needs to pass
 * its nearest neighbour. Costs about seeds × iterations decoder-alone trainings of at most
 * T_travel steps each (seconds on the native backend for the paper's model).
 */
export async function fitRace(config: ExperimentConfig, options: FitRaceOptions = {}): Promise<FitRace> {
  const { optimizer, lrEncoder } = config.dynamics;
  if (optimizer !== 'adam' && optimizer !== 'adamw') throw new RangeError(`the fit race is derived for adam and adamw (sign-like repon steps), got ${optimizer}`);
  if (!(lrEncoder > 0)) throw new RangeError(`dynamics.lrEncoder must be > 0 for repons to travel, got ${lrEncoder}`);
  const seedCount = options.seeds ?? 8;
  const iterations = options.iterations ?? 10;
  const requestedEvalEvery = options.evalEvery ?? 10;
  const [low, high] = options.lrDecoderRange ?? [1e-6, 0.1];
  if (!(Number.isSafeInteger(seedCount) && seedCount >= 1)) throw new RangeError(`seeds must be a positive integer, got ${seedCount}`);
  if (!(Number.isSafeInteger(iterations) && iterations >= 1)) throw new RangeError(`iterations must be a positive integer, got ${iterations}`);
  if (!(low > 0 && high > low)) throw new RangeError(`lrDecoderRange must be 0 < low < high, got [${low}, ${high}]`);
  const backend = typeof options.backend === 'object' ? options.backend : await getBackend(options.backend);

  const dim = config.encoder.dim;
  const travelSpeed = Math.sqrt(dim) * lrEncoder;
  const runs = range(seedCount).map((s) => {
    const seed = config.seed + s;
    const splitSeed = options.splitSeeds === 'fixed' ? config.task.splitSeed : seed;
    const seeded: ExperimentConfig = { ...config, seed, task: { ...config.task, splitSeed } };
    const nearestNeighbour = meanNearestNeighbour(initParams(seeded).embeddings, config.task.n, dim);
    const travelSteps = nearestNeighbour / travelSpeed;
    return { seeded, seed, splitSeed, nearestNeighbour, travelSteps };
  });
  // time the fit at least 4 times within the shortest T_travel (a fast encoder leaves only a few steps)
  const shortest = Math.min(...runs.map((r) => r.travelSteps));
  const evalEvery = Math.max(1, Math.min(requestedEvalEvery, Math.floor(shortest / 4)));
  // whole evaluation periods, so "fitted by step ⌈T_travel⌉" is read at an evaluation
  const budgetOf = (travelSteps: number) => Math.max(evalEvery, Math.ceil(travelSteps / evalEvery) * evalEvery);
  const fitsInTime = async (lrDecoders: number[]): Promise<boolean[]> => {
    const results = await train(runs.map((r, i) => decoderAlone(r.seeded, lrDecoders[i], budgetOf(r.travelSteps), evalEvery)), backend);
    return results.map((res, i) => res.stepTrain !== null && res.stepTrain <= runs[i].travelSteps);
  };
  // Plain bisection from the bracket's geometric middle, without testing its ends: a decoder
  // driven far too hard (η_dec near the top of the bracket) may never fit (confusion), which is
  // not the slow-decoder side of the race.
  let done = 0;
  const lo = runs.map(() => Math.log(low));
  const hi = runs.map(() => Math.log(high));
  const everFitted = runs.map(() => false);
  const everMissed = runs.map(() => false);
  for (let it = 0; it < iterations; it++) {
    const mid = runs.map((_, i) => (lo[i] + hi[i]) / 2);
    const fits = await fitsInTime(mid.map(Math.exp));
    fits.forEach((fit, i) => {
      if (fit) [hi[i], everFitted[i]] = [mid[i], true];
      else [lo[i], everMissed[i]] = [mid[i], true];
    });
    options.onProgress?.(++done, iterations);
  }
  const seeds: SeedRace[] = runs.map((r, i) => ({
    seed: r.seed,
    splitSeed: r.splitSeed,
    nearestNeighbour: r.nearestNeighbour,
    travelSteps: r.travelSteps,
    // a bracket that never left an end: the critical η_dec lies beyond it
    criticalRatio: !everMissed[i] ? 0 : !everFitted[i] ? Infinity : Math.exp((lo[i] + hi[i]) / 2) / lrEncoder,
  }));
  const sorted = seeds.map((s) => s.criticalRatio).sort((a, b) => a - b);
  return {
    lrEncoder,
    travelSpeed,
    seeds,
    ratio: quantileRatio(sorted, 0.5),
    fractionGeneralizing: (ratio) => sorted.filter((c) => c > ratio).length / sorted.length,
    ratioFor: (target) => {
      if (!(target >= 0 && target <= 1)) throw new RangeError(`target must be in [0, 1], got ${target}`);
      return quantileRatio(sorted, 1 - target);
    },
  };
}
