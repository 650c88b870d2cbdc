import type { Prng } from '@geneft/core';
import { InconsistentObservationsError } from './observations';

/** A strict partial order on 0..n−1: less[x*n + y] = 1 iff x < y. Transitively closed. */
export interface Poset {
  readonly n: number;
  readonly less: Uint8Array;
}

export interface LinearExtensionOptions {
  /** refuse (RangeError) when a component has more order ideals than this. Default 5,000,000. */
  maxIdeals?: number;
}

/** Elements in one comparability component beyond this cannot be encoded in a 52-bit ideal key. */
const MAX_COMPONENT = 52;
const HALF = 26;
const HALF_SCALE = 2 ** HALF;

/** The transitive closure of "x < y" for the given pairs; throws when they contain a cycle. */
export function posetFromPairs(n: number, pairs: readonly (readonly [number, number])[]): Poset {
  const less = new Uint8Array(n * n);
  for (const [x, y] of pairs) {
    if (!(x >= 0 && y >= 0 && x < n && y < n)) throw new RangeError(`pair (${x}, ${y}) outside 0..${n - 1}`);
    less[x * n + y] = 1;
  }
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      if (!less[i * n + k]) continue;
      for (let j = 0; j < n; j++) if (less[k * n + j]) less[i * n + j] = 1;
    }
  }
  for (let x = 0; x < n; x++) if (less[x * n + x]) throw new InconsistentObservationsError('the order constraints contain a cycle');
  return { n, less };
}

/** One comparability component with its lattice of order ideals and the counts on it. */
class IdealLattice {
  readonly size: number;
  /** ideals per level (by size): low and high 26-bit halves of the member mask. */
  private readonly lo: Int32Array[] = [];
  private readonly hi: Int32Array[] = [];
  private readonly index: Map<number, number>[] = [];
  /** linear extensions of the ideal (ways to reach it). */
  private readonly ways: Float64Array[] = [];
  /** linear extensions of the complement (ways to finish from it). */
  private readonly rest: Float64Array[] = [];
  private readonly predLo: Int32Array;
  private readonly predHi: Int32Array;

