import { precedenceProbabilities, posetFromPairs, countLinearExtensions, type LinearExtensionOptions } from './linear-extensions';
import { checkObservation, InconsistentObservationsError, type Observation, type PairPosterior } from './observations';

/**
 * Exact posterior of a strict total order ("greater": R(x, y) = 1 iff x < y) relabelled
 * uniformly at random, given observed pairs (science.md A2.2, App. D). An observed pair with
 * x ≠ y fixes the order of x and y; the transitive closure gives every implied pair; every
 * linear extension of the resulting poset is equally likely, so an open pair's probability is
 * the fraction of linear extensions with x before y (`precedenceProbabilities`, exact).
 */
export function totalOrderPosterior(n: number, observations: readonly Observation[], options: LinearExtensionOptions = {}): PairPosterior {
  const pairs: [number, number][] = [];
  for (const o of observations) {
    checkObservation(n, o);
    if (o.x === o.y) {
      if (o.label !== 0) throw new InconsistentObservationsError(`(${o.x}, ${o.x}) observed related in a strict order`);
      continue;
    }
    pairs.push(o.label === 1 ? [o.x, o.y] : [o.y, o.x]);
  }
  const poset = posetFromPairs(n, pairs);
  const probability = precedenceProbabilities(poset, options);
  return { n, probability, consistent: countLinearExtensions(poset, options) };
}
