import type { ExperimentConfig, Phase, RunResult } from '@geneft/core';

/** The queue of sweep blocks (one job per block of cells). */
export const BLOCKS_QUEUE = 'geneft-blocks';
/** The queue of sweep parents: a parent waits for its blocks, then completes with a summary. */
export const SWEEPS_QUEUE = 'geneft-sweeps';

/** A block job's data: resolved experiment configs and a backend name — never code. */
export interface BlockJobData {
  sweepId: string;
  block: number;
  backend: string;
  configs: ExperimentConfig[];
}

/** A sweep parent's data: what `geneft sweep status` shows. */
export interface SweepJobData {
  sweepId: string;
  /** the sweep file's name, for people. */
  label: string;
  backend: string;
  /** cells in the sweep. */
  total: number;
  /** cells queued (those not already in the enqueuing machine's store). */
  queued: number;
  blocks: number;
  /** ms since the epoch. */
  createdAt: number;
}

/** A finished run as it travels back through Redis: RunResult without parameters. */
export type QueuedRun = RunResult;

/** A block job's return value. */
export interface BlockResult {
  block: number;
  runs: QueuedRun[];
  /** host and pid of the worker that ran it. */
  worker: string;
}

/** A sweep parent's return value. */
export interface SweepSummary {
  cells: number;
  phases: Partial<Record<Phase, number>>;
}
