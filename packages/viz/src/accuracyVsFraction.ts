import * as Plot from '@observablehq/plot';
import { frameOptions, type Figure, type FigureOptions } from './figure';
import { keyCaption, spreadText } from './keyCaption';
import { summarizeBy, type Spread } from './stats';

/** One measured run: accuracy on the whole dataset (p·train + (1 − p)·test) at a training fraction. */
export interface FractionAccuracy {
  /** the relation's name as shown in the legend, e.g. "mod 3". */
  relation: string;
  /** training fraction p. */
  fraction: number;
  /** accuracy in [0, 1]. Runs (seeds) at the same relation and fraction are averaged. */
  accuracy: number;
}

/** The statics theory at one fraction (science.md A2.2): f = 1 − (1 − 1/b)^m and its bound f_UB. */
export interface StaticsCurvePoint {
  relation: string;
  fraction: number;
  /** fraction of known bits, f(m) with m = N·p. */
  f: number;
  /** the accuracy upper bound f + max(p*, 1 − p*)·(1 − f). */
  fUB: number;
}

/** An estimate with its uncertainty, e.g. the Monte Carlo achievable accuracy of App. D. */
export interface FractionEstimate {
  relation: string;
  fraction: number;
  accuracy: number;
  /** half-length of the error bar (e.g. the standard deviation over samples). Default 0. */
  error?: number;
}

/** The critical training fraction p_c of a relation (Eq. 4). */
export interface CriticalFraction {
  relation: string;
  fraction: number;
}

/** The data of {@link accuracyVsFraction}; every part is optional. */
export interface AccuracyVsFractionData {
  /** measured runs, one per seed. */
  measured?: readonly FractionAccuracy[];
  /** theory curves f and f_UB, sampled densely enough to look smooth. */
  theory?: readonly StaticsCurvePoint[];
  /** Monte Carlo achievable accuracy with error bars. */
  monteCarlo?: readonly FractionEstimate[];
  /** vertical rules at p_c. */
  criticalFractions?: readonly CriticalFraction[];
}

/** Options of {@link accuracyVsFraction}. */
export interface AccuracyVsFractionOptions extends FigureOptions {
  /** error bars of the measured points. Default "sd". */
  spread?: Spread;
  /** one panel per relation instead of one shared panel. Default false. */
  facet?: boolean;
  /** relations in legend (and colour) order. Default: order of first appearance. */
  relations?: readonly string[];
}

/**
 * Accuracy vs training fraction (science.md A2.2, C1–C3; the paper's Fig. 2): measured accuracy per
 * relation (mean ± spread over seeds), the balls-in-buckets curves f (dashed) and f_UB (solid),
 * the Monte Carlo achievable accuracy (open diamonds with error bars) and p_c (dotted rules),
 * coloured by relation.
 *
 * @example
 * ```ts
 * accuracyVsFraction(
 *   { measured: [{ relation: 'mod 3', fraction: 0.3, accuracy: 0.91 }], criticalFractions: [{ relation: 'mod 3', fraction: 0.1 }] },
 *   { document, title: 'Critical data size' },
 * );
 * ```
 */
export function accuracyVsFraction(data: AccuracyVsFractionData, options: AccuracyVsFractionOptions = {}): Figure {
  const spread = options.spread ?? 'sd';
  const measured = summarizeBy(
    data.measured ?? [],
    (r) => `${r.relation}|${r.fraction}`,
    (r) => r.accuracy,
    spread,
  ).map((s) => ({ relation: s.first.relation, fraction: s.first.fraction, mean: s.mean, lo: s.lo, hi: s.hi }));
  const theory = data.theory ?? [];
  const monteCarlo = (data.monteCarlo ?? []).map((e) => ({ ...e, lo: e.accuracy - (e.error ?? 0), hi: e.accuracy + (e.error ?? 0) }));
  const critical = data.criticalFractions ?? [];
  const relations =
    options.relations ??
    [...new Set([...measured, ...theory, ...monteCarlo, ...critical].map((d) => d.relation))];
  const fx = options.facet ? { fx: 'relation' } : {};

  const caption = keyCaption([
    measured.length > 0 && `Dots: measured accuracy on the whole dataset (${spreadText(spread)})`,
    theory.length > 0 && 'solid: upper bound f_UB; dashed: f, the fraction of known bits',
    monteCarlo.length > 0 && 'open diamonds: Monte Carlo achievable accuracy',
    critical.length > 0 && 'dotted: critical fraction p_c',
  ]);

  return Plot.plot({
    ...frameOptions(options, { height: options.facet ? 300 : 420, caption }),
    marginLeft: 48,
    marginBottom: 40,
    x: { domain: [0, 1], label: 'training fraction p', labelAnchor: 'center', labelArrow: 'none' },
    y: { domain: [0, 1], label: 'accuracy', labelAnchor: 'center', labelArrow: 'none', grid: true },
    ...(options.facet ? { fx: { label: null, domain: relations, padding: 0.15 } } : {}),
    color: { type: 'categorical', domain: relations, legend: options.legend ?? true },
    marks: [
      Plot.ruleX(critical, { x: 'fraction', stroke: 'relation', strokeDasharray: '2,3', strokeWidth: 1.5, ...fx, ariaDescription: 'critical fraction' }),
      Plot.line(theory, { x: 'fraction', y: 'f', stroke: 'relation', z: 'relation', strokeDasharray: '6,4', strokeWidth: 1.5, ...fx, ariaDescription: 'theory f' }),
      Plot.line(theory, { x: 'fraction', y: 'fUB', stroke: 'relation', z: 'relation', strokeWidth: 2, ...fx, ariaDescription: 'theory f_UB' }),
      Plot.ruleX(monteCarlo, { x: 'fraction', y1: 'lo', y2: 'hi', stroke: 'relation', ...fx, ariaDescription: 'monte carlo error' }),
      Plot.dot(monteCarlo, { x: 'fraction', y: 'accuracy', stroke: 'relation', fill: 'white', symbol: 'diamond', r: 4, strokeWidth: 1.5, ...fx, ariaDescription: 'monte carlo' }),
      Plot.ruleX(measured, { x: 'fraction', y1: 'lo', y2: 'hi', stroke: 'relation', strokeWidth: 1.5, ...fx, ariaDescription: 'measured spread' }),
      Plot.dot(measured, { x: 'fraction', y: 'mean', fill: 'relation', r: 3.5, stroke: 'white', strokeWidth: 0.75, ...fx, ariaDescription: 'measured' }),
      Plot.frame({ stroke: '#bbb', strokeWidth: 0.5 }),
    ],
  });
}
