import { checkCapabilities } from '../backend/registry';
import type { Backend } from '../backend/types';
import type { ExperimentConfig } from '../config/types';
import { GenEftInputError } from '../errors';
import { initParams } from '../model/init';
import { makeDataset } from '../tasks/dataset';
import { yieldToEventLoop } from '../util/yield';
import { runResult } from './result';
import { memorizationPlateau, observe, settledPhase, type EvalRecord, type Milestones } from './phase';
import type { RunResult } from './run';

/**
 * Trains many experiments together on a backend's BatchTrainer (its many-runs mode), with the
 * same evaluation, phase and early-stop rules as `runExperiment`: a run whose phase is settled,
 * or whose budget is spent, is deactivated so the others go faster (a run with
 * `budget.earlyStop: false` only when its budget is spent). All configs must share
 * `budget.evalEvery` (the batch advances in lockstep between evaluations).
 */
export async function runBatch(
  configs: readonly ExperimentConfig[],
  backend: Backend,
  options: {
    onResult?: (index: number, result: RunResult) => void;
    /** after every evaluation of a run still active (live progress of each run). */
    onEval?: (index: number, record: EvalRecord, milestones: Milestones) => void;
    signal?: AbortSignal;
  } = {},
): Promise<RunResult[]> {
  if (!backend.createBatchTrainer) throw new Error(`backend "${backend.name}" has no many-runs mode`);
  if (configs.length === 0) return [];
  const evalEvery = configs[0].budget.evalEvery;
  configs.forEach((c, i) => {
    checkCapabilities(backend, c);
    if (c.budget.evalEvery !== evalEvery) throw new GenEftInputError(`[${i}].budget.evalEvery`, `${evalEvery}, as every run of one batch`, c.budget.evalEvery);
  });
  const started = Date.now();
  const data = configs.map((c) => makeDataset(c.task));
  const trainer = await backend.createBatchTrainer(configs.map((config, i) => ({ config, data: data[i], params: initParams(config) })));
  try {
    const traces: EvalRecord[][] = configs.map(() => []);
    const milestones: Milestones[] = configs.map(() => ({ stepTrain: null, stepTest: null, diverged: false }));
    const steps = configs.map(() => 0);
    const active = configs.map(() => true);
    const results: RunResult[] = new Array(configs.length);

    const finish = async (i: number, aborted: boolean) => {
      active[i] = false;
      trainer.deactivate(i);
      results[i] = runResult(configs[i], traces[i], milestones[i], { steps: steps[i], backend: trainer.backend, wallMs: Date.now() - started, aborted });
      options.onResult?.(i, results[i]);
    };

    const evaluateActive = async () => {
      const evaluations = await trainer.evaluate();
      for (let i = 0; i < configs.length; i++) {
        if (!active[i]) continue;
        const record: EvalRecord = { step: steps[i], ...evaluations[i] };
        traces[i].push(record);
        const c = configs[i];
        const criteria = { threshold: c.budget.threshold, grokDelay: c.budget.grokDelay };
        milestones[i] = observe(milestones[i], record, criteria, data[i].test.length > 0);
        options.onEval?.(i, record, milestones[i]);
        const plateau = memorizationPlateau(traces[i], milestones[i], c.budget, data[i].test.length);
        const settled = c.budget.earlyStop !== false && (settledPhase(milestones[i], criteria) || plateau);
        if (settled || steps[i] >= c.budget.steps) await finish(i, false);
      }
    };

    await evaluateActive();
    while (active.some(Boolean)) {
      // cooperative, as in runExperiment
      await yieldToEventLoop();
      if (options.signal?.aborted) {
        for (let i = 0; i < configs.length; i++) if (active[i]) await finish(i, true);
        break;
      }
      // Advance by the smallest remaining chunk so no run overshoots its budget.
      const k = Math.min(evalEvery, ...configs.map((c, i) => (active[i] ? c.budget.steps - steps[i] : Infinity)));
      const losses = await trainer.step(k);
      for (let i = 0; i < configs.length; i++) {
        if (!active[i]) continue;
        steps[i] += k;
        if (!Number.isFinite(losses[i])) milestones[i] = { ...milestones[i], diverged: true };
      }
      await evaluateActive();
    }
    return results;
  } finally {
    trainer.dispose();
  }
}
