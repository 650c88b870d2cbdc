import type { ExperimentConfig } from '../config/types';
import type { RunResult } from '../run/run';

/** Parent → worker: run one cell. */
export interface WorkerRequest {
  id: number;
  config: ExperimentConfig;
  backend?: string;
}

/** Worker → parent: its result, or why it failed. */
export type WorkerReply = { id: number; result: RunResult } | { id: number; error: string };
