import { resolveSweep, sweepCells } from '@geneft/core';
import { makeBlocks, sweepId } from '../src';

const spec = (evalEvery: number[]) =>
  resolveSweep({
    base: { task: { relation: 'mod', k: 3, n: 12 }, budget: { steps: 100, evalEvery: 50 } },
    axes: [
      { path: 'budget.evalEvery', values: evalEvery },
      { path: 'dynamics.lrDecoder', log: [1e-3, 1e-1, 5] },
    ],
    seeds: [0],
  });

describe('blocks', () => {
  it('hold at most K cells that share evalEvery, in order, every cell once', () => {
    const cells = sweepCells(spec([10, 20]));
    const blocks = makeBlocks(cells, 3);
    expect(blocks.map((b) => b.length)).toEqual([3, 2, 3, 2]);
    for (const b of blocks) expect(new Set(b.map((c) => c.config.budget.evalEvery)).size).toBe(1);
    expect(blocks.flat().map((c) => c.index)).toEqual(cells.map((c) => c.index));
    expect(() => makeBlocks(cells, 0)).toThrow('positive integer');
  });

  it('a sweep id depends on the sweep, the backend and the block size only', () => {
    expect(sweepId(spec([10]), 'reference', 4)).toBe(sweepId(spec([10]), 'reference', 4));
    expect(sweepId(spec([10]), 'reference', 4)).toMatch(/^sweep-[0-9a-f]{16}$/);
    expect(sweepId(spec([10]), 'native', 4)).not.toBe(sweepId(spec([10]), 'reference', 4));
    expect(sweepId(spec([10]), 'reference', 8)).not.toBe(sweepId(spec([10]), 'reference', 4));
    expect(sweepId(spec([20]), 'reference', 4)).not.toBe(sweepId(spec([10]), 'reference', 4));
  });
});
