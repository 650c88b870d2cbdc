import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveExperiment, runExperiment } from '@geneft/core';
import { RunStore } from '@geneft/core/node';

const tmp = () => mkdtempSync(join(tmpdir(), 'geneft-store-'));

describe('RunStore', () => {
  it('appends one JSON line per run, keeps the trace aside, and never stores a config twice', async () => {
    const dir = tmp();
    const config = resolveExperiment({ task: { n: 6 }, decoder: { kind: 'mlp', width: 4, depth: 1 }, budget: { steps: 20, evalEvery: 10 } });
    const result = await runExperiment(config, { dynamics: 'reference' });
    const store = RunStore.open(dir);
    expect(store.appendResult(result)).toBe(true);
    expect(store.appendResult(result)).toBe(false);
    const reopened = RunStore.open(dir);
    expect(reopened.has(result.configHash)).toBe(true);
    const [run] = reopened.readAll();
    expect(run).toMatchObject({ configHash: result.configHash, phase: result.phase, steps: 20, backend: 'reference' });
    expect(reopened.readTrace(run)).toEqual(result.trace);
    expect(readFileSync(join(dir, 'runs.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('drops a line torn by a crash and keeps every complete one', () => {
    const dir = tmp();
    const store = RunStore.open(dir);
    const run = (hash: string) => ({ configHash: hash, phase: 'memorization' }) as never;
    store.append(run('a'));
    store.append(run('b'));
    appendFileSync(join(dir, 'runs.jsonl'), '{"configHash":"c","pha');
    const reopened = RunStore.open(dir);
    expect(reopened.readAll().map((r) => r.configHash)).toEqual(['a', 'b']);
    reopened.append(run('c'));
    expect(RunStore.open(dir).readAll().map((r) => r.configHash)).toEqual(['a', 'b', 'c']);
  });
});
