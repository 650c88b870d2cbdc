import * as tf from '@tensorflow/tfjs-core';
import { getBackend, initParams, referenceBackend, resolveExperiment, type ExperimentConfig } from '@geneft/core';
import { conformanceCases, maxRelativeError, specOf } from '@geneft/core/testing';
import '../src';

const configs: [string, ExperimentConfig][] = conformanceCases().map((c) => [c.name, c.config]);

describe('tfjs-cpu leaks no tensors', () => {
  it.each(configs)('%s: constant tensor count while training, none left after dispose', async (_name, config) => {
    const backend = await getBackend('tfjs-cpu');
    const before = tf.memory().numTensors;
    const trainer = await backend.createTrainer(specOf(config));
    const held = tf.memory().numTensors;
    await trainer.step(1);
    await trainer.step(40);
    await trainer.predict();
    await trainer.evaluate();
    await trainer.writeParams(initParams({ ...config, seed: 99 }));
    await trainer.readParams();
    await trainer.step(0);
    expect(tf.memory().numTensors).toBe(held);
    trainer.dispose();
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await expect(trainer.step(1)).rejects.toThrow(/after dispose/);
  });
});

it('predict() covers all n² pairs when they take several passes', async () => {
  // n = 170: 28 900 pairs × 170 selector columns exceed one predict pass (2^22 entries).
  const config = resolveExperiment({
    task: { relation: 'mod', k: 3, n: 170, trainFraction: 0.05 },
    // σ = 0.25, the scale the float32 tolerance below was set at (outputs grow with the latents)
    encoder: { dim: 2, initScale: 0.25 },
    decoder: { kind: 'mlp', combine: 'diff', width: 4, depth: 1 },
  });
  const spec = specOf(config);
  const ours = await (await getBackend('tfjs-cpu')).createTrainer(spec);
  const theirs = await referenceBackend().createTrainer(spec);
  const [a, b] = [await ours.predict(), await theirs.predict()];
  ours.dispose();
  expect(a.length).toBe(170 * 170);
  expect(maxRelativeError(a, b, 1e-3)).toBeLessThan(1e-5);
});
