import { configHash, type SweepSpec } from '@geneft/core';

/** Default cells per block: a many-runs backend trains a whole block at once; others run it cell by cell. */
export const DEFAULT_BATCHED_BLOCK = 64;
export const DEFAULT_PLAIN_BLOCK = 4;

/**
 * The id of a queued sweep: a content hash of the resolved sweep, the backend and the block
 * size. It names every flow of that sweep: `geneft sweep status SWEEP` finds them by it.
 */
export function sweepId(spec: SweepSpec, backend: string, blockSize: number): string {
  return `sweep-${configHash({ spec, backend, blockSize }).slice(0, 16)}`;
}

/**
 * The id of one flow of a sweep: the sweep id and a hash of the exact cells enqueued. A store
 * that lacks other cells than another gets its own flow — a partial flow never stands in for
 * cells it does not hold — while the same store enqueued again finds its flow and collects it.
 */
export function flowId(sweep: string, cellHashes: readonly string[]): string {
  return `${sweep}-${configHash([...cellHashes].sort()).slice(0, 12)}`;
}
