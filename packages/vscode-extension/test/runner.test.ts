/**
 * The runner process end to end, without VS Code: forks the bundled dist/runner.js (the test
 * target depends on build) and drives it through the message contract.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunnerJobMessage, RunnerToHost } from '../src/pure/messages';
import { RunnerJob } from '../src/pure/runnerClient';
import { readRuns } from '../src/pure/store';
import { tinyExperiment, tinySweep } from './fixtures';

const script = join(__dirname, '..', 'dist', 'runner.js');
const dir = mkdtempSync(join(tmpdir(), 'geneft-runner-'));
const file = (name: string, body: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body, null, 2));
  return path;
};

function drive(job: RunnerJobMessage, onJob?: (j: RunnerJob, m: RunnerToHost) => void): Promise<{ messages: RunnerToHost[]; code: number | null }> {
  return new Promise((resolve) => {
    const messages: RunnerToHost[] = [];
    const runner: RunnerJob = new RunnerJob(job, {
      script,
      killAfterMs: 2000,
      onMessage: (m) => {
        messages.push(m);
        onJob?.(runner, m);
      },
      onExit: (code) => resolve({ messages, code }),
    });
  });
}

const describeBuilt = existsSync(script) ? describe : describe.skip;

describeBuilt('runner process', () => {
  it('runs an experiment, streams evaluations and snapshots, and stores the run', async () => {
    const store = join(dir, 'store');
    const { messages, code } = await drive({ type: 'run', id: 'r1', file: file('tiny.geneft.json', tinyExperiment), store, snapshotEvery: 1 });
    expect(code).toBe(0);
    const types = messages.map((m) => m.type);
    expect(types[0]).toBe('ready');
    expect(types).toContain('started');
    expect(types).toContain('theory');
    expect(types.filter((t) => t === 'eval').length).toBeGreaterThan(1);
    expect(types).toContain('snapshot');
    // the runner trains on a bundled engine by default: native where its binary is, else wasm
    const started = messages.find((m) => m.type === 'started');
    expect(started?.type === 'started' && started.kind === 'run' && started.backend).toMatch(/^(native|wasm)$/);
    const evals = messages.filter((m) => m.type === 'eval');
    expect(evals.some((m) => m.type === 'eval' && m.stepsPerSecond !== null && m.stepsPerSecond > 0)).toBe(true);
    const finished = messages.find((m) => m.type === 'finished');
    expect(finished?.type === 'finished' && finished.run?.phase).toBe('comprehension');
    expect(readRuns(join(store, 'runs'))).toHaveLength(1);
    expect(existsSync(join(store, 'runs', 'params'))).toBe(true);
  }, 60_000);

  it('trains on the bundled wasm engine when asked for it (what a .vsix without native runs on)', async () => {
    const { messages } = await drive({ type: 'run', id: 'w1', config: tinyExperiment as Record<string, unknown>, backend: 'wasm', snapshotEvery: 10 });
    expect(messages.find((m) => m.type === 'started')).toMatchObject({ kind: 'run', backend: 'wasm' });
    expect(messages.find((m) => m.type === 'finished')).toMatchObject({ aborted: false, run: { phase: 'comprehension', backend: 'wasm' } });
  }, 120_000);

  it('reports an input error with its JSON path and file', async () => {
    const bad = file('bad.geneft.json', { task: { relation: 'mod', k: 3, n: 12 }, dynamics: { lrDecoder: -1 } });
    const { messages } = await drive({ type: 'run', id: 'r2', file: bad, store: join(dir, 'store2'), snapshotEvery: 1 });
    const error = messages.find((m) => m.type === 'inputError');
    expect(error).toMatchObject({ type: 'inputError', id: 'r2', error: { path: '$.dynamics.lrDecoder', file: bad } });
    expect(existsSync(join(dir, 'store2', 'runs', 'runs.jsonl'))).toBe(false);
  });

  it('runs a sweep cell by cell', async () => {
    const store = join(dir, 'store3');
    const { messages } = await drive({ type: 'sweep', id: 's1', file: file('tiny.sweep.json', tinySweep), store, workers: 1 });
    // the whole grid first, every cell pending, then each finished cell
    const started = messages.find((m) => m.type === 'started');
    expect(started?.type === 'started' && started.kind === 'sweep' && started.cells.map((c) => c.state)).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(started?.type === 'started' && started.kind === 'sweep' && started.axes.map((a) => [a.path, a.values.length, a.log])).toEqual([
      ['dynamics.lrEncoder', 2, true],
      ['dynamics.lrDecoder', 2, true],
    ]);
    expect(messages.filter((m) => m.type === 'cell')).toHaveLength(4);

    expect(messages.find((m) => m.type === 'finished')).toMatchObject({ kind: 'sweep', aborted: false, done: 4, total: 4 });
    expect(readRuns(join(store, 'sweeps', 'tiny'))).toHaveLength(4);
  }, 60_000);

  it('runs a sweep on the bundled wasm engine (its many-runs mode and worker script)', async () => {
    const store = join(dir, 'store-wasm');
    const { messages } = await drive({ type: 'sweep', id: 's2', file: file('wasm.sweep.json', tinySweep), store, backend: 'wasm', workers: 1 });
    expect(messages.find((m) => m.type === 'started')).toMatchObject({ kind: 'sweep', backend: 'wasm' });
    expect(messages.find((m) => m.type === 'finished')).toMatchObject({ kind: 'sweep', aborted: false, done: 4, total: 4 });
    expect(readRuns(join(store, 'sweeps', 'wasm')).map((r) => r.backend)).toEqual(['wasm', 'wasm', 'wasm', 'wasm']);
  }, 120_000);

  it('stops on request and stores nothing half done', async () => {
    const store = join(dir, 'store4');
    const long = { ...tinyExperiment, dynamics: { ...tinyExperiment.dynamics, lrEncoder: 1e-5, lrDecoder: 1e-5 }, budget: { ...tinyExperiment.budget, steps: 1_000_000, evalEvery: 10 } };
    let stopped = false;
    const { messages, code } = await drive({ type: 'run', id: 'r4', file: file('long.geneft.json', long), store, snapshotEvery: 100 }, (job, m) => {
      if (m.type === 'eval' && m.record.step >= 20 && !stopped) {
        stopped = true;
        job.stop();
      }
    });
    expect(code).toBe(0);
    expect(messages.find((m) => m.type === 'finished')).toMatchObject({ aborted: true });
    expect(readRuns(join(store, 'runs'))).toHaveLength(0);
  }, 60_000);

  it('re-runs an inline config (a sweep cell) without storing it', async () => {
    const { messages, code } = await drive({ type: 'run', id: 'r5', config: tinyExperiment as Record<string, unknown>, snapshotEvery: 1 });
    expect(code).toBe(0);
    expect(messages.filter((m) => m.type === 'snapshot').length).toBeGreaterThan(1);
    expect(messages.find((m) => m.type === 'finished')).toMatchObject({ aborted: false, run: { phase: 'comprehension' } });
  }, 60_000);

  it('computes the statics and the repon prediction for the Theory panel', async () => {
    // η_enc 1e-3: a repon needs about 60 steps to pass its neighbour, a race the decoder can win at some η_dec
    const experiment = { ...tinyExperiment, dynamics: { ...tinyExperiment.dynamics, lrEncoder: 1e-3, lrDecoder: 1e-2 } };
    const { messages } = await drive({ type: 'theory', id: 't1', file: file('theory.geneft.json', experiment) });
    const statics = messages.find((m) => m.type === 'statics');
    expect(statics?.type === 'statics' && statics.rows.some((r) => r.current)).toBe(true);
    // every row has its |Aut(G)| and p_c; mod 3 on 12 symbols: |Aut| = 4!³·3! = 82944
    expect(statics?.type === 'statics' && statics.rows.every((r) => /^\d+$/.test(r.automorphisms) && r.criticalFraction >= 0)).toBe(true);
    expect(statics?.type === 'statics' && statics.rows.find((r) => r.relation === 'equivalence mod 3')?.automorphisms).toBe('82944');
    expect(statics?.type === 'statics' && statics.theory?.criticalRatio).toBeGreaterThan(0);
  });
});
