import { Optimizer, resolveExperiment, type ParamSlot } from '@geneft/core';

const dynamics = (over: object) => resolveExperiment({ dynamics: over }).dynamics;

describe('Optimizer (PyTorch update rules)', () => {
  it('adam: first step moves each parameter by lr·g/(|g| + ε·…) ≈ lr·sign(g), and wd is L2', () => {
    const value = Float64Array.from([1, -2, 0.5]);
    const grad = Float64Array.from([0.3, -0.01, 0]);
    const slots: ParamSlot[] = [{ value, grad, group: 'encoder' }];
    new Optimizer(dynamics({ lrEncoder: 0.1, weightDecayEncoder: 0.5 }), slots).step();
    // g' = g + wd·p = [0.8, −1.01, 0.25]; m̂ = g', v̂ = g'²; step = lr·g'/(|g'| + ε)
    const expected = [0.8, -1.01, 0.25].map((g, i) => [1, -2, 0.5][i] - (0.1 * g) / (Math.abs(g) + 1e-8));
    expected.forEach((e, i) => expect(value[i]).toBeCloseTo(e, 14));
  });

  it('adamw: decays the parameter by (1 − lr·wd) before the Adam step', () => {
    const value = Float64Array.from([2]);
    const grad = Float64Array.from([1]);
    new Optimizer(dynamics({ optimizer: 'adamw', lrDecoder: 0.01, weightDecayDecoder: 0.1 }), [{ value, grad, group: 'decoder' }]).step();
    expect(value[0]).toBeCloseTo(2 * (1 - 0.001) - 0.01 / (1 + 1e-8), 14);
  });

  it('sgd with momentum: velocity v_t = μ·v_{t−1} + g, p −= lr·v (matches the closed form on a quadratic)', () => {
    // f(p) = p²/2, g = p; μ = 0.5, lr = 0.1
    const value = Float64Array.from([1]);
    const grad = new Float64Array(1);
    const opt = new Optimizer(dynamics({ optimizer: 'sgd', momentum: 0.5, lrEncoder: 0.1 }), [{ value, grad, group: 'encoder' }]);
    let p = 1;
    let v = 0;
    for (let t = 1; t <= 20; t++) {
      grad[0] = value[0];
      opt.step();
      v = t === 1 ? p : 0.5 * v + p;
      p -= 0.1 * v;
      expect(value[0]).toBeCloseTo(p, 14);
    }
  });

  it('uses the encoder and decoder rates for their own groups', () => {
    const enc = Float64Array.from([0]);
    const dec = Float64Array.from([0]);
    const g = Float64Array.from([1]);
    new Optimizer(dynamics({ optimizer: 'sgd', lrEncoder: 0.1, lrDecoder: 0.001 }), [
      { value: enc, grad: g, group: 'encoder' },
      { value: dec, grad: g, group: 'decoder' },
    ]).step();
    expect(enc[0]).toBeCloseTo(-0.1, 15);
    expect(dec[0]).toBeCloseTo(-0.001, 15);
  });
});
