import { evaluateOutputs, paramsShapeOf, unpackParams, type BatchTrainer, type Evaluation, type Params, type TrainerSpec } from '@geneft/core';
import { stepCount } from './engine';
import type { GroupClient } from './group';
import type { WasmRunSpec } from './spec';

/**
 * Many independent runs (sweep cells), spread over groups — one engine instance each, on worker
 * threads in Node. `step(k)` advances every active run k steps, all groups at once; calls are
 * queued, so a `readParams` issued during a step waits for it. Runs stop at different steps, so
 * before each step the active runs are rebalanced: a run moves from the busiest group to the least
 * busy one (its whole state, so its bits do not change) while that shortens the busier one.
 */
export class WasmBatchTrainer implements BatchTrainer {
  readonly backend = 'wasm';
  readonly size: number;
  private readonly stopped = new Set<number>();
  private readonly losses: Float64Array;
  /** Each run's evaluation at its current parameters, or undefined once a step has moved them. */
  private readonly evaluations: (Evaluation | undefined)[];
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  private moved = 0;

  constructor(
    private readonly specs: readonly TrainerSpec[],
    private readonly groups: GroupClient[],
    /** the runs of each group. */
    private readonly members: number[][],
    /** Kernel build every group runs ("relaxed-simd" or "simd128"). */
    readonly isa: string,
    /** each run as the module takes it, to make it again in another group */
    private readonly runSpecs: readonly WasmRunSpec[],
    /** each run's relative cost of a step */
    private readonly costs: readonly number[],
  ) {
    this.size = specs.length;
    this.losses = new Float64Array(specs.length).fill(NaN);
    this.evaluations = specs.map(() => undefined);
  }

  /** Threads (engine instances) the runs are spread over. */
  get threads(): number {
    return this.groups.length;
  }

  /** Runs still advancing, per thread. */
  get activeRunsPerThread(): number[] {
    return this.members.map((runs) => runs.filter((i) => !this.stopped.has(i)).length);
  }

  /** Runs moved between threads so far by rebalancing. */
  get runsMoved(): number {
    return this.moved;
  }

  step(k: number): Promise<Float64Array> {
    return this.exclusive(async () => {
      stepCount(k);
      if (k > 0) {
        await this.rebalance();
        await Promise.all(
          this.members.map(async (runs, g) => {
            const active = runs.filter((i) => !this.stopped.has(i));
            if (active.length === 0) return;
            active.forEach((i) => (this.evaluations[i] = undefined));
            const losses = (await this.groups[g].request({ type: 'step', k, runs: active })) as Float64Array;
            active.forEach((i, j) => (this.losses[i] = losses[j]));
          }),
        );
      }
      return Float64Array.from(this.losses);
    });
  }

  /** Evaluates the runs a step has moved since their last evaluation (a stopped run's is still exact). */
  evaluate(): Promise<Evaluation[]> {
    return this.exclusive(() =>
      Promise.all(
        this.specs.map(async (spec, i) => (this.evaluations[i] ??= evaluateOutputs(await this.outputsOf(i), spec.data, spec.config.dynamics.loss))),
      ),
    );
  }

  /** Decoder outputs of all n² pairs of run `index`. */
  predict(index: number): Promise<Float64Array> {
    return this.exclusive(() => this.outputsOf(this.checkIndex(index)));
  }

  readParams(index: number): Promise<Params> {
    return this.exclusive(async () => {
      const i = this.checkIndex(index);
      const packed = await this.groups[this.groupOf(i)].request({ type: 'readParams', run: i });
      return unpackParams(packed as Float32Array, paramsShapeOf(this.specs[i].config));
    });
  }

  /** Takes effect from the next `step` on. */
  deactivate(index: number): void {
    this.stopped.add(this.checkIndex(index));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    void this.queue.then(() => this.groups.forEach((g) => g.close()));
  }

  /**
   * Moves the cheapest active run of the busiest group to the least busy one while that lowers
   * the busier group's load (each move lowers the sum of squared loads, so this ends). Without
   * it a group whose runs have all stopped early would idle while another steps several.
   */
  private async rebalance(): Promise<void> {
    if (this.groups.length < 2) return;
    for (;;) {
      const loads = this.members.map((runs) => runs.reduce((sum, i) => sum + (this.stopped.has(i) ? 0 : this.costs[i]), 0));
      const busiest = loads.indexOf(Math.max(...loads));
      const idlest = loads.indexOf(Math.min(...loads));
      const run = this.members[busiest]
        .filter((i) => !this.stopped.has(i))
        .sort((a, b) => this.costs[a] - this.costs[b])
        .find((i) => loads[idlest] + this.costs[i] < loads[busiest]);
      if (run === undefined) return;
      const state = (await this.groups[busiest].request({ type: 'export', run })) as Float64Array;
      try {
        await this.groups[idlest].request({ type: 'import', run, spec: this.runSpecs[run], state });
      } catch {
        // The other instance could not take it (out of memory): the run goes back where it was.
        await this.groups[busiest].request({ type: 'import', run, spec: this.runSpecs[run], state });
        return;
      }
      this.members[busiest] = this.members[busiest].filter((i) => i !== run);
      this.members[idlest] = [...this.members[idlest], run].sort((a, b) => a - b);
      this.moved++;
    }
  }

  private outputsOf(index: number): Promise<Float64Array> {
    return this.groups[this.groupOf(index)].request({ type: 'predict', run: index }) as Promise<Float64Array>;
  }

  private groupOf(index: number): number {
    return this.members.findIndex((m) => m.includes(index));
  }

  private checkIndex(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) throw new RangeError(`run index ${index} is outside 0..${this.size - 1}`);
    return index;
  }

  private exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    if (this.disposed) return Promise.reject(new Error('@geneft/backend-wasm: batch trainer has been disposed'));
    const result = this.queue.then(fn);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
