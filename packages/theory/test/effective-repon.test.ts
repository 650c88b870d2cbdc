import { initParams, makeDataset, ReferenceTrainer, resolveExperiment, type DeepPartial, type ExperimentConfig, type Layer } from '@geneft/core';
import { decoderJacobian, decoderParamCount, decoderParamGradient, jacobianParamGradient } from '../src/decoder-jacobian';
import { effectiveReponParameters, initialLossGradient } from '../src/effective-repon';
import { predictPhaseBoundary } from '../src/phase-boundary';

const config = (partial: DeepPartial<ExperimentConfig>) => resolveExperiment(partial);

/** The layers with parameter i (packed weight-then-bias order) moved by h. */
function moved(layers: readonly Layer[], i: number, h: number): Layer[] {
  const copy = layers.map((l) => ({ ...l, weight: Float64Array.from(l.weight), bias: Float64Array.from(l.bias) }));
  let o = i;
  for (const l of copy) {
    if (o < l.weight.length) {
      l.weight[o] += h;
      return copy;
    }
    o -= l.weight.length;
    if (o < l.bias.length) {
      l.bias[o] += h;
      return copy;
    }
    o -= l.bias.length;
  }
  throw new RangeError(`no parameter ${i}`);
}

describe('derivatives of the decoder with respect to its parameters', () => {
  for (const decoder of [
    { kind: 'mlp', combine: 'concat', activation: 'tanh' },
    { kind: 'mlp', combine: 'sqdiff', activation: 'gelu', depth: 2, width: 7 },
  ] as const) {
    test(`${decoder.combine}/${decoder.activation}: ∂D/∂θ and ∂(∂D/∂latent)/∂θ match central differences in θ`, () => {
      const cfg = config({ task: { relation: 'mod', k: 3, n: 12 }, decoder, seed: 3 });
      const { layers, embeddings, dim } = initParams(cfg);
      const u = embeddings.subarray(0, dim);
      const v = embeddings.subarray(dim, 2 * dim);
      const grad = decoderParamGradient(cfg, layers, u, v);
      const count = decoderParamCount(layers);
      expect(grad.length).toBe(count);
      const h = 1e-6;
      for (let i = 0; i < count; i += Math.ceil(count / 40)) {
        const up = moved(layers, i, h);
        const down = moved(layers, i, -h);
        const fd = (decoderJacobian(cfg, up, u, v).value - decoderJacobian(cfg, down, u, v).value) / (2 * h);
        expect(Math.abs(grad[i] - fd)).toBeLessThan(1e-8);
        for (const argument of [0, 1] as const) {
          const da = jacobianParamGradient(cfg, layers, u, v, 1, argument);
          const pick = (ls: Layer[]) => {
            const j = decoderJacobian(cfg, ls, u, v);
            return argument === 0 ? j.du[1] : j.dv[1];
          };
          expect(Math.abs(da[i] - (pick(up) - pick(down)) / (2 * h))).toBeLessThan(1e-6);
        }
      }
    });
  }

  test('the initial loss gradient is what one SGD step of rate 1 of core\'s reference trainer moves', async () => {
    const cfg = config({ task: { relation: 'mod', k: 3, n: 12 }, decoder: { width: 9, depth: 2 }, dynamics: { optimizer: 'sgd', lrEncoder: 1, lrDecoder: 1 }, seed: 5 });
    const params = initParams(cfg);
    const data = makeDataset(cfg.task);
    const g = initialLossGradient(cfg, params, data.train, data.labels);
    const trainer = new ReferenceTrainer({ config: cfg, data, params: initParams(cfg) });
    await trainer.step(1);
    const after = await trainer.readParams();
    trainer.dispose();
    params.embeddings.forEach((p, i) => expect(Math.abs(p - after.embeddings[i] - g.embeddings[i])).toBeLessThan(1e-12));
    let o = 0;
    params.layers.forEach((l, li) => {
      l.weight.forEach((w, i) => expect(Math.abs(w - after.layers[li].weight[i] - g.decoder[o++])).toBeLessThan(1e-12));
      l.bias.forEach((b, i) => expect(Math.abs(b - after.layers[li].bias[i] - g.decoder[o++])).toBeLessThan(1e-12));
    });
  });
});

