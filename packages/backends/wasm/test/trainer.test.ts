import { getBackend, initParams, listBackends, packParams, resolveExperiment, runExperiment } from '@geneft/core';
import { canonicalConfig, lossTrajectory, maxRelativeError, referenceTrajectory, specOf } from '@geneft/core/testing';
import { WASM_PRIORITY, wasmBackend, WasmTrainer } from '../src';
import { describeBuilt } from './helpers';

describeBuilt('registration', () => {
  it('registers "wasm" above the reference backend and runs an experiment through core', async () => {
    expect(WASM_PRIORITY).toBe(2);
    expect(listBackends().indexOf('wasm')).toBeLessThan(listBackends().indexOf('reference'));
    const backend = await getBackend('wasm');
    expect(backend.name).toBe('wasm');
    expect(backend.capabilities).toMatchObject({ precision: 'float32', batchedRuns: true });
    const result = await runExperiment(resolveExperiment({ ...canonicalConfig(), budget: { steps: 300, evalEvery: 100 } }), { dynamics: 'wasm' });
    expect(result).toMatchObject({ backend: 'wasm', steps: 300 });
    expect(result.trainLoss).toBeLessThan(0.7);
  });
});

describeBuilt('trainer', () => {
  const spec = specOf(canonicalConfig());

  it('follows the float64 reference on the canonical model for 100 steps within 1e-4 (measured ~1e-8)', async () => {
    const ours = await lossTrajectory(await wasmBackend(), spec, 100);
    expect(maxRelativeError(ours, await referenceTrajectory(spec, 100))).toBeLessThan(1e-4);
  }, 60_000);

  it('runs the SIMD128 build in Node 20 unless asked otherwise, and says so', async () => {
    const trainer = (await (await wasmBackend()).createTrainer(spec)) as WasmTrainer;
    expect(['simd128', 'relaxed-simd']).toContain(trainer.isa);
    trainer.dispose();
  });

  it('is deterministic, and step(k) equals k steps of one', async () => {
    const backend = await wasmBackend();
    const [a, b, c] = [await backend.createTrainer(spec), await backend.createTrainer(spec), await backend.createTrainer(spec)];
    for (let s = 0; s < 4; s++) expect(await a.step(3)).toBe(await b.step(3));
    let last = NaN;
    for (let s = 0; s < 12; s++) last = await c.step(1);
    expect(await (await backend.createTrainer(spec)).step(12)).toBe(last);
    expect(packParams(await a.readParams())).toEqual(packParams(await b.readParams()));
    expect(a.stepsDone).toBe(12);
  });

  it('does nothing for k = 0 and refuses bad k', async () => {
    const trainer = await (await wasmBackend()).createTrainer(spec);
    expect(await trainer.step(0)).toBeNaN();
    expect(trainer.stepsDone).toBe(0);
    await expect(trainer.step(-1)).rejects.toThrow(/non-negative integer/);
    await expect(trainer.step(1.5)).rejects.toThrow(/non-negative integer/);
  });

  it('refuses parameters of another shape', async () => {
    const backend = await wasmBackend();
    const trainer = await backend.createTrainer(spec);
    const other = initParams(resolveExperiment({ ...canonicalConfig(), decoder: { kind: 'mlp', combine: 'concat', width: 40, depth: 3, activation: 'tanh' } }));
    await expect(trainer.writeParams(other)).rejects.toThrow(/do not fit the model/);
    await expect(backend.createTrainer({ ...spec, params: other })).rejects.toThrow(/do not fit the model/);
  });

  it('keeps the optimizer state across writeParams, and float32 round trips exactly', async () => {
    const backend = await wasmBackend();
    const [a, b] = [await backend.createTrainer(spec), await backend.createTrainer(spec)];
    await a.step(10);
    await b.step(10);
    await b.writeParams(await b.readParams());
    expect(await a.step(5)).toBe(await b.step(5));
  });

  it('is unusable after dispose, and frees its memory for the next run', async () => {
    const backend = await wasmBackend();
    const trainer = await backend.createTrainer(spec);
    trainer.dispose();
    trainer.dispose();
    await expect(trainer.step(1)).rejects.toThrow(/disposed/);
    // 200 create/dispose cycles of a 5 MB run would exhaust nothing if memory is reused
    const big = specOf(resolveExperiment({ ...canonicalConfig(), task: { relation: 'mod', k: 3, n: 200 } }));
    for (let i = 0; i < 200; i++) (await backend.createTrainer(big)).dispose();
  });
});
