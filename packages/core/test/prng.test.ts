import fc from 'fast-check';
import { Prng } from '@geneft/core';

describe('Prng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (seed) => {
        const a = Prng.fromSeed(seed);
        const b = Prng.fromSeed(seed);
        const c = Prng.fromSeed(seed + 1);
        const xs = Array.from({ length: 8 }, () => a.nextUint32());
        expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(xs);
        expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(xs);
      }),
    );
  });

  it('split streams depend on the seed and label, not on how much the parent was used', () => {
    const parent = Prng.fromSeed(42);
    const before = parent.split('decoder/0').next();
    for (let i = 0; i < 100; i++) parent.next();
    expect(parent.split('decoder/0').next()).toBe(before);
    expect(parent.split('decoder/1').next()).not.toBe(before);
  });

  it('next() is uniform on [0, 1): mean, variance and range', () => {
    const r = Prng.fromSeed(1);
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
      sq += x * x;
    }
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sq / n - mean * mean - 1 / 12)).toBeLessThan(2e-3);
  });

  it('normal() has mean 0, variance 1 and the Gaussian fourth moment 3', () => {
    const r = Prng.fromSeed(2);
    const n = 200_000;
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      m1 += z;
      m2 += z * z;
      m4 += z ** 4;
    }
    expect(Math.abs(m1 / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(m2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(m4 / n - 3)).toBeLessThan(0.1);
  });

  it('shuffle is a permutation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer(), (len, seed) => {
        const a = Int32Array.from({ length: len }, (_, i) => i);
        Prng.fromSeed(seed).shuffle(a);
        expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: len }, (_, i) => i));
      }),
    );
  });
});
