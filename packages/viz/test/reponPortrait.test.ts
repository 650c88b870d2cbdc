import { PHASE_COLORS, reponPortrait } from '../src';
import { reponData } from './fixtures';
import { markElements, renderFigure, texts } from './render';

describe('reponPortrait', () => {
  test('snapshot: Theorem 2 phase portrait', () => {
    const data = reponData();
    const { svg, root } = renderFigure('reponPortrait', (document) => reponPortrait(data, { document, title: 'Two repons: collide or memorize' }));
    expect(svg).toMatchSnapshot('reponPortrait');
    const paths = markElements(root, 'trajectory', 'path[marker-end]');
    expect(paths).toHaveLength(data.trajectories.length);
    // outcome from the sign of C = a₂²/(2η_A) − c²/η_x at the start
    const colors = data.trajectories.map(({ points: [p] }) =>
      (p.a2 ** 2) / (2 * data.etaA) - (p.c ** 2) / data.etaX > 0 ? PHASE_COLORS.comprehension : PHASE_COLORS.memorization,
    );
    expect(paths.map((p) => p.getAttribute('stroke'))).toEqual(colors);
    expect(new Set(colors).size).toBe(2);
    // both separatrix branches c = ±a₂·√(η_x/(2η_A))
    expect(markElements(root, 'separatrix', 'path')).toHaveLength(2);
    expect(texts(root)).toEqual(expect.arrayContaining(['C = 0', 'collide', 'memorize', 'decoder weight a₂', 'half-separation c']));
  });

  test('an explicit outcome wins over the prediction', () => {
    const data = { etaX: 1, etaA: 1, trajectories: [{ points: [{ a2: 2, c: 0.1 }, { a2: 1.9, c: 0.05 }], outcome: 'memorize' as const }] };
    const { root } = renderFigure('reponPortrait-explicit', (document) => reponPortrait(data, { document, shade: false }));
    expect(markElements(root, 'trajectory', 'path[marker-end]')[0].getAttribute('stroke')).toBe(PHASE_COLORS.memorization);
    expect(markElements(root, 'collide region', 'path')).toHaveLength(0);
  });
});
