/**
 * Learning phases (science.md A1.3, after Liu et al. 2022, Table 1), from the first evaluation
 * steps at which train and test accuracy reach the threshold within the budget B:
 *
 * | phase          | stepTrain | stepTest | stepTest − stepTrain |
 * |----------------|-----------|----------|----------------------|
 * | comprehension  | reached   | reached  | < grokDelay          |
 * | grokking       | reached   | reached  | ≥ grokDelay          |
 * | memorization   | reached   | never    |                      |
 * | confusion      | never     | any      |                      |
 * | diverged       | a loss became NaN or ±Inf                     |
 */
export type Phase = 'comprehension' | 'grokking' | 'memorization' | 'confusion' | 'diverged';

export const PHASES: readonly Phase[] = ['comprehension', 'grokking', 'memorization', 'confusion', 'diverged'];

/** One evaluation of a run. Test values are NaN when the test set is empty. */
export interface EvalRecord {
  step: number;
  trainLoss: number;
  trainAccuracy: number;
  testLoss: number;
  testAccuracy: number;
}

export interface PhaseCriteria {
  /** accuracy that counts as reached. */
  threshold: number;
  /** delay (steps) from which a late test step is grokking. */
  grokDelay: number;
}

export interface Milestones {
  /** first evaluated step with train accuracy ≥ threshold, or null. */
  stepTrain: number | null;
  /** first evaluated step with test accuracy ≥ threshold (train accuracy when there is no test set), or null. */
  stepTest: number | null;
  /** a loss or accuracy was NaN/Inf (test values NaN from an empty test set do not count). */
  diverged: boolean;
}

/** Updates milestones with one more evaluation (in step order). */
export function observe(m: Milestones, record: EvalRecord, criteria: PhaseCriteria, hasTestSet: boolean): Milestones {
  const diverged =
    m.diverged ||
    !Number.isFinite(record.trainLoss) ||
    !Number.isFinite(record.trainAccuracy) ||
    (hasTestSet && !Number.isFinite(record.testLoss));
  const testAccuracy = hasTestSet ? record.testAccuracy : record.trainAccuracy;
  return {
    stepTrain: m.stepTrain ?? (record.trainAccuracy >= criteria.threshold ? record.step : null),
    stepTest: m.stepTest ?? (testAccuracy >= criteria.threshold ? record.step : null),
    diverged,
  };
}

export function milestonesOf(trace: readonly EvalRecord[], criteria: PhaseCriteria, hasTestSet = true): Milestones {
  return trace.reduce<Milestones>((m, r) => observe(m, r, criteria, hasTestSet), {
    stepTrain: null,
    stepTest: null,
    diverged: false,
  });
}

/** The phase at the end of the budget. */
export function classifyPhase(m: Milestones, criteria: PhaseCriteria): Phase {
  if (m.diverged) return 'diverged';
  if (m.stepTrain === null) return 'confusion';
  if (m.stepTest === null) return 'memorization';
  return m.stepTest - m.stepTrain < criteria.grokDelay ? 'comprehension' : 'grokking';
}

/**
 * The memorization plateau of a run (opt-in through `budget.plateauWindow` = W > 0): training
 * accuracy reached the threshold at least W steps ago, the test set never did, and over the last
 * W steps every evaluation kept training accuracy at the threshold, moved test accuracy by at
 * most one test pair, and kept it at least `budget.plateauMargin` below the threshold. Such a run
 * is classified memorization without spending the rest of its budget. It would be wrong for a run
 * that groks after a flat stretch longer than W — under Adam, runs sitting just below the
 * threshold drift across it late, hence the margin — which is why it is off by default and
 * validated against full-budget runs (core's tests; tools/validation/plateau.js at paper scale).
 */
export function memorizationPlateau(
  trace: readonly EvalRecord[],
  m: Milestones,
  budget: { threshold: number; plateauWindow: number; plateauMargin: number },
  testPairs: number,
): boolean {
  if (!(budget.plateauWindow > 0) || m.stepTrain === null || m.stepTest !== null || trace.length === 0 || testPairs === 0) return false;
  const last = trace[trace.length - 1].step;
  if (last - m.stepTrain < budget.plateauWindow) return false;
  const window = trace.filter((r) => r.step >= last - budget.plateauWindow);
  const accuracies = window.map((r) => r.testAccuracy);
  const highest = Math.max(...accuracies);
  return (
    window.every((r) => r.trainAccuracy >= budget.threshold) &&
    highest - Math.min(...accuracies) <= 1 / testPairs + 1e-12 &&
    highest <= budget.threshold - budget.plateauMargin + 1e-12
  );
}

/**
 * The phase if it can no longer change whatever happens in the rest of the budget, else null:
 * a divergence, or both milestones reached (first-hitting times never move once set).
 */
export function settledPhase(m: Milestones, criteria: PhaseCriteria): Phase | null {
  if (m.diverged) return 'diverged';
  if (m.stepTrain !== null && m.stepTest !== null) return classifyPhase(m, criteria);
  return null;
}
