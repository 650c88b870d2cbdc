import { erf, Prng } from '@geneft/core';
import { ReponSystem, type ReponOptimizer } from './repon-system';
import type { MonteCarloEstimate, ReponProbabilityParams } from './repon-probability';
import type { TwoReponRates } from './two-repon';

/**
 * Theorem 2 under Adam (README "Repons under Adam"). Two same-class repons at half-separation c,
 * a decoder whose weights on the separating axis are a_1..a_M, loss Σ_o a_o² c². Adam's update
 * of a parameter is −η·m̂/(√v̂ + ε). While the second moments warm up (t ≲ 1/(1 − β₂)) and a
 * gradient keeps its sign, m̂/√v̂ ≈ sign(g): the first step is exactly −η·sign(g), and later
 * steps stay near it as long as the gradient's size changes slowly. In that sign regime
 *   d|a_o|/dt = −η_A,   d|c|/dt = −η_x   (while any a_o ≠ 0),
 * so the speeds no longer depend on the magnitudes and the conserved quantity of Theorem 2,
 * C = a²/(2η_A) − c²/η_x, becomes Q = max_o|a_o|/η_A − |c|/η_x: linear, not quadratic. The
 * repons collide iff Q > 0. (A frozen preconditioner — √v̂ held at its first value |g(0)| —
 * conserves a²·|a₀|c₀²/η_A − c²·a₀²|c₀|/η_x instead, whose sign at t = 0 is the same criterion.)
 * With a_o ~ N(0, σ_a²) and c ~ N(0, σ_c²) independent, p_r = P(|c| < (η_x/η_A)·max_o|a_o|):
 *   M = 1: p_r = (2/π)·arctan((σ_a/σ_c)·(η_x/η_A)),  the boundary p_r = ½ at η_A/η_x = σ_a/σ_c;
 *   M ≥ 1: p_r = 1 − E[erf(|u|/(ρ√2))^M], u ~ N(0, 1), ρ = (σ_a/σ_c)(η_x/η_A).
 * The ratio enters to the first power (gradient flow: its square root). AdamW's decoupled decay
 * adds −η·λ·a to a's motion, which only hastens the spring's end; with λ = 0 it is Adam.
 */

/** Q = |a|/η_A − |c|/η_x, conserved in the sign regime (> 0: the repons collide). */
export function adamConservedQuantity({ a, c }: { a: number; c: number }, { etaEncoder, etaDecoder }: TwoReponRates): number {
  return Math.abs(a) / etaDecoder - Math.abs(c) / etaEncoder;
}

/** ρ_Adam = (σ_a/σ_c)·(η_x/η_A). */
export function adamRho(p: ReponProbabilityParams): number {
  if (!(p.etaEncoder > 0 && p.etaDecoder > 0)) throw new RangeError(`learning rates must be > 0, got η_x = ${p.etaEncoder}, η_A = ${p.etaDecoder}`);
  if (!(p.sigmaA > 0 && p.sigmaC > 0)) throw new RangeError(`spreads must be > 0, got σ_a = ${p.sigmaA}, σ_c = ${p.sigmaC}`);
  return (p.sigmaA / p.sigmaC) * (p.etaEncoder / p.etaDecoder);
}

/** P(|c| < ρ·max of M half-normals), c a unit half-normal: 1 − ∫ √(2/π) e^{−u²/2} erf(u/(ρ√2))^M du (Simpson, 4000 panels on [0, 12]). */
function maxRaceProbability(rho: number, outputs: number): number {
  if (outputs === 1) return (2 / Math.PI) * Math.atan(rho);
  const panels = 4000;
  const top = 12;
  const h = top / panels;
  let sum = 0;
  for (let i = 0; i <= panels; i++) {
    const u = i * h;
    const f = Math.sqrt(2 / Math.PI) * Math.exp(-(u * u) / 2) * erf(u / (rho * Math.SQRT2)) ** outputs;
    sum += (i === 0 || i === panels ? 1 : i % 2 === 1 ? 4 : 2) * f;
  }
  return 1 - (sum * h) / 3;
}

/** p_r under Adam in the sign regime (M outputs; M = 1: (2/π)·arctan ρ_Adam). */
export function reponProbabilityAdam(p: ReponProbabilityParams, outputs = 1): number {
  if (!(Number.isSafeInteger(outputs) && outputs >= 1)) throw new RangeError(`outputs must be a positive integer, got ${outputs}`);
  return maxRaceProbability(adamRho(p), outputs);
}

