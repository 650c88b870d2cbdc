import { resolveSweep, sweepCells } from '@geneft/core';
import { flowId, sweepId } from '../src';

const spec = (evalEvery: number[]) =>
  resolveSweep({
    base: { task: { relation: 'mod', k: 3, n: 12 }, budget: { steps: 100, evalEvery: 50 } },
    axes: [
      { path: 'budget.evalEvery', values: evalEvery },
      { path: 'dynamics.lrDecoder', log: [1e-3, 1e-1, 5] },
    ],
    seeds: [0],
  });

describe('sweep and flow ids', () => {
  it('a flow id extends the sweep id with the exact set of cells, in any order', () => {
    const sweep = sweepId(spec([10]), 'reference', 4);
    const hashes = sweepCells(spec([10])).map((c) => c.configHash);
    expect(flowId(sweep, hashes)).toMatch(new RegExp(`^${sweep}-[0-9a-f]{12}$`));
    expect(flowId(sweep, [...hashes].reverse())).toBe(flowId(sweep, hashes));
    expect(flowId(sweep, hashes.slice(1))).not.toBe(flowId(sweep, hashes));
  });

  it('a sweep id depends on the sweep, the backend and the block size only', () => {
    expect(sweepId(spec([10]), 'reference', 4)).toBe(sweepId(spec([10]), 'reference', 4));
    expect(sweepId(spec([10]), 'reference', 4)).toMatch(/^sweep-[0-9a-f]{16}$/);
    expect(sweepId(spec([10]), 'native', 4)).not.toBe(sweepId(spec([10]), 'reference', 4));
    expect(sweepId(spec([10]), 'reference', 8)).not.toBe(sweepId(spec([10]), 'reference', 4));
    expect(sweepId(spec([20]), 'reference', 4)).not.toBe(sweepId(spec([10]), 'reference', 4));
  });
});
