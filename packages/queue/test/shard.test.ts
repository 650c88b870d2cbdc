import fc from 'fast-check';
import { resolveSweep, sweepCells } from '@geneft/core';
import { parseShard, shardCells, shardOf } from '../src';

describe('shards', () => {
  it('are deterministic, disjoint and together cover every item', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 200 }), fc.integer({ min: 1, max: 40 }), (items, count) => {
        const tagged = items.map((value, i) => ({ i, value }));
        const shards = Array.from({ length: count }, (_, index) => shardOf(tagged, { index, count }));
        expect(Array.from({ length: count }, (_, index) => shardOf(tagged, { index, count }))).toEqual(shards);
        const seen = shards.flat().map((t) => t.i);
        expect(new Set(seen).size).toBe(seen.length); // disjoint
        expect([...seen].sort((a, b) => a - b)).toEqual(tagged.map((t) => t.i)); // covering
        // balanced: sizes differ by at most one
        const sizes = shards.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('of a sweep cover its cells, each once', () => {
    const spec = resolveSweep({
      base: { task: { relation: 'mod', k: 3, n: 12 }, budget: { steps: 100, evalEvery: 50 } },
      axes: [
        { path: 'dynamics.lrEncoder', log: [1e-3, 1e-1, 5] },
        { path: 'dynamics.lrDecoder', log: [1e-3, 1e-1, 3] },
      ],
      seeds: [0, 1],
    });
    const all = sweepCells(spec).map((c) => c.configHash).sort();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 35 }), (count) => {
        const hashes = Array.from({ length: count }, (_, index) => shardCells(spec, { index, count }).map((c) => c.configHash)).flat();
        expect(hashes.sort()).toEqual(all);
      }),
      { numRuns: 20 },
    );
  });

  it('parse I/N, 0-based', () => {
    expect(parseShard('0/3')).toEqual({ index: 0, count: 3 });
    expect(parseShard(' 2/3 ')).toEqual({ index: 2, count: 3 });
    for (const bad of ['3/3', '1/0', '-1/2', 'a/b', '1', '1/2/3', '']) expect(parseShard(bad)).toBeNull();
  });
});
