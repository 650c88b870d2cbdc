import { wilsonInterval } from '@geneft/viz';
import { agreementLine, compareWithTheory, measuredByRatio } from '../../src/pure/theoryCheck';
import type { TheoryPrediction } from '../../src/pure/messages';

const cell = (lrEncoder: number, lrDecoder: number, phase: 'comprehension' | 'grokking' | 'memorization') => ({ config: { dynamics: { lrEncoder, lrDecoder } }, phase });
const theory = (at: [number, number][]): TheoryPrediction => ({ criticalRatio: 3, pr: 0.5, ratio: 3, curve: [], at: at.map(([ratio, pr]) => ({ ratio, pr })) });

describe('theory beside measurement', () => {
  it('groups runs by η_dec/η_enc, merging floating-point neighbours', () => {
    const m = measuredByRatio([cell(1e-3, 1e-2, 'comprehension'), cell(1e-2, 0.1, 'memorization'), cell(1e-3, 1e-3, 'grokking'), { config: {}, phase: undefined }]);
    expect(m).toEqual([
      { ratio: 1, generalizing: 1, total: 1 },
      { ratio: 10, generalizing: 1, total: 2 },
    ]);
  });

  it('agrees exactly when p_r lies in the Wilson interval', () => {
    const measured = [
      { ratio: 1, generalizing: 4, total: 4 },
      { ratio: 10, generalizing: 0, total: 4 },
    ];
    const [lo1] = wilsonInterval(4, 4);
    const [, hi10] = wilsonInterval(0, 4);
    const inside = compareWithTheory(measured, theory([[1, lo1 + 0.01], [10, hi10 - 0.01]]));
    expect(inside.map((c) => c.agrees)).toEqual([true, true]);
    expect(agreementLine(inside)).toBe('Theory and measurement agree at all 2 ratios (p_r inside each 95% interval).');
    const outside = compareWithTheory(measured, theory([[1, lo1 - 0.01], [10, hi10 - 0.01]]));
    expect(outside.map((c) => c.agrees)).toEqual([false, true]);
    expect(agreementLine(outside)).toMatch(/^Theory and measurement agree at 1 of 2 ratios; they disagree at 1 \(measured 4 of 4, p_r 0\.\d\d\)\.$/);
  });

  it('says so plainly for one run, and when there is nothing to compare', () => {
    const c = compareWithTheory([{ ratio: 3, generalizing: 1, total: 1 }], theory([]));
    expect(agreementLine(c)).toMatch(/^At η_dec\/η_enc = 3, 1 of 1 generalized; the theory's p_r = 0\.50 agrees \(95% interval 0\.21–1\.00\)\.$/);
    expect(agreementLine([])).toBe('No finished run to compare with the theory yet.');
  });
});
