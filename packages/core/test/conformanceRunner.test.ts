/**
 * The conformance kit under a runner that is not Jest: an object with no globals that records
 * what the kit registers and then runs it. Excluded cases must be registered as skips named for
 * the capability; the many-runs section must run, and be able to fail.
 */
import { referenceBackend, type Backend, type BatchTrainer, type Trainer, type TrainerSpec } from '@geneft/core';
import { describeConformance, type TestBody, type TestRunner } from '@geneft/core/testing';

function recordingRunner() {
  const tests: { name: string; skip: boolean; body: TestBody }[] = [];
  const befores: TestBody[] = [];
  const path: string[] = [];
  const named = (name: string) => [...path, name].join(' › ');
  const it = Object.assign((name: string, body: TestBody) => void tests.push({ name: named(name), skip: false, body }), {
    skip: (name: string, body: TestBody) => void tests.push({ name: named(name), skip: true, body }),
  });
  const runner: TestRunner = {
    describe: (name, body) => {
      path.push(name);
      body();
      path.pop();
    },
    it,
    beforeAll: (body) => void befores.push(body),
  };
  /** Runs the recorded tests whose name matches; each one's error message, or "ok". */
  const run = async (match: RegExp) => {
    for (const body of befores) await body();
    const results: Record<string, string> = {};
    for (const t of tests.filter((x) => !x.skip && match.test(x.name))) {
      try {
        await t.body();
        results[t.name] = 'ok';
      } catch (error) {
        results[t.name] = (error as Error).message;
      }
    }
    return results;
  };
  return { runner, tests, run };
}

/** The reference with narrower capabilities: what it declares is what the kit must skip. */
const limited = (): Backend => ({
  ...referenceBackend(),
  name: 'limited',
  capabilities: { ...referenceBackend().capabilities, decoders: ['mlp'], combines: ['concat'], activations: ['tanh', 'relu'], optimizers: ['adam'], losses: ['bce'] },
});

/** A many-runs mode made of reference trainers; `frozenOnDeactivate: false` is the bug the kit must catch. */
function batched(frozenOnDeactivate = true): Backend {
  const base = referenceBackend();
  return {
    ...base,
    name: 'batched',
    capabilities: { ...base.capabilities, batchedRuns: true },
    async createBatchTrainer(specs: readonly TrainerSpec[]): Promise<BatchTrainer> {
      const runs: Trainer[] = await Promise.all(specs.map((s) => base.createTrainer(s)));
      const active = runs.map(() => true);
      return {
        backend: 'batched',
        size: runs.length,
        step: async (k) => Float64Array.from(await Promise.all(runs.map((r, i) => (active[i] ? r.step(k) : NaN)))),
        evaluate: () => Promise.all(runs.map((r) => r.evaluate())),
        readParams: (i) => runs[i].readParams(),
        deactivate: (i) => void (active[i] = !frozenOnDeactivate),
        dispose: () => runs.forEach((r) => r.dispose()),
      };
    },
  };
}

describe('the conformance kit with a runner object instead of globals', () => {
  it('registers the cases a backend excludes as skipped, named for the capability, and passes the rest', async () => {
    const { runner, tests, run } = recordingRunner();
    describeConformance('limited', limited, { runner });
    const skipped = tests.filter((t) => t.skip).map((t) => t.name.replace('conformance: limited › ', ''));
    expect(skipped).toEqual(
      expect.arrayContaining([
        'trajectory: diff-relu-adamw-wd (skipped: backend lacks combiner "diff")',
        'outputs and evaluation: sqdiff-gelu-sgd-momentum (skipped: backend lacks activation "gelu")',
        'k steps per call: linear-readout-mse-adam-l2 (skipped: backend lacks activation "linear")',
        'trajectory: ideal-distance (skipped: backend lacks decoder "ideal-distance")',
        'write then read parameters: ideal-order (skipped: backend lacks decoder "ideal-order")',
        'many runs per call: a mixed block matches the runs one by one (skipped: backend lacks batchedRuns)',
      ]),
    );
    // Two of the seven cases fit (concat with tanh or relu, Adam, BCE): 2 × 4 tests run, 5 × 4 + 2 are skips.
    expect(skipped).toHaveLength(22);
    const results = await run(/./);
    expect(Object.keys(results)).toHaveLength(9); // 8 case tests and the capabilities check
    expect(Object.values(results).every((r) => r === 'ok')).toBe(true);
  });

  it('runs the many-runs section when the backend has one: a mixed block, deactivate and readParams', async () => {
    const { runner, tests, run } = recordingRunner();
    describeConformance('batched', () => batched(), { runner });
    expect(tests.filter((t) => t.name.includes('many runs per call')).map((t) => t.skip)).toEqual([false, false]);
    expect(Object.values(await run(/many runs per call|capabilities/))).toEqual(['ok', 'ok', 'ok']);
  });

  it('fails a many-runs mode whose deactivate does not stop the run', async () => {
    const { runner, run } = recordingRunner();
    describeConformance('broken', () => batched(false), { runner });
    const results = await run(/deactivate/);
    expect(Object.values(results)).toEqual([expect.stringMatching(/^parameters of a deactivated run: max relative error/)]);
  });

  it('an asynchronous factory must be told the capabilities to skip; what it is told is checked', async () => {
    const unknown = recordingRunner();
    describeConformance('limited, async', async () => limited(), { runner: unknown.runner });
    expect(unknown.tests.filter((t) => t.skip && !t.name.includes('many runs'))).toEqual([]);
    expect(await unknown.run(/trajectory: ideal-order/)).toEqual({
      'conformance: limited, async › trajectory: ideal-order': 'the backend lacks decoder "ideal-order": pass its capabilities as options.capabilities so this case is reported as skipped',
    });

    const told = recordingRunner();
    describeConformance('limited, told', async () => limited(), { runner: told.runner, capabilities: { ...limited().capabilities, optimizers: ['adam', 'sgd'] } });
    expect(told.tests.filter((t) => t.skip)).toHaveLength(22);
    expect(Object.values(await told.run(/capabilities/))).toEqual(['capabilities.optimizers: the suite was given ["adam","sgd"], the backend declares ["adam"]']);
  });
});
