import * as Plot from '@observablehq/plot';
import { frameOptions, type Figure, type FigureOptions } from './figure';
import { keyCaption } from './keyCaption';

/** The phase boundary of one optimizer at one initialisation scale: measured and predicted. */
export interface ScaleBoundary {
  /** the optimizer's name as shown in the legend and the panel header, e.g. "Adam". */
  optimizer: string;
  /** initialisation scale σ of the embeddings. */
  initScale: number;
  /** η_dec/η_enc at which half of the runs generalize; null when the grid of ratios holds no crossing. */
  measured: number | null;
  /** the bracketing ratios of the measured crossing (drawn as a vertical rule). */
  interval: readonly [number, number] | null;
  /** the theory's (calibrated) boundary η_dec/η_enc. */
  predicted: number;
  /**
   * With no crossing (`measured` null): the ratio at the grid's edge past which the crossing would
   * lie, and on which side. Without it the figure can only say "none in grid" at the panel's top.
   */
  noCrossing?: { edge: number; side: 'above' | 'below' };
  /** a second prediction to compare with, e.g. the gradient-flow multi-output boundary. */
  reference?: number | null;
}

/** Options of {@link boundaryVsScale}. */
export interface BoundaryVsScaleOptions extends FigureOptions {
  /** what `reference` is, for the caption. Default "reference prediction". */
  referenceLabel?: string;
}

/** How far (as a factor) the prediction may miss and still count as agreeing: the shaded band. */
const TOLERANCE = 2;
/** Length of the "no crossing" arrow, as a factor of η_dec/η_enc (a fixed length on the log axis). */
const ARROW_FACTOR = 2;

/**
 * The phase boundary against the initialisation scale σ (a figure the paper does not have): one
 * panel per optimizer, log σ against log η_dec/η_enc. The measured ½-crossing is a dot with its
 * bracketing interval as a vertical rule; the prediction is a line through crosses, inside a band
 * from prediction/2 to prediction·2 — a measured dot in the band meets the factor-of-2 target.
 * Where the grid held no crossing, a hollow circle sits at the grid's edge with an arrow pointing
 * the way the crossing lies and the label "none in grid".
 *
 * @example
 * ```ts
 * boundaryVsScale(
 *   [
 *     { optimizer: 'Adam', initScale: 0.5, measured: 11.3, interval: [8, 16], predicted: 0.71 },
 *     { optimizer: 'SGD', initScale: 0.5, measured: null, interval: null, predicted: 1.06, noCrossing: { edge: 256, side: 'above' } },
 *   ],
 *   { document },
 * );
 * ```
 */
