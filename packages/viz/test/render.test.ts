import { nodeDocument, renderPng, renderSvg } from '../src/node';
import { phaseDiagram, reponPortrait } from '../src';
import { phaseRuns, reponData } from './fixtures';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('renderSvg', () => {
  test('a standalone SVG with xmlns and a white background', () => {
    const svg = renderSvg((document) => phaseDiagram(phaseRuns(), { document, title: 'T' }));
    const root = /^<svg[^>]*>/.exec(svg)![0];
    expect(root).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg.slice(root.length)).toMatch(/^<rect [^>]*fill="white"/);
  });
});

describe('renderPng', () => {
  test('a valid PNG of plausible size', () => {
    const svg = renderSvg(phaseDiagram(phaseRuns(), { document: nodeDocument() }));
    const png = renderPng(svg, { scale: 1 });
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBe(Number(/width="(\d+)"/.exec(svg)![1]));
    expect(height).toBeGreaterThan(200);
    expect(png.length).toBeGreaterThan(5_000);
  });
});

describe('determinism', () => {
  test('ids and coordinates do not depend on what was drawn before', () => {
    const first = renderSvg((document) => reponPortrait(reponData(), { document }));
    // Plot's marker and clip ids come from process-wide counters: draw something else in between
    renderSvg((document) => reponPortrait(reponData(), { document, title: 'other' }));
    const again = renderSvg((document) => reponPortrait(reponData(), { document }));
    expect(again).toBe(first);
    expect(first).toContain('id="plot-marker-1"');
    expect(first).not.toMatch(/\d\.\d{3,}/);
  });
});

describe('documents', () => {
  test('a figure needs a document outside browsers, and says how to get one', () => {
    expect(() => phaseDiagram(phaseRuns())).toThrow(/nodeDocument\(\)/);
  });

  test('figures built in a browser-like document render too (the element is kept as built)', () => {
    const document = nodeDocument();
    const el = phaseDiagram(phaseRuns(), { document, title: 'T', caption: 'C' });
    expect(el.tagName.toLowerCase()).toBe('figure');
    const svg = renderSvg(el);
    expect(svg).toContain('>T</text>');
    expect(svg).toContain('>C</text>');
    // the element itself is not changed by rendering
    expect(el.querySelector('h2')?.textContent).toBe('T');
  });
});
