import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveExperiment, resolveSweep, runExperiment } from '@geneft/core';
import { executeSweep, RunStore } from '@geneft/core/node';
import { describeConfig, describeOutcome, describePhases, listStore, parseRunLines, phaseCounts, readRuns, readTrace, runsDir, sweepDir, sweepName, varyingPaths } from '../../src/pure/store';
import { tinyExperiment, tinySweep } from '../fixtures';

describe('run store reading', () => {
  const store = mkdtempSync(join(tmpdir(), 'geneft-store-'));

  beforeAll(async () => {
    const result = await runExperiment(resolveExperiment(tinyExperiment), { dynamics: 'reference' });
    RunStore.open(runsDir(store)).appendResult(result);
    await executeSweep(resolveSweep(tinySweep), { store: RunStore.open(sweepDir(store, '/x/tiny.sweep.json')), workers: 1, backend: 'reference' });
  }, 60_000);

  it('lists single runs and sweeps with their phases', () => {
    const listing = listStore(store);
    expect(listing.runs).toHaveLength(1);
    expect(listing.runs[0].phase).toBe('comprehension');
    expect(listing.sweeps.map((s) => s.name)).toEqual(['tiny']);
    expect(listing.sweeps[0].runs).toHaveLength(4);
    expect(Object.values(listing.sweeps[0].phases).reduce((a, b) => a + (b ?? 0), 0)).toBe(4);
  });

  it('reads a run trace', () => {
    const [run] = readRuns(runsDir(store));
    const trace = readTrace(runsDir(store), run);
    expect(trace?.[0].step).toBe(0);
    expect(trace?.[trace.length - 1].step).toBe(run.steps);
  });

  it('skips a torn line instead of failing', () => {
    appendFileSync(join(runsDir(store), 'runs.jsonl'), '{"configHash": "trunc');
    expect(readRuns(runsDir(store))).toHaveLength(1);
    expect(parseRunLines('\n{"nope": 1}\nnot json\n')).toEqual([]);
  });

  it('finds a stored sweep’s axes', () => {
    const configs = listStore(store).sweeps[0].runs.map((r) => r.config as unknown as Record<string, unknown>);
    expect(varyingPaths(configs)).toEqual(['dynamics.lrEncoder', 'dynamics.lrDecoder']);
  });

  it('describes runs for the tree', () => {
    const [run] = readRuns(runsDir(store));
    expect(describeConfig(run.config as unknown as Record<string, unknown>)).toBe('mod 3 n=12 p=0.75 · η_enc 0.03 η_dec 0.03 · seed 0');
    expect(describeOutcome({ phase: 'comprehension', stepTrain: 50, stepTest: 100, steps: 100 })).toBe('comprehension @ 100');
    expect(describeOutcome({ phase: 'confusion', stepTrain: null, stepTest: null, steps: 300 })).toBe('confusion (300 steps)');
    expect(describePhases(phaseCounts([{ phase: 'grokking' }, { phase: 'grokking' }, { phase: 'confusion' }]))).toBe('2 grokking, 1 confusion');
    expect(sweepName('/a/b/lr-phase-diagram.sweep.json')).toBe('lr-phase-diagram');
  });
});
