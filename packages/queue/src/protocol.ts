import type { ExperimentConfig } from '@geneft/core';
import type { QueuedRun } from './names';

/** Parent → block thread: run these configs on this backend. */
export interface BlockRequest {
  id: number;
  backend: string;
  configs: ExperimentConfig[];
}

/** Block thread → parent: one finished run, the end of a block, or why it failed. */
export type BlockReply =
  | { id: number; kind: 'run'; index: number; run: QueuedRun }
  | { id: number; kind: 'done' }
  | { id: number; kind: 'error'; error: string };
