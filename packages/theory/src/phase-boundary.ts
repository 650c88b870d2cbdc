import type { ExperimentConfig } from '@geneft/core';
import { effectiveReponParameters, type EffectiveReponParameters } from './effective-repon';
import { fitRace, type FitRace, type FitRaceOptions } from './fit-race';
import { criticalRateRatio, reponProbability, reponProbabilityMultiOutput } from './repon-probability';

export interface PhaseBoundaryOptions {
  /** initialisations (seeds config.seed, config.seed + 1, …) the spreads are estimated over. Default 8. */
  seeds?: number;
  /** at most this many pairs per seed enter the Jacobian statistics (all n² when fewer). Default 2000. */
  maxPairs?: number;
  /** training pairs per seed in the decoder's kernels on its Jacobian. Default 60. */
  kernelPairs?: number;
  /** how the fit race (adam, adamw) trains the decoder alone: backend, bisection, progress. Its seeds are `seeds`. */
  race?: Omit<FitRaceOptions, 'seeds'>;
}

/** The predicted memorization/generalization boundary in the (η_enc, η_dec) plane. */
/** Theorem 3's boundary for an experiment's model, from its initial parameters (no training). */
export interface ReponBoundary {
  /** σ_a: RMS of the decoder's Jacobian entries ∂D(e_p, e_q)/∂e at initialisation (both arguments, all coordinates, pairs and seeds). */
  sigmaA: number;
  /** mean of those entries (the theory assumes ≈ 0). */
  jacobianMean: number;
  /** σ_c = initScale/√2: the spread of a half-separation (e_i − e_j)/2 of two N(0, initScale²) coordinates. */
  sigmaC: number;
  /** the same spread measured on the initial embeddings (a check on σ_c). */
  sigmaCEmpirical: number;
  /**
   * Theorem 3: η_dec/η_enc at which p_r = ½, σ_a²/(2σ_c²). Below it repons collide more often
   * than not (generalization); the boundary is the line η_dec = ratio·η_enc.
   */
  criticalRatio: number;
  /** M: the mean number of training-pair outputs each repon drives (2·trainPairs/n). */
  outputsPerRepon: number;
  /**
   * The same boundary when each repon drives M outputs (spring a² = Σ_o a_o², see
   * `reponProbabilityMultiOutput`): M·σ_a²/(2q²) with q the median of |T_M|.
   */
  criticalRatioMultiOutput: number;
  /** η_dec/η_enc at which p_r (Theorem 3) equals `target`. */
  ratioFor(target: number): number;
  /** η_dec/η_enc at which the M-output p_r equals `target`. */
  ratioForMultiOutput(target: number): number;
  /** Theorem 3's p_r for a pair of rates. */
  probability(etaEncoder: number, etaDecoder: number): number;
  /** The M-output p_r for a pair of rates. */
  probabilityMultiOutput(etaEncoder: number, etaDecoder: number): number;
  /** k_sgd: how much faster the decoder's rate acts on Theorem 3's spring than η_dec/η_enc says under SGD. */
  rateFactor: number;
  /** Theorem 3's gradient-descent form, R_M/k_sgd, the previous SGD prediction, kept for comparison. */
  gradientDescentRatio: number;
  /** the M-output Theorem 3 with Adam's warm-up rates (k_adam·|g_x(0)|), the previous Adam form, kept for comparison; null for sgd. */
  adamWarmUpRatio: number | null;
  /** everything Theorem 3's forms were computed from. */
  effective: EffectiveReponParameters;
  seeds: number;
}

