import type { ExperimentConfig } from '../config/types';
import type { RunResult } from '../run/run';

/** Parent → sweep thread: run this block of configs on this backend. */
export interface BlockRequest {
  id: number;
  backend: string;
  configs: ExperimentConfig[];
}

/** Sweep thread → parent: one finished run (no parameters), the end of a block, or why it failed. */
export type BlockReply =
  | { id: number; kind: 'run'; index: number; result: RunResult }
  | { id: number; kind: 'done' }
  | { id: number; kind: 'error'; error: string };
