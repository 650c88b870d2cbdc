import { referenceBackend } from '@geneft/core';
import { nativeBackend, nativeCpuInfo } from '../src';
import { CANONICAL, specOf } from './helpers';

// The float32 kernels against the float64 oracle on the paper's canonical model: the loss of
// each of the first 100 steps within 1e-4 relative, on every kernel set this CPU runs.
describe('canonical model against the float64 reference', () => {
  const spec = specOf(CANONICAL);
  let reference: number[];

  beforeAll(async () => {
    const trainer = await referenceBackend().createTrainer(spec);
    reference = [];
    for (let s = 0; s < 100; s++) reference.push(await trainer.step(1));
  });

  it.each(nativeCpuInfo().supported)('%s: 100 steps within 1e-4 relative', async (isa) => {
    const trainer = await nativeBackend({ isa }).createTrainer(spec);
    let worst = 0;
    for (let s = 0; s < 100; s++) {
      const loss = await trainer.step(1);
      worst = Math.max(worst, Math.abs(loss - reference[s]) / Math.abs(reference[s]));
    }
    expect(worst).toBeLessThan(1e-4);
    trainer.dispose();
  });

  it('step(100) in one call ends on the same loss', async () => {
    const trainer = await nativeBackend().createTrainer(spec);
    const loss = await trainer.step(100);
    expect(Math.abs(loss - reference[99]) / reference[99]).toBeLessThan(1e-4);
    expect(trainer.stepsDone).toBe(100);
    trainer.dispose();
  });
});

describe('activations far from zero', () => {
  // Embeddings of scale 4 put pre-activations far into the tails of tanh, sigmoid and GELU's Φ.
  it.each(['gelu', 'tanh'] as const)('%s outputs match the reference', async (activation) => {
    const spec = specOf({
      ...CANONICAL,
      encoder: { dim: 2, initScale: 4 },
      decoder: { kind: 'mlp', combine: 'concat', width: 16, depth: 2, activation },
    });
    const [ours, theirs] = [await nativeBackend().createTrainer(spec), await referenceBackend().createTrainer(spec)];
    await ours.step(20);
    await theirs.step(20);
    const [a, b] = [await ours.predict(), await theirs.predict()];
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-3));
    expect(worst).toBeLessThan(1e-4);
  });
});