  constructor(
    readonly elements: readonly number[],
    poset: Poset,
    maxIdeals: number,
  ) {
    const k = elements.length;
    this.size = k;
    if (k > MAX_COMPONENT) throw new RangeError(`linear extensions: a comparability component of ${k} > ${MAX_COMPONENT} elements is not supported`);
    this.predLo = new Int32Array(k);
    this.predHi = new Int32Array(k);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        if (poset.less[elements[b] * poset.n + elements[a]]) {
          if (b < HALF) this.predLo[a] |= 1 << b;
          else this.predHi[a] |= 1 << (b - HALF);
        }
      }
    }
    this.lo.push(Int32Array.of(0));
    this.hi.push(Int32Array.of(0));
    this.index.push(new Map([[0, 0]]));
    this.ways.push(Float64Array.of(1));
    let total = 1;
    for (let s = 0; s < k; s++) {
      const lo = this.lo[s];
      const hi = this.hi[s];
      const ways = this.ways[s];
      const nextIndex = new Map<number, number>();
      const nLo: number[] = [];
      const nHi: number[] = [];
      const nWays: number[] = [];
      for (let i = 0; i < lo.length; i++) {
        this.forEachAddable(lo[i], hi[i], (a, l2, h2) => {
          const key = h2 * HALF_SCALE + l2;
          const at = nextIndex.get(key);
          if (at === undefined) {
            nextIndex.set(key, nLo.length);
            nLo.push(l2);
            nHi.push(h2);
            nWays.push(ways[i]);
          } else {
            nWays[at] += ways[i];
          }
        });
      }
      total += nLo.length;
      if (total > maxIdeals) throw new RangeError(`linear extensions: more than ${maxIdeals} order ideals in one component`);
      this.lo.push(Int32Array.from(nLo));
      this.hi.push(Int32Array.from(nHi));
      this.index.push(nextIndex);
      this.ways.push(Float64Array.from(nWays));
    }
    this.rest = new Array(k + 1);
    this.rest[k] = Float64Array.of(1);
    for (let s = k - 1; s >= 0; s--) {
      const r = new Float64Array(this.lo[s].length);
      const next = this.rest[s + 1];
      const nextIndex = this.index[s + 1];
      for (let i = 0; i < r.length; i++) {
        let sum = 0;
        this.forEachAddable(this.lo[s][i], this.hi[s][i], (_a, l2, h2) => {
          sum += next[nextIndex.get(h2 * HALF_SCALE + l2)!];
        });
        r[i] = sum;
      }
      this.rest[s] = r;
    }
  }

  /** Number of linear extensions of the component. */
  get count(): number {
    return this.rest[0][0];
  }

  private forEachAddable(lo: number, hi: number, visit: (a: number, lo: number, hi: number) => void): void {
    for (let a = 0; a < this.size; a++) {
      const inLo = a < HALF;
      const bit = inLo ? 1 << a : 1 << (a - HALF);
      if ((inLo ? lo : hi) & bit) continue;
      if ((this.predLo[a] & lo) !== this.predLo[a] || (this.predHi[a] & hi) !== this.predHi[a]) continue;
      visit(a, inLo ? lo | bit : lo, inLo ? hi : hi | bit);
    }
  }

  /**
   * Within the component: before[a*k + b] = P(a precedes b), and rank[a*k + s] = P(a is s-th),
   * both over uniformly random linear extensions. Placing a at ideal I (|I| = s) happens in
   * ways(I)·rest(I+a) extensions, and then every element outside I+a comes after a.
   */
  statistics(): { before: Float64Array; rank: Float64Array } {
    const k = this.size;
    const before = new Float64Array(k * k);
    const rank = new Float64Array(k * k);
    const total = this.count;
    for (let s = 0; s < k; s++) {
      const lo = this.lo[s];
      const hi = this.hi[s];
      const nextIndex = this.index[s + 1];
      const nextRest = this.rest[s + 1];
      for (let i = 0; i < lo.length; i++) {
        const w0 = this.ways[s][i] / total;
        this.forEachAddable(lo[i], hi[i], (a, l2, h2) => {
          const w = w0 * nextRest[nextIndex.get(h2 * HALF_SCALE + l2)!];
          rank[a * k + s] += w;
          for (let b = 0; b < k; b++) {
            const member = b < HALF ? (l2 >> b) & 1 : (h2 >> (b - HALF)) & 1;
            if (!member) before[a * k + b] += w;
          }
        });
      }
    }
    return { before, rank };
  }

  /** A uniformly random linear extension (element indices into `elements`). */
  sample(random: () => number): number[] {
    const out: number[] = [];
    let lo = 0;
    let hi = 0;
    for (let s = 0; s < this.size; s++) {
      const options: [number, number, number, number][] = [];
      this.forEachAddable(lo, hi, (a, l2, h2) => {
        options.push([a, l2, h2, this.rest[s + 1][this.index[s + 1].get(h2 * HALF_SCALE + l2)!]]);
      });
      let u = random() * this.rest[s][this.index[s].get(hi * HALF_SCALE + lo)!];
      let pick = options[options.length - 1];
      for (const option of options) {
        u -= option[3];
        if (u < 0) {
          pick = option;
          break;
        }
      }
      out.push(pick[0]);
      lo = pick[1];
      hi = pick[2];
    }
    return out;
  }
}

/** The comparability components of a poset (elements ascending within each). */
function components(poset: Poset): number[][] {
  const { n, less } = poset;
  const seen = new Uint8Array(n);
  const out: number[][] = [];
  for (let s = 0; s < n; s++) {
    if (seen[s]) continue;
    const comp: number[] = [];
    const stack = [s];
    seen[s] = 1;
    while (stack.length > 0) {
      const u = stack.pop()!;
      comp.push(u);
      for (let v = 0; v < n; v++) {
        if (!seen[v] && (less[u * n + v] || less[v * n + u])) {
          seen[v] = 1;
          stack.push(v);
        }
      }
    }
    out.push(comp.sort((a, b) => a - b));
  }
  return out;
}

/**
 * The number of linear extensions e(P), exactly by dynamic programming over the order ideals
 * of each comparability component (e(P) = multinomial(n; component sizes)·Π e(component)).
 * Returned as a double: exact up to 2⁵³, relative error ~1e-15 beyond.
 */
