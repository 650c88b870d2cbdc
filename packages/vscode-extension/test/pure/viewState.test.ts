import type { RunnerMessage } from '../src/protocol';
import { emptyView, MAX_SNAPSHOTS, reduce, statusLine, thin, type RunView, type SweepView, type ViewState } from '../src/viewState';

const fold = (view: ViewState, messages: RunnerMessage[]) => messages.reduce(reduce, view);
const record = (step: number, acc: number) => ({ step, trainLoss: 1 - acc, trainAccuracy: acc, testLoss: 1 - acc, testAccuracy: acc });

describe('view state', () => {
  it('follows a run from start to its phase', () => {
    const start = emptyView('run', 'Run');
    const view = fold(start, [
      { type: 'started', id: 'r', kind: 'run', config: { budget: { steps: 1000 } }, classes: [0, 1, 2] },
      { type: 'eval', id: 'r', record: record(0, 0.3), milestones: { stepTrain: null, stepTest: null, diverged: false }, budget: 1000 },
      { type: 'snapshot', id: 'r', step: 0, embeddings: [[0, 0], [1, 1], [2, 2]] },
      { type: 'eval', id: 'r', record: record(100, 1), milestones: { stepTrain: 100, stepTest: 100, diverged: false }, budget: 1000 },
    ]) as RunView;
    expect(view.status).toBe('running');
    expect(view.trace).toHaveLength(2);
    expect(statusLine(view)).toBe('running: step 100 of at most 1000');
    const done = reduce(view, { type: 'finished', id: 'r', kind: 'run', aborted: false, store: 's', run: { phase: 'comprehension', configHash: 'h' } as never }) as RunView;
    expect(done.phase).toBe('comprehension');
    expect(statusLine(done)).toBe('finished: comprehension after 100 steps');
    expect(start.kind === 'run' && start.trace).toEqual([]); // not mutated
  });

  it('keeps the first and latest snapshots only', () => {
    let view = emptyView('run', 'Run');
    for (let step = 0; step < 20; step++) view = reduce(view, { type: 'snapshot', id: 'r', step, embeddings: [[step, 0]] });
    const steps = (view as RunView).snapshots.map((s) => s.step);
    expect(steps).toHaveLength(MAX_SNAPSHOTS);
    expect(steps[0]).toBe(0);
    expect(steps[steps.length - 1]).toBe(19);
    expect(thin([1, 2], 5)).toEqual([1, 2]);
  });

  it('fills a sweep cell by cell, replacing a repeated cell', () => {
    const cell = (hash: string, phase: 'comprehension' | 'memorization') => ({ type: 'cell' as const, id: 's', done: 1, total: 4, etaMs: null, cell: { configHash: hash, config: {}, phase } });
    const view = fold(emptyView('sweep', 'Sweep'), [
      { type: 'started', id: 's', kind: 'sweep', config: {}, total: 4, axes: ['dynamics.lrEncoder', 'dynamics.lrDecoder'] },
      cell('a', 'comprehension'),
      cell('b', 'memorization'),
      cell('a', 'comprehension'),
      { type: 'finished', id: 's', kind: 'sweep', aborted: false, store: 's', done: 2, total: 4 },
    ]) as SweepView;
    expect(view.cells.map((c) => c.configHash)).toEqual(['b', 'a']);
    expect(statusLine(view)).toBe('finished: 2 of 4 cells (1 memorization, 1 comprehension)');
  });

  it('shows input errors and stops', () => {
    const failed = reduce(emptyView('run', 'Run'), { type: 'inputError', id: 'r', error: { path: '$.x', expectation: 'y', message: 'f: $.x: expected y' } });
    expect(statusLine(failed)).toBe('failed: f: $.x: expected y');
    const stopped = reduce(emptyView('sweep', 'S'), { type: 'finished', id: 's', kind: 'sweep', aborted: true, store: 's' });
    expect(stopped.status).toBe('stopped');
    const theory = reduce(emptyView('theory', 'T'), { type: 'statics', id: 't', config: {}, rows: [{ relation: 'mod 3', n: 30, bits: 40, automorphisms: '', current: true }] });
    expect(theory.kind === 'theory' && theory.rows).toHaveLength(1);
  });
});
