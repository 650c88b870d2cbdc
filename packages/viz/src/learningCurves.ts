import * as Plot from '@observablehq/plot';
import type { EvalRecord } from '@geneft/core';
import { DEFAULT_WIDTH, frameOptions, resolveDocument, type Figure, type FigureOptions } from './figure';
import { keyCaption } from './keyCaption';

/** Options of {@link learningCurves}. */
export interface LearningCurvesOptions extends FigureOptions {
  /** accuracy that counts as reached (the phase threshold), drawn as a rule. Default 0.9. */
  threshold?: number;
  /** first step with train accuracy ≥ threshold. Default: found in the trace; null hides the mark. */
  stepTrain?: number | null;
  /** first step with test accuracy ≥ threshold. Default: found in the trace; null hides the mark. */
  stepTest?: number | null;
  /** which panels: loss (log y) above accuracy, or just one. Default "both". */
  panels?: 'both' | 'loss' | 'accuracy';
  /** step axis. Default "linear". */
  xType?: 'linear' | 'log';
}

type Split = 'train' | 'test';

interface Row {
  step: number;
  split: Split;
  loss: number;
  accuracy: number;
}

/** Split colours of the learning curves (train blue, test red-orange). */
export const SPLIT_COLORS: Readonly<Record<Split, string>> = { train: '#4269d0', test: '#e7553c' };

/**
 * Learning curves of one run (a RunResult's `trace`, or the trace file of a stored run): train
 * and test loss on a log axis above train and test accuracy, with the threshold rule and the
 * steps at which train and test accuracy first reached it (stepTrain, stepTest; their distance
 * is the grokking delay).
 *
 * @example
 * ```ts
 * const result = await runExperiment(config);
 * learningCurves(result.trace, { document, stepTrain: result.stepTrain, stepTest: result.stepTest });
 * ```
 */
export function learningCurves(trace: readonly EvalRecord[], options: LearningCurvesOptions = {}): Figure {
  const document = resolveDocument(options);
  const threshold = options.threshold ?? 0.9;
  const panels = options.panels ?? 'both';
  const rows: Row[] = trace.flatMap((r) => [
    { step: r.step, split: 'train' as const, loss: r.trainLoss, accuracy: r.trainAccuracy },
    { step: r.step, split: 'test' as const, loss: r.testLoss, accuracy: r.testAccuracy },
  ]);
  const usable = rows.filter((r) => Number.isFinite(r.accuracy) && (options.xType !== 'log' || r.step > 0));
  const losses = usable.filter((r) => Number.isFinite(r.loss) && r.loss > 0);
  const stepTrain = options.stepTrain === undefined ? firstReached(trace, 'trainAccuracy', threshold) : options.stepTrain;
  const stepTest = options.stepTest === undefined ? firstReached(trace, 'testAccuracy', threshold) : options.stepTest;
  const milestones = [
    ...(stepTrain !== null ? [{ step: stepTrain, split: 'train' as const }] : []),
    ...(stepTest !== null ? [{ step: stepTest, split: 'test' as const }] : []),
  ];
  const width = options.width ?? DEFAULT_WIDTH;
  // one x domain for both panels (the loss panel drops non-positive losses), so their steps line up;
  // a trace of one evaluation gets a unit-wide domain instead of a degenerate one
  const steps = usable.map((r) => r.step);
  const lo = steps.length > 0 ? Math.min(...steps) : 0;
  const hi = steps.length > 0 ? Math.max(...steps) : 1;
  const xDomain: [number, number] = hi > lo ? [lo, hi] : options.xType === 'log' ? [lo || 1, (lo || 1) * 10] : [lo, lo + 1];
  const x = { type: options.xType ?? 'linear', domain: xDomain, label: 'step', labelAnchor: 'center', labelArrow: 'none' } as const;
  // likewise a loss that has not moved yet gets a decade around it, not a zero-width log domain
  const lossValues = losses.map((r) => r.loss);
  const lossLo = lossValues.length > 0 ? Math.min(...lossValues) : 0.1;
  const lossHi = lossValues.length > 0 ? Math.max(...lossValues) : 1;
  const lossDomain = lossHi / lossLo > 1.5 ? undefined : ([Math.sqrt(lossLo * lossHi) / 3, Math.sqrt(lossLo * lossHi) * 3] as [number, number]);
  // a run without a test set has no test curves: leave "test" out of the legend too
  const splits = (['train', 'test'] as const).filter((split) => usable.some((r) => r.split === split));
  const color = { type: 'ordinal' as const, domain: splits, range: splits.map((split) => SPLIT_COLORS[split]) };
  const rules = Plot.ruleX(milestones, { x: 'step', stroke: 'split', strokeDasharray: '4,3', ariaDescription: 'milestone' });
  const shown = { both: 'loss (log scale) and accuracy', loss: 'loss (log scale)', accuracy: 'accuracy' }[panels];
  const caption = keyCaption([
    `${splits.join(' and ')} ${shown} against step`,
    panels !== 'loss' && `grey line: threshold ${threshold}`,
    milestones.length > 0 && `dashed: first step each split reached it${delayText(stepTrain, stepTest)}`,
  ]);

  const lossPanel = (legend: boolean, height: number, frame: object) =>
    Plot.plot({
      ...frame,
      document,
      width,
      height,
      marginLeft: 56,
      x: { ...x, label: panels === 'both' ? null : x.label },
      y: { type: 'log', ...(lossDomain ? { domain: lossDomain } : {}), label: 'loss', labelAnchor: 'center', labelArrow: 'none', tickFormat: '~g' },
      color: { ...color, legend },
      // z explicit: with one evaluation per split Plot would take the series for a high-cardinality z
      marks: [rules, Plot.line(losses, { x: 'step', y: 'loss', z: 'split', stroke: 'split', strokeWidth: 1.5, ariaDescription: 'loss' })],
    });
  const accuracyPanel = (legend: boolean, height: number, frame: object) =>
    Plot.plot({
      ...frame,
      document,
      width,
      height,
      marginLeft: 56,
      marginTop: 24,
      x,
      y: { domain: [0, 1], label: 'accuracy', labelAnchor: 'center', labelArrow: 'none', grid: true },
      color: { ...color, legend },
      marks: [
        Plot.ruleY([threshold], { stroke: '#999', ariaDescription: 'threshold' }),
        rules,
        // textAnchor is a constant per mark: one mark per label
        ...milestoneLabels(milestones, xDomain, width).map((label) =>
          Plot.text([label], { x: 'step', frameAnchor: 'top', dy: -10, text: 'text', fill: label.split ? 'split' : 'currentColor', textAnchor: label.anchor, ariaDescription: 'milestone label' }),
        ),
        Plot.line(usable, { x: 'step', y: 'accuracy', z: 'split', stroke: 'split', strokeWidth: 1.5, ariaDescription: 'accuracy' }),
      ],
    });

  if (panels === 'loss') return lossPanel(options.legend ?? true, options.height ?? 300, frameOptions(options, { caption }));
  if (panels === 'accuracy') return accuracyPanel(options.legend ?? true, options.height ?? 300, frameOptions(options, { caption }));

  // Plot draws one y scale per plot: two stacked plots in one <figure>, laid out like Plot's own
  const total = options.height ?? 480;
  const figure = document.createElement('figure');
  const text = (tag: string, content: string | undefined) => {
    if (content === undefined) return;
    const node = document.createElement(tag);
    node.textContent = content;
    figure.appendChild(node);
  };
  const shared = frameOptions(options, { caption });
  text('h2', shared.title);
  text('h3', shared.subtitle);
  figure.appendChild(lossPanel(options.legend ?? true, Math.round(total * 0.5), {}));
  figure.appendChild(accuracyPanel(false, Math.round(total * 0.5), {}));
  text('figcaption', shared.caption);
  return figure;
}

