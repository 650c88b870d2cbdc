import { initParams, trainSize, type ExperimentConfig } from '@geneft/core';
import { decoderJacobian } from './decoder-jacobian';
import { criticalRateRatio, reponProbability, reponProbabilityMultiOutput } from './repon-probability';

export interface PhaseBoundaryOptions {
  /** initialisations (seeds config.seed, config.seed + 1, …) the spreads are estimated over. Default 8. */
  seeds?: number;
  /** at most this many pairs per seed enter the Jacobian statistics (all n² when fewer). Default 2000. */
  maxPairs?: number;
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
  seeds: number;
}

/**
 * The repon theory's prediction for an experiment: estimates σ_a from core's actual initial
 * decoders and σ_c from the encoder's initial scale (no assumed constants), then places the
 * p_r = ½ boundary of Theorem 3. σ_a is the spread of a — the decoder's weight on the axis
 * separating two repons — i.e. of the entries of the Jacobian of the initial decoder with
 * respect to one repon's latent (as first or second argument), over every pair (p, q) (or
 * `maxPairs` of them) and `seeds` initialisations.
 */
export function predictPhaseBoundary(config: ExperimentConfig, options: PhaseBoundaryOptions = {}): PhaseBoundary {
  const seeds = options.seeds ?? 8;
  const maxPairs = options.maxPairs ?? 2000;
  if (!(Number.isSafeInteger(seeds) && seeds >= 1)) throw new RangeError(`seeds must be a positive integer, got ${seeds}`);
  const { n } = config.task;
  const d = config.encoder.dim;
  const pairs = n * n;
  const stride = Math.max(1, Math.ceil(pairs / maxPairs));

  let sum = 0;
  let sumSq = 0;
  let count = 0;
  let sepSq = 0;
  let sepCount = 0;
  for (let s = 0; s < seeds; s++) {
    const params = initParams({ ...config, seed: config.seed + s });
    const e = params.embeddings;
    for (let pair = (s * 7919) % stride; pair < pairs; pair += stride) {
      const p = Math.floor(pair / n);
      const q = pair % n;
      const jac = decoderJacobian(config, params.layers, e.subarray(p * d, p * d + d), e.subarray(q * d, q * d + d));
      for (let k = 0; k < d; k++) {
        sum += jac.du[k] + jac.dv[k];
        sumSq += jac.du[k] ** 2 + jac.dv[k] ** 2;
        count += 2;
        if (p < q) {
          sepSq += ((e[p * d + k] - e[q * d + k]) / 2) ** 2;
          sepCount++;
        }
      }
    }
  }
  const sigmaA = Math.sqrt(sumSq / count);
  const sigmaC = config.encoder.initScale / Math.SQRT2;
  const outputs = Math.max(1, Math.round((2 * trainSize(pairs, config.task.trainFraction)) / n));
  const rates = (etaEncoder: number, etaDecoder: number) => ({ etaEncoder, etaDecoder, sigmaA, sigmaC });
  return {
    sigmaA,
    jacobianMean: sum / count,
    sigmaC,
    sigmaCEmpirical: sepCount > 0 ? Math.sqrt(sepSq / sepCount) : NaN,
    criticalRatio: criticalRateRatio(sigmaA, sigmaC, 0.5, 1),
    outputsPerRepon: outputs,
    criticalRatioMultiOutput: criticalRateRatio(sigmaA, sigmaC, 0.5, outputs),
    ratioFor: (target) => criticalRateRatio(sigmaA, sigmaC, target, 1),
    ratioForMultiOutput: (target) => criticalRateRatio(sigmaA, sigmaC, target, outputs),
    probability: (ex, ea) => reponProbability(rates(ex, ea)),
    probabilityMultiOutput: (ex, ea) => reponProbabilityMultiOutput(rates(ex, ea), outputs),
    seeds,
  };
}
