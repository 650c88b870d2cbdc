import * as Plot from '@observablehq/plot';
import { frameOptions, type Figure, type FigureOptions } from './figure';
import { keyCaption, spreadText } from './keyCaption';
import { summarizeBy, type Spread } from './stats';

/** One run of the decoder-complexity scan. */
export interface DepthAccuracy {
  /** number of hidden layers of the decoder. */
  depth: number;
  /** test accuracy in [0, 1]; runs (seeds) at the same depth and width are averaged. */
  accuracy: number;
  /** hidden width, when the scan varies it too. */
  width?: number;
}

/** Options of {@link goldilocks}. */
export interface GoldilocksOptions extends FigureOptions {
  /** error bars. Default "sd". */
  spread?: Spread;
  /** how several decoder widths are told apart: one colour each, or one panel each. Default "color". */
  widths?: 'color' | 'facet';
  /** ring the best mean (per width) to mark the peak of the zone. Default true. */
  highlightPeak?: boolean;
  /** y-axis label. Default "test accuracy". */
  yLabel?: string;
}

/**
 * The Goldilocks zone of decoder complexity (science.md A2.4, C5): test accuracy vs decoder depth,
 * mean ± spread over seeds, one line per decoder width (colour or facet). A peak at intermediate
 * depth is the zone: too shallow cannot fit (confusion), too deep memorizes.
 *
 * @example
 * ```ts
 * goldilocks([{ depth: 1, accuracy: 0.76 }, { depth: 2, accuracy: 0.86 }, { depth: 3, accuracy: 0.8 }], { document });
 * ```
 */
export function goldilocks(data: readonly DepthAccuracy[], options: GoldilocksOptions = {}): Figure {
  const spread = options.spread ?? 'sd';
  const points = summarizeBy(
    data,
    (r) => `${r.width}|${r.depth}`,
    (r) => r.accuracy,
    spread,
  )
    .map((s) => ({ depth: s.first.depth, width: s.first.width, mean: s.mean, lo: s.lo, hi: s.hi }))
    .sort((a, b) => (a.width ?? 0) - (b.width ?? 0) || a.depth - b.depth);
  const widths = [...new Set(points.map((p) => p.width))];
  const several = widths.length > 1;
  const facet = several && options.widths === 'facet';
  const colored = several && !facet;
  const series = colored ? { stroke: 'series' } : { stroke: '#333' };
  const rows = points.map((p) => ({ ...p, series: p.width === undefined ? '' : `width ${p.width}` }));
  const peaks = widths.map((w) => rows.filter((r) => r.width === w).reduce((best, r) => (r.mean > best.mean ? r : best)));
  const fx = facet ? { fx: 'series' } : {};
  const depths = [...new Set(points.map((p) => p.depth))].sort((a, b) => a - b);

  return Plot.plot({
    ...frameOptions(options, {
      height: facet ? 300 : 360,
      caption: keyCaption([`Test accuracy (${spreadText(spread)}) against decoder depth`, options.highlightPeak !== false && 'ringed: the best depth']),
    }),
    marginLeft: 50,
    marginBottom: 40,
    x: { label: 'decoder depth (hidden layers)', labelAnchor: 'center', labelArrow: 'none', ticks: depths, tickFormat: 'd', inset: 16 },
    y: { label: options.yLabel ?? 'test accuracy', labelAnchor: 'center', labelArrow: 'none', grid: true, nice: true, inset: 8 },
    ...(facet ? { fx: { label: null } } : {}),
    ...(colored ? { color: { type: 'categorical', domain: widths.map((w) => `width ${w}`), legend: options.legend ?? true } } : {}),
    marks: [
      Plot.ruleX(rows, { x: 'depth', y1: 'lo', y2: 'hi', ...series, strokeWidth: 1.5, ...fx, ariaDescription: 'spread' }),
      Plot.line(rows, { x: 'depth', y: 'mean', ...series, z: 'series', strokeWidth: 1.5, ...fx, ariaDescription: 'mean line' }),
      Plot.dot(rows, { x: 'depth', y: 'mean', ...(colored ? { fill: 'series' } : { fill: '#333' }), r: 3.5, ...fx, ariaDescription: 'mean' }),
      ...(options.highlightPeak !== false
        ? [Plot.dot(peaks, { x: 'depth', y: 'mean', ...series, r: 8, strokeWidth: 1.5, fill: 'none', ...fx, ariaDescription: 'peak' })]
        : []),
      Plot.frame({ stroke: '#bbb', strokeWidth: 0.5 }),
    ],
  });
}
