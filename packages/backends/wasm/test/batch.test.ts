import { packParams, resolveExperiment } from '@geneft/core';
import { mixedBlock, specOf } from '@geneft/core/testing';
import { wasmBackend, WasmBatchTrainer } from '../src';
import { balanceRuns } from '../src/balance';
import { describeBuilt } from './helpers';

const CANONICAL = { task: { relation: 'mod', k: 3, n: 30 }, decoder: { kind: 'mlp', combine: 'concat', width: 50, depth: 3, activation: 'tanh' } } as const;

it('spreads runs longest first over the least loaded group', () => {
  expect(balanceRuns([5, 1, 4, 2, 3], 2)).toEqual([[0, 1, 3], [2, 4]]); // 5+2+1 | 4+3
  expect(balanceRuns([1, 1], 4)).toEqual([[0], [1]]);
  expect(balanceRuns([3, 2, 1], 1)).toEqual([[0, 1, 2]]);
});

describeBuilt('batch trainer', () => {
  const specs = mixedBlock();

  it('gives exactly the trajectories of separate trainers, on worker threads, on any number of them', async () => {
    const backend = await wasmBackend({ threads: 3 });
    const separate = await Promise.all(specs.map((s) => backend.createTrainer(s)));
    const batch = (await backend.createBatchTrainer!(specs)) as WasmBatchTrainer;
    const single = await (await wasmBackend({ threads: 1 })).createBatchTrainer!(specs);
    expect([batch.size, batch.threads]).toEqual([specs.length, 3]);
    for (const k of [1, 7, 30]) {
      const expected = await Promise.all(separate.map((t) => t.step(k)));
      const [got, gotSingle] = await Promise.all([batch.step(k), single.step(k)]);
      expect(Array.from(got)).toEqual(expected);
      expect(Array.from(gotSingle)).toEqual(expected);
    }
    for (let i = 0; i < specs.length; i++) expect(packParams(await batch.readParams(i))).toEqual(packParams(await separate[i].readParams()));
    const evaluations = await batch.evaluate();
    for (let i = 0; i < specs.length; i++) expect(evaluations[i]).toEqual(await separate[i].evaluate());
    separate.forEach((t) => t.dispose());
    batch.dispose();
    single.dispose();
  }, 60_000);

  it('stops advancing deactivated runs and keeps their last loss and evaluation', async () => {
    const backend = await wasmBackend({ threads: 2 });
    const batch = await backend.createBatchTrainer!(specs);
    const separate = await Promise.all(specs.map((s) => backend.createTrainer(s)));
    const first = await batch.step(5);
    await Promise.all(separate.map((t) => t.step(5)));
    const before = await batch.evaluate();
    const frozen = packParams(await batch.readParams(2));
    batch.deactivate(2);
    batch.deactivate(5);
    const second = await batch.step(5);
    expect([second[2], second[5]]).toEqual([first[2], first[5]]);
    expect(packParams(await batch.readParams(2))).toEqual(frozen);
    for (const i of [0, 1, 3, 4, 6]) expect(second[i]).toBe(await separate[i].step(5));
    const after = await batch.evaluate();
    for (let i = 0; i < specs.length; i++) expect(after[i]).toEqual(await separate[i].evaluate());
    for (const i of [2, 5]) expect(after[i]).toEqual(before[i]);
    separate.forEach((t) => t.dispose());
    batch.dispose();
  }, 60_000);

  it('moves active runs to a thread whose runs have stopped, and they go on with the same bits', async () => {
    // Eight runs of one shape (equal cost): balanceRuns puts the even ones on thread 0, the odd ones
    // on thread 1. The odd ones use Adam, AdamW, SGD with momentum and plain SGD, so every kind of
    // optimizer state has to move.
    const dynamics = [{ optimizer: 'adam' }, { optimizer: 'adamw', weightDecayDecoder: 0.5 }, { optimizer: 'sgd', momentum: 0.9, lrEncoder: 0.05, lrDecoder: 0.05 }, { optimizer: 'sgd', lrEncoder: 0.05, lrDecoder: 0.05 }] as const;
    const runs = Array.from({ length: 8 }, (_, i) => specOf(resolveExperiment({ ...CANONICAL, seed: 10 + i, dynamics: dynamics[Math.floor(i / 2) % 4] })));
    const backend = await wasmBackend({ threads: 2 });
    const batch = (await backend.createBatchTrainer!(runs)) as WasmBatchTrainer;
    const separate = await Promise.all(runs.map((s) => backend.createTrainer(s)));
    await Promise.all([batch.step(20), ...separate.map((t) => t.step(20))]);
    [0, 2, 4, 6].forEach((i) => batch.deactivate(i));
    expect(batch.activeRunsPerThread).toEqual([0, 4]);
    const losses = await batch.step(30);
    expect(batch.activeRunsPerThread).toEqual([2, 2]);
    expect(batch.runsMoved).toBe(2);
    for (const i of [1, 3, 5, 7]) {
      expect(losses[i]).toBe(await separate[i].step(30));
      expect(packParams(await batch.readParams(i))).toEqual(packParams(await separate[i].readParams()));
    }
    // once balanced, further steps move nothing
    await batch.step(5);
    expect(batch.runsMoved).toBe(2);
    for (const i of [0, 2, 4, 6]) expect(packParams(await batch.readParams(i))).toEqual(packParams(await separate[i].readParams()));
    separate.forEach((t) => t.dispose());
    batch.dispose();
  }, 60_000);

  it('queues calls made while a step runs, and refuses bad indices and use after dispose', async () => {
    const batch = await (await wasmBackend({ threads: 2 })).createBatchTrainer!(specs.slice(0, 3));
    const stepping = batch.step(50);
    const params = batch.readParams(0); // issued during the step, answered after it
    const [, read] = await Promise.all([stepping, params]);
    expect(packParams(read)).toEqual(packParams(await batch.readParams(0)));
    await expect(batch.readParams(3)).rejects.toThrow(RangeError);
    expect(() => batch.deactivate(-1)).toThrow(RangeError);
    await expect(batch.step(-2)).rejects.toThrow(/non-negative integer/);
    batch.dispose();
    await expect(batch.step(1)).rejects.toThrow(/disposed/);
  }, 60_000);

  it('reports a bad run description from the worker that builds it', async () => {
    const bad = { ...specs[0], data: { ...specs[0].data, train: Int32Array.from([0, 1, 99999]) } };
    await expect((await wasmBackend({ threads: 2 })).createBatchTrainer!([specs[1], bad])).rejects.toThrow(/training pair index out of range/);
  });
});
