import { Prng } from '@geneft/core';
import { studentTCentralProbability, studentTCentralQuantile } from './special-functions';

/** Learning rates and initial spreads of Theorem 3. */
export interface ReponProbabilityParams {
  /** η_x (encoder learning rate). */
  etaEncoder: number;
  /** η_A (decoder learning rate). */
  etaDecoder: number;
  /** σ_a: standard deviation of the decoder weight a on the separating axis at initialisation. */
  sigmaA: number;
  /** σ_c: standard deviation of the initial half-separation c. */
  sigmaC: number;
}

function check(p: ReponProbabilityParams): void {
  if (!(p.etaEncoder > 0 && p.etaDecoder > 0)) throw new RangeError(`learning rates must be > 0, got η_x = ${p.etaEncoder}, η_A = ${p.etaDecoder}`);
  if (!(p.sigmaA > 0 && p.sigmaC > 0)) throw new RangeError(`spreads must be > 0, got σ_a = ${p.sigmaA}, σ_c = ${p.sigmaC}`);
}

/** ρ = (σ_a/σ_c)·√(η_x/(2η_A)): collision iff |c|/|a| < √(η_x/(2η_A)). */
export function reponRho(p: ReponProbabilityParams): number {
  check(p);
  return (p.sigmaA / p.sigmaC) * Math.sqrt(p.etaEncoder / (2 * p.etaDecoder));
}

/**
 * Theorem 3 (Eq. 12): with a ~ N(0, σ_a²) and c ~ N(0, σ_c²) independent, c/a is Cauchy, so
 * p_r = P(C > 0) = (2/π)·arctan ρ. Depends on the rates only through η_x/η_A.
 */
export function reponProbability(p: ReponProbabilityParams): number {
  return (2 / Math.PI) * Math.atan(reponRho(p));
}

/**
 * p_r when each repon drives M decoder outputs (Theorem 2 with an M×d linear map: the spring
 * constant is a² = Σ_o a_o², a sum of M squares of N(0, σ_a²) weights). Then
 * c²/σ_c² ÷ (a²/(Mσ_a²)) is F(1, M), so p_r = P(|T_M| < √M·ρ) with T_M Student-t with M degrees
 * of freedom; M = 1 is Theorem 3.
 */
export function reponProbabilityMultiOutput(p: ReponProbabilityParams, outputs: number): number {
  if (!(Number.isSafeInteger(outputs) && outputs >= 1)) throw new RangeError(`outputs must be a positive integer, got ${outputs}`);
  return studentTCentralProbability(Math.sqrt(outputs) * reponRho(p), outputs);
}

export interface MonteCarloEstimate {
  probability: number;
  /** binomial standard error √(p(1 − p)/samples). */
  stdError: number;
  samples: number;
}

/**
 * P(C > 0) by sampling Gaussian initial conditions a_o ~ N(0, σ_a²) (o = 1..outputs) and
 * c ~ N(0, σ_c²) and counting C = Σa_o²/(2η_A) − c²/η_x > 0.
 */
export function reponProbabilityMonteCarlo(
  p: ReponProbabilityParams,
  options: { samples?: number; seed?: number; outputs?: number } = {},
): MonteCarloEstimate {
  check(p);
  const samples = options.samples ?? 100_000;
  const outputs = options.outputs ?? 1;
  if (!(Number.isSafeInteger(samples) && samples >= 1)) throw new RangeError(`samples must be a positive integer, got ${samples}`);
  const prng = Prng.fromSeed(options.seed ?? 0).split('repon-pr');
  let hits = 0;
  for (let s = 0; s < samples; s++) {
    let a2 = 0;
    for (let o = 0; o < outputs; o++) a2 += (p.sigmaA * prng.normal()) ** 2;
    const c = p.sigmaC * prng.normal();
    if (a2 / (2 * p.etaDecoder) - (c * c) / p.etaEncoder > 0) hits++;
  }
  const probability = hits / samples;
  return { probability, stdError: Math.sqrt((probability * (1 - probability)) / samples), samples };
}

/**
 * The decoder/encoder learning-rate ratio η_A/η_x at which p_r equals `target` (default ½, the
 * predicted memorization/generalization boundary, a line of unit slope in the log-log
 * (η_enc, η_dec) plane): η_A/η_x = M·(σ_a/σ_c)² / (2q²) with q the t_M quantile of the target
 * (q = tan(π·target/2) for M = 1, where p_r = ½ gives σ_a²/(2σ_c²)).
 */
export function criticalRateRatio(sigmaA: number, sigmaC: number, target = 0.5, outputs = 1): number {
  if (!(sigmaA > 0 && sigmaC > 0)) throw new RangeError(`spreads must be > 0, got σ_a = ${sigmaA}, σ_c = ${sigmaC}`);
  if (!(target > 0 && target < 1)) throw new RangeError(`target probability must lie in (0, 1), got ${target}`);
  const q = outputs === 1 ? Math.tan((Math.PI * target) / 2) : studentTCentralQuantile(target, outputs);
  return (outputs * (sigmaA / sigmaC) ** 2) / (2 * q * q);
}
