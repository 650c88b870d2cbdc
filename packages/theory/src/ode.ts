/** Right-hand side of an autonomous or time-dependent ODE y' = f(t, y), writing into dy. */
export type Derivative = (t: number, y: Float64Array, dy: Float64Array) => void;

export interface OdeOptions {
  /** relative tolerance per component. Default 1e-10. */
  rtol?: number;
  /** absolute tolerance per component. Default 1e-14. */
  atol?: number;
  /** first step. Default (tEnd − t0)/1000. */
  initialStep?: number;
  /** refuse after this many steps. Default 1,000,000. */
  maxSteps?: number;
  /**
   * Stops at the first time event(t, y) ≤ 0 (it must be > 0 at the start), located to
   * ~1e-12 relative by bisection on a single Runge–Kutta step.
   */
  event?: (t: number, y: Float64Array) => number;
  /** called after every accepted step. */
  onStep?: (t: number, y: Float64Array) => void;
}

export interface OdeResult {
  t: number;
  y: Float64Array;
  steps: number;
  rejected: number;
  /** true when integration stopped at an event rather than at tEnd. */
  stoppedAtEvent: boolean;
}

// Dormand–Prince 5(4) tableau.
const C = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1];
const A: number[][] = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
];
const B5 = [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0];
const B4 = [5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40];
const E = B5.map((b, i) => b - B4[i]);

/**
 * Adaptive Dormand–Prince RK5(4) (the method behind MATLAB's ode45 and SciPy's RK45): fifth
 * order steps, the embedded fourth order solution for the error estimate, standard step-size
 * control with safety factor 0.9.
 */
export function integrate(f: Derivative, t0: number, y0: ArrayLike<number>, tEnd: number, options: OdeOptions = {}): OdeResult {
  const rtol = options.rtol ?? 1e-10;
  const atol = options.atol ?? 1e-14;
  const maxSteps = options.maxSteps ?? 1_000_000;
  const dim = y0.length;
  let y = Float64Array.from(y0);
  let t = t0;
  let h = options.initialStep ?? (tEnd - t0) / 1000;
  const k = Array.from({ length: 7 }, () => new Float64Array(dim));
  const tmp = new Float64Array(dim);
  const y5 = new Float64Array(dim);
  let steps = 0;
  let rejected = 0;

  const stage = (tt: number, yy: Float64Array, hh: number, out: Float64Array): number => {
    f(tt, yy, k[0]);
    for (let s = 1; s < 7; s++) {
      for (let i = 0; i < dim; i++) {
        let acc = yy[i];
        for (let j = 0; j < s; j++) acc += hh * A[s][j] * k[j][i];
        tmp[i] = acc;
      }
      f(tt + C[s] * hh, tmp, k[s]);
    }
    let err = 0;
    for (let i = 0; i < dim; i++) {
      let acc = yy[i];
      let e = 0;
      for (let j = 0; j < 7; j++) {
        acc += hh * B5[j] * k[j][i];
        e += hh * E[j] * k[j][i];
      }
      out[i] = acc;
      const scale = atol + rtol * Math.max(Math.abs(yy[i]), Math.abs(acc));
      err += (e / scale) ** 2;
    }
    return Math.sqrt(err / dim);
  };

  if (options.event && !(options.event(t, y) > 0)) return { t, y, steps, rejected, stoppedAtEvent: true };
  while (t < tEnd) {
    if (steps + rejected >= maxSteps) throw new Error(`ODE integration exceeded ${maxSteps} steps at t = ${t}`);
    if (t + h > tEnd) h = tEnd - t;
    const err = stage(t, y, h, y5);
    if (!(err <= 1) || !y5.every(Number.isFinite)) {
      rejected++;
      h *= Number.isFinite(err) ? Math.max(0.2, 0.9 * err ** -0.2) : 0.2;
      if (h < 1e-300) throw new Error(`ODE step size underflow at t = ${t}`);
      continue;
    }
    steps++;
    if (options.event && !(options.event(t + h, y5) > 0)) {
      // Bisect the step length: one accurate RK step from (t, y) is the interpolant.
      let lo = 0;
      let hi = h;
      const probe = new Float64Array(dim);
      for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(t + hi)); i++) {
        const mid = 0.5 * (lo + hi);
        stage(t, y, mid, probe);
        if (options.event(t + mid, probe) > 0) lo = mid;
        else hi = mid;
      }
      stage(t, y, hi, probe);
      return { t: t + hi, y: probe, steps, rejected, stoppedAtEvent: true };
    }
    t += h;
    y = Float64Array.from(y5);
    options.onStep?.(t, y);
    h *= Math.min(5, Math.max(0.2, 0.9 * Math.max(err, 1e-10) ** -0.2));
  }
  return { t, y, steps, rejected, stoppedAtEvent: false };
}
