/**
 * The fit race: GenEFT's memorization boundary as a race between the decoder fitting the repons'
 * *current* arrangement and the repons rearranging (docs: the package README, "The fit race").
 * Adam and AdamW first, then how SGD differs.
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
 *
 * Under plain gradient descent (sgd) a repon's speed is η_enc·|∇_e L|, and that force grows as the
 * decoder learns (about 100× before it fits, for the paper's model), so there is no speed bound to
 * race with. The repons are raced as *test repons* instead: the decoder trains with the encoder
 * at η_enc/100, so the repons barely move but record ∫∇_e L dt, and at the step the decoder fits
 * their displacement × 100 is how far they would have travelled. The decoder wins iff the median
 * repon's travel is below δ_NN.
 */
import { getBackend, initParams, makeDataset, runBlock, type Backend, type ExperimentConfig, type RunResult } from '@geneft/core';

export interface FitRaceOptions {
  /** initialisations raced (seeds config.seed, config.seed + 1, …). Default 8. */
  seeds?: number;
  /** 'fromSeed' (default): each seed draws its own split (task.splitSeed = seed), as the measured figures do; 'fixed': every seed keeps config.task.splitSeed. */
  splitSeeds?: 'fromSeed' | 'fixed';
  /** backend (or its registered name) that trains the decoder alone; default: the best registered (`getBackend()`). */
  backend?: Backend | string;
  /** halvings of the log η_dec bracket per seed (each a batch of trainings). Default 10 for adam (the critical ratio to ~1%); 4 for sgd, after its scan in factors of 4 (~9%). */
  iterations?: number;
  /** the η_dec bracket searched. Default [1e-6, 0.1] for adam, [η_enc, 4⁷·η_enc] for sgd. */
  lrDecoderRange?: [number, number];
  /** a cost limit. Adam: refuse (RangeError) a race whose T_travel is longer than this many steps; sgd: stop each test-repon training there. Default: none. */
  maxSteps?: number;
  /** steps between the accuracy checks that time the fit. Default 10 for adam (fewer when the shortest T_travel is under 40 steps), 50 for sgd. */
  evalEvery?: number;
  /** after each bisection step (done, iterations); sgd's scan before them reports nothing. */
  onProgress?: (done: number, total: number) => void;
}

