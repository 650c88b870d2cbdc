import fc from 'fast-check';
import {
  conservedQuantity,
  integrateTwoRepon,
  twoReponExact,
  twoReponOutcome,
  twoReponVelocity,
} from '../src/two-repon';
import {
  criticalRateRatio,
  reponProbability,
  reponProbabilityMonteCarlo,
  reponProbabilityMultiOutput,
  reponRho,
} from '../src/repon-probability';
import { regularizedBeta, studentTCentralProbability, studentTCentralQuantile } from '../src/special-functions';
import { ReponSystem } from '../src/repon-system';
import { integrate } from '../src/ode';

const rate = fc.double({ min: 1e-4, max: 1, noNaN: true });
const coordinate = fc.double({ min: 0.01, max: 2, noNaN: true }).chain((x) => fc.constantFrom(x, -x));

describe('Theorem 2: two repons', () => {
  test('C is conserved by the RK45 integration (drift < 1e-6) and the outcome and time match the exact solution', () => {
    fc.assert(
      fc.property(coordinate, coordinate, rate, rate, (a, c, etaEncoder, etaDecoder) => {
        const rates = { etaEncoder, etaDecoder };
        const c0 = conservedQuantity({ a, c }, rates);
        const scale = (a * a) / (2 * etaDecoder) + (c * c) / etaEncoder;
        fc.pre(Math.abs(c0) > 1e-3 * scale); // away from the separatrix, where times diverge
        const result = integrateTwoRepon({ a, c }, rates);
        expect(result.conservationDrift).toBeLessThan(1e-6);
        expect(Math.abs(conservedQuantity(result.final, rates) - c0) / Math.abs(c0)).toBeLessThan(1e-6);
        const exact = twoReponOutcome({ a, c }, rates);
        expect(result.outcome).toBe(c0 > 0 ? 'collide' : 'memorize');
        expect(result.outcome).toBe(exact.outcome);
        expect(Math.abs(result.time - exact.time) / exact.time).toBeLessThan(1e-6);
        const state = twoReponExact({ a, c }, rates, result.time);
        expect(result.final.a).toBeCloseTo(state.a, 8);
        expect(result.final.c).toBeCloseTo(state.c, 8);
      }),
      { numRuns: 60 },
    );
  });

  test('the exact solution solves the ODE (finite differences) and conserves C', () => {
    const rates = { etaEncoder: 0.02, etaDecoder: 0.07 };
    for (const s0 of [
      { a: 1.1, c: 0.3 },
      { a: 0.2, c: -0.9 },
      { a: -0.5, c: 0.5 },
    ]) {
      for (const t of [0.5, 10, 200]) {
        const h = 1e-4;
        const p = twoReponExact(s0, rates, t + h);
        const m = twoReponExact(s0, rates, t - h);
        const v = twoReponVelocity(twoReponExact(s0, rates, t), rates);
        expect((p.a - m.a) / (2 * h)).toBeCloseTo(v.a, 7);
        expect((p.c - m.c) / (2 * h)).toBeCloseTo(v.c, 7);
        expect(conservedQuantity(twoReponExact(s0, rates, t), rates)).toBeCloseTo(conservedQuantity(s0, rates), 10);
      }
    }
  });

  test('C > 0 collides (c → 0, a² → 2η_A C); C < 0 memorizes (a → 0, c² → −η_x C)', () => {
    const rates = { etaEncoder: 0.1, etaDecoder: 0.1 };
    const collide = twoReponExact({ a: 1, c: 0.2 }, rates, 1e4);
    expect(Math.abs(collide.c)).toBeLessThan(1e-12);
    expect(collide.a ** 2).toBeCloseTo(2 * 0.1 * conservedQuantity({ a: 1, c: 0.2 }, rates), 10);
    const memorize = twoReponExact({ a: 0.2, c: 1 }, rates, 1e4);
    expect(Math.abs(memorize.a)).toBeLessThan(1e-12);
    expect(memorize.c ** 2).toBeCloseTo(-0.1 * conservedQuantity({ a: 0.2, c: 1 }, rates), 10);
  });

  test('the general matrix system reduces to Theorem 2 for two repons', () => {
    // d = 2, M = 2, x_{1,2} = ±c e₂, A = diag(0.4, a) with orthogonal columns, b at the fixed
    // point: the separation stays on e₂ and (‖A e₂‖, c) follows Theorem 2 exactly.
    const rates = { etaEncoder: 0.3, etaDecoder: 0.2 };
    const a0 = 0.8;
    const c0 = 0.5;
    const system = new ReponSystem(
      { n: 2, dim: 2, outputs: 2, targets: new Float64Array(4), weights: new Float64Array(4).fill(1), ...rates },
      { x: Float64Array.of(0, c0, 0, -c0), A: Float64Array.of(0.4, 0, 0, a0), b: Float64Array.of(0, 0) },
    );
    const t = system.flow(7, { rtol: 1e-12, atol: 1e-15 });
    const exact = twoReponExact({ a: a0, c: c0 }, rates, t);
    expect(system.state.A[3]).toBeCloseTo(exact.a, 9);
    expect(system.state.x[1]).toBeCloseTo(exact.c, 9);
    expect(system.state.x[0]).toBeCloseTo(0, 12);
    expect(system.state.A[0]).toBeCloseTo(0.4, 12);
    expect(system.loss()).toBeCloseTo((exact.a * exact.c) ** 2, 9);
  });

  test('RK45 integrates a harmonic oscillator to its tolerance', () => {
    const r = integrate((_t, y, dy) => {
      dy[0] = y[1];
      dy[1] = -y[0];
    }, 0, [1, 0], 20);
    expect(r.y[0]).toBeCloseTo(Math.cos(20), 8);
    expect(r.y[1]).toBeCloseTo(-Math.sin(20), 8);
  });
});

