import { packParams } from '@geneft/core';
import { nativeBackend, NATIVE_CAPABILITIES } from '../src';
import { mixedBlock } from '@geneft/core/testing';

describe('batch trainer', () => {
  const specs = mixedBlock();

  it('declares batched runs', () => {
    expect(NATIVE_CAPABILITIES.batchedRuns).toBe(true);
    expect(nativeBackend().createBatchTrainer).toBeDefined();
  });

  it('gives exactly the trajectories of separate trainers, on any number of threads', async () => {
    const backend = nativeBackend({ threads: 3 });
    const separate = await Promise.all(specs.map((s) => backend.createTrainer(s)));
    const batch = await backend.createBatchTrainer!(specs);
    const single = await nativeBackend({ threads: 1 }).createBatchTrainer!(specs);
    expect(batch.size).toBe(specs.length);
    for (const k of [1, 7, 30]) {
      const expected = await Promise.all(separate.map((t) => t.step(k)));
      const [got, gotSingle] = [await batch.step(k), await single.step(k)];
      expect(Array.from(got)).toEqual(expected);
      expect(Array.from(gotSingle)).toEqual(expected);
    }
    for (let i = 0; i < specs.length; i++) {
      expect(packParams(await batch.readParams(i))).toEqual(packParams(await separate[i].readParams()));
    }
    const evaluations = await batch.evaluate();
    for (let i = 0; i < specs.length; i++) expect(evaluations[i]).toEqual(await separate[i].evaluate());
    separate.forEach((t) => t.dispose());
    batch.dispose();
    single.dispose();
  });

  it('stops advancing deactivated runs and keeps their last loss and evaluation', async () => {
    const backend = nativeBackend({ threads: 2 });
    const batch = await backend.createBatchTrainer!(specs);
    const separate = await Promise.all(specs.map((s) => backend.createTrainer(s)));
    const first = await batch.step(5);
    await Promise.all(separate.map((t) => t.step(5)));
    const before = await batch.evaluate();
    const frozen = packParams(await batch.readParams(2));
    batch.deactivate(2);
    batch.deactivate(5);
    const second = await batch.step(5);
    expect(second[2]).toBe(first[2]);
    expect(second[5]).toBe(first[5]);
    expect(packParams(await batch.readParams(2))).toEqual(frozen);
    for (const i of [0, 1, 3, 4, 6]) expect(second[i]).toBe(await separate[i].step(5));
    // stopped runs keep their (cached) evaluation; the others are evaluated afresh after the step
    const after = await batch.evaluate();
    for (let i = 0; i < specs.length; i++) expect(after[i]).toEqual(await separate[i].evaluate());
    for (const i of [2, 5]) expect(after[i]).toEqual(before[i]);
    for (const i of [0, 1, 3, 4, 6]) expect(after[i].trainLoss).not.toBe(before[i].trainLoss);
    separate.forEach((t) => t.dispose());
    batch.dispose();
  });

  it('queues calls made while a step runs', async () => {
    const batch = await nativeBackend({ threads: 2 }).createBatchTrainer!(specs.slice(0, 3));
    const stepping = batch.step(50);
    const params = batch.readParams(0); // issued during the step, answered after it
    const [, read] = await Promise.all([stepping, params]);
    const after = await batch.readParams(0);
    expect(packParams(read)).toEqual(packParams(after));
    batch.dispose();
  });

  it('rejects run indices out of range', async () => {
    const batch = await nativeBackend().createBatchTrainer!(specs.slice(0, 2));
    await expect(batch.readParams(2)).rejects.toThrow(RangeError);
    expect(() => batch.deactivate(-1)).toThrow(RangeError);
    batch.dispose();
  });
});
