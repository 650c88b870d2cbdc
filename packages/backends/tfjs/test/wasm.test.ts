import * as tf from '@tensorflow/tfjs-core';
import { getBackend, listBackends } from '@geneft/core';
import { canonicalConfig, lossTrajectory, maxRelativeError, referenceTrajectory, specOf } from '@geneft/core/testing';
import { TFJS_CPU_PRIORITY, TFJS_WASM_PRIORITY } from '../src';

// The tfjs trainer on @tensorflow/tfjs-backend-wasm (XNNPACK), GenEFT backend "tfjs-wasm".

const STEPS = 100;

it(`tfjs-wasm follows the reference loss trajectory of the canonical model for ${STEPS} steps within 1e-4`, async () => {
  const spec = specOf(canonicalConfig());
  const reference = await referenceTrajectory(spec, STEPS);
  const ours = await lossTrajectory(await getBackend('tfjs-wasm'), spec, STEPS);
  // Measured: about 1e-8 (float32 with XNNPACK's SIMD sums and tanh through the sigmoid).
  expect(maxRelativeError(ours, reference)).toBeLessThan(1e-4);
}, 60_000);

it('tfjs-wasm runs on tfjs-backend-wasm with SIMD and without threads in Node', async () => {
  await getBackend('tfjs-wasm');
  expect(tf.getBackend()).toBe('wasm');
  expect(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')).toBe(true);
  expect(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(false);
});

it('registers tfjs-wasm above tfjs-cpu, so getBackend() picks it among the tfjs backends', async () => {
  expect(TFJS_WASM_PRIORITY).toBeGreaterThan(TFJS_CPU_PRIORITY);
  const names = listBackends();
  expect(names.indexOf('tfjs-wasm')).toBeLessThan(names.indexOf('tfjs-cpu'));
  const best = await getBackend();
  expect(best.name).toBe('tfjs-wasm');
  expect(best.capabilities.precision).toBe('float32');
});

it('trainers on tfjs-wasm and tfjs-cpu interleave in one process without mixing engines or leaking', async () => {
  const spec = specOf({ ...canonicalConfig(), task: { ...canonicalConfig().task, n: 9 } });
  const before = tf.memory().numTensors;
  const [a, b] = [await (await getBackend('tfjs-wasm')).createTrainer(spec), await (await getBackend('tfjs-cpu')).createTrainer(spec)];
  for (let i = 0; i < 3; i++) {
    const [la, lb] = [await a.step(5), await b.step(5)];
    expect(Math.abs(la - lb) / lb).toBeLessThan(1e-5);
  }
  const [pa, pb] = [await a.predict(), await b.predict()];
  pa.forEach((x, i) => expect(Math.abs(x - pb[i])).toBeLessThan(1e-5));
  a.dispose();
  b.dispose();
  expect(tf.memory().numTensors).toBe(before);
});

it('concurrent calls on tfjs-wasm and tfjs-cpu trainers keep each one on its own engine', async () => {
  const spec = specOf({ ...canonicalConfig(), task: { ...canonicalConfig().task, n: 9 } });
  const [wasm, cpu] = [await getBackend('tfjs-wasm'), await getBackend('tfjs-cpu')];
  const dataIds = () => [tf.engine().findBackend('wasm').numDataIds(), tf.engine().findBackend('cpu').numDataIds()];
  const a = await wasm.createTrainer(spec);
  const b = await cpu.createTrainer(spec);
  const held = dataIds();
  for (let i = 0; i < 3; i++) {
    const [la, lb] = await Promise.all([a.step(1), b.step(1)]);
    expect(Math.abs(la - lb) / lb).toBeLessThan(1e-5);
    await Promise.all([a.predict(), b.predict(), a.readParams(), b.evaluate()]);
  }
  // a tensor moved to the wrong engine would change these counts
  expect(dataIds()).toEqual(held);
  a.dispose();
  b.dispose();
});

it('leaks no tensors over many steps', async () => {
  const backend = await getBackend('tfjs-wasm');
  const before = tf.memory().numTensors;
  const trainer = await backend.createTrainer(specOf(canonicalConfig()));
  const held = tf.memory().numTensors;
  for (let i = 0; i < 5; i++) await trainer.step(20);
  await trainer.evaluate();
  expect(tf.memory().numTensors).toBe(held);
  trainer.dispose();
  expect(tf.memory().numTensors).toBe(before);
});
