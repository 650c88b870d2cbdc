import { integrate } from './ode';

/**
 * Theorem 2 (science.md A3.3): two same-class repons at half-separation c under a linearised
 * decoder whose weight on the separating axis is a,
 *   da/dt = −2 η_A c² a,   dc/dt = −η_x a² c,
 * conserve C = a²/(2η_A) − c²/η_x. C > 0: c → 0 (the repons collide: generalization);
 * C < 0: a → 0 (the spring dies first: memorization).
 */
export interface TwoReponRates {
  /** η_x, the encoder (repon) learning rate. */
  etaEncoder: number;
  /** η_A, the decoder learning rate. */
  etaDecoder: number;
}

export interface TwoReponState {
  a: number;
  c: number;
}

export type TwoReponOutcome = 'collide' | 'memorize' | 'separatrix';

function checkRates({ etaEncoder, etaDecoder }: TwoReponRates): void {
  if (!(etaEncoder > 0 && etaDecoder > 0)) throw new RangeError(`learning rates must be > 0, got η_x = ${etaEncoder}, η_A = ${etaDecoder}`);
}

/** C = a²/(2η_A) − c²/η_x. */
export function conservedQuantity({ a, c }: TwoReponState, { etaEncoder, etaDecoder }: TwoReponRates): number {
  return (a * a) / (2 * etaDecoder) - (c * c) / etaEncoder;
}

/** The right-hand side (da/dt, dc/dt). */
export function twoReponVelocity({ a, c }: TwoReponState, { etaEncoder, etaDecoder }: TwoReponRates): TwoReponState {
  return { a: -2 * etaDecoder * c * c * a, c: -etaEncoder * a * a * c };
}

/**
 * The exact solution. With U = a²/(2η_A), V = c²/η_x, C = U − V and κ = 4η_Aη_x the system is
 * dV/dt = −κ V (V + C), a logistic equation: 1/V grows as (1/V₀ + 1/C)e^{κCt} − 1/C, so
 * V(t) = C V₀ / (U₀ e^{κCt} − V₀) and U(t) = C U₀ e^{κCt} / (U₀ e^{κCt} − V₀) (written in the
 * overflow-free form for each sign of C), V = V₀/(1 + κV₀t) on the separatrix. Signs of a and
 * c never change (each decays multiplicatively).
 */
export function twoReponExact(initial: TwoReponState, rates: TwoReponRates, t: number): TwoReponState {
  checkRates(rates);
  const { etaEncoder: ex, etaDecoder: ea } = rates;
  const u0 = (initial.a * initial.a) / (2 * ea);
  const v0 = (initial.c * initial.c) / ex;
  const kappa = 4 * ea * ex;
  const cc = u0 - v0;
  let u: number;
  let v: number;
  if (v0 === 0 || u0 === 0) {
    u = u0;
    v = v0;
  } else if (cc === 0) {
    v = v0 / (1 + kappa * v0 * t);
    u = v;
  } else if (cc > 0) {
    const e = Math.exp(-kappa * cc * t);
    const d = u0 - v0 * e;
    v = (cc * v0 * e) / d;
    u = (cc * u0) / d;
  } else {
    const e = Math.exp(kappa * cc * t);
    const d = u0 * e - v0;
    v = (cc * v0) / d;
    u = (cc * u0 * e) / d;
  }
  return { a: Math.sign(initial.a) * Math.sqrt(2 * ea * u), c: Math.sign(initial.c) * Math.sqrt(ex * v) };
}

export interface TwoReponResult {
  outcome: TwoReponOutcome;
  /** time at which |c| (collide) or |a| (memorize) fell to `tolerance` times its initial value. */
  time: number;
  /** the state at that time. */
  final: TwoReponState;
  /** C at t = 0. */
  conserved: number;
  /** max |C(t) − C(0)| / (a₀²/(2η_A) + c₀²/η_x) over the accepted steps (integrator only). */
  conservationDrift: number;
  steps: number;
}

