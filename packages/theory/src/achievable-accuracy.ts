import { bipartiteRelation, greaterRelation, Prng, trainSize, type RelationMatrix } from '@geneft/core';
import { bipartitePosterior } from './bipartite-posterior';
import { equivalencePosterior } from './equivalence-posterior';
import { bayesAccuracy, determinedFraction, type Observation, type PairPosterior } from './observations';
import { totalOrderPosterior } from './order-posterior';

/** A relation family whose achievable accuracy can be computed exactly. */
export type AchievableFamily =
  | { kind: 'equivalence'; /** class sizes, e.g. [10, 10, 10] for mod 3 on 30 symbols */ classSizes: readonly number[] }
  | { kind: 'order'; n: number }
  | { kind: 'bipartite'; n: number; /** |S| */ a: number };

export interface AchievableOptions {
  /** Monte Carlo trials (independent training sets) per fraction. Default 20. */
  trials?: number;
  /** seed of the training-set draws. Default 0. */
  seed?: number;
}

/** The Monte Carlo estimate at one training fraction. */
export interface AchievablePoint {
  fraction: number;
  /** training pairs per trial: round(fraction·n²), at least 1 (core's `trainSize`). */
  pairs: number;
  /** mean Bayes-optimal accuracy over all n² pairs. */
  accuracy: number;
  /** standard error of that mean (sample standard deviation / √trials). */
  stdError: number;
  /** mean fraction of pairs determined outright by closure and counting. */
  determined: number;
  trials: number;
}

/**
 * The relation of a family on labels 0..n−1: equivalence classes are consecutive blocks,
 * order is x < y, bipartite has S = {0..a−1}. Any member works, since the inference never
 * looks at labels, only at the observed pattern.
 */
export function familyRelation(family: AchievableFamily): RelationMatrix {
  switch (family.kind) {
    case 'equivalence': {
      const n = family.classSizes.reduce((a, b) => a + b, 0);
      const classOf = new Int32Array(n);
      let x = 0;
      family.classSizes.forEach((s, c) => {
        for (let i = 0; i < s; i++) classOf[x++] = c;
      });
      const data = new Uint8Array(n * n);
      for (let u = 0; u < n; u++) for (let v = 0; v < n; v++) data[u * n + v] = classOf[u] === classOf[v] ? 1 : 0;
      return { n, data };
    }
    case 'order':
      return greaterRelation(family.n);
    case 'bipartite':
      return bipartiteRelation(family.n, family.a);
  }
}

/** The exact posterior of `family` given observed pairs (dispatch to the family's method). */
export function familyPosterior(family: AchievableFamily, observations: readonly Observation[]): PairPosterior {
  switch (family.kind) {
    case 'equivalence':
      return equivalencePosterior(family.classSizes, observations);
    case 'order':
      return totalOrderPosterior(family.n, observations);
    case 'bipartite':
      return bipartitePosterior(family.n, family.a, observations);
  }
}

/** m distinct pairs drawn uniformly (partial Fisher–Yates over the n² pair indices), with their labels. */
export function sampleObservations(relation: RelationMatrix, m: number, prng: Prng): Observation[] {
  const total = relation.n * relation.n;
  const order = new Int32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  const out: Observation[] = [];
  for (let i = 0; i < Math.min(m, total); i++) {
    const j = i + prng.int(total - i);
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
    const p = order[i];
    out.push({ x: Math.floor(p / relation.n), y: p % relation.n, label: relation.data[p] as 0 | 1 });
  }
  return out;
}

/**
 * The achievable accuracy of science.md A2.2 / App. D at one training fraction: draw a uniform
 * training set of round(p·n²) pairs, infer everything the family's structure allows (closure
 * plus exact posterior probabilities over every consistent member), score each pair by the
 * Bayes-optimal guess max(p_u, 1 − p_u), average over all n² pairs; repeat over independent
 * training sets. Since every per-trial value is exact, the Monte Carlo mean is an unbiased
 * estimate of the expected achievable accuracy, and its standard error is the sample standard
 * deviation over √trials.
 */
export function achievableAccuracy(family: AchievableFamily, fraction: number, options: AchievableOptions = {}): AchievablePoint {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction must lie in (0, 1], got ${fraction}`);
  const trials = options.trials ?? 20;
  if (!(Number.isSafeInteger(trials) && trials >= 2)) throw new RangeError(`trials must be an integer ≥ 2, got ${trials}`);
  const relation = familyRelation(family);
  const m = trainSize(relation.n * relation.n, fraction);
  const root = Prng.fromSeed(options.seed ?? 0).split(`achievable/${family.kind}/${m}`);
  let sum = 0;
  let sumSq = 0;
  let determined = 0;
  for (let t = 0; t < trials; t++) {
    const posterior = familyPosterior(family, sampleObservations(relation, m, root.split(t)));
    const acc = bayesAccuracy(posterior);
    sum += acc;
    sumSq += acc * acc;
    determined += determinedFraction(posterior);
  }
  const mean = sum / trials;
  const variance = Math.max(0, (sumSq - trials * mean * mean) / (trials - 1));
  return { fraction, pairs: m, accuracy: mean, stdError: Math.sqrt(variance / trials), determined: determined / trials, trials };
}

/** `achievableAccuracy` over several fractions. */
export function achievableAccuracyCurve(family: AchievableFamily, fractions: readonly number[], options: AchievableOptions = {}): AchievablePoint[] {
  return fractions.map((f) => achievableAccuracy(family, f, options));
}
