import type { Phase } from '../run/phase';
import type { RunResult } from '../run/run';

/** Cells done out of total, per-phase counts and an ETA — one shape for local, shard and queued sweeps. */
export interface SweepProgress {
  done: number;
  total: number;
  /** cells found in the store when the sweep started (a resumed sweep). */
  resumed: number;
  phases: Partial<Record<Phase, number>>;
  /** estimated time to finish, from the rate of this session's runs; null until one run is done. */
  etaMs: number | null;
  last?: RunResult;
}

/** Runs per phase; each element counts once (callers pass distinct runs). */
export function countPhases(runs: Iterable<{ phase: Phase }>): Partial<Record<Phase, number>> {
  const counts: Partial<Record<Phase, number>> = {};
  for (const r of runs) counts[r.phase] = (counts[r.phase] ?? 0) + 1;
  return counts;
}

/** The progress of a sweep as its runs are stored: done, phases and an ETA from this session's rate. */
export class ProgressTracker {
  private readonly state: SweepProgress;
  private readonly started = Date.now();

  constructor(total: number, resumed: number, phases: Partial<Record<Phase, number>>) {
    this.state = { done: resumed, total, resumed, phases: { ...phases }, etaMs: null };
  }

  /** Counts a run that was just stored (never one that was already there). */
  add(run: { phase: Phase }, last?: RunResult): void {
    this.state.done++;
    this.state.phases[run.phase] = (this.state.phases[run.phase] ?? 0) + 1;
    const ranHere = this.state.done - this.state.resumed;
    this.state.etaMs = ((Date.now() - this.started) / ranHere) * (this.state.total - this.state.done);
    if (last) this.state.last = last;
  }

  /** A copy, safe to hand to a progress callback. */
  get progress(): SweepProgress {
    return { ...this.state, phases: { ...this.state.phases } };
  }
}
