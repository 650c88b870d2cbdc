import type { RelationMatrix } from '@geneft/core';

/**
 * Graph families with known automorphism groups, as relations (undirected graphs as symmetric
 * matrices, no self-loops unless stated). Used by the tests and the benchmark, and handy for
 * exploring description lengths.
 */

function fromEdges(n: number, edge: (u: number, v: number) => boolean): RelationMatrix {
  const data = new Uint8Array(n * n);
  for (let u = 0; u < n; u++) for (let v = 0; v < n; v++) if (edge(u, v)) data[u * n + v] = 1;
  return { n, data };
}

/** K_n (no loops): |Aut| = n!. */
export function completeGraph(n: number): RelationMatrix {
  return fromEdges(n, (u, v) => u !== v);
}

/** The n-cycle C_n (n ≥ 3): |Aut| = 2n. */
export function cycleGraph(n: number): RelationMatrix {
  return fromEdges(n, (u, v) => (u - v + n) % n === 1 || (v - u + n) % n === 1);
}

/** The directed n-cycle: |Aut| = n. */
export function directedCycle(n: number): RelationMatrix {
  return fromEdges(n, (u, v) => (u + 1) % n === v);
}

/** K_{a,b}: |Aut| = a!·b! (times 2 when a = b). */
export function completeBipartiteGraph(a: number, b: number): RelationMatrix {
  return fromEdges(a + b, (u, v) => u < a !== v < a);
}

/** The Petersen graph (Kneser graph K(5,2)): |Aut| = 120. */
export function petersenGraph(): RelationMatrix {
  const pairs: [number, number][] = [];
  for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) pairs.push([i, j]);
  return fromEdges(10, (u, v) => {
    const [a, b] = pairs[u];
    const [c, d] = pairs[v];
    return a !== c && a !== d && b !== c && b !== d;
  });
}

/** The hypercube Q_d on 2^d vertices: |Aut| = 2^d·d!. */
export function hypercubeGraph(d: number): RelationMatrix {
  return fromEdges(1 << d, (u, v) => {
    const x = u ^ v;
    return x !== 0 && (x & (x - 1)) === 0;
  });
}

/** The rook's graph K_m □ K_m (m×m board, same row or column): |Aut| = 2·(m!)² for m ≥ 2. */
export function rookGraph(m: number): RelationMatrix {
  return fromEdges(m * m, (u, v) => u !== v && (Math.floor(u / m) === Math.floor(v / m) || u % m === v % m));
}

/** The triangular graph T(m) = line graph of K_m, a strongly regular graph: |Aut| = m! for m ≥ 5, m ≠ 4. */
export function triangularGraph(m: number): RelationMatrix {
  const pairs: [number, number][] = [];
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) pairs.push([i, j]);
  return fromEdges(pairs.length, (u, v) => {
    if (u === v) return false;
    const [a, b] = pairs[u];
    const [c, d] = pairs[v];
    return a === c || a === d || b === c || b === d;
  });
}

/**
 * The Latin square graph of the cyclic group Z_m: vertices are cells (r, c) of the Cayley table,
 * adjacent when they share a row, a column or a symbol. Strongly regular srg(m², 3(m−1), m, 6).
 */
export function latinSquareGraph(m: number): RelationMatrix {
  return fromEdges(m * m, (u, v) => {
    if (u === v) return false;
    const r1 = Math.floor(u / m);
    const c1 = u % m;
    const r2 = Math.floor(v / m);
    const c2 = v % m;
    return r1 === r2 || c1 === c2 || (r1 + c1) % m === (r2 + c2) % m;
  });
}

/** c disjoint copies of a graph: |Aut| = |Aut(H)|^c · c! when H is connected. */
export function disjointUnion(h: RelationMatrix, copies: number): RelationMatrix {
  const m = h.n;
  const n = m * copies;
  const data = new Uint8Array(n * n);
  for (let k = 0; k < copies; k++) {
    for (let u = 0; u < m; u++) for (let v = 0; v < m; v++) data[(k * m + u) * n + k * m + v] = h.data[u * m + v];
  }
  return { n, data };
}

/** A uniformly random digraph with arc probability p (self-loops included), from a [0,1) source. */
export function randomDigraph(n: number, p: number, random: () => number): RelationMatrix {
  const data = new Uint8Array(n * n);
  for (let i = 0; i < data.length; i++) data[i] = random() < p ? 1 : 0;
  return { n, data };
}

