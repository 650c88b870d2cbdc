import { resolvePath, pathLabel, runAccessor } from '../src/configPath';
import { autoAxisType, cellEdges } from '../src/grid';
import { lineThroughOriginInBox } from '../src/lines';
import { summarize, summarizeBy, wilsonInterval } from '../src/stats';
import { wrap } from '../src/render/compose';

describe('stats', () => {
  test('mean ± sample sd, standard error, min–max', () => {
    expect(summarize([1, 2, 3], 'sd')).toEqual({ mean: 2, lo: 1, hi: 3, n: 3 });
    const sem = summarize([1, 2, 3], 'sem');
    expect(sem.hi - sem.mean).toBeCloseTo(1 / Math.sqrt(3), 12);
    expect(summarize([1, 5, 3], 'minmax')).toEqual({ mean: 3, lo: 1, hi: 5, n: 3 });
    expect(summarize([4], 'sd')).toEqual({ mean: 4, lo: 4, hi: 4, n: 1 });
    expect(summarize([NaN, 2], 'sd').n).toBe(1);
  });

  test('groups keep first-appearance order', () => {
    const rows = [{ k: 'b', v: 1 }, { k: 'a', v: 2 }, { k: 'b', v: 3 }];
    expect(summarizeBy(rows, (r) => r.k, (r) => r.v, 'none').map((s) => [s.first.k, s.mean])).toEqual([['b', 2], ['a', 2]]);
  });

  test('Wilson interval', () => {
    // 5 of 10 at z = 1.96: centre 0.5, half-width 0.2634
    const [lo, hi] = wilsonInterval(5, 10);
    expect(lo).toBeCloseTo(0.2366, 4);
    expect(hi).toBeCloseTo(0.7634, 4);
    const [lo0, hi0] = wilsonInterval(0, 10);
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(0.2775, 4);
  });
});

describe('grid and lines', () => {
  test('axis type', () => {
    expect(autoAxisType([1e-4, 1e-2])).toBe('log');
    expect(autoAxisType([0, 1, 2])).toBe('linear');
    expect(autoAxisType([1, 2, 3])).toBe('linear');
  });

  test('linear cell edges at midpoints; a single value gets a unit cell', () => {
    expect([...cellEdges([0, 1, 3], 'linear').values()]).toEqual([[-0.5, 0.5], [0.5, 2], [2, 4]]);
    expect(cellEdges([5], 'linear').get(5)).toEqual([4.5, 5.5]);
  });

  test('line through the origin clipped to a box', () => {
    expect(lineThroughOriginInBox(10, [1e-4, 1e-2], [1e-3, 1e-1])).toEqual([[1e-4, 1e-3], [1e-2, 1e-1]]);
    expect(lineThroughOriginInBox(1000, [1, 2], [1, 2])).toBeNull();
    const ends = lineThroughOriginInBox(-0.5, [-2, 2], [0, 10])!;
    expect(ends[0][0]).toBe(-2);
    expect(ends[1][0]).toBeCloseTo(0, 12);
  });
});

describe('config paths', () => {
  const config = { dynamics: { lrEncoder: 1e-3, lrDecoder: 1e-2 }, decoder: { depth: 3 }, seed: 4 };
  test('leaf names, full paths and a config. prefix', () => {
    expect(resolvePath(config, 'lrDecoder')).toBe('dynamics.lrDecoder');
    expect(resolvePath(config, 'decoder.depth')).toBe('decoder.depth');
    expect(resolvePath(config, 'config.seed')).toBe('seed');
    expect(resolvePath(config, 'nothing')).toBeNull();
    expect(runAccessor('depth', 'x')({ config })).toBe(3);
  });

  test('labels', () => {
    expect(pathLabel('lrEncoder', config)).toBe('encoder learning rate η_enc');
    expect(pathLabel('dynamics.custom', config)).toBe('dynamics.custom');
  });
});

describe('caption wrapping', () => {
  test('greedy, keeps no-break spaces', () => {
    expect(wrap('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
    expect(wrap('x C\u00a0=\u00a00', 3)).toEqual(['x', 'C\u00a0=\u00a00']);
  });
});
