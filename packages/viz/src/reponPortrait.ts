import * as Plot from '@observablehq/plot';
import { frameOptions, type Figure, type FigureOptions } from './figure';
import { keyCaption } from './keyCaption';
import { lineThroughOriginInBox } from './lines';
import { PHASE_COLORS } from './phaseColors';

/** A point of the reduced two-repon system (Eq. 10). */
export interface ReponPoint {
  /** decoder weight on the separating axis. */
  a2: number;
  /** half-separation of the two repons along it. */
  c: number;
}

/** How a trajectory ends: the repons collide (generalize) or the spring dies first (memorize). */
export type ReponOutcome = 'collide' | 'memorize';

/** One trajectory from an initial condition, in time order. */
export interface ReponTrajectory {
  points: readonly ReponPoint[];
  /** Default: from the sign of the conserved C = a₂²/(2η_A) − c²/η_x at the first point (C > 0 collides). */
  outcome?: ReponOutcome;
}

/** The data of {@link reponPortrait}. */
export interface ReponPortraitData {
  trajectories: readonly ReponTrajectory[];
  /** η_x, the encoder (repon) learning rate the trajectories were integrated with. */
  etaX: number;
  /** η_A, the decoder learning rate. */
  etaA: number;
}

/** Options of {@link reponPortrait}. */
export interface ReponPortraitOptions extends FigureOptions {
  /** shade the region C > 0 whose trajectories collide. Default true. */
  shade?: boolean;
}

const OUTCOME_COLORS: Readonly<Record<ReponOutcome, string>> = {
  collide: PHASE_COLORS.comprehension,
  memorize: PHASE_COLORS.memorization,
};

/**
 * The (a₂, c) phase portrait of two same-class repons (science.md A3.3, C7; Theorem 2):
 * trajectories from several initial conditions (lines, arrow at the end), coloured by outcome,
 * and the separatrix C = 0, the lines c = ±a₂·√(η_x/(2η_A)).
 *
 * @example
 * ```ts
 * reponPortrait({ etaX: 1e-3, etaA: 1e-3, trajectories: [{ points: [{ a2: 1, c: 0.5 }, { a2: 0.9, c: 0.1 }] }] }, { document });
 * ```
 */
export function reponPortrait(data: ReponPortraitData, options: ReponPortraitOptions = {}): Figure {
  const slope = Math.sqrt(data.etaX / (2 * data.etaA));
  const lines = data.trajectories.map((t, i) => ({
    id: i,
    outcome: t.outcome ?? outcomeOf(t.points[0], data.etaX, data.etaA),
    points: t.points,
  }));
  const all = lines.flatMap((t) => t.points);
  const xDomain = paddedExtent(all.map((p) => p.a2));
  const yDomain = paddedExtent(all.map((p) => p.c));
  const eps = 0.002 * Math.hypot(xDomain[1] - xDomain[0], yDomain[1] - yDomain[0]);
  const path = lines.flatMap((t) => thin(t.points, eps).map((p) => ({ ...p, id: t.id, outcome: t.outcome })));
  const starts = lines.filter((t) => t.points.length > 0).map((t) => ({ ...t.points[0], outcome: t.outcome }));
  const separatrix = [slope, -slope].flatMap((m, i) => {
    const ends = lineThroughOriginInBox(m, xDomain, yDomain);
    return ends ? ends.map(([a2, c]) => ({ a2, c, branch: i })) : [];
  });
  // the collide region |c| < slope·|a₂|, as an area between the two separatrix branches
  const wedge = [xDomain[0], 0, xDomain[1]].map((a2) => ({
    a2,
    lo: Math.max(yDomain[0], -slope * Math.abs(a2)),
    hi: Math.min(yDomain[1], slope * Math.abs(a2)),
  }));
  const branch = separatrix.filter((p) => p.branch === 0);
  const label = branch.length === 2 ? [{ a2: 0.4 * branch[0].a2 + 0.6 * branch[1].a2, c: 0.4 * branch[0].c + 0.6 * branch[1].c }] : [];

  return Plot.plot({
    ...frameOptions(options, {
      height: 420,
      caption: keyCaption([
        'Trajectories of (a₂, c) from several initial conditions; dots mark the start',
        'black: separatrix C\u00a0=\u00a00',
        options.shade !== false && 'shaded: C > 0, where the repons collide',
      ]),
    }),
    marginLeft: 50,
    marginBottom: 40,
    x: { domain: xDomain, label: 'decoder weight a₂', labelAnchor: 'center', labelArrow: 'none' },
    y: { domain: yDomain, label: 'half-separation c', labelAnchor: 'center', labelArrow: 'none' },
    color: { type: 'ordinal', domain: ['collide', 'memorize'], range: [OUTCOME_COLORS.collide, OUTCOME_COLORS.memorize], legend: options.legend ?? true },
    marks: [
      ...(options.shade !== false
        ? [Plot.areaY(wedge, { x: 'a2', y1: 'lo', y2: 'hi', fill: OUTCOME_COLORS.collide, fillOpacity: 0.08, ariaDescription: 'collide region' })]
        : []),
      Plot.ruleX([0], { stroke: '#ccc' }),
      Plot.ruleY([0], { stroke: '#ccc' }),
      Plot.line(separatrix, { x: 'a2', y: 'c', z: 'branch', stroke: '#000', strokeWidth: 1.5, ariaDescription: 'separatrix' }),
      Plot.text(label, { x: 'a2', y: 'c', text: () => 'C = 0', textAnchor: 'start', dx: 8, fontWeight: 'bold', fill: '#000', ariaDescription: 'separatrix label' }),
      Plot.line(path, { x: 'a2', y: 'c', z: 'id', stroke: 'outcome', strokeWidth: 1.5, markerEnd: 'arrow', ariaDescription: 'trajectory' }),
      Plot.dot(starts, { x: 'a2', y: 'c', fill: 'outcome', r: 3, ariaDescription: 'initial condition' }),
      Plot.frame({ stroke: '#bbb', strokeWidth: 0.5 }),
    ],
  });
}

/** Theorem 2's prediction from the initial condition: C > 0 collides. */
function outcomeOf(p: ReponPoint | undefined, etaX: number, etaA: number): ReponOutcome {
  if (!p) return 'memorize';
  return (p.a2 * p.a2) / (2 * etaA) - (p.c * p.c) / etaX > 0 ? 'collide' : 'memorize';
}

/**
 * Drops points closer than eps to the last kept one. Trajectories crawl into their fixed point in
 * ever smaller steps; without this the final segments are shorter than a pixel and the end arrow
 * points in an arbitrary direction.
 */
function thin(points: readonly ReponPoint[], eps: number): ReponPoint[] {
  const kept: ReponPoint[] = [];
  for (const p of points) {
    const last = kept[kept.length - 1];
    if (!last || Math.hypot(p.a2 - last.a2, p.c - last.c) >= eps) kept.push(p);
  }
  return kept;
}

/** The extent of the values and 0, widened by 8% on each side. */
function paddedExtent(values: readonly number[]): [number, number] {
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const pad = (hi - lo || 1) * 0.08;
  return [lo - (lo < 0 ? pad : 0), hi + pad];
}