describe('effective repon parameters of the default model (mod 3, 3×50 tanh, σ = 0.5)', () => {
  const cfg = config({});
  const e = effectiveReponParameters(cfg, { seeds: 2, kernelPairs: 20 });

  test('σ_c is the initial half-separation spread; M = 2·675/30; the Jacobian entries are centred', () => {
    expect(e.sigmaC).toBeCloseTo(0.5 / Math.SQRT2, 12);
    // 60 latents (2 seeds × 30): a sampling error of ~10–15% is expected
    expect(Math.abs(e.sigmaCEmpirical - e.sigmaC) / e.sigmaC).toBeLessThan(0.3);
    expect(e.outputsPerRepon).toBe(45);
    expect(Math.abs(e.jacobianMean)).toBeLessThan(e.sigmaA);
  });

  test('k_sgd is the rate at which a gradient step on θ moves a Jacobian entry: Δa = −h·Σ(∂a/∂θ)² (checked by re-evaluating the moved decoder)', () => {
    const { layers, embeddings, dim } = initParams(cfg);
    const u = embeddings.subarray(0, dim);
    const v = embeddings.subarray(3 * dim, 4 * dim);
    const da = jacobianParamGradient(cfg, layers, u, v, 0);
    const K = da.reduce((s, x) => s + x * x, 0);
    const h = 1e-4;
    const stepped = layers.map((l) => ({ ...l, weight: Float64Array.from(l.weight), bias: Float64Array.from(l.bias) }));
    let o = 0;
    for (const l of stepped) {
      for (let i = 0; i < l.weight.length; i++) l.weight[i] -= h * da[o++];
      for (let i = 0; i < l.bias.length; i++) l.bias[i] -= h * da[o++];
    }
    const before = decoderJacobian(cfg, layers, u, v).du[0];
    const after = decoderJacobian(cfg, stepped, u, v).du[0];
    expect((after - before) / (-h * K)).toBeCloseTo(1, 2);
    // the mean K over entries is of order one for PyTorch's init, and Adam's is far larger (each θ's rate is over |g_θ(0)|)
    expect(e.kSgd).toBeGreaterThan(0.1);
    expect(e.kSgd).toBeLessThan(10);
    expect(e.kAdam).toBeGreaterThan(100 * e.kSgd);
  });

  test('the spring is a small share of the repons\' initial gradient (so Adam acts as a fixed preconditioner, not in the two-repon sign regime)', () => {
    expect(e.springShare).toBeGreaterThan(0);
    expect(e.springShare).toBeLessThan(0.2);
  });

  test('predictPhaseBoundary is the fit race for every optimizer, timed by Adam\'s speed bound or by test repons (sgd), beside Theorem 3\'s forms', async () => {
    const small = { task: { relation: 'mod', k: 3, n: 9 }, decoder: { width: 20, depth: 1 }, encoder: { initScale: 0.5 }, budget: { steps: 1500 } } as const;
    for (const optimizer of ['adam', 'adamw', 'sgd'] as const) {
      const lrEncoder = optimizer === 'sgd' ? 1e-1 : 1e-3;
      const lrDecoderRange: [number, number] = optimizer === 'sgd' ? [1e-1, 1.6] : [1e-5, 0.1];
      const b = await predictPhaseBoundary(config({ ...small, dynamics: { optimizer, lrEncoder } }), { seeds: 2, kernelPairs: 20, race: { iterations: 2, lrDecoderRange } });
      expect(b.form).toBe('fit-race');
      expect(b.race.travel).toBe(optimizer === 'sgd' ? 'sgd-test-repons' : 'adam-speed-bound');
      expect(b.race.seeds).toHaveLength(2);
      expect(b.predictedRatio).toBe(b.race.ratio);
      expect(b.rateFactor).toBeCloseTo(b.effective.kSgd, 12);
      expect(b.gradientDescentRatio).toBeCloseTo(b.criticalRatioMultiOutput / b.rateFactor, 10);
      if (optimizer === 'sgd') {
        expect(b.adamWarmUpRatio).toBeNull();
        expect(b.race.travelSpeed).toBeNull();
        expect(b.race.seeds.every((s) => s.travelSteps === null)).toBe(true);
      } else {
        expect(b.adamWarmUpRatio).toBeCloseTo(b.criticalRatioMultiOutput / (b.effective.kAdam * b.effective.encoderGradient), 10);
      }
    }
  }, 60_000);
});
