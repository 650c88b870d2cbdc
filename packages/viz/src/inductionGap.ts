import * as Plot from '@observablehq/plot';
import { frameOptions, type Figure, type FigureOptions } from './figure';
import { keyCaption, spreadText } from './keyCaption';
import { summarizeBy, type Spread } from './stats';

/** One measured run of one architecture: accuracy on the whole dataset at a training fraction. */
export interface ArchitectureAccuracy {
  /** the architecture's name as shown in the legend, e.g. "concat MLP", "sqdiff MLP", "ideal". */
  architecture: string;
  fraction: number;
  /** accuracy in [0, 1]; runs (seeds) at the same architecture, relation and fraction are averaged. */
  accuracy: number;
  /** the relation, when the figure has one panel per relation (the paper's (a) mod 3, (b) greater-than). */
  relation?: string;
}

/** The accuracy upper bound f_UB at one fraction (for the relation of its panel, if any). */
export interface BoundPoint {
  fraction: number;
  fUB: number;
  relation?: string;
}

/** The data of {@link inductionGap}. */
export interface InductionGapData {
  measured: readonly ArchitectureAccuracy[];
  /** f_UB for reference. Default none. */
  bound?: readonly BoundPoint[];
}

/** Options of {@link inductionGap}. */
export interface InductionGapOptions extends FigureOptions {
  /** error bars. Default "sd". */
  spread?: Spread;
  /** architectures in legend (and colour) order. Default: order of first appearance. */
  architectures?: readonly string[];
}

/**
 * The induction gap (science.md A2.3, C4; the paper's Fig. 3): accuracy vs training fraction for
 * several architectures (combiners concat/diff/sqdiff, ideal decoders), mean ± spread over seeds,
 * with f_UB as a black reference; one panel per relation when the rows name relations.
 *
 * @example
 * ```ts
 * inductionGap(
 *   { measured: [{ architecture: 'concat', relation: 'mod 3', fraction: 0.5, accuracy: 0.8 }],
 *     bound: [{ relation: 'mod 3', fraction: 0.5, fUB: 0.99 }] },
 *   { document },
 * );
 * ```
 */
export function inductionGap(data: InductionGapData, options: InductionGapOptions = {}): Figure {
  const spread = options.spread ?? 'sd';
  const measured = summarizeBy(
    data.measured,
    (r) => `${r.relation}|${r.architecture}|${r.fraction}`,
    (r) => r.accuracy,
    spread,
  )
    .map((s) => ({ ...s.first, mean: s.mean, lo: s.lo, hi: s.hi }))
    .sort((a, b) => a.fraction - b.fraction);
  const bound = [...(data.bound ?? [])].sort((a, b) => a.fraction - b.fraction);
  const faceted = [...measured, ...bound].some((r) => r.relation !== undefined);
  const fx = faceted ? { fx: 'relation' } : {};
  const architectures = options.architectures ?? [...new Set(measured.map((m) => m.architecture))];
  const z = faceted ? (d: { relation?: string; architecture: string }) => `${d.relation}|${d.architecture}` : 'architecture';

  const caption = keyCaption([
    `Accuracy on the whole dataset per architecture (${spreadText(spread)})`,
    bound.length > 0 && 'black: upper bound f_UB; the distance below it is the induction gap',
  ]);

  return Plot.plot({
    ...frameOptions(options, { height: 380, caption }),
    marginLeft: 48,
    marginBottom: 40,
    x: { domain: [0, 1], label: 'training fraction p', labelAnchor: 'center', labelArrow: 'none' },
    y: { domain: [0, 1], label: 'accuracy', labelAnchor: 'center', labelArrow: 'none', grid: true },
    ...(faceted ? { fx: { label: null, domain: [...new Set([...data.measured, ...bound].map((r) => r.relation))] } } : {}),
    color: { type: 'categorical', domain: architectures, legend: options.legend ?? true },
    marks: [
      Plot.line(bound, { x: 'fraction', y: 'fUB', stroke: '#000', strokeWidth: 2, ...(faceted ? { fx: 'relation', z: 'relation' } : {}), ariaDescription: 'bound f_UB' }),
      Plot.ruleX(measured, { x: 'fraction', y1: 'lo', y2: 'hi', stroke: 'architecture', ...fx, ariaDescription: 'measured spread' }),
      Plot.line(measured, { x: 'fraction', y: 'mean', stroke: 'architecture', z, strokeWidth: 1.5, ...fx, ariaDescription: 'measured line' }),
      Plot.dot(measured, { x: 'fraction', y: 'mean', fill: 'architecture', r: 3, stroke: 'white', strokeWidth: 0.75, ...fx, ariaDescription: 'measured' }),
      Plot.frame({ stroke: '#bbb', strokeWidth: 0.5 }),
    ],
  });
}