/**
 * The labels above the milestone rules. Two milestones closer than a label's width would print
 * over each other, so they share one label ("train, test 500"; "train 300 · test 350"). A label
 * near either end of the axis is anchored at its inner side so it stays inside the plot.
 */
function milestoneLabels(milestones: readonly { step: number; split: Split }[], domain: [number, number], width: number) {
  type Label = { step: number; split: Split | null; text: string; anchor: 'start' | 'middle' | 'end' };
  const span = Math.max(1, domain[1] - domain[0]);
  const anchor = (step: number): Label['anchor'] => {
    const at = (step - domain[0]) / span;
    return at > 0.85 ? 'end' : at < 0.15 ? 'start' : 'middle';
  };
  const [a, b] = [...milestones].sort((m, n) => m.step - n.step);
  if (!a) return [];
  if (!b) return [{ ...a, text: `${a.split} ${a.step}`, anchor: anchor(a.step) } as Label];
  if (a.step === b.step) return [{ step: a.step, split: null, text: `${a.split}, ${b.split} ${a.step}`, anchor: anchor(a.step) } as Label];
  if ((b.step - a.step) * (width / span) < 100) {
    // one label for both, at the one of the two rules that leaves it room
    const right = (b.step - domain[0]) / span > 0.5;
    return [{ step: right ? b.step : a.step, split: null, text: `${a.split} ${a.step} · ${b.split} ${b.step}`, anchor: right ? 'end' : 'start' } as Label];
  }
  return [
    { ...a, text: `${a.split} ${a.step}`, anchor: anchor(a.step) },
    { ...b, text: `${b.split} ${b.step}`, anchor: anchor(b.step) },
  ] as Label[];
}

function firstReached(trace: readonly EvalRecord[], key: 'trainAccuracy' | 'testAccuracy', threshold: number): number | null {
  return trace.find((r) => r[key] >= threshold)?.step ?? null;
}

function delayText(stepTrain: number | null, stepTest: number | null): string {
  return stepTrain !== null && stepTest !== null ? ` (delay ${stepTest - stepTrain} steps)` : '';
}