/** A uniformly random undirected graph G(n, p) without loops. */
export function randomGraph(n: number, p: number, random: () => number): RelationMatrix {
  const data = new Uint8Array(n * n);
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      if (random() < p) {
        data[u * n + v] = 1;
        data[v * n + u] = 1;
      }
    }
  }
  return { n, data };
}

/**
 * The Paley graph of order q (a prime power with q ≡ 1 mod 4): vertices GF(q), u ~ v iff u − v
 * is a non-zero square. |Aut| = q(q−1)/2 · e for q = p^e.
 */
export function paleyGraph(q: number): RelationMatrix {
  const field = GaloisField.ofOrder(q);
  if (q % 4 !== 1) throw new RangeError(`Paley graphs need q ≡ 1 (mod 4), got ${q}`);
  const square = new Uint8Array(q);
  for (let x = 1; x < q; x++) square[field.mul(x, x)] = 1;
  return fromEdges(q, (u, v) => u !== v && square[field.sub(u, v)] === 1);
}

/** GF(p^e) with elements encoded as integers in base p (coefficients of a polynomial in t). */
export class GaloisField {
  private constructor(
    readonly p: number,
    readonly e: number,
    /** monic irreducible modulus, coefficients low to high, length e + 1 */
    private readonly modulus: number[],
  ) {}

  get order(): number {
    return this.p ** this.e;
  }

  static ofOrder(q: number): GaloisField {
    for (let p = 2; p <= q; p++) {
      if (!isPrime(p)) continue;
      let e = 0;
      let r = q;
      while (r % p === 0) {
        r /= p;
        e++;
      }
      if (e > 0) {
        if (r !== 1) break;
        return new GaloisField(p, e, irreducible(p, e));
      }
    }
    throw new RangeError(`${q} is not a prime power`);
  }

  private digits(x: number): number[] {
    const d: number[] = [];
    for (let i = 0; i < this.e; i++) {
      d.push(x % this.p);
      x = Math.floor(x / this.p);
    }
    return d;
  }

  private encode(d: number[]): number {
    let x = 0;
    for (let i = this.e - 1; i >= 0; i--) x = x * this.p + d[i];
    return x;
  }

  sub(a: number, b: number): number {
    const x = this.digits(a);
    const y = this.digits(b);
    return this.encode(x.map((v, i) => (v - y[i] + this.p) % this.p));
  }

  mul(a: number, b: number): number {
    const x = this.digits(a);
    const y = this.digits(b);
    const prod = new Array(2 * this.e - 1).fill(0);
    for (let i = 0; i < this.e; i++) for (let j = 0; j < this.e; j++) prod[i + j] = (prod[i + j] + x[i] * y[j]) % this.p;
    return this.encode(reduce(prod, this.modulus, this.p).slice(0, this.e));
  }
}

function isPrime(p: number): boolean {
  if (p < 2) return false;
  for (let d = 2; d * d <= p; d++) if (p % d === 0) return false;
  return true;
}

/** Remainder of poly modulo a monic polynomial over GF(p), padded to the modulus degree. */
function reduce(poly: number[], modulus: number[], p: number): number[] {
  const e = modulus.length - 1;
  const r = poly.slice();
  for (let i = r.length - 1; i >= e; i--) {
    const c = r[i];
    if (c === 0) continue;
    for (let j = 0; j <= e; j++) r[i - e + j] = (((r[i - e + j] - c * modulus[j]) % p) + p) % p;
  }
  while (r.length < e) r.push(0);
  return r;
}

/** The first monic irreducible polynomial of degree e over GF(p) (no roots is enough for e ≤ 3; else trial division). */
function irreducible(p: number, e: number): number[] {
  if (e === 1) return [0, 1];
  const total = p ** e;
  for (let code = 0; code < total; code++) {
    const poly: number[] = [];
    let c = code;
    for (let i = 0; i < e; i++) {
      poly.push(c % p);
      c = Math.floor(c / p);
    }
    poly.push(1);
    if (poly[0] === 0) continue;
    if (!hasFactor(poly, p)) return poly;
  }
  throw new Error(`no irreducible polynomial of degree ${e} over GF(${p})`);
}

function hasFactor(poly: number[], p: number): boolean {
  const e = poly.length - 1;
  for (let d = 1; d <= e / 2; d++) {
    for (let code = 0; code < p ** d; code++) {
      const f: number[] = [];
      let c = code;
      for (let i = 0; i < d; i++) {
        f.push(c % p);
        c = Math.floor(c / p);
      }
      f.push(1);
      const r = reduce(poly, f, p);
      if (r.slice(0, d).every((x) => x === 0)) return true;
    }
  }
  return false;
}
