import { accuracyVsFraction } from '../src';
import { accuracyData } from './fixtures';
import { markElements, renderFigure, texts } from './render';

describe('accuracyVsFraction', () => {
  test('snapshot: Fig. 2, four relations in one panel', () => {
    const data = accuracyData();
    const { svg, root } = renderFigure('accuracyVsFraction', (document) =>
      accuracyVsFraction(data, { document, title: 'Accuracy vs training fraction', relations: ['bipartite', 'mod 3', 'mod 5', 'greater'] }),
    );
    expect(svg).toMatchSnapshot('accuracyVsFraction');
    // one dot per relation × fraction (seeds averaged), one error bar each
    expect(markElements(root, 'measured', 'circle')).toHaveLength(4 * 10);
    expect(markElements(root, 'measured spread', 'line')).toHaveLength(4 * 10);
    expect(markElements(root, 'theory f_UB', 'path')).toHaveLength(4);
    expect(markElements(root, 'theory f', 'path')).toHaveLength(4);
    expect(markElements(root, 'monte carlo', 'path')).toHaveLength(10);
    expect(markElements(root, 'critical fraction', 'line')).toHaveLength(4);
    expect(texts(root)).toEqual(expect.arrayContaining(['training fraction p', 'accuracy', 'mod 3', 'greater']));
    expect(texts(root).join(' ')).toContain('mean ± sd over seeds');
  });

  test('snapshot: one panel per relation', () => {
    const { svg, root } = renderFigure('accuracyVsFraction-facet', (document) =>
      accuracyVsFraction(accuracyData(), { document, facet: true, width: 900, spread: 'minmax', caption: null }),
    );
    expect(svg).toMatchSnapshot('accuracyVsFraction-facet');
    expect(texts(root).join(' ')).not.toContain('Dots:');
    expect(markElements(root, 'theory f_UB', 'path')).toHaveLength(4);
  });

  test('the mean and sd over seeds are what is drawn', () => {
    const data = { measured: [0.5, 0.7, 0.9].map((accuracy) => ({ relation: 'r', fraction: 0.5, accuracy })) };
    const { root } = renderFigure('accuracyVsFraction-mean', (document) => accuracyVsFraction(data, { document, legend: false, height: 220 }));
    const [dot] = markElements(root, 'measured', 'circle');
    const [bar] = markElements(root, 'measured spread', 'line');
    const y = (v: number) => 220 - 40 - v * (220 - 40 - 20); // Plot's default margins: top 20, bottom 40 here
    expect(Number(dot.getAttribute('cy'))).toBeCloseTo(y(0.7), 1);
    const ends = [Number(bar.getAttribute('y1')), Number(bar.getAttribute('y2'))].sort((a, b) => a - b);
    expect(ends[0]).toBeCloseTo(y(0.9), 1);
    expect(ends[1]).toBeCloseTo(y(0.5), 1);
  });
});
