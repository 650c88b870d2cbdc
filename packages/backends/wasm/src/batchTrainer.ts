import { evaluateOutputs, paramsShapeOf, unpackParams, type BatchTrainer, type Evaluation, type Params, type TrainerSpec } from '@geneft/core';
import { stepCount } from './engine';
import type { GroupClient } from './group';

/**
 * Many independent runs (sweep cells), spread over groups — one engine instance each, on worker
 * threads in Node. `step(k)` advances every active run k steps, all groups at once; calls are
 * queued, so a `readParams` issued during a step waits for it.
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

  constructor(
    private readonly specs: readonly TrainerSpec[],
    private readonly groups: GroupClient[],
    /** the runs of each group. */
    private readonly members: number[][],
    /** Kernel build every group runs ("relaxed-simd" or "simd128"). */
    readonly isa: string,
  ) {
    this.size = specs.length;
    this.losses = new Float64Array(specs.length).fill(NaN);
    this.evaluations = specs.map(() => undefined);
  }

  /** Threads (engine instances) the runs are spread over. */
  get threads(): number {
    return this.groups.length;
  }

  step(k: number): Promise<Float64Array> {
    return this.exclusive(async () => {
      stepCount(k);
      if (k > 0) {
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
