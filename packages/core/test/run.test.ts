import { experimentHash, initParams, referenceBackend, resolveExperiment, runBatch, runExperiment, type Backend, type BatchTrainer, type Dynamics, type Trainer } from '@geneft/core';

const quick = (over: object = {}) =>
  resolveExperiment({
    task: { relation: 'mod', k: 3, n: 15, trainFraction: 0.75 },
    // σ = 0.25 (not the default 0.5): at equal rates this small model then generalizes
    encoder: { dim: 2, initScale: 0.25 },
    decoder: { kind: 'mlp', combine: 'concat', width: 16, depth: 2, activation: 'tanh' },
    dynamics: { lrEncoder: 1e-2, lrDecoder: 1e-2 },
    budget: { steps: 3000, evalEvery: 50 },
    ...over,
  });

describe('runExperiment', () => {
  it('a well-posed mod-3 run generalizes and stops early once the phase is settled', async () => {
    const r = await runExperiment(quick(), { dynamics: 'reference' });
    expect(['comprehension', 'grokking']).toContain(r.phase);
    expect(r.trainAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(r.testAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(r.steps).toBeLessThan(3000);
    expect(r.steps).toBe(Math.max(r.stepTrain!, r.stepTest!));
    expect(r.trace[0].step).toBe(0);
    expect(r.trace.every((e, i) => i === 0 || e.step - r.trace[i - 1].step === 50)).toBe(true);
  }, 60_000);

  it('budget.earlyStop false trains to the end of the budget, alone and in a batch, with the same phase', async () => {
    const stopping = quick();
    const early = await runExperiment(stopping, { dynamics: 'reference' });
    expect(early.steps).toBeLessThan(3000);
    // a budget a few evaluations past the early stop keeps the runs below short
    const steps = early.steps + 200;
    const full = quick({ budget: { steps, evalEvery: 50, earlyStop: false } });
    // absent and true are the same config; false is another one
    expect(experimentHash(quick({ budget: { steps: 3000, evalEvery: 50, earlyStop: true } }))).toBe(experimentHash(stopping));
    expect(experimentHash(full)).not.toBe(experimentHash(quick({ budget: { steps, evalEvery: 50 } })));
    const alone = await runExperiment(full, { dynamics: 'reference' });
    expect(alone.steps).toBe(steps);
    expect(alone.trace.at(-1)!.step).toBe(steps);
    expect([alone.phase, alone.stepTrain, alone.stepTest]).toEqual([early.phase, early.stepTrain, early.stepTest]);
    expect(alone.trace.slice(0, early.trace.length)).toEqual(early.trace);
    // a batch of the reference backend's own trainers, run in lockstep by core's runBatch
    const reference = referenceBackend();
    const batchBackend: Backend = {
      ...reference,
      name: 'reference-batch',
      async createBatchTrainer(specs): Promise<BatchTrainer> {
        const trainers = await Promise.all(specs.map((s) => reference.createTrainer(s)));
        const active = trainers.map(() => true);
        return {
          backend: 'reference-batch',
          size: trainers.length,
          step: async (k) => Float64Array.from(await Promise.all(trainers.map((t, i) => (active[i] ? t.step(k) : NaN)))),
          evaluate: () => Promise.all(trainers.map((t) => t.evaluate())),
          readParams: (i) => trainers[i].readParams(),
          deactivate: (i) => void (active[i] = false),
          dispose: () => trainers.forEach((t) => t.dispose()),
        };
      },
    };
    const [batchEarly, batchFull] = await runBatch([quick({ budget: { steps, evalEvery: 50 } }), full], batchBackend);
    expect(batchEarly.steps).toBe(early.steps);
    expect(batchFull.steps).toBe(steps);
    expect(batchFull.trace).toEqual(alone.trace);
    expect([batchFull.phase, batchFull.trainAccuracy, batchFull.testAccuracy]).toEqual([alone.phase, alone.trainAccuracy, alone.testAccuracy]);
  }, 240_000);

  it('with 10% of the pairs it does not generalize', async () => {
    const r = await runExperiment(quick({ task: { relation: 'mod', k: 3, n: 15, trainFraction: 0.1 }, budget: { steps: 1500, evalEvery: 50 } }), {
      dynamics: 'reference',
    });
    expect(['memorization', 'confusion']).toContain(r.phase);
    expect(r.stepTest).toBeNull();
    expect(r.steps).toBe(1500);
  }, 60_000);

  it('is deterministic and starts from initParams(config) unless given parameters', async () => {
    const config = quick({ budget: { steps: 100, evalEvery: 50 } });
    const a = await runExperiment(config, { dynamics: 'reference', earlyStop: false });
    const b = await runExperiment(config, { dynamics: 'reference', earlyStop: false, initParams: initParams(config) });
    expect(b.trace).toEqual(a.trace);
    const other = initParams({ ...config, seed: 99 });
    const c = await runExperiment(config, { dynamics: 'reference', earlyStop: false, initParams: other });
    expect(c.trace[0].trainLoss).not.toBe(a.trace[0].trainLoss);
  });

  it('a diverging run (huge SGD rate) is classified diverged and stops', async () => {
    const config = quick({ dynamics: { optimizer: 'sgd', lrEncoder: 1e6, lrDecoder: 1e6, loss: 'mse' }, decoder: { kind: 'mlp', activation: 'linear', depth: 2, width: 16 } });
    const r = await runExperiment(config, { dynamics: 'reference' });
    expect(r.phase).toBe('diverged');
    expect(r.steps).toBeLessThan(3000);
  });

  it('drives any Dynamics and disposes its trainer', async () => {
    let disposed = false;
    const spy: Dynamics = {
      name: 'spy',
      async createTrainer(spec) {
        const inner = (await referenceBackend().createTrainer(spec)) as Trainer;
        return Object.assign(Object.create(Object.getPrototypeOf(inner)), inner, { backend: 'spy', dispose: () => (disposed = true) });
      },
    };
    const r = await runExperiment(quick({ budget: { steps: 100, evalEvery: 50 } }), { dynamics: spy });
    expect(r.backend).toBe('spy');
    expect(disposed).toBe(true);
  });

  it('an aborted run says so', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await runExperiment(quick(), { dynamics: 'reference', signal: controller.signal });
    expect(r.aborted).toBe(true);
    expect(r.steps).toBe(0);
  });
});
