import { bipartiteRelation, greaterRelation, modRelation, type RelationMatrix } from '@geneft/core';
import fc from 'fast-check';
import { automorphismGroup } from '../src/automorphisms';
import { accuracyUpperBound, criticalFraction, edgeDensity, knownFraction, pStarOf, staticsCurve } from '../src/balls-in-buckets';
import { binomial, factorial, log2BigInt } from '../src/big-math';
import {
  completeBipartiteBits,
  descriptionLength,
  equivalenceApproxBits,
  equivalenceBits,
  genericBits,
  modClassSizes,
  symmetricBits,
  totalOrderBits,
} from '../src/description-length';

describe('description length b = log2(n!/|Aut(G)|)', () => {
  test('science.md C1: the four relations at n = 30', () => {
    expect(descriptionLength(modRelation(30, 3)).bits).toBeCloseTo(39.75, 2);
    expect(descriptionLength(modRelation(30, 5)).bits).toBeCloseTo(53.34, 2);
    expect(descriptionLength(greaterRelation(30)).bits).toBeCloseTo(107.71, 2);
    expect(descriptionLength(bipartiteRelation(30, 10)).bits).toBeCloseTo(24.84, 2);
    expect(equivalenceApproxBits(30, 3)).toBeCloseTo(47.55, 2);
    expect(equivalenceApproxBits(30, 5)).toBeCloseTo(69.66, 2);
    expect(symmetricBits(30)).toBe(465);
    expect(genericBits(30)).toBe(900);
  });

  test('closed forms agree with the general computation', () => {
    for (const [n, k] of [
      [30, 3],
      [30, 5],
      [30, 7],
      [12, 4],
      [9, 2],
    ]) {
      expect(descriptionLength(modRelation(n, k)).bits).toBeCloseTo(equivalenceBits(modClassSizes(n, k)), 9);
    }
    for (const n of [1, 2, 5, 30, 100]) expect(descriptionLength(greaterRelation(n)).bits).toBeCloseTo(totalOrderBits(n), 9);
    for (const [n, a] of [
      [30, 10],
      [30, 15],
      [8, 3],
      [2, 1],
    ]) {
      expect(descriptionLength(bipartiteRelation(n, a)).bits).toBeCloseTo(completeBipartiteBits(n, a), 9);
    }
    expect(completeBipartiteBits(30, 10)).toBeCloseTo(log2BigInt(binomial(30, 10)), 12);
    // unequal classes: sizes 4, 4, 2 — two equal classes swap
    expect(equivalenceBits([4, 4, 2])).toBeCloseTo(Math.log2(Number(factorial(10) / (24n * 24n * 2n * 2n))), 12);
  });

  test('generic and symmetric rows: the orbits of all (symmetric) relations add up to the family size', () => {
    // Σ over isomorphism classes of n!/|Aut(G)| must equal 2^{n²} (all relations) and 2^{n(n+1)/2}
    // (symmetric ones), so log2 of the sums is the closed form n² resp. n(n+1)/2.
    for (const n of [1, 2, 3]) {
      for (const symmetric of [false, true]) {
        const seen = new Set<string>();
        let total = 0n;
        const cells = n * n;
        for (let code = 0; code < 2 ** cells; code++) {
          const data = Uint8Array.from({ length: cells }, (_, i) => (code >> i) & 1);
          if (symmetric && !isSymmetric({ n, data })) continue;
          const key = canonicalKey({ n, data });
          if (seen.has(key)) continue;
          seen.add(key);
          total += descriptionLength({ n, data }).labellings;
        }
        expect(log2BigInt(total)).toBeCloseTo(symmetric ? symmetricBits(n) : genericBits(n), 12);
      }
    }
  });

  test('log2 of huge integers is exact to double precision', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 1n << 4000n }), (x) => {
        // independent route: the leading 15 decimal digits and the decimal exponent
        const digits = x.toString();
        const lead = Number(digits.slice(0, 15));
        const want = Math.log2(lead) + (digits.length - Math.min(15, digits.length)) * Math.log2(10);
        expect(Math.abs(log2BigInt(x) - want)).toBeLessThan(1e-9 * Math.max(1, want));
      }),
      { numRuns: 200 },
    );
    let sum = 0;
    for (let k = 2; k <= 300; k++) sum += Math.log2(k);
    expect(log2BigInt(factorial(300))).toBeCloseTo(sum, 9);
    expect(log2BigInt(1n << 5000n)).toBe(5000);
  });

  test('b is between 0 and log2 n!', () => {
    const g: RelationMatrix = { n: 5, data: new Uint8Array(25) };
    expect(descriptionLength(g).bits).toBe(0);
    expect(automorphismGroup(g).order).toBe(120n);
  });
});

