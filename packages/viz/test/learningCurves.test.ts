import { SPLIT_COLORS, learningCurves } from '../src';
import { traceData } from './fixtures';
import { markElements, renderFigure, texts } from './render';

describe('learningCurves', () => {
  test('snapshot: loss and accuracy panels', () => {
    const trace = traceData();
    const { svg, root } = renderFigure('learningCurves', (document) => learningCurves(trace, { document, title: 'A grokking run' }));
    expect(svg).toMatchSnapshot('learningCurves');
    expect(markElements(root, 'loss', 'path')).toHaveLength(2);
    expect(markElements(root, 'accuracy', 'path')).toHaveLength(2);
    expect(markElements(root, 'threshold', 'line')).toHaveLength(1);
    const stepTrain = trace.find((r) => r.trainAccuracy >= 0.9)!.step;
    const stepTest = trace.find((r) => r.testAccuracy >= 0.9)!.step;
    expect(texts(root)).toEqual(expect.arrayContaining([`train ${stepTrain}`, `test ${stepTest}`, 'loss', 'accuracy', 'step', 'train', 'test']));
    // milestones in both panels, coloured by split
    const rules = markElements(root, 'milestone', 'line');
    expect(rules.map((r) => r.getAttribute('stroke'))).toEqual([SPLIT_COLORS.train, SPLIT_COLORS.test, SPLIT_COLORS.train, SPLIT_COLORS.test]);
    expect(texts(root).join(' ')).toContain(`delay ${stepTest - stepTrain} steps`);
  });

  test('one panel; given milestones override the trace; empty test set', () => {
    const trace = traceData().map((r) => ({ ...r, testLoss: NaN, testAccuracy: NaN }));
    const { root } = renderFigure('learningCurves-accuracy', (document) =>
      learningCurves(trace, { document, panels: 'accuracy', stepTrain: 1000, stepTest: null, threshold: 0.95 }),
    );
    expect(markElements(root, 'accuracy', 'path')).toHaveLength(1);
    expect(markElements(root, 'milestone', 'line')).toHaveLength(1);
    expect(texts(root)).toContain('train 1000');
    expect(texts(root).join(' ')).toContain('threshold 0.95');
    // no test set: no test curve, and no "test" in the legend
    expect(texts(root)).not.toContain('test');
    expect(texts(root).join(' ')).toContain('Train accuracy against step');
  });
});
