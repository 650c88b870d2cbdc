import type { RunnerToHost, SweepCellView } from '../../src/pure/messages';
import { emptyView, engineLine, MAX_SNAPSHOTS, ratesLine, reduce, statusLine, thin, type RunView, type SweepView, type ViewState } from '../../src/pure/viewState';

const fold = (view: ViewState, messages: RunnerToHost[]) => messages.reduce(reduce, view);
const record = (step: number, acc: number) => ({ step, trainLoss: 1 - acc, trainAccuracy: acc, testLoss: 1 - acc, testAccuracy: acc });
const none = { stepTrain: null, stepTest: null, diverged: false };

describe('view state', () => {
  it('follows a run from start to its phase, with its backend and speed', () => {
    const start = emptyView('run', 'Run');
    const view = fold(start, [
      { type: 'started', id: 'r', kind: 'run', config: { budget: { steps: 1000 } }, classes: [0, 1, 2], backend: 'native' },
      { type: 'eval', id: 'r', record: record(0, 0.3), milestones: none, budget: 1000, stepsPerSecond: null },
      { type: 'snapshot', id: 'r', step: 0, embeddings: [[0, 0], [1, 1], [2, 2]] },
      { type: 'eval', id: 'r', record: record(100, 1), milestones: { stepTrain: 100, stepTest: 100, diverged: false }, budget: 1000, stepsPerSecond: 2345.6 },
    ]) as RunView;
    expect(view.status).toBe('running');
    expect(view.trace).toHaveLength(2);
    expect(statusLine(view)).toBe('running: step 100 of at most 1000');
    expect(engineLine(view)).toBe('backend native · 2,346 steps/s');
    const done = reduce(view, { type: 'finished', id: 'r', kind: 'run', aborted: false, store: 's', run: { phase: 'comprehension', configHash: 'h' } as never }) as RunView;
    expect(done.phase).toBe('comprehension');
    expect(statusLine(done)).toBe('finished: comprehension after 100 steps');
    expect(start.kind === 'run' && start.trace).toEqual([]); // not mutated
  });

  it('says where a stopped run stopped, not that it failed', () => {
    const view = fold(emptyView('run', 'Run'), [
      { type: 'started', id: 'r', kind: 'run', config: {}, backend: 'wasm' },
      { type: 'eval', id: 'r', record: record(300, 0.5), milestones: none, budget: 1000, stepsPerSecond: 10 },
      { type: 'finished', id: 'r', kind: 'run', aborted: true },
    ]);
    expect(view.status).toBe('stopped');
    expect(statusLine(view)).toBe('stopped at step 300');
  });

  it('a re-run in the same panel starts from a clean state', () => {
    const first = fold(emptyView('run', 'Run'), [
      { type: 'started', id: 'a', kind: 'run', config: {}, backend: 'native' },
      { type: 'eval', id: 'a', record: record(100, 1), milestones: none, budget: 100, stepsPerSecond: 1 },
      { type: 'finished', id: 'a', kind: 'run', aborted: false, run: { phase: 'comprehension', configHash: 'h' } as never },
    ]);
    const again = reduce(first, { type: 'started', id: 'b', kind: 'run', config: {}, backend: 'native' }) as RunView;
    expect(again.trace).toEqual([]);
    expect(again.phase).toBeUndefined();
    expect(again.status).toBe('running');
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

  it('has the whole grid from the start; cells go pending → running → done', () => {
    const pending = (hash: string): SweepCellView => ({ configHash: hash, config: {}, state: 'pending' });
    const started = fold(emptyView('sweep', 'Sweep'), [
      { type: 'started', id: 's', kind: 'sweep', config: {}, backend: 'native', axes: [{ path: 'dynamics.lrEncoder', values: [1e-3, 1e-2], log: true }], cells: ['a', 'b', 'c', 'd'].map(pending) },
    ]) as SweepView;
    expect(started.cells).toHaveLength(4);
    expect(statusLine(started)).toBe('running: 0 of 4 cells');
    const live = reduce(started, { type: 'progress', id: 's', running: [{ configHash: 'b', step: 150, trainAccuracy: 0.8, testAccuracy: null }], stepsPerSecond: 5000 }) as SweepView;
    expect(live.cells.find((c) => c.configHash === 'b')).toMatchObject({ state: 'running', step: 150, trainAccuracy: 0.8, testAccuracy: null });
    expect(statusLine(live)).toBe('running: 0 of 4 cells, 1 in progress');
    expect(engineLine(live)).toBe('backend native · 5,000 steps/s');
    const done = fold(live, [
      { type: 'cell', id: 's', done: 1, total: 4, etaMs: null, stepsPerSecond: 5000, cell: { configHash: 'b', config: {}, state: 'done', phase: 'memorization', step: 300 } },
      { type: 'cell', id: 's', done: 2, total: 4, etaMs: null, stepsPerSecond: 5000, cell: { configHash: 'a', config: {}, state: 'done', phase: 'comprehension', step: 200 } },
      // a late progress message for a finished cell does not make it run again
      { type: 'progress', id: 's', running: [{ configHash: 'a', step: 250, trainAccuracy: 1, testAccuracy: 1 }], stepsPerSecond: 5000 },
      { type: 'progress', id: 's', running: [{ configHash: 'c', step: 50, trainAccuracy: 0.5, testAccuracy: 0.5 }], stepsPerSecond: 5000 },
      { type: 'finished', id: 's', kind: 'sweep', aborted: true },
    ]) as SweepView;
    expect(done.cells.map((c) => c.state)).toEqual(['done', 'done', 'pending', 'pending']);
    expect(done.cells[0].step).toBe(200);
    expect(statusLine(done)).toBe('stopped: 2 of 4 cells (1 comprehension, 1 memorization)');
  });

  it('shows input errors; the Theory panel keeps its rows', () => {
    const failed = reduce(emptyView('run', 'Run'), { type: 'inputError', id: 'r', error: { path: '$.x', expectation: 'y', message: 'f: $.x: expected y' } });
    expect(statusLine(failed)).toBe('failed: f: $.x: expected y');
    const theory = reduce(emptyView('theory', 'T'), { type: 'statics', id: 't', config: {}, rows: [{ relation: 'mod 3', n: 30, bits: 40, automorphisms: '6', criticalFraction: 0.1, current: true }] });
    expect(theory.kind === 'theory' && theory.rows).toHaveLength(1);
    expect(engineLine(theory)).toBe('');
  });

  it('writes a run’s learning rates and their ratio', () => {
    expect(ratesLine({ dynamics: { lrEncoder: 1e-3, lrDecoder: 1e-2 } })).toBe('η_enc 0.001 · η_dec 0.01 (η_dec/η_enc 10)');
    expect(ratesLine({})).toBe('');
  });
});
