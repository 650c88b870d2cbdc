import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { coarseToFine, GenEftInputError, makeBlocks, rangeValues, resolveSweep, runExperiment, sweepCells, type SweepCell } from '@geneft/core';
import { executeCells, executeSweep, RunStore, toStoredRun } from '@geneft/core/node';

const tiny = (axes: unknown[], seeds = [0]) =>
  resolveSweep({
    base: { task: { n: 6, k: 2 }, decoder: { kind: 'mlp', width: 4, depth: 1 }, budget: { steps: 30, evalEvery: 10 } },
    axes,
    seeds,
  });

describe('sweep expansion', () => {
  it('log and lin ranges include both ends and are evenly spaced', () => {
    expect(rangeValues(1e-4, 1e-2, 5, true)).toEqual([1e-4, 0.000316227766017, 0.001, 0.00316227766017, 0.01]);
    expect(rangeValues(0, 1, 3, false)).toEqual([0, 0.5, 1]);
    expect(rangeValues(3, 9, 1, false)).toEqual([3]);
  });

  it('is the product of the axes times the seeds, with the values set at their paths', () => {
    const spec = tiny([{ path: 'dynamics.lrEncoder', values: [0.1, 0.2] }, { path: 'decoder.depth', lin: [1, 3, 3] }], [0, 5]);
    const cells = sweepCells(spec);
    expect(cells).toHaveLength(2 * 3 * 2);
    expect(cells[0].config.dynamics.lrEncoder).toBe(0.1);
    expect(cells[11].config.dynamics.lrEncoder).toBe(0.2);
    expect(cells[11].config).toMatchObject({ decoder: { depth: 3 }, seed: 5 });
    expect(new Set(cells.map((c) => c.configHash)).size).toBe(cells.length);
  });

  it('splitSeeds "fromSeed" gives every seed its own split; absent, the base split is kept and the spec is unchanged', () => {
    const axes = [{ path: 'dynamics.lrEncoder', values: [0.1, 0.2] }];
    const base = { task: { n: 6, k: 2, splitSeed: 7 }, budget: { steps: 30, evalEvery: 10 } };
    const fixed = resolveSweep({ base, axes, seeds: [0, 3] });
    expect('splitSeeds' in fixed).toBe(false);
    expect(sweepCells(fixed).map((c) => c.config.task.splitSeed)).toEqual([7, 7, 7, 7]);
    expect(sweepCells(resolveSweep({ base, axes, seeds: [0, 3], splitSeeds: 'fixed' })).map((c) => c.configHash)).toEqual(sweepCells(fixed).map((c) => c.configHash));
    const varied = sweepCells(resolveSweep({ base, axes, seeds: [0, 3], splitSeeds: 'fromSeed' }));
    expect(varied.map((c) => [c.seed, c.config.task.splitSeed, c.config.dynamics.lrEncoder])).toEqual([
      [0, 0, 0.1],
      [3, 3, 0.1],
      [0, 0, 0.2],
      [3, 3, 0.2],
    ]);
    expect(() => resolveSweep({ base, axes: [{ path: 'task.splitSeed', values: [1, 2] }], splitSeeds: 'fromSeed' })).toThrow('$.axes[0].path: expected no task.splitSeed axis');
    expect(() => resolveSweep({ base, splitSeeds: 'perSeed' })).toThrow('$.splitSeeds: expected one of');
  });

  it('reports a bad axis value at the axis, with the reason', () => {
    let error: unknown;
    try {
      tiny([{ path: 'dynamics.lrDecoder', values: [0.1, -1] }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GenEftInputError);
    expect((error as Error).message).toBe('$.axes[0]: expected values that are a number ≥ 0 at $.dynamics.lrDecoder, got -1');
    expect(() => tiny([{ path: 'dynamics.lrDecoderr', values: [1] }])).toThrow('$.axes[0].path: expected a path that exists');
    expect(() => tiny([{ path: 'dynamics.lrDecoder', log: [0, 1, 3] }])).toThrow('$.axes[0].log: expected positive ends');
    expect(() => resolveSweep({ base: { task: { relation: 'moo' } } })).toThrow('$.base.task.relation: expected one of');
  });
});

describe('coarse-to-fine order', () => {
  const grid = (sizes: number[]): SweepCell[] => {
    const cells: SweepCell[] = [];
    const rec = (prefix: number[]) => {
      if (prefix.length === sizes.length) {
        cells.push({ index: cells.length, coords: prefix, seed: 0, config: undefined as never, configHash: String(cells.length) });
        return;
      }
      for (let i = 0; i < sizes[prefix.length]; i++) rec([...prefix, i]);
    };
    rec([]);
    return cells;
  };

  it('is a permutation that starts with the coarsest sub-grid', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 3 }), (sizes) => {
        const cells = grid(sizes);
        const ordered = coarseToFine(cells, sizes);
        expect(ordered.map((c) => c.index).sort((a, b) => a - b)).toEqual(cells.map((c) => c.index));
        // every cell whose coords are all even comes before any cell with an odd coordinate
        const firstOdd = ordered.findIndex((c) => c.coords.some((i) => i % 2 === 1));
        const lastAllEven = ordered.map((c) => c.coords.every((i) => i % 2 === 0)).lastIndexOf(true);
        if (firstOdd >= 0) expect(lastAllEven).toBeLessThan(firstOdd);
      }),
    );
  });
});