/** One initialisation's race. */
export interface SeedRace {
  seed: number;
  splitSeed: number;
  /** δ_NN: mean distance from a repon to its nearest other repon, initial embeddings. */
  nearestNeighbour: number;
  /** T_travel = δ_NN/(√d·η_enc): the steps a repon needs to travel δ_NN under Adam; null for sgd (no speed bound). */
  travelSteps: number | null;
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
  /** how the repons' travel is timed: Adam's speed bound, or test repons along the training (sgd). */
  travel: 'adam-speed-bound' | 'sgd-test-repons';
  /** √d·η_enc: a repon's largest speed under Adam, per step; null for sgd. */
  travelSpeed: number | null;
  /** the η_dec bracket searched: a critical ratio of 0 or Infinity means beyond lrDecoderRange/η_enc. */
  lrDecoderRange: [number, number];
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

/** Trains the configs on the backend's many-runs mode when it has one (core's `runBlock`). */
async function train(configs: ExperimentConfig[], backend: Backend): Promise<RunResult[]> {
  const results: RunResult[] = [];
  await runBlock(configs, backend, { onResult: (i, result) => (results[i] = result) });
  return results;
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

/** One seed's initialisation, split and δ_NN. */
interface SeedRun {
  seeded: ExperimentConfig;
  seed: number;
  splitSeed: number;
  nearestNeighbour: number;
}

/** Resolves, for each seed at its η_dec, whether the decoder wins the race (fits before the repons pass their neighbours). */
type DecoderWins = (lrDecoders: number[]) => Promise<boolean[]>;

/** The test repons' encoder rate relative to η_enc (sgd): small enough to leave the decoder's path alone. */
const TEST_REPON_SCALE = 1e-2;

/** Adam, AdamW: the decoder alone must fit within T_travel = δ_NN/(√d·η_enc). */
function adamRace(runs: readonly SeedRun[], backend: Backend, travelSpeed: number, requestedEvalEvery: number): { decoderWins: DecoderWins; travelSteps: number[] } {
  const travelSteps = runs.map((r) => r.nearestNeighbour / travelSpeed);
  // time the fit at least 4 times within the shortest T_travel (a fast encoder leaves only a few steps)
  const evalEvery = Math.max(1, Math.min(requestedEvalEvery, Math.floor(Math.min(...travelSteps) / 4)));
  // whole evaluation periods, so "fitted by step ⌈T_travel⌉" is read at an evaluation
  const budgetOf = (steps: number) => Math.max(evalEvery, Math.ceil(steps / evalEvery) * evalEvery);
  const decoderWins: DecoderWins = async (lrDecoders) => {
    const results = await train(runs.map((r, i) => decoderAlone(r.seeded, lrDecoders[i], budgetOf(travelSteps[i]), evalEvery)), backend);
    return results.map((res, i) => res.stepTrain !== null && res.stepTrain <= travelSteps[i]);
  };
  return { decoderWins, travelSteps };
}

/** Median over repons of how far each moved, scaled by `scale`. */
function medianTravel(before: Float64Array, after: Float64Array, n: number, dim: number, scale: number): number {
  const moved = range(n).map((i) => Math.hypot(...range(dim).map((k) => after[i * dim + k] - before[i * dim + k])) * scale);
  moved.sort((a, b) => a - b);
  return n % 2 === 1 ? moved[(n - 1) / 2] : (moved[n / 2 - 1] + moved[n / 2]) / 2;
}

/** What the test repons saw in one training (sgd). */
export interface TestReponTravel {
  /** the step the decoder reached the training threshold, or null (never within the budget). */
  fitStep: number | null;
  /** the median repon's travel by then (or by the end), in embedding units. */
  medianTravel: number;
  /** the training loss rose above its initial value without fitting, or turned non-finite: η_dec is past the decoder's stability. */
  unstable: boolean;
}

/**
 * Trains `config` with its encoder at η_enc/100, so the repons barely move but their displacement
 * × 100 is ∫η_enc·∇_e L dt: how far each would have travelled under plain gradient descent along
 * this decoder's path. Stops at the decoder's fit (checked every `evalEvery` steps).
 */
export async function testReponTravel(config: ExperimentConfig, backend: Backend, options: { evalEvery?: number; maxSteps?: number } = {}): Promise<TestReponTravel> {
  const evalEvery = options.evalEvery ?? 50;
  const probe: ExperimentConfig = { ...config, dynamics: { ...config.dynamics, lrEncoder: config.dynamics.lrEncoder * TEST_REPON_SCALE } };
  const params = initParams(probe);
  const start = Float64Array.from(params.embeddings); // a backend may train in the arrays it is given
  const trainer = await backend.createTrainer({ config: probe, data: makeDataset(probe.task), params });
  const travel = async () => medianTravel(start, (await trainer.readParams()).embeddings, params.n, params.dim, 1 / TEST_REPON_SCALE);
  try {
    const initialLoss = (await trainer.evaluate()).trainLoss;
    const steps = Math.min(probe.budget.steps, options.maxSteps ?? Infinity);
    let loss = initialLoss;
    for (let step = 0; step < steps; ) {
      const k = Math.min(evalEvery, steps - step);
      await trainer.step(k);
      step += k;
      const evaluation = await trainer.evaluate();
      loss = evaluation.trainLoss;
      if (!Number.isFinite(loss)) return { fitStep: null, medianTravel: NaN, unstable: true };
      if (evaluation.trainAccuracy >= probe.budget.threshold) return { fitStep: step, medianTravel: await travel(), unstable: false };
    }
    return { fitStep: null, medianTravel: await travel(), unstable: loss > initialLoss };
  } finally {
    trainer.dispose();
  }
}

/** SGD: the decoder wins iff the median test repon's travel at its fit is below δ_NN; past its stability it counts as the fast side. */
function sgdRace(backend: Backend, evalEvery: number, maxSteps: number): (run: SeedRun, lrDecoder: number) => Promise<boolean> {
  return async (run, lrDecoder) => {
    const t = await testReponTravel({ ...run.seeded, dynamics: { ...run.seeded.dynamics, lrDecoder } }, backend, { evalEvery, maxSteps });
    // never fitted: too slow (the repons had all the time there was) unless unstable (confusion in a real run)
    return t.fitStep === null ? t.unstable : t.medianTravel < run.nearestNeighbour;
  };
}

/** The bisection's state per seed: the log η_dec bracket, and whether either side was ever seen. */
interface Brackets {
  lo: number[];
  hi: number[];
  everWon: boolean[];
  everLost: boolean[];
}

/**
 * SGD's race is not monotone at the top: past its stability a decoder fits slowly again, and the
 * repons win a race they lose just below. So each seed is scanned upwards from the bracket's low
 * end in factors of 4 until the decoder first wins, and only that factor is bisected.
 */
async function scanUp(runs: readonly SeedRun[], low: number, high: number, decoderWins: (run: SeedRun, lrDecoder: number) => Promise<boolean>): Promise<Brackets> {
  const b: Brackets = { lo: runs.map(() => Math.log(low)), hi: runs.map(() => Math.log(high)), everWon: runs.map(() => false), everLost: runs.map(() => false) };
  for (let i = 0; i < runs.length; i++) {
    for (let lr = low; lr <= high * (1 + 1e-12); lr *= 4) {
      if (await decoderWins(runs[i], lr)) {
        [b.hi[i], b.everWon[i]] = [Math.log(lr), true];
        break;
      }
      [b.lo[i], b.everLost[i]] = [Math.log(lr), true];
    }
  }
  return b;
}

/**
 * Races the decoder against the repons for `config` at its η_enc: per seed, the η_dec above which
 * the decoder fits the arrangement before a repon can pass its nearest neighbour. Adam, AdamW:
 * seeds × iterations decoder-alone trainings of at most T_travel steps (seconds on the native
 * backend for the paper's model). SGD: as many test-repon trainings up to the decoder's fit
 * (tens of seconds).
 */
export async function fitRace(config: ExperimentConfig, options: FitRaceOptions = {}): Promise<FitRace> {
  const { optimizer, lrEncoder } = config.dynamics;
  if (!(lrEncoder > 0)) throw new RangeError(`dynamics.lrEncoder must be > 0 for repons to travel, got ${lrEncoder}`);
  const sgd = optimizer === 'sgd';
  const seedCount = options.seeds ?? 8;
  const iterations = options.iterations ?? (sgd ? 4 : 10);
  const [low, high] = options.lrDecoderRange ?? (sgd ? [lrEncoder, lrEncoder * 4 ** 7] : [1e-6, 0.1]);
  if (!(Number.isSafeInteger(seedCount) && seedCount >= 1)) throw new RangeError(`seeds must be a positive integer, got ${seedCount}`);
  if (!(Number.isSafeInteger(iterations) && iterations >= 1)) throw new RangeError(`iterations must be a positive integer, got ${iterations}`);
  if (!(low > 0 && high > low)) throw new RangeError(`lrDecoderRange must be 0 < low < high, got [${low}, ${high}]`);
  const backend = typeof options.backend === 'object' ? options.backend : await getBackend(options.backend);

  const dim = config.encoder.dim;
  const runs: SeedRun[] = range(seedCount).map((s) => {
    const seed = config.seed + s;
    const splitSeed = options.splitSeeds === 'fixed' ? config.task.splitSeed : seed;
    const seeded: ExperimentConfig = { ...config, seed, task: { ...config.task, splitSeed } };
    return { seeded, seed, splitSeed, nearestNeighbour: meanNearestNeighbour(initParams(seeded).embeddings, config.task.n, dim) };
  });
  const travelSpeed = sgd ? null : Math.sqrt(dim) * lrEncoder;
  const maxSteps = options.maxSteps ?? Infinity;
  const adam = travelSpeed === null ? null : adamRace(runs, backend, travelSpeed, options.evalEvery ?? 10);
  if (adam && Math.max(...adam.travelSteps) > maxSteps) throw new RangeError(`the race would train the decoder for ${Math.ceil(Math.max(...adam.travelSteps))} steps (T_travel at η_enc ${lrEncoder}), more than maxSteps ${maxSteps}`);
  const sgdWins = adam ? null : sgdRace(backend, options.evalEvery ?? 50, maxSteps);

  // Adam: plain bisection from the bracket's geometric middle, without testing its ends (a decoder
  // driven far too hard may never fit, which is not the slow-decoder side of the race). SGD: a scan
  // upwards first (`scanUp`), then bisection only for the seeds whose scan found a crossing.
  const { lo, hi, everWon, everLost } = sgdWins
    ? await scanUp(runs, low, high, sgdWins)
    : { lo: runs.map(() => Math.log(low)), hi: runs.map(() => Math.log(high)), everWon: runs.map(() => false), everLost: runs.map(() => false) };
  const open = runs.map((_, i) => adam !== null || (everWon[i] && everLost[i]));
  const decoderWins: DecoderWins = adam
    ? adam.decoderWins
    : async (lrDecoders) => {
        const out: boolean[] = [];
        for (let i = 0; i < runs.length; i++) out.push(open[i] && (await sgdWins!(runs[i], lrDecoders[i])));
        return out;
      };
  for (let it = 0; it < iterations; it++) {
    const mid = runs.map((_, i) => (lo[i] + hi[i]) / 2);
    const wins = await decoderWins(mid.map(Math.exp));
    wins.forEach((win, i) => {
      if (!open[i]) return;
      if (win) [hi[i], everWon[i]] = [mid[i], true];
      else [lo[i], everLost[i]] = [mid[i], true];
    });
    options.onProgress?.(it + 1, iterations);
  }
  const seeds: SeedRace[] = runs.map((r, i) => ({
    seed: r.seed,
    splitSeed: r.splitSeed,
    nearestNeighbour: r.nearestNeighbour,
    travelSteps: adam ? adam.travelSteps[i] : null,
    // a bracket that never left an end: the critical η_dec lies beyond it
    criticalRatio: !everLost[i] ? 0 : !everWon[i] ? Infinity : Math.exp((lo[i] + hi[i]) / 2) / lrEncoder,
  }));
  const sorted = seeds.map((s) => s.criticalRatio).sort((a, b) => a - b);
  return {
    lrEncoder,
    travel: sgd ? 'sgd-test-repons' : 'adam-speed-bound',
    travelSpeed,
    lrDecoderRange: [low, high],
    seeds,
    ratio: quantileRatio(sorted, 0.5),
    fractionGeneralizing: (ratio) => sorted.filter((c) => c > ratio).length / sorted.length,
    ratioFor: (target) => {
      if (!(target >= 0 && target <= 1)) throw new RangeError(`target must be in [0, 1], got ${target}`);
      return quantileRatio(sorted, 1 - target);
    },
  };
}