describe('Theorem 3: p_r', () => {
  const at = (rho: number) => ({ sigmaA: 1, sigmaC: 1, etaEncoder: 2 * rho * rho, etaDecoder: 1 });

  test('science.md C8: p_r = 0.156, 0.295, 0.500, 0.705, 0.844 at ρ = 0.25 … 4', () => {
    const want = [0.156, 0.295, 0.5, 0.705, 0.844];
    [0.25, 0.5, 1, 2, 4].forEach((rho, i) => {
      expect(reponRho(at(rho))).toBeCloseTo(rho, 12);
      expect(reponProbability(at(rho))).toBeCloseTo(want[i], 3);
    });
  });

  test('Monte Carlo over Gaussian initial conditions agrees within 4 standard errors', () => {
    for (const rho of [0.25, 0.5, 1, 2, 4]) {
      const mc = reponProbabilityMonteCarlo(at(rho), { samples: 40000, seed: 11 });
      expect(Math.abs(mc.probability - reponProbability(at(rho)))).toBeLessThan(4 * mc.stdError);
    }
    const general = { sigmaA: 0.3, sigmaC: 0.7, etaEncoder: 1e-3, etaDecoder: 4e-3 };
    const mc = reponProbabilityMonteCarlo(general, { samples: 40000, seed: 5 });
    expect(Math.abs(mc.probability - reponProbability(general))).toBeLessThan(4 * mc.stdError);
  });

  test('depends on the rates only through their ratio', () => {
    const p = { sigmaA: 0.4, sigmaC: 0.2, etaEncoder: 1e-3, etaDecoder: 5e-3 };
    expect(reponProbability({ ...p, etaEncoder: 7e-2, etaDecoder: 35e-2 })).toBeCloseTo(reponProbability(p), 12);
  });

  test('p_r = ½ exactly on the critical ratio, and ratioFor inverts p_r', () => {
    const sigmaA = 0.37;
    const sigmaC = 0.21;
    const ratio = criticalRateRatio(sigmaA, sigmaC);
    expect(ratio).toBeCloseTo(sigmaA ** 2 / (2 * sigmaC ** 2), 12);
    expect(reponProbability({ sigmaA, sigmaC, etaEncoder: 1, etaDecoder: ratio })).toBeCloseTo(0.5, 12);
    for (const target of [0.1, 0.3, 0.9]) {
      expect(reponProbability({ sigmaA, sigmaC, etaEncoder: 1, etaDecoder: criticalRateRatio(sigmaA, sigmaC, target) })).toBeCloseTo(target, 10);
      for (const m of [1, 4, 45]) {
        const r = criticalRateRatio(sigmaA, sigmaC, target, m);
        expect(reponProbabilityMultiOutput({ sigmaA, sigmaC, etaEncoder: 1, etaDecoder: r }, m)).toBeCloseTo(target, 8);
      }
    }
  });

  test('the M-output probability (Student t) matches its Monte Carlo and reduces to Theorem 3 at M = 1', () => {
    for (const m of [2, 5, 20]) {
      const p = { sigmaA: 0.5, sigmaC: 1, etaEncoder: 1, etaDecoder: 3 };
      const mc = reponProbabilityMonteCarlo(p, { samples: 20000, seed: m, outputs: m });
      expect(Math.abs(mc.probability - reponProbabilityMultiOutput(p, m))).toBeLessThan(4 * mc.stdError);
    }
    const p = { sigmaA: 0.5, sigmaC: 1, etaEncoder: 1, etaDecoder: 3 };
    expect(reponProbabilityMultiOutput(p, 1)).toBeCloseTo(reponProbability(p), 12);
  });

  test('special functions', () => {
    expect(studentTCentralProbability(Math.tan(0.7), 1)).toBeCloseTo((2 / Math.PI) * 0.7, 12);
    // ν = 2: P(|T| < t) = t/√(2 + t²)
    expect(studentTCentralProbability(1.3, 2)).toBeCloseTo(1.3 / Math.sqrt(2 + 1.69), 12);
    // large ν → normal: P(|Z| < 1.959964) = 0.95
    expect(studentTCentralProbability(1.959964, 1e7)).toBeCloseTo(0.95, 5);
    expect(studentTCentralQuantile(0.5, 1)).toBeCloseTo(1, 10);
    expect(regularizedBeta(0.3, 2, 3)).toBeCloseTo(0.3483, 4);
  });
});
