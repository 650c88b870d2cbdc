/** Cells done out of total, per-phase counts and an ETA — the same shape for local, shard and queued sweeps. */
export interface CellProgress {
  done: number;
  total: number;
  /** cells already in the store when this session started. */
  resumed: number;
  phases: Record<string, number>;
  /** estimated ms to finish; null until a run has finished in this session. */
  etaMs: number | null;
}

export function addPhase(phases: Record<string, number>, phase: string, count = 1): void {
  phases[phase] = (phases[phase] ?? 0) + count;
}