export function boundaryVsScale(data: readonly ScaleBoundary[], options: BoundaryVsScaleOptions = {}): Figure {
  const rows = [...data].sort((a, b) => a.initScale - b.initScale);
  const optimizers = [...new Set(rows.map((r) => r.optimizer))];
  const scales = [...new Set(rows.map((r) => r.initScale))];
  const band = rows.map((r) => ({ ...r, lo: r.predicted / TOLERANCE, hi: r.predicted * TOLERANCE }));
  const measured = rows.filter((r) => r.measured !== null);
  const intervals = measured.filter((r) => r.interval !== null).map((r) => ({ ...r, lo: r.interval![0], hi: r.interval![1] }));
  const edges = rows
    .filter((r) => r.measured === null && r.noCrossing !== undefined)
    .map((r) => {
      const { edge, side } = r.noCrossing!;
      return { ...r, edge, tip: side === 'above' ? edge * ARROW_FACTOR : edge / ARROW_FACTOR, side };
    });
  const unplaced = rows.filter((r) => r.measured === null && r.noCrossing === undefined);
  const references = rows.filter((r) => r.reference !== undefined && r.reference !== null);
  const fx = { fx: 'optimizer' };
  const ys = [
    ...band.flatMap((r) => [r.lo, r.hi]),
    ...measured.map((r) => r.measured!),
    ...intervals.flatMap((r) => [r.lo, r.hi]),
    ...edges.flatMap((e) => [e.edge, e.tip]),
    ...references.map((r) => r.reference!),
  ];
  const yTicks = oneTwoFive(Math.min(...ys), Math.max(...ys));

  const caption = keyCaption([
    measured.length > 0 && 'Dots: measured η_dec/η_enc where half of the runs generalize, rules: the bracketing grid cells',
    `line with crosses: predicted boundary; shaded: within a factor of ${TOLERANCE} of it (the target)`,
    references.length > 0 && `dotted grey: ${options.referenceLabel ?? 'reference prediction'}`,
    edges.length > 0 && 'hollow circle with arrow: no ½ crossing in the grid, which lies beyond this edge of it',
    unplaced.length > 0 && '"none in grid": no ½ crossing in the grid',
  ]);

  return Plot.plot({
    ...frameOptions(options, { height: 380, caption }),
    marginLeft: 52,
    marginBottom: 40,
    x: { type: 'log', ticks: scales, tickFormat: '~g', inset: 36, label: 'initialisation scale σ', labelAnchor: 'center', labelArrow: 'none' },
    // room above and below for the "none in grid" labels at the arrows' tips
    // room above and below for the "none in grid" labels at the arrows' tips
    y: { type: 'log', insetTop: 18, insetBottom: 18 },
    fx: { label: null, domain: optimizers, padding: 0.12 },
    color: { type: 'categorical', domain: optimizers, legend: options.legend ?? true },
    marks: [
      // an explicit axis: on a log scale Plot labels only the ticks led by a small digit (d3's filter), which drops 5, 50, …
      Plot.gridY(yTicks),
      Plot.axisY(yTicks, { text: (t: number) => `${t}`, label: 'η_dec/η_enc at the boundary', labelAnchor: 'center', labelArrow: 'none' }),
      Plot.areaY(band, { x: 'initScale', y1: 'lo', y2: 'hi', fill: 'optimizer', fillOpacity: 0.16, ...fx, ariaDescription: 'factor-2 band' }),
      Plot.line(references, { x: 'initScale', y: 'reference', stroke: '#777', strokeDasharray: '2,3', strokeWidth: 1.25, ...fx, ariaDescription: 'reference' }),
      Plot.line(rows, { x: 'initScale', y: 'predicted', stroke: 'optimizer', strokeWidth: 1.5, ...fx, ariaDescription: 'predicted line' }),
      Plot.dot(rows, { x: 'initScale', y: 'predicted', stroke: 'optimizer', symbol: 'times', r: 3.5, strokeWidth: 1.5, ...fx, ariaDescription: 'predicted' }),
      Plot.ruleX(intervals, { x: 'initScale', y1: 'lo', y2: 'hi', stroke: 'optimizer', strokeWidth: 1.5, ...fx, ariaDescription: 'measured interval' }),
      Plot.dot(measured, {
        x: 'initScale',
        y: 'measured',
        fill: 'optimizer',
        r: 4.5,
        stroke: 'white',
        strokeWidth: 0.75,
        title: (r: ScaleBoundary) => `σ ${r.initScale}: measured ${r.measured!.toPrecision(3)}, predicted ${r.predicted.toPrecision(3)}`,
        ...fx,
        ariaDescription: 'measured',
      }),
      Plot.arrow(edges, { x: 'initScale', y1: 'edge', y2: 'tip', stroke: 'optimizer', strokeWidth: 1.5, headLength: 6, insetStart: 5, ...fx, ariaDescription: 'no crossing arrow' }),
      Plot.dot(edges, { x: 'initScale', y: 'edge', stroke: 'optimizer', fill: 'white', r: 4.5, strokeWidth: 1.5, ...fx, ariaDescription: 'no crossing' }),
      // the label beyond the arrow's tip: above an upward arrow, below a downward one
      ...(['above', 'below'] as const).map((side) =>
        Plot.text(
          edges.filter((e) => e.side === side),
          { x: 'initScale', y: 'tip', text: () => 'none in grid', dy: side === 'above' ? -8 : 10, fill: 'optimizer', fontSize: 10, ...fx, ariaDescription: 'no crossing label' },
        ),
      ),
      Plot.text(unplaced, { x: 'initScale', frameAnchor: 'top', dy: 8, text: () => 'none in grid', fill: 'optimizer', fontSize: 10, ...fx, ariaDescription: 'no crossing label' }),
      Plot.frame({ stroke: '#bbb', strokeWidth: 0.5 }),
    ],
  });
}

/** 1, 2, 5 × 10^k inside [lo, hi]: Plot's own log ticks label only some of nine per decade. */
function oneTwoFive(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of [1, 2, 5]) {
      const t = Number((m * 10 ** k).toPrecision(12));
      if (t >= lo && t <= hi) ticks.push(t);
    }
  }
  return ticks;
}
