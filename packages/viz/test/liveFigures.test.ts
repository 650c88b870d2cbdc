/**
 * What the VS Code panels need from the figures while a run or sweep is in progress: a phase
 * diagram whose axes and cells come from the sweep's grid before any run has finished, keys on
 * the cells, learning curves that are clean from their first evaluation, and the experiment's
 * own ratio on the p_r curve.
 */
import { PENDING_FILL, learningCurves, phaseDiagram, prCurve, type PhaseRun } from '../src';
import { markElements, renderFigure, texts } from './render';

const GRID = [1e-4, 1e-3, 1e-2];
const run = (lrEncoder: number, lrDecoder: number, phase: PhaseRun['phase']) => ({ config: { dynamics: { lrEncoder, lrDecoder } }, phase, hash: `h${lrEncoder}-${lrDecoder}` });

describe('live phase diagram', () => {
  const grid = { x: GRID, y: GRID };
  const allPending = GRID.flatMap((x) => GRID.map((y) => ({ x, y, state: 'pending' as const, key: `h${x}-${y}` })));

  test('before any run: the whole grid, grey, on log axes spanning the grid', () => {
    const { root } = renderFigure('phaseDiagram-pending', (document) =>
      phaseDiagram([], { document, x: 'dynamics.lrEncoder', y: 'dynamics.lrDecoder', grid, pending: allPending }),
    );
    const cells = markElements(root, 'pending cell', 'rect');
    expect(cells).toHaveLength(9);
    expect(new Set(cells.map((c) => c.getAttribute('fill')))).toEqual(new Set([PENDING_FILL.pending]));
    expect(markElements(root, 'phase cell', 'rect')).toHaveLength(0);
    // log ticks in exponent form cover 1e-4 … 1e-2; no linear "0.0" ticks
    const ticks = texts(root);
    expect(ticks).toEqual(expect.arrayContaining(['1e-4', '1e-3', '1e-2']));
    expect(ticks.some((t) => /^-?0\.\d+$/.test(t))).toBe(false);
    // the predicted boundary is drawn from the first frame
    expect(markElements(root, 'phase boundary', 'path')).toHaveLength(1);
  });

  test('cells keep their size as runs arrive, and carry their keys', () => {
    const sizes = (runs: ReturnType<typeof run>[]) => {
      const done = new Set(runs.map((r) => r.hash));
      const { root } = renderFigure('phaseDiagram-partial', (document) =>
        phaseDiagram(runs, {
          document,
          x: 'dynamics.lrEncoder',
          y: 'dynamics.lrDecoder',
          grid,
          pending: allPending.filter((p) => !done.has(p.key)).map((p, i) => (i === 0 ? { ...p, state: 'running' as const, label: 'step 300' } : { ...p, state: 'pending' as const })),
          key: (r) => r.hash,
        }),
      );
      const rects = [...markElements(root, 'phase cell', 'rect'), ...markElements(root, 'pending cell', 'rect')];
      return { root, widths: new Set(rects.map((r) => Number(r.getAttribute('width')).toFixed(1))), rects };
    };
    const one = sizes([run(1e-3, 1e-3, 'comprehension')]);
    const four = sizes([run(1e-3, 1e-3, 'comprehension'), run(1e-4, 1e-2, 'memorization'), run(1e-2, 1e-4, 'comprehension'), run(1e-2, 1e-2, 'confusion')]);
    expect(one.rects).toHaveLength(9);
    expect(four.rects).toHaveLength(9);
    expect(one.widths).toEqual(four.widths);
    expect(one.widths.size).toBe(1);
    const keyed = markElements(four.root, 'phase cell', 'rect').map((r) => r.getAttribute('data-key'));
    expect(keyed.sort()).toEqual(['h0.0001-0.01', 'h0.001-0.001', 'h0.01-0.0001', 'h0.01-0.01']);
    expect(markElements(four.root, 'pending cell', 'rect').filter((r) => r.getAttribute('fill') === PENDING_FILL.running)).toHaveLength(1);
    // the running cell says how far it is
    expect(markElements(four.root, 'pending label', 'text').map((t) => t.textContent)).toEqual(['step 300']);
  });

  test('tooltips name the axes and format the values', () => {
    const { root } = renderFigure('phaseDiagram-title', (document) => phaseDiagram([run(0.0064633040701, 1e-3, 'grokking')], { document, x: 'dynamics.lrEncoder', y: 'dynamics.lrDecoder' }));
    const title = markElements(root, 'phase cell', 'title')[0].textContent;
    expect(title).toBe('lrEncoder = 0.00646, lrDecoder = 0.001\ngrokking 1 (of 1)');
  });
});

describe('learning curves while a run starts', () => {
  const record = (step: number, loss: number, acc: number) => ({ step, trainLoss: loss, testLoss: loss, trainAccuracy: acc, testAccuracy: acc });

  test('one evaluation: no degenerate axes, no Plot warning', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const { root } = renderFigure('learningCurves-first', (document) => learningCurves([record(0, 0.69, 0.5)], { document, stepTrain: null, stepTest: null }));
      expect(texts(root).some((t) => /0\.000000|⚠/.test(t))).toBe(false);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  test('milestones at the same or nearby steps share one label, kept inside the plot', () => {
    const trace = Array.from({ length: 11 }, (_, i) => record(i * 100, 0.7 / (i + 1), i / 10));
    const label = (stepTrain: number, stepTest: number, width = 640) => {
      const { root } = renderFigure('learningCurves-labels', (document) => learningCurves(trace, { document, stepTrain, stepTest, width }));
      return markElements(root, 'milestone label', 'text').map((t) => [t.textContent, t.parentElement?.getAttribute('text-anchor') ?? 'middle']);
    };
    expect(label(500, 500)).toEqual([['train, test 500', 'middle']]);
    expect(label(500, 600, 400)).toEqual([['train 500 · test 600', 'end']]);
    expect(label(200, 300, 400)).toEqual([['train 200 · test 300', 'start']]);
    // far apart: one label each; the one at the right end is anchored inside
    expect(label(300, 1000)).toEqual([
      ['train 300', 'middle'],
      ['test 1000', 'end'],
    ]);
  });

  test('the loss and accuracy panels share their x domain', () => {
    // a zero loss is dropped from the log panel; the panels must still span the same steps
    const trace = [record(0, 0.7, 0.5), record(100, 0.3, 0.8), record(200, 0, 1)];
    const { root } = renderFigure('learningCurves-aligned', (document) => learningCurves(trace, { document }));
    const [loss, accuracy] = Array.from(root.querySelectorAll('svg')).map((svg) =>
      Array.from(svg.querySelectorAll('g[aria-label="x-axis tick"] path')).map((p) => p.getAttribute('transform')),
    );
    expect(loss).toEqual(accuracy);
  });
});

describe('p_r curve with the experiment marked', () => {
  test('a labelled rule and a dot on the curve at the own ratio', () => {
    const theory = [0.01, 0.1, 1, 10, 100].map((ratio) => ({ ratio, pr: 1 / (1 + ratio) }));
    const { root } = renderFigure('prCurve-own', (document) => prCurve({ theory }, { document, ownRatio: 1, ownLabel: 'this experiment' }));
    expect(markElements(root, 'own ratio', 'line')).toHaveLength(1);
    expect(texts(root)).toContain('this experiment (1)');
    const dot = markElements(root, 'own ratio p_r', 'circle');
    expect(dot).toHaveLength(1);
  });
});
