import * as tf from '@tensorflow/tfjs-core';
import '../src';
import { selector } from '../src/selectors';

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
