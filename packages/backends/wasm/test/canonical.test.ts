import * as tf from '@tensorflow/tfjs-core';
import { getBackend } from '@geneft/core';
import '../src';
import { canonicalConfig, lossTrajectory, maxRelativeError, referenceTrajectory, specOf } from '@geneft/core/testing';

const STEPS = 100;

it(`wasm follows the reference loss trajectory of the canonical model for ${STEPS} steps within 1e-4`, async () => {
  const spec = specOf(canonicalConfig());
  const reference = await referenceTrajectory(spec, STEPS);
  const ours = await lossTrajectory(await getBackend('wasm'), spec, STEPS);
  // Measured: about 1e-8 (float32 with XNNPACK's SIMD sums and tanh through the sigmoid).
  expect(maxRelativeError(ours, reference)).toBeLessThan(1e-4);
}, 60_000);

it('runs on tfjs-backend-wasm with SIMD and without threads in Node', async () => {
  await getBackend('wasm');
  expect(tf.getBackend()).toBe('wasm');
  expect(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')).toBe(true);
  expect(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(false);
});
