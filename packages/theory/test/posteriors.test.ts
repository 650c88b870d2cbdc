import fc from 'fast-check';
import { Prng } from '@geneft/core';
import { bipartitePosterior } from '../src/bipartite-posterior';
import { equivalencePosterior } from '../src/equivalence-posterior';
import { countLinearExtensions, posetFromPairs, precedenceProbabilities, sampleLinearExtension } from '../src/linear-extensions';
import { InconsistentObservationsError, type Observation } from '../src/observations';
import { totalOrderPosterior } from '../src/order-posterior';
import { achievableAccuracy, familyRelation, sampleObservations } from '../src/achievable-accuracy';
import { accuracyUpperBound } from '../src/balls-in-buckets';
import { equivalenceBits } from '../src/description-length';

/** All labelings of 0..n−1 consistent with the observations, as relation predicates, by brute force. */
function bruteForcePosterior(n: number, members: ((x: number, y: number) => boolean)[], obs: Observation[]) {
  const consistent = members.filter((rel) => obs.every((o) => rel(o.x, o.y) === (o.label === 1)));
  const p = new Float64Array(n * n);
  for (const rel of consistent) for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) if (rel(x, y)) p[x * n + y] += 1 / consistent.length;
  return { p, count: consistent.length };
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const rest of permutations(n - 1)) for (let i = 0; i <= rest.length; i++) out.push([...rest.slice(0, i), n - 1, ...rest.slice(i)]);
  return out;
}

/** Distinct equivalence relations with the given class sizes, as class-of arrays. */
function partitions(n: number, sizes: number[]): Int32Array[] {
  const seen = new Set<string>();
  const out: Int32Array[] = [];
  for (const perm of permutations(n)) {
    const cls = new Int32Array(n);
    let x = 0;
    sizes.forEach((s, c) => {
      for (let i = 0; i < s; i++) cls[perm[x++]] = c;
    });
    // canonical: relabel classes by first appearance
    const map = new Map<number, number>();
    const canon = Array.from(cls, (c) => {
      if (!map.has(c)) map.set(c, map.size);
      return map.get(c)!;
    });
    const key = canon.join(',');
    if (!seen.has(key)) {
      seen.add(key);
      out.push(Int32Array.from(canon));
    }
  }
  return out;
}

function observationsFrom(n: number, truth: (x: number, y: number) => boolean, picks: number[]): Observation[] {
  const unique = [...new Set(picks.map((p) => p % (n * n)))];
  return unique.map((p) => ({ x: Math.floor(p / n), y: p % n, label: truth(Math.floor(p / n), p % n) ? 1 : 0 }));
}

function expectClose(a: Float64Array, b: Float64Array) {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 10);
}

describe('equivalence posterior', () => {
  const cases: number[][] = [
    [2, 2, 2],
    [3, 3],
    [3, 2, 2],
    [4, 2, 1],
    [2, 2, 2, 1],
  ];
  for (const sizes of cases) {
    const n = sizes.reduce((a, b) => a + b, 0);
    const members = partitions(n, sizes).map((cls) => (x: number, y: number) => cls[x] === cls[y]);
    test(`matches brute force, class sizes ${sizes.join('+')}`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: members.length - 1 }), fc.array(fc.nat(), { maxLength: 2 * n }), (truthIndex, picks) => {
          const obs = observationsFrom(n, members[truthIndex], picks);
          const exact = bruteForcePosterior(n, members, obs);
          const post = equivalencePosterior(sizes, obs);
          expectClose(post.probability, exact.p);
          // labelled classes: each partition counts once per labelling of equal-size classes
          const mult = [...new Set(sizes)].reduce((m, s) => m * factorial(sizes.filter((t) => t === s).length), 1);
          expect(post.consistent).toBeCloseTo(exact.count * mult, 6);
        }),
        { numRuns: 60 },
      );
    });
  }

  test('rejects contradictory observations', () => {
    expect(() => equivalencePosterior([2, 2], [{ x: 0, y: 1, label: 1 }, { x: 1, y: 2, label: 1 }, { x: 0, y: 2, label: 0 }])).toThrow(
      InconsistentObservationsError,
    );
    expect(() => equivalencePosterior([2, 2], [{ x: 0, y: 1, label: 1 }, { x: 1, y: 2, label: 1 }])).toThrow(InconsistentObservationsError);
  });
});

function factorial(k: number): number {
  return k <= 1 ? 1 : k * factorial(k - 1);
}

