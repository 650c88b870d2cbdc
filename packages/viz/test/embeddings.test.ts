import { embeddings } from '../src';
import { nodeDocument } from '../src/node';
import { embeddingData } from './fixtures';
import { markElements, renderFigure, texts } from './render';

describe('embeddings', () => {
  test('snapshot: snapshots as facets', () => {
    const data = embeddingData();
    const { svg, root } = renderFigure('embeddings', (document) => embeddings(data, { document, title: 'Repons cluster by class (Theorem 1)' }));
    expect(svg).toMatchSnapshot('embeddings');
    const dots = markElements(root, 'latent', 'circle');
    expect(dots).toHaveLength(3 * 30);
    // one colour per class, three classes
    expect(new Set(dots.map((d) => d.getAttribute('fill'))).size).toBe(3);
    expect(texts(root)).toEqual(expect.arrayContaining(['step 0', 'step 1000', 'step 4000', 'class 0', 'class 1', 'class 2']));
  });

  test('snapshot: trails', () => {
    const data = embeddingData([0, 250, 1000, 4000]);
    const { svg, root } = renderFigure('embeddings-trails', (document) => embeddings(data, { document, mode: 'trails', labels: true, width: 480 }));
    expect(svg).toMatchSnapshot('embeddings-trails');
    expect(markElements(root, 'latent', 'circle')).toHaveLength(30);
    expect(markElements(root, 'trail', 'path')).toHaveLength(3 * 30);
    expect(markElements(root, 'symbol label', 'text')).toHaveLength(30);
  });

  test('a snapshot of the wrong size is refused', () => {
    expect(() => embeddings({ classes: [0, 1], snapshots: [{ embeddings: [[0, 0]] }] }, { document: nodeDocument() })).toThrow(/1 embeddings for 2 classes/);
  });
});
