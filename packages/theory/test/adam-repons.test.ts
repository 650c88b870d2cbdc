import { adamConservedQuantity, criticalRateRatioAdam, reponProbabilityAdam, simulateTwoRepon, twoReponOptimizerProbability } from '../src/repon-adam';
import { reponProbability, reponProbabilityMultiOutput } from '../src/repon-probability';

// Rates small enough that a run takes hundreds to thousands of steps: Adam's second moments
// (β₂ = 0.999) warm up over ~1000 steps, the regime the derivation is about.
const etaEncoder = 2e-3;

describe('two repons under Adam (sign regime): Q = |a|/η_A − |c|/η_x decides, p_r = (2/π)·arctan((σ_a/σ_c)·η_x/η_A)', () => {
  test('closed forms: M = 1 is the arctan; the M-output race is ≥ it; the critical ratio inverts p_r', () => {
    for (const rho of [0.25, 1, 4]) {
      const p = { sigmaA: 1, sigmaC: 1, etaEncoder: rho, etaDecoder: 1 };
      expect(reponProbabilityAdam(p)).toBeCloseTo((2 / Math.PI) * Math.atan(rho), 12);
      expect(reponProbabilityAdam(p, 5)).toBeGreaterThan(reponProbabilityAdam(p));
    }
    for (const outputs of [1, 5, 45]) {
      const ratio = criticalRateRatioAdam(0.3, 0.7, 0.5, outputs);
      expect(reponProbabilityAdam({ sigmaA: 0.3, sigmaC: 0.7, etaEncoder: 1, etaDecoder: ratio }, outputs)).toBeCloseTo(0.5, 6);
    }
    expect(criticalRateRatioAdam(0.3, 0.7)).toBeCloseTo(0.3 / 0.7, 12);
    expect(adamConservedQuantity({ a: -2, c: 0.5 }, { etaEncoder: 1, etaDecoder: 4 })).toBe(0);
  });

  test('one trajectory: the side of Q = 0 decides collide vs memorize under PyTorch-exact Adam', () => {
    const rates = { etaEncoder, etaDecoder: etaEncoder };
    expect(simulateTwoRepon({ a: [1], c: 0.8 }, rates, { optimizer: 'adam' }).outcome).toBe('collide');
    expect(simulateTwoRepon({ a: [0.8], c: 1 }, rates, { optimizer: 'adam' }).outcome).toBe('memorize');
    // gradient flow's criterion c²/a² < η_x/(2η_A) would call both of these memorization
    expect(simulateTwoRepon({ a: [1], c: 0.8 }, rates, { optimizer: 'sgd' }).outcome).toBe('memorize');
  });

  for (const rho of [0.3, 1, 3]) {
    test(`ρ = ${rho}: the fraction of simulated Gaussian starts that collide is p_r`, () => {
      const p = { sigmaA: 1, sigmaC: 0.5, etaEncoder, etaDecoder: (2 * etaEncoder) / rho };
      for (const optimizer of ['adam', 'adamw'] as const) {
        const sim = twoReponOptimizerProbability(p, { optimizer }, { samples: 300, seed: 1 });
        expect(sim.undecided).toBe(0);
        expect(Math.abs(sim.probability - reponProbabilityAdam(p))).toBeLessThan(3 * Math.max(sim.stdError, 0.02));
      }
    });
  }

  test('M = 5 outputs: the simulation sits at or up to 0.1 below the max-race p_r (outputs die one by one and slow the repons)', () => {
    for (const rho of [0.25, 1]) {
      const p = { sigmaA: 1, sigmaC: 1, etaEncoder, etaDecoder: etaEncoder / rho };
      const sim = twoReponOptimizerProbability(p, { optimizer: 'adam' }, { samples: 300, seed: 2, outputs: 5 });
      const theory = reponProbabilityAdam(p, 5);
      expect(sim.probability).toBeLessThan(theory + 3 * sim.stdError);
      expect(sim.probability).toBeGreaterThan(theory - 0.1);
      // and far above the one-output arctan and gradient flow's forms
      expect(sim.probability).toBeGreaterThan(reponProbabilityAdam(p) + 0.05);
    }
  });
});

describe('two repons under SGD: Theorem 3, with the M-output factor', () => {
  for (const outputs of [1, 5]) {
    test(`M = ${outputs}: the simulated fraction that collides is the Student-t p_r`, () => {
      // η small against 1/(a²) so plain gradient descent follows the flow
      const p = { sigmaA: 1, sigmaC: 1, etaEncoder: 0.02, etaDecoder: 0.02 };
      const sim = twoReponOptimizerProbability(p, { optimizer: 'sgd' }, { samples: 300, seed: 3, outputs, maxSteps: 20000, tolerance: 0.05 });
      const theory = outputs === 1 ? reponProbability(p) : reponProbabilityMultiOutput(p, outputs);
      expect(Math.abs(sim.probability - theory)).toBeLessThan(3 * Math.max(sim.stdError, 0.02));
    });
  }
});
