import { boundaryVsScale, type Figure, type ScaleBoundary } from '../src';
import { nodeDocument } from '../src/node';
import { scaleBoundaryData } from './fixtures';
import { markElements, renderFigure, texts } from './render';

/** Plot's figure exposes its scales; the y scale maps η_dec/η_enc to the pixel rows the marks use. */
interface Scale {
  type: string;
  apply(value: unknown): number;
}
const scale = (figure: Figure, name: 'x' | 'y' | 'color') => (figure as unknown as { scale(n: string): Scale }).scale(name);

/** The vertices of an SVG path made of M and L commands (Plot's lines, areas and arrows). */
function vertices(path: Element): [number, number][] {
  return [...(path.getAttribute('d') ?? '').matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Builds the figure once, keeping both the element (for its scales) and the rendered SVG. */
function draw(name: string, data: readonly ScaleBoundary[], options: Parameters<typeof boundaryVsScale>[1] = {}) {
  let figure: Figure | undefined;
  const rendered = renderFigure(name, (document) => (figure = boundaryVsScale(data, { document, ...options })));
  return { ...rendered, figure: figure! };
}

describe('boundaryVsScale', () => {
  test('snapshot: Adam and SGD, measured and predicted, one panel each', () => {
    const data = scaleBoundaryData();
    const { svg, root } = draw('boundaryVsScale', data, {
      title: 'Boundary vs initialisation scale',
      subtitle: 'mod 3, fraction 0.75',
      referenceLabel: 'gradient flow, M outputs',
    });
    expect(svg).toMatchSnapshot('boundaryVsScale');
    const crossings = data.filter((r) => r.measured !== null);
    expect(markElements(root, 'measured', 'circle')).toHaveLength(crossings.length);
    expect(markElements(root, 'measured interval', 'line')).toHaveLength(crossings.length);
    expect(markElements(root, 'predicted', 'path')).toHaveLength(data.length);
    // one band, one prediction line and one reference line per optimizer panel
    expect(markElements(root, 'factor-2 band', 'path')).toHaveLength(2);
    expect(markElements(root, 'predicted line', 'path')).toHaveLength(2);
    expect(markElements(root, 'reference', 'path')).toHaveLength(2);
    const all = texts(root);
    expect(all).toEqual(expect.arrayContaining(['initialisation scale σ', 'η_dec/η_enc at the boundary', 'Adam', 'SGD']));
    const caption = all.join(' ');
    expect(caption).toContain('within a factor of 2');
    expect(caption).toContain('gradient flow, M outputs');
    expect(caption).toContain('no ½ crossing in the grid');
  });

  test('x is log σ with a tick at each σ; y ticks are 1-2-5 per decade, every one labelled', () => {
    const { root, figure } = draw('boundaryVsScale-axes', scaleBoundaryData());
    const x = scale(figure, 'x');
    expect(x.type).toBe('log');
    // equal steps for equal factors: σ 0.25 → 0.5 → 1
    expect(x.apply(0.5) - x.apply(0.25)).toBeCloseTo(x.apply(1) - x.apply(0.5), 6);
    const xLabels = Array.from(root.querySelectorAll('g[aria-label="x-axis tick label"] text')).map((t) => t.textContent);
    expect(xLabels).toEqual(['0.25', '0.5', '1', '0.25', '0.5', '1']);
    const yLabels = Array.from(root.querySelectorAll('g[aria-label="y-axis tick label"] text')).map((t) => t.textContent);
    // the data span 0.241/2 (Adam's band at σ 1) to 512 (SGD's arrow tips)
    expect(yLabels).toEqual(['0.2', '0.5', '1', '2', '5', '10', '20', '50', '100', '200', '500']);
  });

  test('measured dots sit at their η_dec/η_enc on a log y scale, intervals span their brackets', () => {
    const data = scaleBoundaryData();
    const { root, figure } = draw('boundaryVsScale-positions', data);
    const y = scale(figure, 'y');
    expect(y.type).toBe('log');
    // a log scale: doubling moves by the same number of pixels anywhere
    expect(y.apply(2) - y.apply(4)).toBeCloseTo(y.apply(64) - y.apply(128), 6);
    const crossings = data.filter((r) => r.measured !== null);
    const dots = markElements(root, 'measured', 'circle').map((c) => Number(c.getAttribute('cy')));
    // larger η_dec/η_enc is higher up: pixel rows sort opposite to the measured values
    const byMeasured = [...crossings].sort((a, b) => a.measured! - b.measured!).map((r) => y.apply(r.measured));
    expect([...dots].sort((a, b) => b - a)).toEqual(byMeasured.map((v) => expect.closeTo(v, 1)));
    const rules = markElements(root, 'measured interval', 'line').map((l) => [Number(l.getAttribute('y1')), Number(l.getAttribute('y2'))].sort((a, b) => a - b));
    const brackets = crossings.map((r) => [y.apply(r.interval![1]), y.apply(r.interval![0])]);
    expect(rules).toEqual(brackets.map(([top, bottom]) => [expect.closeTo(top, 1), expect.closeTo(bottom, 1)]));
  });

  test('the shaded band spans exactly prediction/2 to prediction·2 at every σ', () => {
    const data = scaleBoundaryData();
    const { root, figure } = draw('boundaryVsScale-band', data);
    const [x, y, color] = [scale(figure, 'x'), scale(figure, 'y'), scale(figure, 'color')];
    const bands = markElements(root, 'factor-2 band', 'path');
    for (const [i, optimizer] of ['Adam', 'SGD'].entries()) {
      const rows = data.filter((r) => r.optimizer === optimizer);
      expect(bands[i].getAttribute('fill')).toBe(color.apply(optimizer));
      const expected = [
        ...rows.map((r) => [x.apply(r.initScale), y.apply(r.predicted * 2)]),
        ...[...rows].reverse().map((r) => [x.apply(r.initScale), y.apply(r.predicted / 2)]),
      ];
      expect(vertices(bands[i])).toEqual(expected.map(([px, py]) => [expect.closeTo(px, 1), expect.closeTo(py, 1)]));
    }
    // a Adam point at σ 1: 4 is outside its band (0.12..0.48), so the figure shows the miss
    const [adam] = bands;
    const topAtOne = Math.min(...vertices(adam).filter(([px]) => Math.abs(px - x.apply(1)) < 0.5).map(([, py]) => py));
    expect(y.apply(4)).toBeLessThan(topAtOne);
  });

  test('no crossing in the grid: a hollow circle at the grid edge, an arrow the way the crossing lies, "none in grid"', () => {
    const data: ScaleBoundary[] = [
      { optimizer: 'SGD', initScale: 0.25, measured: null, interval: null, predicted: 4, noCrossing: { edge: 256, side: 'above' } },
      { optimizer: 'SGD', initScale: 0.5, measured: null, interval: null, predicted: 1, noCrossing: { edge: 4, side: 'below' } },
      { optimizer: 'SGD', initScale: 1, measured: 16, interval: [8, 32], predicted: 0.25 },
    ];
    const { root, figure } = draw('boundaryVsScale-none', data);
    const y = scale(figure, 'y');
    const hollow = markElements(root, 'no crossing', 'circle');
    expect(hollow).toHaveLength(2);
    // a constant fill lands on the group around the circles
    for (const c of hollow) expect(c.closest('g[fill]')?.getAttribute('fill')).toBe('white');
    expect(hollow.map((c) => Number(c.getAttribute('cy')))).toEqual([expect.closeTo(y.apply(256), 1), expect.closeTo(y.apply(4), 1)]);
    const arrows = markElements(root, 'no crossing arrow', 'path').map((p) => vertices(p));
    expect(arrows).toHaveLength(2);
    // each arrow's shaft starts next to its circle and points away from the grid: up past 256, down below 4
    const [up, down] = arrows.map(([start, end]) => ({ start: start[1], end: end[1] }));
    expect(up.end).toBeLessThan(up.start);
    expect(up.end).toBeCloseTo(y.apply(512), 0);
    expect(down.end).toBeGreaterThan(down.start);
    expect(down.end).toBeCloseTo(y.apply(2), 0);
    const labels = markElements(root, 'no crossing label', 'text');
    expect(labels.map((t) => t.textContent)).toEqual(['none in grid', 'none in grid']);
    expect(markElements(root, 'measured', 'circle')).toHaveLength(1);
  });

  test('no crossing and no edge given: only the label, at the top of the panel', () => {
    const data: ScaleBoundary[] = [
      { optimizer: 'Adam', initScale: 0.5, measured: null, interval: null, predicted: 1 },
      { optimizer: 'Adam', initScale: 1, measured: 2, interval: [1, 4], predicted: 0.5 },
    ];
    const { root } = draw('boundaryVsScale-unplaced', data);
    expect(markElements(root, 'no crossing', 'circle')).toHaveLength(0);
    expect(markElements(root, 'no crossing label', 'text').map((t) => t.textContent)).toEqual(['none in grid']);
    const caption = texts(root).join(' ');
    expect(caption).toContain('"none in grid"');
    expect(caption).not.toContain('hollow circle');
  });

  test('builds in a linkedom document; without one in Node it says how to get one', () => {
    const figure = boundaryVsScale(scaleBoundaryData(), { document: nodeDocument(), title: 'Boundary vs σ' });
    expect(figure.tagName.toLowerCase()).toBe('figure');
    expect(figure.querySelectorAll('svg g[aria-description="measured"] circle')).toHaveLength(4);
    expect(() => boundaryVsScale(scaleBoundaryData())).toThrow(/nodeDocument/);
  });
});