/** η_A/η_x at which the Adam p_r equals `target` (default ½): σ_a/(σ_c·tan(π·target/2)) for M = 1, by bisection on ρ otherwise. */
export function criticalRateRatioAdam(sigmaA: number, sigmaC: number, target = 0.5, outputs = 1): number {
  if (!(sigmaA > 0 && sigmaC > 0)) throw new RangeError(`spreads must be > 0, got σ_a = ${sigmaA}, σ_c = ${sigmaC}`);
  if (!(target > 0 && target < 1)) throw new RangeError(`target probability must lie in (0, 1), got ${target}`);
  if (outputs === 1) return sigmaA / (sigmaC * Math.tan((Math.PI * target) / 2));
  let lo = 1e-6;
  let hi = 1e6;
  for (let i = 0; i < 200 && hi / lo > 1 + 1e-12; i++) {
    const mid = Math.sqrt(lo * hi);
    if (maxRaceProbability(mid, outputs) < target) lo = mid;
    else hi = mid;
  }
  return sigmaA / (sigmaC * Math.sqrt(lo * hi));
}

export type TwoReponSimulationOutcome = 'collide' | 'memorize' | 'undecided';

/**
 * Trains the two-repon system itself — `ReponSystem` with repons x₁ = c, x₂ = −c (d = 1), M
 * decoder weights a_o, b = 0 fixed, loss Σ_o a_o²c² — with a discrete optimizer at rates
 * η_x, η_A, until |c| (collide) or max_o|a_o| (memorize) first falls to `tolerance` (default
 * 0.02) of its start, or `maxSteps` (default 10⁶) pass.
 */
export function simulateTwoRepon(
  initial: { a: readonly number[]; c: number },
  rates: TwoReponRates,
  optimizer: ReponOptimizer,
  options: { tolerance?: number; maxSteps?: number } = {},
): { outcome: TwoReponSimulationOutcome; steps: number } {
  const tolerance = options.tolerance ?? 0.02;
  const maxSteps = options.maxSteps ?? 1e6;
  const M = initial.a.length;
  const system = new ReponSystem(
    { n: 2, dim: 1, outputs: M, targets: new Float64Array(2 * M), weights: new Float64Array(2 * M).fill(1), etaEncoder: rates.etaEncoder, etaDecoder: rates.etaDecoder, trainBias: false },
    { x: Float64Array.of(initial.c, -initial.c), A: Float64Array.from(initial.a), b: new Float64Array(M) },
  );
  const stepper = system.optimizer(optimizer);
  const c0 = Math.abs(initial.c);
  const a0 = Math.max(...initial.a.map(Math.abs));
  const { x, A } = system.state;
  for (let t = 1; t <= maxSteps; t++) {
    stepper.step();
    if (Math.abs(x[0] - x[1]) / 2 <= tolerance * c0) return { outcome: 'collide', steps: t };
    let am = 0;
    for (let o = 0; o < M; o++) am = Math.max(am, Math.abs(A[o]));
    if (am <= tolerance * a0) return { outcome: 'memorize', steps: t };
  }
  return { outcome: 'undecided', steps: maxSteps };
}

/**
 * The fraction of Gaussian initial conditions (a_o ~ N(0, σ_a²), c ~ N(0, σ_c²)) whose
 * two-repon system, trained by `optimizer`, collides: the direct simulation that Theorem 3
 * (SGD) and `reponProbabilityAdam` (Adam) predict. Undecided runs count as not colliding and
 * are reported.
 */
export function twoReponOptimizerProbability(
  p: ReponProbabilityParams,
  optimizer: ReponOptimizer,
  options: { samples?: number; seed?: number; outputs?: number; tolerance?: number; maxSteps?: number } = {},
): MonteCarloEstimate & { undecided: number } {
  const samples = options.samples ?? 400;
  const outputs = options.outputs ?? 1;
  const prng = Prng.fromSeed(options.seed ?? 0).split('two-repon-optimizer');
  let hits = 0;
  let undecided = 0;
  for (let s = 0; s < samples; s++) {
    const a = Array.from({ length: outputs }, () => p.sigmaA * prng.normal());
    const c = p.sigmaC * prng.normal();
    const { outcome } = simulateTwoRepon({ a, c }, p, optimizer, options);
    if (outcome === 'collide') hits++;
    if (outcome === 'undecided') undecided++;
  }
  const probability = hits / samples;
  return { probability, stdError: Math.sqrt((probability * (1 - probability)) / samples), samples, undecided };
}