/** The predicted memorization/generalization boundary in the (η_enc, η_dec) plane: the fit race, beside Theorem 3's forms. */
export interface PhaseBoundary extends ReponBoundary {
  /** the config's optimizer, which picks how the race times the repons. */
  optimizer: ExperimentConfig['dynamics']['optimizer'];
  /** 'fit-race' (`fitRace`: Adam's speed bound for adam and adamw, test repons for sgd). */
  form: 'fit-race';
  /** the race behind the prediction. */
  race: FitRace;
  /** **The prediction**: η_dec/η_enc at the config's η_enc at which half of the runs are predicted to generalize. */
  predictedRatio: number;
  /** the ratio at which a fraction `target` is predicted to generalize. */
  predictedRatioFor(target: number): number;
  /** the fraction of runs predicted to generalize at η_dec = ratio·η_enc (the config's η_enc). */
  predictedFraction(ratio: number): number;
}

/**
 * The theory's prediction for an experiment: the one function the CLI, the report and the VS Code
 * panels call. The boundary is the fit race (`fitRace`): a run generalizes iff the repons can pass
 * their nearest neighbours before the decoder fits their arrangement — timed by Adam's speed bound
 * √d·η_enc for adam and adamw, by test repons along the training for sgd. Measured by the
 * init-scale-boundary figure within 1.4× (theory README). The repon parameters (σ_a, σ_c, M and the
 * decoder's kernels on its Jacobian, from core's own initial model) and Theorem 3's forms, which
 * under-predict the boundary 16–33× under Adam and ~200× under SGD, are kept as fields for comparison.
 * No constant is fitted to a measured boundary.
 */
export async function predictPhaseBoundary(config: ExperimentConfig, options: PhaseBoundaryOptions = {}): Promise<PhaseBoundary> {
  const repon = reponBoundary(config, options);
  const race = await fitRace(config, { ...options.race, seeds: repon.seeds });
  return {
    ...repon,
    optimizer: config.dynamics.optimizer,
    form: 'fit-race',
    race,
    predictedRatio: race.ratio,
    predictedRatioFor: (target) => race.ratioFor(target),
    predictedFraction: (ratio) => race.fractionGeneralizing(ratio),
  };
}

/**
 * Theorem 3's boundary for an experiment (what `predictPhaseBoundary` shows beside the race): σ_a,
 * σ_c, M and the decoder's kernels on its Jacobian from core's own initial model
 * (`effectiveReponParameters`), and the boundary forms built on them. Trains nothing.
 */
export function reponBoundary(config: ExperimentConfig, options: Omit<PhaseBoundaryOptions, 'race'> = {}): ReponBoundary {
  const seeds = options.seeds ?? 8;
  if (!(Number.isSafeInteger(seeds) && seeds >= 1)) throw new RangeError(`seeds must be a positive integer, got ${seeds}`);
  const effective = effectiveReponParameters(config, { seeds, maxPairs: options.maxPairs, kernelPairs: options.kernelPairs });
  const { sigmaA, sigmaC, outputsPerRepon: outputs } = effective;
  const unitRatio = (target: number) => criticalRateRatio(sigmaA, sigmaC, target, outputs);
  const rates = (etaEncoder: number, etaDecoder: number) => ({ etaEncoder, etaDecoder, sigmaA, sigmaC });
  return {
    sigmaA,
    jacobianMean: effective.jacobianMean,
    sigmaC,
    sigmaCEmpirical: effective.sigmaCEmpirical,
    criticalRatio: criticalRateRatio(sigmaA, sigmaC, 0.5, 1),
    outputsPerRepon: outputs,
    criticalRatioMultiOutput: unitRatio(0.5),
    ratioFor: (target) => criticalRateRatio(sigmaA, sigmaC, target, 1),
    ratioForMultiOutput: unitRatio,
    probability: (ex, ea) => reponProbability(rates(ex, ea)),
    probabilityMultiOutput: (ex, ea) => reponProbabilityMultiOutput(rates(ex, ea), outputs),
    rateFactor: effective.kSgd,
    gradientDescentRatio: unitRatio(0.5) / effective.kSgd,
    adamWarmUpRatio: config.dynamics.optimizer === 'sgd' ? null : unitRatio(0.5) / (effective.kAdam * effective.encoderGradient),
    effective,
    seeds,
  };
}
