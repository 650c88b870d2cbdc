import type { TaskConfig } from '../config/types';

/**
 * A relation R on n symbols as a row-major n×n 0/1 matrix: `m[i*n + j] = 1` iff R(i, j).
 * Viewed as a directed graph with self-loops allowed (the diagonal).
 */
export interface RelationMatrix {
  readonly n: number;
  readonly data: Uint8Array;
}

/** R(x, y) = 1 iff x ≡ y (mod k): an equivalence relation with k classes. */
export function modRelation(n: number, k: number): RelationMatrix {
  return fromPredicate(n, (x, y) => x % k === y % k);
}

/** R(x, y) = 1 iff x < y: a strict total order (a transitive tournament). */
export function greaterRelation(n: number): RelationMatrix {
  return fromPredicate(n, (x, y) => x < y);
}

/** R(x, y) = 1 iff exactly one of x, y lies in S = {0, …, a−1}: the complete bipartite K_{a,n−a}. */
export function bipartiteRelation(n: number, a: number): RelationMatrix {
  return fromPredicate(n, (x, y) => x < a !== y < a);
}

/** A relation from an n×n 0/1 matrix (rows are x, columns are y). */
export function matrixRelation(matrix: readonly (readonly number[])[]): RelationMatrix {
  const n = matrix.length;
  return fromPredicate(n, (x, y) => matrix[x][y] === 1);
}

/** A relation from an ordered edge list: (x, y) in the list iff R(x, y). */
export function edgeListRelation(n: number, edges: readonly (readonly [number, number])[]): RelationMatrix {
  const data = new Uint8Array(n * n);
  for (const [x, y] of edges) data[x * n + y] = 1;
  return { n, data };
}

/** The relation a validated task config describes. */
export function relationOf(task: TaskConfig): RelationMatrix {
  switch (task.relation) {
    case 'mod':
      return modRelation(task.n, task.k);
    case 'greater':
      return greaterRelation(task.n);
    case 'bipartite':
      return bipartiteRelation(task.n, task.a);
    case 'graph':
      if (task.matrix) return matrixRelation(task.matrix);
      return edgeListRelation(task.n, task.edges ?? []);
  }
}

function fromPredicate(n: number, related: (x: number, y: number) => boolean): RelationMatrix {
  const data = new Uint8Array(n * n);
  for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) data[x * n + y] = related(x, y) ? 1 : 0;
  return { n, data };
}
