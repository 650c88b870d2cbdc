import { CapabilityError, getBackend, listBackends, MODEL_FEATURES, resolveExperiment } from '@geneft/core';
import { TFJS_CPU_PRIORITY, tfjsBackend } from '../src';
import { specOf } from '@geneft/core/testing';

it('registers tfjs-cpu above the reference backend', () => {
  expect(TFJS_CPU_PRIORITY).toBeGreaterThan(0);
  const names = listBackends();
  expect(names).toContain('tfjs-cpu');
  expect(names.indexOf('tfjs-cpu')).toBeLessThan(names.indexOf('reference'));
});

it('declares float32 and every model feature', async () => {
  const backend = await getBackend('tfjs-cpu');
  expect(backend.name).toBe('tfjs-cpu');
  expect(backend.capabilities).toMatchObject({ precision: 'float32', ...MODEL_FEATURES, batchedRuns: false });
});

it('refuses n above maxSymbols with a CapabilityError', async () => {
  const backend = await tfjsBackend({ name: 'tfjs-cpu-small', tfBackend: 'cpu', maxSymbols: 10 });
  const spec = specOf(resolveExperiment({ task: { relation: 'mod', k: 3, n: 12 } }));
  await expect(backend.createTrainer(spec)).rejects.toThrow(CapabilityError);
});

it('rejects an unregistered tfjs backend so getBackend() can fall through', async () => {
  await expect(tfjsBackend({ name: 'x', tfBackend: 'no-such-engine' })).rejects.toThrow(/not registered/);
});

it('trainers name their backend and count steps', async () => {
  const trainer = await (await getBackend('tfjs-cpu')).createTrainer(specOf(resolveExperiment({ task: { relation: 'mod', k: 3, n: 6 } })));
  expect(trainer.backend).toBe('tfjs-cpu');
  expect(Number.isNaN(await trainer.step(0))).toBe(true);
  await trainer.step(3);
  expect(trainer.stepsDone).toBe(3);
  trainer.dispose();
});
