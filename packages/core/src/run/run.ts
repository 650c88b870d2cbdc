import { checkCapabilities, getBackend } from '../backend/registry';
import type { Backend, Dynamics } from '../backend/types';
import type { ExperimentConfig } from '../config/types';
import { initParams } from '../model/init';
import type { Params } from '../model/params';
import { makeDataset } from '../tasks/dataset';
import { yieldToEventLoop } from '../util/yield';
import { runResult } from './result';
import { memorizationPlateau, observe, settledPhase, type EvalRecord, type Milestones, type Phase } from './phase';

export interface RunOptions {
  /** a backend name, a Backend, or another Dynamics (e.g. the repon theory); default: the best registered backend. */
  dynamics?: string | Dynamics;
  /** start from these parameters instead of core's seeded initialisation. */
  initParams?: Params;
  /** called after every evaluation (progress bars, live charts). */
  onEval?: (record: EvalRecord, milestones: Milestones) => void;
  /** stop as soon as the phase is settled (default true; `budget.earlyStop: false` in the config also turns it off). */
  earlyStop?: boolean;
  /** aborts between trainer calls; the result then holds what was run. */
  signal?: AbortSignal;
}

/** The summary DESIGN.md's run store keeps, plus the trace. */
export interface RunResult {
  configHash: string;
  config: ExperimentConfig;
  phase: Phase;
  stepTrain: number | null;
  stepTest: number | null;
  trainAccuracy: number;
  testAccuracy: number;
  trainLoss: number;
  testLoss: number;
  /** steps actually run (less than the budget after an early stop). */
  steps: number;
  backend: string;
  wallMs: number;
  /** true when the run was aborted before its phase was settled or its budget spent. */
  aborted: boolean;
  trace: EvalRecord[];
}

/**
 * Trains one experiment: evaluates at step 0 and every `evalEvery` steps (and at the end),
 * classifies the phase, and stops early once the phase is settled.
 */
export async function runExperiment(
  config: ExperimentConfig,
  options: RunOptions = {},
): Promise<RunResult & { finalParams: Params }> {
  const started = Date.now();
  const dynamics = await resolveDynamics(options.dynamics);
  if ('capabilities' in dynamics) checkCapabilities(dynamics as Backend, config);
  const data = makeDataset(config.task);
  const params = options.initParams ?? initParams(config);
  const trainer = await dynamics.createTrainer({ config, data, params });
  try {
    const { budget } = config;
    const criteria = { threshold: budget.threshold, grokDelay: budget.grokDelay };
    const hasTestSet = data.test.length > 0;
    const trace: EvalRecord[] = [];
    let milestones: Milestones = { stepTrain: null, stepTest: null, diverged: false };
    let aborted = false;

    const evaluateNow = async () => {
      const e = await trainer.evaluate();
      const record: EvalRecord = { step: trainer.stepsDone, ...e };
      trace.push(record);
      milestones = observe(milestones, record, criteria, hasTestSet);
      options.onEval?.(record, milestones);
    };

    await evaluateNow();
    while (trainer.stepsDone < budget.steps) {
      if (options.earlyStop !== false && budget.earlyStop !== false && (settledPhase(milestones, criteria) || memorizationPlateau(trace, milestones, budget, data.test.length))) break;
      // cooperative: an abort (Stop, Ctrl-C) or an IPC message is read between trainer calls
      await yieldToEventLoop();
      if (options.signal?.aborted) {
        aborted = true;
        break;
      }
      const k = Math.min(budget.evalEvery, budget.steps - trainer.stepsDone);
      const loss = await trainer.step(k);
      if (!Number.isFinite(loss)) milestones = { ...milestones, diverged: true };
      await evaluateNow();
    }

    const finalParams = await trainer.readParams();
    const result = runResult(config, trace, milestones, { steps: trainer.stepsDone, backend: trainer.backend, wallMs: Date.now() - started, aborted });
    return { ...result, finalParams };
  } finally {
    trainer.dispose();
  }
}

async function resolveDynamics(choice: string | Dynamics | undefined): Promise<Dynamics> {
  if (choice === undefined || typeof choice === 'string') return getBackend(choice);
  return choice;
}

