import { goldilocks } from '../src';
import { goldilocksData } from './fixtures';
import { markElements, renderFigure, texts } from './render';

describe('goldilocks', () => {
  test('snapshot: accuracy vs depth, one width', () => {
    const { svg, root } = renderFigure('goldilocks', (document) =>
      goldilocks(goldilocksData(), { document, title: 'Goldilocks zone', subtitle: 'mod 3, width 10, training fraction 0.3' }),
    );
    expect(svg).toMatchSnapshot('goldilocks');
    expect(markElements(root, 'mean', 'circle')).toHaveLength(6);
    expect(markElements(root, 'spread', 'line')).toHaveLength(6);
    // the peak ring sits on depth 2 (the reproduction's best)
    const [peak] = markElements(root, 'peak', 'circle');
    const depth2 = markElements(root, 'mean', 'circle')[1];
    expect(peak.getAttribute('cx')).toBe(depth2.getAttribute('cx'));
    expect(texts(root)).toEqual(expect.arrayContaining(['decoder depth (hidden layers)', 'test accuracy', '1', '6']));
  });

  test('snapshot: widths as colour', () => {
    const { svg, root } = renderFigure('goldilocks-widths', (document) => goldilocks(goldilocksData([10, 50]), { document }));
    expect(svg).toMatchSnapshot('goldilocks-widths');
    expect(markElements(root, 'mean line', 'path')).toHaveLength(2);
    expect(texts(root)).toEqual(expect.arrayContaining(['width 10', 'width 50']));
  });

  test('widths as facets', () => {
    const { root } = renderFigure('goldilocks-facet', (document) => goldilocks(goldilocksData([10, 50]), { document, widths: 'facet', spread: 'sem' }));
    expect(markElements(root, 'peak', 'circle')).toHaveLength(2);
    expect(texts(root)).toEqual(expect.arrayContaining(['width 10', 'width 50']));
  });
});
