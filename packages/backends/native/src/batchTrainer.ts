import { evaluateOutputs, packedSize, paramsShapeOf, unpackParams, type BatchTrainer, type Evaluation, type Params, type ParamsShape, type TrainerSpec } from '@geneft/core';
import type { AddonBatch } from './addon';

/**
 * Many independent runs in the addon (sweep cells: any mix of shapes, seeds, rates, splits).
 * `step(k)` advances every active run by k steps on the addon's thread pool, off the JS thread;
 * calls are queued, so a `readParams` issued during a step waits for it.
 */
export class NativeBatchTrainer implements BatchTrainer {
  readonly backend = 'native';
  readonly size: number;
  private readonly shapes: ParamsShape[];
  private readonly stopped = new Set<number>();
  /** Each run's evaluation at its current parameters, or undefined once a step has moved them. */
  private readonly evaluations: (Evaluation | undefined)[];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly specs: readonly TrainerSpec[],
    private readonly handle: AddonBatch,
  ) {
    this.size = specs.length;
    this.shapes = specs.map((s) => paramsShapeOf(s.config));
    this.evaluations = specs.map(() => undefined);
  }

  /** Threads the runs are spread over. */
  get threads(): number {
    return this.handle.threads;
  }

  get isa(): string {
    return this.handle.isa;
  }

  step(k: number): Promise<Float64Array> {
    return this.exclusive(() => {
      for (const i of this.stopped) this.handle.deactivate(i);
      for (let i = 0; i < this.size; i++) if (!this.stopped.has(i)) this.evaluations[i] = undefined;
      return this.handle.step(k);
    });
  }

  /**
   * Evaluates the runs a step has moved since their last evaluation; a stopped run keeps its
   * parameters, so its last evaluation is still exact. (Re-evaluating every stopped run of a
   * block at each evaluation once cost more than training the few runs still active.)
   */
  evaluate(): Promise<Evaluation[]> {
    return this.exclusive(() =>
      this.specs.map((spec, i) => (this.evaluations[i] ??= evaluateOutputs(this.outputsOf(i), spec.data, spec.config.dynamics.loss))),
    );
  }

  /** Decoder outputs of all n² pairs of run `index`. */
  predict(index: number): Promise<Float64Array> {
    return this.exclusive(() => this.outputsOf(this.checkIndex(index)));
  }

  readParams(index: number): Promise<Params> {
    return this.exclusive(() => {
      const shape = this.shapes[this.checkIndex(index)];
      const packed = new Float32Array(packedSize(shape));
      this.handle.readParams(index, packed);
      return unpackParams(packed, shape);
    });
  }

  /** Takes effect from the next `step` on (a step already running finishes with the run in it). */
  deactivate(index: number): void {
    this.stopped.add(this.checkIndex(index));
  }

  dispose(): void {
    // After any queued call; the addon refuses to free memory a running step uses.
    void this.exclusive(() => this.handle.dispose());
  }

  private outputsOf(index: number): Float64Array {
    const n = this.shapes[index].n;
    const out = new Float64Array(n * n);
    this.handle.predict(index, out);
    return out;
  }

  private checkIndex(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`run index ${index} is outside 0..${this.size - 1}`);
    }
    return index;
  }

  private exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    const result = this.queue.then(fn);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
