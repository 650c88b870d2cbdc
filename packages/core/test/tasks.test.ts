import fc from 'fast-check';
import { bipartiteRelation, greaterRelation, makeDataset, modRelation, relationOf, resolveExperiment, trainSize } from '@geneft/core';

const count = (m: { data: Uint8Array }) => m.data.reduce((s, x) => s + x, 0);

describe('relations', () => {
  it('mod k on n = 30 has k classes of n/k: k·(n/k)² related pairs', () => {
    expect(count(modRelation(30, 3))).toBe(3 * 10 * 10);
    expect(count(modRelation(30, 5))).toBe(5 * 6 * 6);
    const m = modRelation(30, 3);
    expect(m.data[0 * 30 + 3]).toBe(1);
    expect(m.data[0 * 30 + 4]).toBe(0);
  });

  it('greater is the strict order x < y: n(n−1)/2 pairs, irreflexive, antisymmetric, transitive', () => {
    const n = 12;
    const m = greaterRelation(n);
    expect(count(m)).toBe((n * (n - 1)) / 2);
    for (let x = 0; x < n; x++) {
      expect(m.data[x * n + x]).toBe(0);
      for (let y = 0; y < n; y++) {
        if (x !== y) expect(m.data[x * n + y] + m.data[y * n + x]).toBe(1);
        for (let z = 0; z < n; z++) if (m.data[x * n + y] && m.data[y * n + z]) expect(m.data[x * n + z]).toBe(1);
      }
    }
  });

  it('bipartite a = 10 on 30 is K_{10,20}: 2·10·20 ordered pairs', () => {
    expect(count(bipartiteRelation(30, 10))).toBe(400);
  });

  it('graph from a matrix or an edge list', () => {
    const fromMatrix = relationOf(resolveExperiment({ task: { relation: 'graph', matrix: [[0, 1], [1, 1]] } }).task);
    expect(Array.from(fromMatrix.data)).toEqual([0, 1, 1, 1]);
    const fromEdges = relationOf(resolveExperiment({ task: { relation: 'graph', n: 3, edges: [[0, 2], [2, 2]] } }).task);
    expect(Array.from(fromEdges.data)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 1]);
  });
});

describe('dataset split', () => {
  it('partitions all n² pairs with round(p·n²) for training, sorted, deterministic by splitSeed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 20 }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.integer({ min: 0, max: 1000 }), (n, p, seed) => {
        const task = resolveExperiment({ task: { relation: 'greater', n, trainFraction: p, splitSeed: seed } }).task;
        const d = makeDataset(task);
        expect(d.train.length).toBe(trainSize(n * n, p));
        expect(d.train.length + d.test.length).toBe(n * n);
        const all = new Set([...d.train, ...d.test]);
        expect(all.size).toBe(n * n);
        expect(Array.from(d.train)).toEqual(Array.from(d.train).sort((a, b) => a - b));
        expect(Array.from(makeDataset(task).train)).toEqual(Array.from(d.train));
      }),
      { numRuns: 50 },
    );
  });

  it('different split seeds give different training sets', () => {
    const t = (s: number) => resolveExperiment({ task: { relation: 'mod', n: 30, splitSeed: s } }).task;
    expect(Array.from(makeDataset(t(0)).train)).not.toEqual(Array.from(makeDataset(t(1)).train));
  });
});
