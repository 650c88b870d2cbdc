import { PHASES, type RunResult } from '@geneft/core';
import type { StoredRun } from '@geneft/core/node';
import { PHASE_COLORS, phaseCells, phaseDiagram, type PhaseRun } from '../src';
import { nodeDocument } from '../src/node';
import { PD_DEC, PD_ENC, phaseRuns } from './fixtures';
import { markElements, renderFigure, texts } from './render';

const unfaceted = () => phaseRuns().filter((r) => (r.config as { dynamics: { weightDecayDecoder: number } }).dynamics.weightDecayDecoder === 0);

// the run store's lines and run results are phase-diagram input as they are (checked by tsc)
export const storeLinesFit = (stored: StoredRun, result: RunResult): PhaseRun[] => [stored, result];

describe('phaseDiagram', () => {
  test('snapshot: one panel, majority phase', () => {
    const { svg, root } = renderFigure('phaseDiagram', (document) =>
      phaseDiagram(unfaceted(), { document, x: 'lrEncoder', y: 'lrDecoder', fill: 'phase', title: 'Learning-rate phase diagram (mod 3)' }),
    );
    expect(svg).toMatchSnapshot('phaseDiagram');

    const cells = markElements(root, 'phase cell', 'rect');
    expect(cells).toHaveLength(PD_ENC.length * PD_DEC.length);
    const expected = phaseCells(unfaceted()).map((c) => PHASE_COLORS[c.majority]);
    expect(cells.map((c) => c.getAttribute('fill'))).toEqual(expected);
    expect(markElements(root, 'phase boundary', 'path')).toHaveLength(1);
    expect(markElements(root, 'ratio line', 'path')).toHaveLength(3);
    expect(texts(root)).toEqual(expect.arrayContaining(['encoder learning rate η_enc', 'decoder learning rate η_dec', 'η_dec/η_enc = 10 (predicted)', ...PHASES]));
  });

  test('snapshot: faceted by decoder weight decay (Fig. 8)', () => {
    const { svg, root } = renderFigure('phaseDiagram-weightDecay', (document) =>
      phaseDiagram(phaseRuns(), { document, fx: 'weightDecayDecoder', title: 'Decoder weight decay does not move the boundary' }),
    );
    expect(svg).toMatchSnapshot('phaseDiagram-weightDecay');
    expect(markElements(root, 'phase cell', 'rect')).toHaveLength(2 * PD_ENC.length * PD_DEC.length);
    expect(markElements(root, 'phase boundary', 'path')).toHaveLength(2);
    expect(texts(root)).toEqual(expect.arrayContaining(['decoder weight decay', '0', '1']));
  });

  test('snapshot: fraction of seeds generalizing', () => {
    const { svg, root } = renderFigure('phaseDiagram-generalizing', (document) =>
      phaseDiagram(unfaceted(), { document, fill: 'generalizing', criticalRatio: 3, referenceRatios: [] }),
    );
    expect(svg).toMatchSnapshot('phaseDiagram-generalizing');
    expect(texts(root)).toContain('fraction of seeds generalizing');
    expect(texts(root)).toContain('η_dec/η_enc = 3 (predicted)');
    expect(markElements(root, 'ratio line', 'path')).toHaveLength(0);
  });

  test('cells: majority with ties to the earlier phase, and the fraction generalizing', () => {
    const run = (phase: PhaseRun['phase'], lrEncoder = 1e-3): PhaseRun => ({ config: { dynamics: { lrEncoder, lrDecoder: 1e-3 } }, phase });
    const [cell] = phaseCells([run('memorization'), run('grokking'), run('memorization'), run('comprehension')]);
    expect(cell.majority).toBe('memorization');
    expect(cell.n).toBe(4);
    expect(cell.generalizing).toBe(0.5);
    const [tie] = phaseCells([run('memorization'), run('grokking')]);
    expect(tie.majority).toBe('grokking');
  });

  test('cells tile a log grid: edges at geometric midpoints', () => {
    const runs = [1e-4, 1e-3, 1e-2].map((lrEncoder): PhaseRun => ({ config: { dynamics: { lrEncoder, lrDecoder: 1e-3 } }, phase: 'comprehension' }));
    const cells = phaseCells(runs);
    expect(cells[0].x2).toBeCloseTo(Math.sqrt(1e-4 * 1e-3), 12);
    expect(cells[1].x1).toBeCloseTo(cells[0].x2, 12);
    expect(cells[0].x1).toBeCloseTo(1e-4 / Math.sqrt(10), 12);
  });

  test('any config path, or a function, as an axis; no ratio lines off the learning-rate plane', () => {
    const runs = phaseRuns();
    const el = phaseDiagram(runs, { document: nodeDocument(), x: 'dynamics.weightDecayDecoder', y: (r) => (r.config as { seed: number }).seed });
    expect(el.querySelectorAll('g[aria-description="phase cell"] rect')).toHaveLength(2 * 3);
    expect(el.querySelectorAll('g[aria-description="phase boundary"]')).toHaveLength(0);
  });

  test('swapped learning-rate axes keep the boundary at the same ratio', () => {
    const el = phaseDiagram(unfaceted(), { document: nodeDocument(), x: 'lrDecoder', y: 'lrEncoder', referenceRatios: [] });
    expect(el.querySelectorAll('g[aria-description="phase boundary"] path')).toHaveLength(1);
    expect(el.querySelector('g[aria-description="phase boundary label"] text')?.textContent).toBe('η_dec/η_enc = 10 (predicted)');
  });

  test('a missing path is named in the error', () => {
    expect(() => phaseDiagram(phaseRuns(), { document: nodeDocument(), x: 'lrEncoderr' })).toThrow(/x "lrEncoderr" is not a number/);
  });
});
