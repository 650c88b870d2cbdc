import { initParams, makeDataset, packParams, ReferenceTrainer, type Params } from '@geneft/core';
import { conformanceCases } from '@geneft/core/testing';

/** Every scalar of Params, as (array, index) handles. */
function handles(p: Params): [Float64Array, number][] {
  return [p.embeddings, ...p.layers.flatMap((l) => [l.weight, l.bias])].flatMap((a) => Array.from(a, (_, i): [Float64Array, number] => [a, i]));
}

describe('reference gradients match central finite differences', () => {
  it.each(conformanceCases().map((c) => [c.name, c.config] as const))('%s', async (_name, config) => {
    const data = makeDataset(config.task);
    const trainer = new ReferenceTrainer({ config, data, params: initParams(config) });
    await trainer.step(3); // move off the initial point so no symmetry hides an error
    const params = await trainer.readParams();
    const { grads } = trainer.gradients();
    const analytic = packParams({ ...params, embeddings: grads.embeddings, layers: params.layers.map((l, i) => ({ ...l, weight: grads.weights[i], bias: grads.biases[i] })) });
    const h = 1e-6;
    const probe = new ReferenceTrainer({ config, data, params });
    const lossAt = async (p: Params) => {
      await probe.writeParams(p);
      return probe.gradients().loss;
    };
    let checked = 0;
    for (const [index, [array, i]] of handles(params).entries()) {
      const x = array[i];
      array[i] = x + h;
      const up = await lossAt(params);
      array[i] = x - h;
      const down = await lossAt(params);
      array[i] = x;
      const numeric = (up - down) / (2 * h);
      // ReLU kinks can sit within h of a parameter; allow those few, but not systematic error.
      expect(Math.abs(numeric - analytic[index])).toBeLessThan(1e-6 + 1e-5 * Math.abs(numeric));
      checked++;
    }
    expect(checked).toBe(analytic.length);
    expect(Math.max(...Array.from(analytic, Math.abs))).toBeGreaterThan(1e-4);
  });
});
