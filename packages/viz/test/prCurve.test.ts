import { prCurve } from '../src';
import { prData } from './fixtures';
import { markElements, renderFigure, texts } from './render';

describe('prCurve', () => {
  test('snapshot: Theorem 3, theory and measured', () => {
    const data = prData();
    const { svg, root } = renderFigure('prCurve', (document) => prCurve(data, { document, title: 'Critical learning-rate ratio', criticalRatio: 10 }));
    expect(svg).toMatchSnapshot('prCurve');
    expect(markElements(root, 'theory p_r', 'path')).toHaveLength(1);
    expect(markElements(root, 'measured', 'circle')).toHaveLength(data.measured!.length);
    expect(markElements(root, 'measured interval', 'line')).toHaveLength(data.measured!.length);
    expect(markElements(root, 'critical ratio', 'line')).toHaveLength(1);
    expect(texts(root)).toEqual(expect.arrayContaining(['learning-rate ratio η_dec/η_enc', 'probability of generalizing p_r']));
    expect(texts(root).join(' ')).toContain('95% Wilson intervals');
  });

  test('error bars are Wilson intervals: 0 of 10 still has an upper end', () => {
    const { root } = renderFigure('prCurve-wilson', (document) =>
      prCurve({ measured: [{ ratio: 1, generalizing: 0, total: 10 }, { ratio: 10, generalizing: 10, total: 10 }] }, { document, height: 300 }),
    );
    const bars = markElements(root, 'measured interval', 'line');
    for (const bar of bars) expect(Number(bar.getAttribute('y1'))).not.toBeCloseTo(Number(bar.getAttribute('y2')), 0);
  });
});
