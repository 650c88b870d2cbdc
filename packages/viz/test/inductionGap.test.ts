import { inductionGap } from '../src';
import { inductionGapData } from './fixtures';
import { markElements, renderFigure, texts } from './render';

describe('inductionGap', () => {
  test('snapshot: Fig. 3, mod 3 and greater-than panels', () => {
    const { svg, root } = renderFigure('inductionGap', (document) =>
      inductionGap(inductionGapData(), { document, title: 'Induction gap', architectures: ['concat', 'diff', 'sqdiff', 'ideal'] }),
    );
    expect(svg).toMatchSnapshot('inductionGap');
    expect(markElements(root, 'measured', 'circle')).toHaveLength(2 * 4 * 10);
    // one line per architecture per panel, and f_UB in each panel
    expect(markElements(root, 'measured line', 'path')).toHaveLength(2 * 4);
    expect(markElements(root, 'bound f_UB', 'path')).toHaveLength(2);
    expect(texts(root)).toEqual(expect.arrayContaining(['mod 3', 'greater', 'concat', 'sqdiff', 'ideal']));
  });

  test('one panel when rows name no relation', () => {
    const data = { measured: [0.1, 0.5, 0.9].map((fraction) => ({ architecture: 'concat', fraction, accuracy: fraction })), bound: [{ fraction: 0, fUB: 0.5 }, { fraction: 1, fUB: 1 }] };
    const { root } = renderFigure('inductionGap-single', (document) => inductionGap(data, { document, legend: false }));
    expect(root.querySelectorAll('g[aria-label="fx-axis tick label"]')).toHaveLength(0);
    expect(markElements(root, 'bound f_UB', 'path')).toHaveLength(1);
  });
});