describe('executeSweep', () => {
  const axes = [{ path: 'dynamics.lrEncoder', log: [1e-3, 1e-1, 3] }, { path: 'dynamics.lrDecoder', values: [1e-3, 1e-2] }];

  it('runs every cell once in-process, and a second execution runs nothing', async () => {
    const store = RunStore.open(mkdtempSync(join(tmpdir(), 'geneft-sweep-')));
    const spec = tiny(axes, [0, 1]);
    const first = await executeSweep(spec, { store, backend: 'reference', workers: 1 });
    expect(first).toMatchObject({ done: 12, total: 12, resumed: 0 });
    expect(store.readAll()).toHaveLength(12);
    const again = await executeSweep(spec, { store, backend: 'reference', workers: 1 });
    expect(again).toMatchObject({ done: 12, total: 12, resumed: 12 });
    expect(store.readAll()).toHaveLength(12);
  }, 60_000);

  it('worker threads give the same results as in-process runs', async () => {
    const spec = tiny(axes);
    const a = RunStore.open(mkdtempSync(join(tmpdir(), 'geneft-sweep-')));
    const b = RunStore.open(mkdtempSync(join(tmpdir(), 'geneft-sweep-')));
    await executeSweep(spec, { store: a, backend: 'reference', workers: 1 });
    const progress: number[] = [];
    await executeSweep(spec, { store: b, backend: 'reference', workers: 2, onProgress: (p) => progress.push(p.done) });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    const key = (runs: ReturnType<RunStore['readAll']>) =>
      runs.map((r) => [r.configHash, r.phase, r.steps, r.trainLoss]).sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(key(b.readAll())).toEqual(key(a.readAll()));
  }, 60_000);

  it('an abort stops threads and in-process runs at once; what finished is kept and the rest runs on resume', async () => {
    const spec = resolveSweep({
      base: { task: { n: 20, k: 2 }, decoder: { kind: 'mlp', width: 16, depth: 2 }, budget: { steps: 100000, evalEvery: 10 }, dynamics: { lrEncoder: 1e-6, lrDecoder: 1e-6 } },
      axes: [{ path: 'dynamics.lrEncoder', values: [1e-6, 2e-6, 3e-6] }],
    });
    for (const workers of [1, 2]) {
      const store = RunStore.open(mkdtempSync(join(tmpdir(), 'geneft-sweep-')));
      const controller = new AbortController();
      // every run needs far more than this: the abort lands mid-run
      setTimeout(() => controller.abort(), 300);
      const progress = await executeSweep(spec, { store, backend: 'reference', workers, signal: controller.signal });
      expect(progress).toMatchObject({ done: 0, total: 3 });
      expect(store.readAll()).toEqual([]);
      store.close();
    }
  }, 60_000);

  it('executeCells runs exactly the cells given (a shard), in blocks, skipping those stored', async () => {
    const spec = tiny(axes, [0, 1]);
    const cells = sweepCells(spec).filter((_, i) => i % 3 === 0);
    const store = RunStore.open(mkdtempSync(join(tmpdir(), 'geneft-sweep-')));
    store.append({ ...toStoredRun(await runOne(cells[0].config)) });
    const progress = await executeCells(cells, { store, backend: 'reference', workers: 2, blockSize: 2 });
    expect(progress).toMatchObject({ done: 4, total: 4, resumed: 1 });
    expect(new Set(store.readAll().map((r) => r.configHash))).toEqual(new Set(cells.map((c) => c.configHash)));
    store.close();
  }, 60_000);
});

describe('makeBlocks', () => {
  it('holds at most K cells that share evalEvery, in order, every cell once', () => {
    const spec = resolveSweep({
      base: { task: { relation: 'mod', k: 3, n: 12 }, budget: { steps: 100, evalEvery: 50 } },
      axes: [{ path: 'budget.evalEvery', values: [10, 20] }, { path: 'dynamics.lrDecoder', log: [1e-3, 1e-1, 5] }],
    });
    const cells = sweepCells(spec);
    const blocks = makeBlocks(cells, 3);
    expect(blocks.map((b) => b.length)).toEqual([3, 2, 3, 2]);
    for (const b of blocks) expect(new Set(b.map((c) => c.config.budget.evalEvery)).size).toBe(1);
    expect(blocks.flat().map((c) => c.index)).toEqual(cells.map((c) => c.index));
    expect(() => makeBlocks(cells, 0)).toThrow('positive integer');
  });
});

const runOne = async (config: SweepCell['config']) => {
  const { finalParams: _p, ...result } = await runExperiment(config, { dynamics: 'reference' });
  return result;
};

