import type { RelationMatrix } from '@geneft/core';

/**
 * A directed graph with self-loops allowed, in the forms the automorphism search needs: the
 * adjacency matrix for O(1) arc tests and out-/in-neighbour lists for refinement.
 */
export interface Digraph {
  readonly n: number;
  /** row-major n×n 0/1: adj[u*n + v] = 1 iff u → v. */
  readonly adj: Uint8Array;
  readonly out: readonly Int32Array[];
  readonly in: readonly Int32Array[];
  /** number of arcs, self-loops included. */
  readonly arcs: number;
}

/** Builds the digraph of a relation; throws a RangeError when the matrix is not n×n and 0/1. */
export function digraphOf(relation: RelationMatrix): Digraph {
  const { n, data } = relation;
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`relation size must be a non-negative integer, got ${n}`);
  if (data.length !== n * n) throw new RangeError(`relation data must hold n² = ${n * n} entries, got ${data.length}`);
  const outDeg = new Int32Array(n);
  const inDeg = new Int32Array(n);
  let arcs = 0;
  for (let u = 0; u < n; u++) {
    for (let v = 0; v < n; v++) {
      const a = data[u * n + v];
      if (a === 0) continue;
      if (a !== 1) throw new RangeError(`relation entries must be 0 or 1, got ${a} at (${u}, ${v})`);
      outDeg[u]++;
      inDeg[v]++;
      arcs++;
    }
  }
  const out = Array.from({ length: n }, (_, u) => new Int32Array(outDeg[u]));
  const inn = Array.from({ length: n }, (_, v) => new Int32Array(inDeg[v]));
  outDeg.fill(0);
  inDeg.fill(0);
  for (let u = 0; u < n; u++) {
    for (let v = 0; v < n; v++) {
      if (data[u * n + v] === 0) continue;
      out[u][outDeg[u]++] = v;
      inn[v][inDeg[v]++] = u;
    }
  }
  return { n, adj: Uint8Array.from(data), out, in: inn, arcs };
}

/** True when `perm` (perm[v] = image of v) maps every arc onto an arc. */
export function isAutomorphism(g: Digraph, perm: ArrayLike<number>): boolean {
  const { n, adj, out } = g;
  for (let u = 0; u < n; u++) {
    const pu = perm[u] * n;
    for (const v of out[u]) if (adj[pu + perm[v]] === 0) return false;
  }
  return true;
}
