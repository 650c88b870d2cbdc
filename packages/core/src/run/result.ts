import { experimentHash } from '../config/experiment';
import type { ExperimentConfig } from '../config/types';
import { classifyPhase, type EvalRecord, type Milestones } from './phase';
import type { RunResult } from './run';

/** The RunResult of a finished (or aborted) run, from its trace and milestones: one place for single and batched runs. */
export function runResult(
  config: ExperimentConfig,
  trace: EvalRecord[],
  milestones: Milestones,
  run: { steps: number; backend: string; wallMs: number; aborted: boolean },
): RunResult {
  const last = trace[trace.length - 1];
  return {
    configHash: experimentHash(config),
    config,
    phase: classifyPhase(milestones, { threshold: config.budget.threshold, grokDelay: config.budget.grokDelay }),
    stepTrain: milestones.stepTrain,
    stepTest: milestones.stepTest,
    trainAccuracy: last.trainAccuracy,
    testAccuracy: last.testAccuracy,
    trainLoss: last.trainLoss,
    testLoss: last.testLoss,
    ...run,
    trace,
  };
}
