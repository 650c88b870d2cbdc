import * as Plot from '@observablehq/plot';
import { frameOptions, type Figure, type FigureOptions } from './figure';
import { keyCaption } from './keyCaption';
import { PHASE_COLORS } from './phaseColors';
import { wilsonInterval } from './stats';
import { formatRatio } from './format';

/** p_r from the theory at one learning-rate ratio. */
export interface PrTheoryPoint {
  /** η_dec/η_enc. */
  ratio: number;
  /** predicted probability of generalizing (Eq. 12), in [0, 1]. */
  pr: number;
}

/** Measured outcome of the seeds run at one learning-rate ratio. */
export interface PrMeasuredPoint {
  /** η_dec/η_enc. */
  ratio: number;
  /** seeds that generalized (comprehension or grokking; or collided, for the repon theory). */
  generalizing: number;
  /** seeds run. */
  total: number;
}

/** The data of {@link prCurve}. */
export interface PrCurveData {
  /** the curve (2/π)·arctan(ρ), sampled densely on a log grid of ratios. */
  theory?: readonly PrTheoryPoint[];
  measured?: readonly PrMeasuredPoint[];
}

/** Options of {@link prCurve}. */
export interface PrCurveOptions extends FigureOptions {
  /** z of the Wilson score interval drawn as error bars. Default 1.96 (95%). */
  z?: number;
  /** a ratio to mark with a vertical rule, e.g. the practical bound 10. Default none. */
  criticalRatio?: number | null;
  /** the experiment's own ratio, marked with a labelled rule and a dot on the curve. Default none. */
  ownRatio?: number | null;
  /** the label of `ownRatio`. Default "this experiment". */
  ownLabel?: string;
}

/**
 * p_r against the learning-rate ratio η_dec/η_enc (science.md A3.4, C8; Theorem 3): the theory
 * curve and the measured fraction of generalizing seeds with binomial (Wilson) error bars, on a log x axis.
 *
 * @example
 * ```ts
 * prCurve({ theory: [{ ratio: 0.1, pr: 0.73 }, { ratio: 10, pr: 0.14 }], measured: [{ ratio: 1, generalizing: 8, total: 20 }] }, { document });
 * ```
 */
export function prCurve(data: PrCurveData, options: PrCurveOptions = {}): Figure {
  const z = options.z ?? 1.96;
  const theory = [...(data.theory ?? [])].sort((a, b) => a.ratio - b.ratio);
  const measured = (data.measured ?? []).map((m) => {
    const [lo, hi] = wilsonInterval(m.generalizing, m.total, z);
    return { ...m, fraction: m.generalizing / m.total, lo, hi };
  });
  const critical = options.criticalRatio ?? null;
  const own = options.ownRatio ?? null;
  const confidence = Math.round((2 * normalCdf(z) - 1) * 100);
  const caption = keyCaption([
    theory.length > 0 && 'Line: theory p_r',
    measured.length > 0 && `dots: fraction of seeds that generalized, with ${confidence}% Wilson intervals`,
    critical !== null && `dotted: η_dec/η_enc = ${formatRatio(critical)}`,
    own !== null && `solid rule: ${options.ownLabel ?? 'this experiment'}`,
  ]);
  const ownPr = own !== null && theory.length > 1 ? interpolateLog(theory, own) : undefined;

  return Plot.plot({
    ...frameOptions(options, { height: 360, caption }),
    marginLeft: 48,
    marginBottom: 40,
    x: { type: 'log', inset: 12, label: 'learning-rate ratio η_dec/η_enc', labelAnchor: 'center', labelArrow: 'none', tickFormat: '~g' },
    y: { domain: [0, 1], label: 'probability of generalizing p_r', labelAnchor: 'center', labelArrow: 'none', grid: true },
    marks: [
      ...(critical !== null
        ? [
            Plot.ruleX([critical], { stroke: '#555', strokeDasharray: '2,3', ariaDescription: 'critical ratio' }),
            Plot.text([critical], {
              x: (d: number) => d,
              frameAnchor: 'top',
              text: () => `η_dec/η_enc = ${formatRatio(critical)}`,
              textAnchor: 'start',
              dx: 4,
              dy: 8,
              fill: '#555',
              ariaDescription: 'critical ratio label',
            }),
          ]
        : []),
      ...(own !== null
        ? [
            Plot.ruleX([own], { stroke: PHASE_COLORS.grokking, strokeWidth: 1.5, ariaDescription: 'own ratio' }),
            Plot.text([own], {
              x: (d: number) => d,
              frameAnchor: 'bottom',
              text: () => `${options.ownLabel ?? 'this experiment'} (${formatRatio(own)})`,
              textAnchor: own > Math.sqrt((theory[0]?.ratio ?? own) * (theory[theory.length - 1]?.ratio ?? own)) ? 'end' : 'start',
              dx: own > Math.sqrt((theory[0]?.ratio ?? own) * (theory[theory.length - 1]?.ratio ?? own)) ? -4 : 4,
              dy: -8,
              fill: PHASE_COLORS.grokking,
              ariaDescription: 'own ratio label',
            }),
          ]
        : []),
      Plot.line(theory, { x: 'ratio', y: 'pr', stroke: '#000', strokeWidth: 2, ariaDescription: 'theory p_r' }),
      ...(ownPr !== undefined ? [Plot.dot([{ ratio: own, pr: ownPr }], { x: 'ratio', y: 'pr', r: 4, fill: PHASE_COLORS.grokking, ariaDescription: 'own ratio p_r' })] : []),
      Plot.ruleX(measured, { x: 'ratio', y1: 'lo', y2: 'hi', stroke: PHASE_COLORS.comprehension, strokeWidth: 1.5, ariaDescription: 'measured interval' }),
      Plot.dot(measured, {
        x: 'ratio',
        y: 'fraction',
        fill: PHASE_COLORS.comprehension,
        r: 4,
        stroke: 'white',
        title: (m: PrMeasuredPoint) => `${m.generalizing} of ${m.total} seeds generalized`,
        ariaDescription: 'measured',
      }),
      Plot.frame({ stroke: '#bbb', strokeWidth: 0.5 }),
    ],
  });
}

/** The theory curve at `ratio`, linear in log ratio between its samples (clamped at the ends). */
function interpolateLog(curve: readonly PrTheoryPoint[], ratio: number): number {
  if (ratio <= curve[0].ratio) return curve[0].pr;
  for (let i = 1; i < curve.length; i++) {
    if (ratio <= curve[i].ratio) {
      const t = Math.log(ratio / curve[i - 1].ratio) / Math.log(curve[i].ratio / curve[i - 1].ratio);
      return curve[i - 1].pr + t * (curve[i].pr - curve[i - 1].pr);
    }
  }
  return curve[curve.length - 1].pr;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf), only to name the interval's level. */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
