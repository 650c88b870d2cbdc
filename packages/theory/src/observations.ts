/** An observed training pair: R(x, y) = label. */
export interface Observation {
  readonly x: number;
  readonly y: number;
  readonly label: 0 | 1;
}

/** Posterior knowledge of a relation after some observations. */
export interface PairPosterior {
  readonly n: number;
  /** P(R(x, y) = 1 | observations) for every ordered pair, row-major n×n (0 or 1 where determined). */
  readonly probability: Float64Array;
  /**
   * Number of members of the family consistent with the observations, as a double (the
   * counting is exact; the arithmetic is float64, relative error ~1e-15).
   */
  readonly consistent: number;
}

/**
 * The accuracy of the Bayes-optimal predictor over all n² pairs: a pair whose posterior is p is
 * guessed right with probability max(p, 1 − p) (1 where determined, observed pairs included).
 */
export function bayesAccuracy(posterior: PairPosterior): number {
  let sum = 0;
  for (const p of posterior.probability) sum += Math.max(p, 1 - p);
  return posterior.probability.length === 0 ? 1 : sum / posterior.probability.length;
}

/** The fraction of the n² pairs whose value is determined (posterior exactly 0 or 1). */
export function determinedFraction(posterior: PairPosterior): number {
  let known = 0;
  for (const p of posterior.probability) if (p === 0 || p === 1) known++;
  return posterior.probability.length === 0 ? 1 : known / posterior.probability.length;
}

export class InconsistentObservationsError extends Error {
  override name = 'InconsistentObservationsError';
}

export function checkObservation(n: number, o: Observation): void {
  if (!(Number.isInteger(o.x) && Number.isInteger(o.y) && o.x >= 0 && o.y >= 0 && o.x < n && o.y < n)) {
    throw new RangeError(`observation (${o.x}, ${o.y}) outside 0..${n - 1}`);
  }
  if (o.label !== 0 && o.label !== 1) throw new RangeError(`observation label must be 0 or 1, got ${String(o.label)}`);
}