describe('total order posterior and linear extensions', () => {
  test('precedence probabilities and counts match brute force over permutations', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 10 }), (n, raw) => {
        // orient random pairs by a hidden order (the identity) so they are consistent
        const pairs = raw.map(([a, b]) => [a % n, b % n] as [number, number]).filter(([a, b]) => a !== b).map(([a, b]) => (a < b ? [a, b] : [b, a]) as [number, number]);
        const poset = posetFromPairs(n, pairs);
        const exts = permutations(n).filter((perm) => {
          const at = new Int32Array(n);
          perm.forEach((v, i) => (at[v] = i));
          return pairs.every(([a, b]) => at[a] < at[b]);
        });
        expect(countLinearExtensions(poset)).toBe(exts.length);
        const p = precedenceProbabilities(poset);
        const want = new Float64Array(n * n);
        for (const perm of exts) for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) want[perm[i] * n + perm[j]] += 1 / exts.length;
        expectClose(p, want);
      }),
      { numRuns: 150 },
    );
  });

  test('order posterior equals brute force over relabelled orders', () => {
    const n = 6;
    const members = permutations(n).map((perm) => (x: number, y: number) => perm.indexOf(x) < perm.indexOf(y));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: members.length - 1 }), fc.array(fc.nat(), { maxLength: 14 }), (t, picks) => {
        const obs = observationsFrom(n, members[t], picks);
        const exact = bruteForcePosterior(n, members, obs);
        const post = totalOrderPosterior(n, obs);
        expectClose(post.probability, exact.p);
        expect(post.consistent).toBe(exact.count);
      }),
      { numRuns: 80 },
    );
  });

  test('the sampler is uniform over linear extensions (chi-square)', () => {
    // N-shaped poset plus a free element: 0<2, 1<2, 1<3, and 4 alone
    const poset = posetFromPairs(5, [
      [0, 2],
      [1, 2],
      [1, 3],
    ]);
    const total = countLinearExtensions(poset);
    const prng = Prng.fromSeed(7);
    const counts = new Map<string, number>();
    const draws = 20000;
    for (let i = 0; i < draws; i++) {
      const key = sampleLinearExtension(poset, prng).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(total);
    const expected = draws / total;
    let chi2 = 0;
    for (const c of counts.values()) chi2 += (c - expected) ** 2 / expected;
    // 5 extensions of the N times 5 places for the free element; χ²(24) has its 99.9% quantile at 51.2.
    expect(total).toBe(25);
    expect(chi2).toBeLessThan(51.2);
  });
});

describe('bipartite posterior', () => {
  for (const [n, a] of [
    [6, 2],
    [6, 3],
    [7, 3],
  ]) {
    const members: ((x: number, y: number) => boolean)[] = [];
    for (let mask = 0; mask < 1 << n; mask++) {
      let bits = 0;
      for (let i = 0; i < n; i++) bits += (mask >> i) & 1;
      if (bits !== a) continue;
      if (2 * a === n && mask & 1) continue; // S and its complement are the same relation
      members.push((x, y) => ((mask >> x) & 1) !== ((mask >> y) & 1));
    }
    test(`matches brute force, K_{${a},${n - a}}`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: members.length - 1 }), fc.array(fc.nat(), { maxLength: 2 * n }), (t, picks) => {
          const obs = observationsFrom(n, members[t], picks);
          const exact = bruteForcePosterior(n, members, obs);
          expectClose(bipartitePosterior(n, a, obs).probability, exact.p);
        }),
        { numRuns: 60 },
      );
    });
  }
});

describe('achievable accuracy Monte Carlo', () => {
  test('matches an exact average over every training set on a tiny equivalence', () => {
    // classes {2, 2, 1}, n = 5, m = 3 pairs: average the exact Bayes accuracy over all C(25, 3)
    // training sets by brute force, and compare with the Monte Carlo within 4 standard errors.
    const sizes = [2, 2, 1];
    const n = 5;
    const members = partitions(n, sizes).map((cls) => (x: number, y: number) => cls[x] === cls[y]);
    const truth = familyRelation({ kind: 'equivalence', classSizes: sizes });
    const rel = (x: number, y: number) => truth.data[x * n + y] === 1;
    let sum = 0;
    let count = 0;
    for (let i = 0; i < 25; i++) {
      for (let j = i + 1; j < 25; j++) {
        for (let k = j + 1; k < 25; k++) {
          const obs = observationsFrom(n, rel, [i, j, k]);
          const { p } = bruteForcePosterior(n, members, obs);
          let acc = 0;
          for (const q of p) acc += Math.max(q, 1 - q);
          sum += acc / 25;
          count++;
        }
      }
    }
    const exactMean = sum / count;
    const mc = achievableAccuracy({ kind: 'equivalence', classSizes: sizes }, 3 / 25, { trials: 400, seed: 3 });
    expect(mc.pairs).toBe(3);
    expect(Math.abs(mc.accuracy - exactMean)).toBeLessThan(4 * mc.stdError);
  });

  test('sampled observations are distinct pairs with the true labels', () => {
    const rel = familyRelation({ kind: 'order', n: 6 });
    const obs = sampleObservations(rel, 20, Prng.fromSeed(1));
    expect(new Set(obs.map((o) => o.x * 6 + o.y)).size).toBe(20);
    for (const o of obs) expect(o.label).toBe(o.x < o.y ? 1 : 0);
  });

  test('mod 3 on 30 symbols: above 0.95 at fraction 0.3 and above f_UB through the transition', () => {
    const family = { kind: 'equivalence' as const, classSizes: [10, 10, 10] };
    const bits = equivalenceBits([10, 10, 10]);
    const at30 = achievableAccuracy(family, 0.3, { trials: 10 });
    expect(at30.accuracy).toBeGreaterThan(0.95);
    for (const f of [0.07, 0.1, 0.15]) {
      const point = achievableAccuracy(family, f, { trials: 10 });
      const bound = accuracyUpperBound(point.pairs, bits, 1 / 3);
      expect(point.accuracy).toBeGreaterThan(bound);
      expect(point.accuracy - bound).toBeLessThan(0.06);
    }
  });
});
