import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveExperiment, experimentHash, type RunResult } from '@geneft/core';
import { RunStore } from '@geneft/core/node';
import { mergeStores, MergeInputError } from '../src';

const tmp = () => mkdtempSync(join(tmpdir(), 'geneft-merge-'));

function result(seed: number, phase: RunResult['phase'] = 'comprehension'): RunResult {
  const config = resolveExperiment({ task: { relation: 'mod', k: 3, n: 12 }, seed });
  const acc = phase === 'comprehension' ? 1 : 0.5;
  return {
    configHash: experimentHash(config),
    config,
    phase,
    stepTrain: 100,
    stepTest: phase === 'comprehension' ? 100 : null,
    trainAccuracy: 1,
    testAccuracy: acc,
    trainLoss: 0.1,
    testLoss: 0.2,
    steps: 200,
    backend: 'reference',
    wallMs: 5,
    aborted: false,
    trace: [{ step: 0, trainLoss: 1, testLoss: 1, trainAccuracy: 0.5, testAccuracy: 0.5 }],
  };
}

function store(...runs: RunResult[]): string {
  const dir = tmp();
  const s = RunStore.open(dir);
  for (const r of runs) s.appendResult(r);
  return dir;
}

describe('mergeStores', () => {
  it('joins shards: each config hash once, traces copied', () => {
    const a = store(result(0), result(1));
    const b = store(result(2), result(1));
    const out = join(tmp(), 'merged');
    const report = mergeStores(out, [a, b]);
    expect(report).toMatchObject({ added: 3, duplicates: 1, conflicts: [], total: 3 });
    const merged = RunStore.open(out);
    const hashes = merged.readAll().map((r) => r.configHash);
    expect(new Set(hashes)).toEqual(new Set([0, 1, 2].map((s) => result(s).configHash)));
    for (const run of merged.readAll()) expect(merged.readTrace(run)).toEqual(result(0).trace);
    // merging again changes nothing
    expect(mergeStores(out, [a, b])).toMatchObject({ added: 0, duplicates: 4, total: 3 });
    expect(readFileSync(join(out, 'runs.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('reports a config whose runs disagree, keeping the first', () => {
    const a = store(result(0, 'comprehension'));
    const b = store(result(0, 'memorization'));
    const out = tmp();
    const report = mergeStores(out, [a, b]);
    expect(report.added).toBe(1);
    expect(report.conflicts).toEqual([{ configHash: result(0).configHash, kept: a, other: b, fields: ['phase', 'stepTest', 'testAccuracy'] }]);
    expect(RunStore.open(out).readAll()[0].phase).toBe('comprehension');
  });

  it('refuses a directory that is not a store before writing anything', () => {
    const out = join(tmp(), 'merged');
    expect(() => mergeStores(out, [store(result(0)), tmp()])).toThrow(MergeInputError);
    expect(existsSync(out)).toBe(false);
  });
});
