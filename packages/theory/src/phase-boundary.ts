import type { ExperimentConfig } from '@geneft/core';
import { effectiveReponParameters, type EffectiveReponParameters } from './effective-repon';
import { criticalRateRatio, reponProbability, reponProbabilityMultiOutput } from './repon-probability';

export interface PhaseBoundaryOptions {
  /** initialisations (seeds config.seed, config.seed + 1, …) the spreads are estimated over. Default 8. */
  seeds?: number;
  /** at most this many pairs per seed enter the Jacobian statistics (all n² when fewer). Default 2000. */
  maxPairs?: number;
  /** training pairs per seed in the decoder's kernels on its Jacobian. Default 60. */
  kernelPairs?: number;
}

/** The predicted memorization/generalization boundary in the (η_enc, η_dec) plane. */
export interface PhaseBoundary {
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
  /** the config's optimizer, which picks the form of the calibrated prediction. */
  optimizer: ExperimentConfig['dynamics']['optimizer'];
  /** 'gradient-descent' (sgd: spring rate η_A·k_sgd) or 'adam-warm-up' (adam, adamw: rates over the initial gradients' sizes). */
  form: 'gradient-descent' | 'adam-warm-up';
  /** how much faster, in the theory's units, the decoder's rate acts on the spring than η_dec/η_enc says: k_sgd, or k_adam·|g_x(0)|. */
  rateFactor: number;
  /** **The calibrated prediction**: η_dec/η_enc at which the M-output p_r with the spring's actual rate is ½. */
  predictedRatio: number;
  /** the same at another p_r. */
  predictedRatioFor(target: number): number;
  /** the calibrated p_r for a pair of rates (the fraction of runs predicted to generalize, an upper bound). */
  predictedProbability(etaEncoder: number, etaDecoder: number): number;
  /** everything the prediction was computed from. */
  effective: EffectiveReponParameters;
  seeds: number;
}

/**
 * The repon theory's prediction for an experiment, calibrated to its model and optimizer: the
 * one function the CLI, the report and the VS Code panels call. σ_a, σ_c, M and the decoder's
 * kernels on its Jacobian come from core's own initial model (`effectiveReponParameters`); the
 * boundary is the M-output Theorem 3 with the spring's actual rate:
 * - sgd: gradient descent moves the spring at η_A·k_sgd, so η_dec/η_enc = R_M/k_sgd;
 * - adam, adamw: in the warm-up regime each parameter's step is its gradient over the size of
 *   its initial gradient, so the spring moves at η_A·k_adam and the repons at η_x/|g_x(0)|:
 *   η_dec/η_enc = R_M/(k_adam·|g_x(0)|). (The two-repon sign regime of `reponProbabilityAdam`
 *   applies only where the spring dominates the repons' gradient; `springShare` says it does
 *   not in GenEFT's models.) AdamW's decoupled decay is left out: it acts on the decoder after
 *   the warm-up.
 * R_M = M·σ_a²/(2σ_c²q²) is the unit-rate M-output ratio. No constant is fitted.
 */
export function predictPhaseBoundary(config: ExperimentConfig, options: PhaseBoundaryOptions = {}): PhaseBoundary {
  const seeds = options.seeds ?? 8;
  if (!(Number.isSafeInteger(seeds) && seeds >= 1)) throw new RangeError(`seeds must be a positive integer, got ${seeds}`);
  const effective = effectiveReponParameters(config, { seeds, maxPairs: options.maxPairs, kernelPairs: options.kernelPairs });
  const { sigmaA, sigmaC, outputsPerRepon: outputs } = effective;
  const optimizer = config.dynamics.optimizer;
  const form: PhaseBoundary['form'] = optimizer === 'sgd' ? 'gradient-descent' : 'adam-warm-up';
  const rateFactor = optimizer === 'sgd' ? effective.kSgd : effective.kAdam * effective.encoderGradient;
  const rates = (etaEncoder: number, etaDecoder: number) => ({ etaEncoder, etaDecoder, sigmaA, sigmaC });
  return {
    sigmaA,
    jacobianMean: effective.jacobianMean,
    sigmaC,
    sigmaCEmpirical: effective.sigmaCEmpirical,
    criticalRatio: criticalRateRatio(sigmaA, sigmaC, 0.5, 1),
    outputsPerRepon: outputs,
    criticalRatioMultiOutput: criticalRateRatio(sigmaA, sigmaC, 0.5, outputs),
    ratioFor: (target) => criticalRateRatio(sigmaA, sigmaC, target, 1),
    ratioForMultiOutput: (target) => criticalRateRatio(sigmaA, sigmaC, target, outputs),
    probability: (ex, ea) => reponProbability(rates(ex, ea)),
    probabilityMultiOutput: (ex, ea) => reponProbabilityMultiOutput(rates(ex, ea), outputs),
    optimizer,
    form,
    rateFactor,
    predictedRatio: criticalRateRatio(sigmaA, sigmaC, 0.5, outputs) / rateFactor,
    predictedRatioFor: (target) => criticalRateRatio(sigmaA, sigmaC, target, outputs) / rateFactor,
    predictedProbability: (ex, ea) => reponProbabilityMultiOutput(rates(ex, ea * rateFactor), outputs),
    effective,
    seeds,
  };
}
