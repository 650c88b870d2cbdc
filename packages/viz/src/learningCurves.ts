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
  const x = { type: options.xType ?? 'linear', label: 'step', labelAnchor: 'center', labelArrow: 'none' } as const;
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
      y: { type: 'log', label: 'loss', labelAnchor: 'center', labelArrow: 'none', tickFormat: '~g' },
      color: { ...color, legend },
      marks: [rules, Plot.line(losses, { x: 'step', y: 'loss', stroke: 'split', strokeWidth: 1.5, ariaDescription: 'loss' })],
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
        Plot.text(milestones, {
          x: 'step',
          frameAnchor: 'top',
          dy: -10,
          text: (m: { step: number; split: Split }) => `${m.split} ${m.step}`,
          fill: 'split',
          textAnchor: 'middle',
          ariaDescription: 'milestone label',
        }),
        Plot.line(usable, { x: 'step', y: 'accuracy', stroke: 'split', strokeWidth: 1.5, ariaDescription: 'accuracy' }),
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

function firstReached(trace: readonly EvalRecord[], key: 'trainAccuracy' | 'testAccuracy', threshold: number): number | null {
  return trace.find((r) => r[key] >= threshold)?.step ?? null;
}

function delayText(stepTrain: number | null, stepTest: number | null): string {
  return stepTrain !== null && stepTest !== null ? ` (delay ${stepTest - stepTrain} steps)` : '';
}
