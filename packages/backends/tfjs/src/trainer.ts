import * as tf from '@tensorflow/tfjs-core';
import {
  checkParams,
  evaluateOutputs,
  lossAndGradient,
  packParams,
  paramLayout,
  paramsShapeOf,
  unpackParams,
  type Evaluation,
  type ParamLayout,
  type Params,
  type ParamsShape,
  type Trainer,
  type TrainerSpec,
} from '@geneft/core';
import { activateTfBackend, enterTfBackend } from './engine';
import { disposeSelection } from './features';
import { vectorVariable } from './layout';
import { TfjsNetwork, type TrainingBatch } from './network';
import { TfOptimizer } from './optimizer';
import type { OpTuning } from './tuning';

/** Pairs per forward pass in `predict`, so selector matrices stay small for large n. */
const PREDICT_CHUNK_ENTRIES = 1 << 22;

/**
 * Full-batch training with tf ops on one tfjs backend. The parameters live on the device as one
 * float32 variable; `step(k)` queues k tidied updates and reads back once, at the end.
 */
export class TfjsTrainer implements Trainer {
  private readonly shape: ParamsShape;
  private readonly layout: ParamLayout;
  private readonly network: TfjsNetwork;
  private readonly optimizer: TfOptimizer;
  private readonly theta: tf.Variable<tf.Rank.R1>;
  private readonly batch: TrainingBatch;
  private done = 0;
  private disposed = false;

  private constructor(
    readonly backend: string,
    private readonly tfBackend: string,
    private readonly spec: TrainerSpec,
    tuning: OpTuning,
  ) {
    this.shape = paramsShapeOf(spec.config);
    this.layout = paramLayout(this.shape);
    checkParams(spec.params, this.shape, `${backend} initial parameters`);
    this.network = new TfjsNetwork(spec.config, this.layout, tuning);
    this.theta = vectorVariable(this.pack(spec.params));
    this.optimizer = new TfOptimizer(spec.config.dynamics, this.layout);
    this.batch = this.network.batch(spec.data.train, spec.data.labels);
  }

  /** Makes a trainer with its tensors on `tfBackend`. */
  static async create(backend: string, tfBackend: string, spec: TrainerSpec, tuning: OpTuning): Promise<TfjsTrainer> {
    await activateTfBackend(tfBackend);
    enterTfBackend(tfBackend);
    return new TfjsTrainer(backend, tfBackend, spec, tuning);
  }

  get stepsDone(): number {
    return this.done;
  }

  async step(k: number): Promise<number> {
    await this.ready();
    this.enter();
    let outputs: tf.Tensor2D | undefined;
    for (let s = 0; s < k; s++) {
      const keep = s === k - 1;
      const z = tf.tidy(() => {
        const { grad, outputs } = this.network.gradient(this.theta, this.batch);
        this.optimizer.apply(this.theta, grad);
        return keep ? outputs : undefined;
      });
      this.done++;
      if (z) outputs = z;
    }
    if (!outputs) return NaN;
    const z = await outputs.data();
    outputs.dispose();
    return this.trainLoss(z);
  }

  async evaluate(): Promise<Evaluation> {
    return evaluateOutputs(await this.predict(), this.spec.data, this.spec.config.dynamics.loss);
  }

  async predict(): Promise<Float64Array> {
    await this.ready();
    const n = this.layout.n;
    const total = n * n;
    const chunk = Math.max(1, Math.floor(PREDICT_CHUNK_ENTRIES / n));
    const result = new Float64Array(total);
    for (let start = 0; start < total; start += chunk) {
      const pairs = Int32Array.from({ length: Math.min(chunk, total - start) }, (_, i) => start + i);
      this.enter();
      const selection = this.network.features.select(pairs, false);
      const out = tf.tidy(() => this.network.outputs(this.theta, selection));
      disposeSelection(selection);
      result.set(await out.data(), start);
      out.dispose();
    }
    return result;
  }

  async readParams(): Promise<Params> {
    await this.ready();
    return unpackParams(await this.theta.data(), this.shape);
  }

  async writeParams(params: Params): Promise<void> {
    checkParams(params, this.shape, `${this.backend} writeParams`);
    await this.ready();
    this.enter();
    tf.tidy(() => this.theta.assign(tf.tensor1d(this.pack(params))));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.theta.dispose();
    this.optimizer.dispose();
    disposeSelection(this.batch.pairs);
    this.batch.labels.dispose();
    this.batch.ones.dispose();
  }

  /** Call synchronously before running ops (after the last await). */
  private enter(): void {
    enterTfBackend(this.tfBackend);
  }

  private async ready(): Promise<void> {
    if (this.disposed) throw new Error(`${this.backend} trainer used after dispose()`);
    await activateTfBackend(this.tfBackend);
  }

  /** θ in float32, as the device holds it. */
  private pack(params: Params): Float32Array {
    return packParams(params, new Float32Array(this.layout.size));
  }

  /** Mean training loss from float32 outputs, in float64 with core's loss (as the reference does). */
  private trainLoss(z: ArrayLike<number>): number {
    const { train, labels } = this.spec.data;
    const loss = this.spec.config.dynamics.loss;
    let total = 0;
    for (let r = 0; r < train.length; r++) total += lossAndGradient(loss, z[r], labels[train[r]])[0];
    return total / train.length;
  }
}
