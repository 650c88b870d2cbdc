import * as tf from '@tensorflow/tfjs-core';
import { initParams, paramsShapeOf, resolveExperiment } from '@geneft/core';
import '../src';
import { flatLayout, packParams, unpackParams } from '../src/layout';
import { selector } from '../src/selectors';

it('packs and unpacks parameters in PyTorch layout', () => {
  const config = resolveExperiment({ task: { relation: 'mod', k: 3, n: 7 }, decoder: { kind: 'mlp', width: 5, depth: 2 } });
  const params = initParams(config);
  const layout = flatLayout(paramsShapeOf(config));
  expect(layout.size).toBe(7 * 2 + (4 * 5 + 5) + (5 * 5 + 5) + (5 + 1));
  const back = unpackParams(packParams(params, layout), layout);
  expect(back.n).toBe(7);
  expect(back.layers.map((l) => [l.out, l.in])).toEqual([
    [5, 4],
    [5, 5],
    [1, 5],
  ]);
  const close = (a: Float64Array, b: Float64Array) => a.every((x, i) => Math.abs(x - b[i]) <= 1e-7 * Math.max(1, Math.abs(b[i])));
  expect(close(back.embeddings, params.embeddings)).toBe(true);
  back.layers.forEach((l, i) => {
    expect(close(l.weight, params.layers[i].weight)).toBe(true);
    expect(close(l.bias, params.layers[i].bias)).toBe(true);
  });
});

it('selectors pick latents by matrix product', async () => {
  await tf.setBackend('cpu');
  const n = 3;
  const pairs = Int32Array.from([0 * n + 1, 2 * n + 2, 1 * n + 0]);
  const e = tf.tensor2d([10, 20, 30], [3, 1]);
  const pick = async (kind: Parameters<typeof selector>[2]) => {
    const s = selector(pairs, n, kind);
    const v = Array.from(await tf.matMul(s, e).data());
    const sT = selector(pairs, n, kind, true);
    expect(Array.from(await tf.transpose(sT).data())).toEqual(Array.from(await s.data()));
    return v;
  };
  expect(await pick('first')).toEqual([10, 30, 20]);
  expect(await pick('second')).toEqual([20, 30, 10]);
  expect(await pick('difference')).toEqual([-10, 0, 10]);
  expect(await pick('gap')).toEqual([10, 0, -10]);
  const both = selector(pairs, n, 'both');
  expect(both.shape).toEqual([3, 6]);
  expect(Array.from(await both.data()).slice(0, 6)).toEqual([1, 0, 0, 0, 1, 0]);
});
