import type { Phase } from '@geneft/core';
import type { StoredRun } from '@geneft/core/node';
import { halfCrossing } from '../src/reproduce/figures/init-scale-boundary';

/** Runs at η_enc 1e-4 with the given phases per η_dec/η_enc (only the fields halfCrossing reads). */
function runs(cells: Record<number, Phase[]>): StoredRun[] {
  return Object.entries(cells).flatMap(([ratio, phases]) =>
    phases.map((phase) => ({ phase, stepTest: null, config: { dynamics: { lrEncoder: 1e-4, lrDecoder: Number(ratio) * 1e-4 } } }) as unknown as StoredRun),
  );
}

describe('halfCrossing', () => {
  test('log-interpolates the ½ crossing between the cells around it, with the bracketing interval', () => {
    // fractions 1, 1, 0.75, 0.25, 0 at ratios 1..16: ½ lies halfway (in log) between 4 and 8
    const m = halfCrossing(
      runs({
        1: ['comprehension', 'grokking', 'comprehension', 'comprehension'],
        2: ['comprehension', 'comprehension', 'comprehension', 'comprehension'],
        4: ['comprehension', 'comprehension', 'grokking', 'memorization'],
        8: ['comprehension', 'memorization', 'memorization', 'memorization'],
        16: ['memorization', 'memorization', 'memorization', 'memorization'],
      }),
    );
    expect(m.ratio).toBeCloseTo(Math.sqrt(32), 10);
    expect(m.interval).toEqual([4, 8]);
    expect(m.beyond).toBeNull();
  });

  test('no crossing: every fitted cell generalizes, so it lies above the last ratio where runs fit', () => {
    // at 512 every run diverged or stayed confused: 256 is the grid's last fitted ratio
    const m = halfCrossing(runs({ 4: ['confusion', 'confusion'], 8: ['comprehension', 'confusion'], 256: ['grokking', 'comprehension'], 512: ['diverged', 'confusion'] }));
    expect(m.ratio).toBeNull();
    expect(m.interval).toBeNull();
    expect(m.beyond).toEqual({ edge: 256, side: 'above' });
  });

  test('no crossing: the smallest fitted ratio already generalizes less than half the time, so it lies below', () => {
    const m = halfCrossing(runs({ 2: ['confusion'], 4: ['memorization', 'comprehension', 'memorization'], 8: ['memorization'] }));
    expect(m.ratio).toBeNull();
    expect(m.beyond).toEqual({ edge: 4, side: 'below' });
  });

  test('no run fit: neither a crossing nor an edge', () => {
    expect(halfCrossing(runs({ 4: ['confusion'], 8: ['diverged'] }))).toMatchObject({ ratio: null, interval: null, beyond: null });
  });
});