export interface TwoReponOptions {
  /** the fraction of the initial value at which c (or a) counts as gone. Default 1e-3. */
  tolerance?: number;
  /** give up (outcome by the sign of C) after this time. Default 10⁸ over the fastest initial rate. */
  tMax?: number;
  /** relative tolerance of the RK45 integrator. Default 1e-11. */
  rtol?: number;
}

/**
 * The outcome and its time from the exact solution: collide when C > 0 at
 * t = ln((C/ε² + V₀)/(C + V₀))/(κC), memorize when C < 0 at t = ln(ε²V₀/(ε²U₀ − C))/(κC).
 * On the separatrix both decay algebraically and the outcome is 'separatrix' (time Infinity).
 */
export function twoReponOutcome(initial: TwoReponState, rates: TwoReponRates, tolerance = 1e-3): { outcome: TwoReponOutcome; time: number } {
  checkRates(rates);
  const { etaEncoder: ex, etaDecoder: ea } = rates;
  const u0 = (initial.a * initial.a) / (2 * ea);
  const v0 = (initial.c * initial.c) / ex;
  const cc = u0 - v0;
  const kappa = 4 * ea * ex;
  const eps2 = tolerance * tolerance;
  if (v0 === 0) return { outcome: 'collide', time: 0 };
  if (u0 === 0) return { outcome: 'memorize', time: 0 };
  if (cc > 0) return { outcome: 'collide', time: Math.log((cc / eps2 + v0) / (cc + v0)) / (kappa * cc) };
  if (cc < 0) return { outcome: 'memorize', time: Math.log((eps2 * v0) / (eps2 * u0 - cc)) / (kappa * cc) };
  return { outcome: 'separatrix', time: Infinity };
}

/**
 * Integrates Theorem 2's system with adaptive Dormand–Prince RK45 until |c| or |a| falls to
 * `tolerance` of its start, reporting the outcome, its time and the drift of C.
 */
export function integrateTwoRepon(initial: TwoReponState, rates: TwoReponRates, options: TwoReponOptions = {}): TwoReponResult {
  checkRates(rates);
  const tolerance = options.tolerance ?? 1e-3;
  const { etaEncoder: ex, etaDecoder: ea } = rates;
  const c0 = conservedQuantity(initial, rates);
  const scale = (initial.a * initial.a) / (2 * ea) + (initial.c * initial.c) / ex;
  const rate = Math.max(ea * initial.c * initial.c, ex * initial.a * initial.a, Number.MIN_VALUE);
  // Near the separatrix the decay is algebraic, V ~ 1/(κt): reaching ε²V₀ takes ~1/(κε²V₀).
  const tMax = options.tMax ?? 1e8 / rate;
  let drift = 0;
  const a0 = Math.abs(initial.a);
  const cAbs0 = Math.abs(initial.c);
  const result = integrate(
    (_t, y, dy) => {
      dy[0] = -2 * ea * y[1] * y[1] * y[0];
      dy[1] = -ex * y[0] * y[0] * y[1];
    },
    0,
    [initial.a, initial.c],
    tMax,
    {
      rtol: options.rtol ?? 1e-11,
      atol: 1e-300,
      initialStep: 1e-3 / rate,
      event: (_t, y) => Math.min(Math.abs(y[1]) - tolerance * cAbs0, Math.abs(y[0]) - tolerance * a0),
      onStep: (_t, y) => {
        drift = Math.max(drift, Math.abs(conservedQuantity({ a: y[0], c: y[1] }, rates) - c0) / scale);
      },
    },
  );
  const final = { a: result.y[0], c: result.y[1] };
  drift = Math.max(drift, Math.abs(conservedQuantity(final, rates) - c0) / scale);
  let outcome: TwoReponOutcome;
  if (result.stoppedAtEvent) outcome = Math.abs(final.c) <= tolerance * cAbs0 * (1 + 1e-9) ? 'collide' : 'memorize';
  else outcome = c0 > 0 ? 'collide' : c0 < 0 ? 'memorize' : 'separatrix';
  return { outcome, time: result.t, final, conserved: c0, conservationDrift: drift, steps: result.steps };
}
