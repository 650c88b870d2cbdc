import type { RelationMatrix } from '@geneft/core';
import { automorphismGroup } from './automorphisms';
import { factorial, log2BigInt, log2Factorial } from './big-math';
import type { Digraph } from './digraph';

/** The statics of one relation: its symmetry and the bits needed to pin down its labelling. */
export interface DescriptionLength {
  n: number;
  /** |Aut(G)|. */
  automorphisms: bigint;
  /** n!/|Aut(G)|: the number of distinct labelled graphs with G's structure (orbit of G under S_n). */
  labellings: bigint;
  /** b = log₂(n!/|Aut(G)|) bits. */
  bits: number;
}

/**
 * b = log₂(n!/|Aut(G)|), science.md A2.1: by orbit–stabiliser the relabellings of G form n!/|Aut(G)|
 * distinct relations, so b bits single out the labelled instance once its structure is known.
 * Computed exactly: |Aut(G)| by `automorphismGroup`, the quotient as a BigInt, then `log2BigInt`.
 */
export function descriptionLength(relation: RelationMatrix | Digraph): DescriptionLength {
  const { n, order } = automorphismGroup(relation);
  const labellings = factorial(n) / order;
  return { n, automorphisms: order, labellings, bits: log2BigInt(labellings) };
}

/**
 * Closed forms of b for the families of science.md Table II. Each equals the general
 * computation (`descriptionLength`) on a member of the family; `symmetricBits` and
 * `genericBits` count a whole family (log₂ of the number of relations in it), which is what
 * the orbit sizes of its members add up to.
 */

/**
 * Equivalence relation with the given class sizes: |Aut| = Π sᵢ! · Π_t m_t! (m_t classes of size t),
 * b = log₂(n! / |Aut|).
 */
export function equivalenceBits(classSizes: readonly number[]): number {
  const n = classSizes.reduce((a, b) => a + b, 0);
  return log2BigInt(factorial(n) / equivalenceAutomorphisms(classSizes));
}

/** |Aut| of an equivalence relation with these class sizes. */
export function equivalenceAutomorphisms(classSizes: readonly number[]): bigint {
  let aut = 1n;
  const multiplicity = new Map<number, number>();
  for (const s of classSizes) {
    if (!Number.isSafeInteger(s) || s < 1) throw new RangeError(`class sizes must be positive integers, got ${s}`);
    aut *= factorial(s);
    multiplicity.set(s, (multiplicity.get(s) ?? 0) + 1);
  }
  for (const m of multiplicity.values()) aut *= factorial(m);
  return aut;
}

/** Class sizes of x ≡ y (mod k) on n symbols: n mod k classes of ⌈n/k⌉, the rest ⌊n/k⌋. */
export function modClassSizes(n: number, k: number): number[] {
  return Array.from({ length: Math.min(k, n) }, (_, r) => Math.floor(n / k) + (r < n % k ? 1 : 0));
}

/** The n·log₂k approximation for k equal classes that the [3P] reproduction tabulated. */
export function equivalenceApproxBits(n: number, k: number): number {
  return n * Math.log2(k);
}

/** A total order (transitive tournament): Aut is trivial, b = log₂ n!. */
export function totalOrderBits(n: number): number {
  return log2Factorial(n);
}

/** Complete bipartite K_{a,n−a}: |Aut| = a!(n−a)! (·2 when a = n − a), b = log₂ C(n, a) (− 1 when a = n/2). */
export function completeBipartiteBits(n: number, a: number): number {
  if (!(a >= 1 && a < n)) throw new RangeError(`need 1 ≤ a < n, got a = ${a}, n = ${n}`);
  let aut = factorial(a) * factorial(n - a);
  if (2 * a === n) aut *= 2n;
  return log2BigInt(factorial(n) / aut);
}

/** All symmetric relations (self-loops free to choose): 2^{n(n+1)/2} of them, n(n+1)/2 bits. */
export function symmetricBits(n: number): number {
  return (n * (n + 1)) / 2;
}

/** All relations: 2^{n²}, n² bits. */
export function genericBits(n: number): number {
  return n * n;
}