function isSymmetric(r: RelationMatrix): boolean {
  for (let u = 0; u < r.n; u++) for (let v = 0; v < r.n; v++) if (r.data[u * r.n + v] !== r.data[v * r.n + u]) return false;
  return true;
}

/** The lexicographically smallest relabelling (brute force, tiny n). */
function canonicalKey(r: RelationMatrix): string {
  const perms = (k: number): number[][] => (k === 0 ? [[]] : perms(k - 1).flatMap((p) => Array.from({ length: k }, (_, i) => [...p.slice(0, i), k - 1, ...p.slice(i)])));
  let best = '';
  for (const p of perms(r.n)) {
    let s = '';
    for (let u = 0; u < r.n; u++) for (let v = 0; v < r.n; v++) s += r.data[p[u] * r.n + p[v]];
    if (best === '' || s < best) best = s;
  }
  return best;
}

describe('balls-in-buckets statics', () => {
  const bits = {
    mod3: descriptionLength(modRelation(30, 3)).bits,
    mod5: descriptionLength(modRelation(30, 5)).bits,
    greater: descriptionLength(greaterRelation(30)).bits,
    bipartite: descriptionLength(bipartiteRelation(30, 10)).bits,
  };

  test('science.md C2: p_c at α = 0.9', () => {
    expect(criticalFraction(bits.greater, 900)).toBeCloseTo(0.274, 3);
    expect(criticalFraction(bits.bipartite, 900)).toBeCloseTo(0.062, 3);
    expect(criticalFraction(bits.mod3, 900)).toBeCloseTo(0.1, 2);
    expect(criticalFraction(bits.mod5, 900)).toBeCloseTo(0.135, 3);
    expect(criticalFraction(equivalenceApproxBits(30, 3), 900)).toBeCloseTo(0.12, 3);
    expect(criticalFraction(equivalenceApproxBits(30, 5), 900)).toBeCloseTo(0.177, 3);
    const pc = (b: number) => criticalFraction(b, 900);
    expect(pc(bits.bipartite)).toBeLessThan(pc(bits.mod3));
    expect(pc(bits.mod3)).toBeLessThan(pc(bits.mod5));
    expect(pc(bits.mod5)).toBeLessThan(pc(bits.greater));
  });

  test('f(N·p_c) = α, and f, f_UB are monotone within [0, 1]', () => {
    fc.assert(
      fc.property(fc.double({ min: 1.5, max: 1e4, noNaN: true }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (b, alpha) => {
        const pc = criticalFraction(b, 900, alpha);
        expect(knownFraction(pc * 900, b)).toBeCloseTo(alpha, 9);
      }),
    );
    let prev = -1;
    let prevUb = -1;
    for (let m = 0; m <= 900; m += 30) {
      const f = knownFraction(m, bits.mod3);
      const ub = accuracyUpperBound(m, bits.mod3, 1 / 3);
      expect(f).toBeGreaterThan(prev);
      expect(ub).toBeGreaterThan(prevUb);
      expect(ub).toBeGreaterThanOrEqual(f);
      expect(ub).toBeLessThanOrEqual(1);
      prev = f;
      prevUb = ub;
    }
    expect(accuracyUpperBound(0, bits.mod3, 1 / 3)).toBeCloseTo(2 / 3, 12);
    expect(knownFraction(5, 0)).toBe(1);
  });

  test('p* per family, and edge density for arbitrary graphs', () => {
    expect(pStarOf({ relation: 'mod', k: 3 })).toBeCloseTo(1 / 3, 12);
    expect(pStarOf({ relation: 'mod', k: 5 })).toBeCloseTo(1 / 5, 12);
    expect(pStarOf({ relation: 'bipartite' })).toBe(0.5);
    expect(pStarOf({ relation: 'greater' })).toBeCloseTo(1 / 3, 12);
    const g = modRelation(30, 3);
    expect(pStarOf({ relation: 'graph' }, g)).toBeCloseTo(1 / 3, 12);
    expect(edgeDensity(greaterRelation(4))).toBeCloseTo(6 / 16, 12);
    const curve = staticsCurve(bits.mod3, 30, 1 / 3, [0.1, 0.3]);
    expect(curve[1].upperBound).toBeGreaterThan(0.99);
    expect(curve[0].pairs).toBeCloseTo(90, 9);
  });
});
