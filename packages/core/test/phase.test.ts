import { classifyPhase, milestonesOf, settledPhase, type EvalRecord } from '@geneft/core';

const criteria = { threshold: 0.9, grokDelay: 1000 };
/** A trace from (step, train accuracy, test accuracy) triples. */
const trace = (...points: [number, number, number][]): EvalRecord[] =>
  points.map(([step, train, test]) => ({ step, trainLoss: 1 - train, trainAccuracy: train, testLoss: 1 - test, testAccuracy: test }));

describe('phase classification (Table IV)', () => {
  it('comprehension: both reached, test within the delay', () => {
    const m = milestonesOf(trace([0, 0.5, 0.5], [100, 0.95, 0.7], [600, 1, 0.92]), criteria);
    expect(m).toEqual({ stepTrain: 100, stepTest: 600, diverged: false });
    expect(classifyPhase(m, criteria)).toBe('comprehension');
    expect(settledPhase(m, criteria)).toBe('comprehension');
  });

  it('grokking: test reached ≥ grokDelay steps after train', () => {
    const m = milestonesOf(trace([0, 0.5, 0.5], [100, 0.95, 0.6], [1000, 1, 0.8], [1100, 1, 0.91]), criteria);
    expect(classifyPhase(m, criteria)).toBe('grokking');
  });

  it('exactly grokDelay is grokking; one eval less is comprehension', () => {
    expect(classifyPhase({ stepTrain: 100, stepTest: 1100, diverged: false }, criteria)).toBe('grokking');
    expect(classifyPhase({ stepTrain: 100, stepTest: 1099, diverged: false }, criteria)).toBe('comprehension');
  });

  it('memorization: train reached, test never; not settled before the budget ends', () => {
    const m = milestonesOf(trace([0, 0.5, 0.5], [100, 1, 0.6], [5000, 1, 0.89]), criteria);
    expect(classifyPhase(m, criteria)).toBe('memorization');
    expect(settledPhase(m, criteria)).toBeNull();
  });

  it('confusion: train never reached (even if test accuracy is high)', () => {
    const m = milestonesOf(trace([0, 0.5, 0.5], [100, 0.89, 0.95]), criteria);
    expect(classifyPhase(m, criteria)).toBe('confusion');
    expect(settledPhase(m, criteria)).toBeNull();
  });

  it('diverged: a NaN or infinite loss, settled at once', () => {
    const records = trace([0, 0.5, 0.5], [100, 0.95, 0.95]);
    records[1].trainLoss = NaN;
    const m = milestonesOf(records, criteria);
    expect(classifyPhase(m, criteria)).toBe('diverged');
    expect(settledPhase(m, criteria)).toBe('diverged');
    const inf = trace([0, 0.5, 0.5]);
    inf[0].testLoss = Infinity;
    expect(classifyPhase(milestonesOf(inf, criteria), criteria)).toBe('diverged');
  });

  it('without a test set, test follows train and an empty test loss is not divergence', () => {
    const records = trace([0, 0.5, NaN], [100, 0.95, NaN]);
    records.forEach((r) => (r.testLoss = NaN));
    const m = milestonesOf(records, criteria, false);
    expect(m).toEqual({ stepTrain: 100, stepTest: 100, diverged: false });
  });
});