export function countLinearExtensions(poset: Poset, options: LinearExtensionOptions = {}): number {
  const maxIdeals = options.maxIdeals ?? 5_000_000;
  let count = 1;
  let placed = 0;
  for (const comp of components(poset)) {
    count *= new IdealLattice(comp, poset, maxIdeals).count;
    // multinomial, one component at a time: C(placed + size, size)
    for (let i = 1; i <= comp.length; i++) count = (count * (placed + i)) / i;
    placed += comp.length;
  }
  return count;
}

/**
 * P(x precedes y) for every ordered pair over the uniformly random linear extensions of P,
 * row-major n×n (1 / 0 for comparable pairs, 0 on the diagonal). Exact:
 * - within a comparability component, from the ideal-lattice counts;
 * - across components, a linear extension is independent extensions of the components
 *   riffled uniformly at random, so with ranks r of x in A (|A| = α) and s of y in B (|B| = β),
 *   P(x before y) = Σ_{r,s} P(rank_A x = r)·P(rank_B y = s)·Q(r, s), where Q(r, s) — the
 *   chance that A's r-th precedes B's s-th in a uniform riffle — counts the riffles with
 *   j ≤ s elements of B before A's r-th: Σ_j C(r + j, r)·C(α − r − 1 + β − j, β − j) / C(α + β, α).
 */
export function precedenceProbabilities(poset: Poset, options: LinearExtensionOptions = {}): Float64Array {
  const maxIdeals = options.maxIdeals ?? 5_000_000;
  const n = poset.n;
  const comps = components(poset);
  const stats = comps.map((comp) => new IdealLattice(comp, poset, maxIdeals).statistics());
  const p = new Float64Array(n * n);
  for (let ca = 0; ca < comps.length; ca++) {
    const A = comps[ca];
    const { before, rank: rankA } = stats[ca];
    const alpha = A.length;
    for (let i = 0; i < alpha; i++) for (let j = 0; j < alpha; j++) if (i !== j) p[A[i] * n + A[j]] = before[i * alpha + j];
    for (let cb = 0; cb < comps.length; cb++) {
      if (cb === ca) continue;
      const B = comps[cb];
      const beta = B.length;
      const rankB = stats[cb].rank;
      const q = riffleTable(alpha, beta);
      for (let i = 0; i < alpha; i++) {
        for (let j = 0; j < beta; j++) {
          let sum = 0;
          for (let r = 0; r < alpha; r++) {
            const pr = rankA[i * alpha + r];
            if (pr === 0) continue;
            for (let s = 0; s < beta; s++) sum += pr * rankB[j * beta + s] * q[r * beta + s];
          }
          p[A[i] * n + B[j]] = sum;
        }
      }
    }
  }
  return p;
}

/** Q[r*β + s] = P(A's r-th element precedes B's s-th) in a uniform riffle of α and β elements. */
function riffleTable(alpha: number, beta: number): Float64Array {
  const q = new Float64Array(alpha * beta);
  const total = binomialDouble(alpha + beta, alpha);
  for (let r = 0; r < alpha; r++) {
    let cumulative = 0;
    for (let s = 0; s < beta; s++) {
      cumulative += binomialDouble(r + s, r) * binomialDouble(alpha - r - 1 + beta - s, beta - s);
      q[r * beta + s] = cumulative / total;
    }
  }
  return q;
}

function binomialDouble(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  k = Math.min(k, n - k);
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/**
 * A linear extension drawn exactly uniformly: each component's extension is built element by
 * element, choosing the next element a with probability e(rest after a)/e(rest) from the
 * ideal-lattice counts (so every extension has probability 1/e(component)), and the components
 * are riffled by a uniform shuffle of their labels. No Markov chain, hence no mixing bias.
 * Returns the elements in order.
 */
export function sampleLinearExtension(poset: Poset, prng: Prng, options: LinearExtensionOptions = {}): Int32Array {
  const maxIdeals = options.maxIdeals ?? 5_000_000;
  const comps = components(poset);
  const sequences = comps.map((comp) => new IdealLattice(comp, poset, maxIdeals).sample(() => prng.next()).map((a) => comp[a]));
  const labels = new Int32Array(poset.n);
  let k = 0;
  comps.forEach((comp, c) => {
    for (let i = 0; i < comp.length; i++) labels[k++] = c;
  });
  prng.shuffle(labels);
  const next = new Int32Array(comps.length);
  const out = new Int32Array(poset.n);
  for (let i = 0; i < labels.length; i++) out[i] = sequences[labels[i]][next[labels[i]]++];
  return out;
}
