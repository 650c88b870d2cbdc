import type { RelationMatrix, TaskConfig } from '@geneft/core';

/**
 * The balls-in-buckets statics of science.md A2.2: each training pair lands in one of b "bit
 * buckets" uniformly at random, so after m pairs the expected fraction of known bits is
 * f(m) = 1 − (1 − 1/b)^m.
 */

/** f(m) = 1 − (1 − 1/b)^m; a structure with b ≤ 1 bit is known from the first pair (f = 1 for m ≥ 1). */
export function knownFraction(m: number, bits: number): number {
  if (!(m >= 0)) throw new RangeError(`m must be ≥ 0, got ${m}`);
  if (!(bits >= 0)) throw new RangeError(`bits must be ≥ 0, got ${bits}`);
  if (bits === 0) return 1;
  if (bits <= 1) return m > 0 ? 1 : 0;
  return -Math.expm1(m * Math.log1p(-1 / bits));
}

/**
 * The critical training fraction p_c at which f(N·p_c) = α (Eq. 4):
 * p_c = ln(1 − α) / (N · ln(1 − 1/b)), N = n² pairs. 0 when b ≤ 1.
 */
export function criticalFraction(bits: number, pairs: number, alpha = 0.9): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie in (0, 1), got ${alpha}`);
  if (!(pairs > 0)) throw new RangeError(`pairs must be > 0, got ${pairs}`);
  if (bits <= 1) return 0;
  return Math.log1p(-alpha) / (pairs * Math.log1p(-1 / bits));
}

/** Eq. 5: f_UB(m) = f(m) + max(p*, 1 − p*)·(1 − f(m)): known bits are right, the rest guessed with the best constant. */
export function accuracyUpperBound(m: number, bits: number, pStar: number): number {
  if (!(pStar >= 0 && pStar <= 1)) throw new RangeError(`p* must lie in [0, 1], got ${pStar}`);
  const f = knownFraction(m, bits);
  return f + Math.max(pStar, 1 - pStar) * (1 - f);
}

/**
 * p*, the probability that a pair which cannot be inferred is related, per family (science.md A2.2):
 * equivalence with k classes 1/k, complete bipartite 1/2, greater-than 1/3. For any other graph
 * it is the edge density |E|/n², see `edgeDensity`.
 */
export function pStarOf(task: Pick<TaskConfig, 'relation'> & { k?: number }, relation?: RelationMatrix): number {
  switch (task.relation) {
    case 'mod':
      if (!(task.k !== undefined && task.k >= 1)) throw new RangeError('a mod task needs k ≥ 1');
      return 1 / task.k;
    case 'bipartite':
      return 1 / 2;
    case 'greater':
      return 1 / 3;
    case 'graph':
      if (!relation) throw new RangeError('p* of a graph task needs its relation matrix');
      return edgeDensity(relation);
  }
}

/**
 * p* for an arbitrary relation: the fraction of related ordered pairs, |E|/n² (self-loops
 * counted as pairs, since the dataset holds all n² ordered pairs). With no structural
 * knowledge, a pair that cannot be inferred is a uniformly random pair, related with exactly
 * this probability, and the best constant guess scores max(p*, 1 − p*). For mod k with equal
 * classes it equals the family's 1/k.
 */
export function edgeDensity(relation: RelationMatrix): number {
  let e = 0;
  for (const x of relation.data) e += x;
  return relation.n === 0 ? 0 : e / (relation.n * relation.n);
}

/** One point of the statics curves. */
export interface StaticsPoint {
  fraction: number;
  /** training pairs m = fraction·N. */
  pairs: number;
  known: number;
  upperBound: number;
}

/** f and f_UB over training fractions (m = fraction·n², not rounded). */
export function staticsCurve(bits: number, n: number, pStar: number, fractions: readonly number[]): StaticsPoint[] {
  const total = n * n;
  return fractions.map((fraction) => {
    const m = fraction * total;
    return { fraction, pairs: m, known: knownFraction(m, bits), upperBound: accuracyUpperBound(m, bits, pStar) };
  });
}
