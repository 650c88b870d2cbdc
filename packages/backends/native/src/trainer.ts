import { checkParams, evaluateOutputs, packedSize, packParams, unpackParams, type Evaluation, type Params, type ParamsShape, type Trainer, type TrainerSpec } from '@geneft/core';
import type { AddonTrainer } from './addon';

/** One run in the addon. `step(k)` is a single synchronous native call for all k steps. */
export class NativeTrainer implements Trainer {
  readonly backend = 'native';

  constructor(
    private readonly spec: TrainerSpec,
    private readonly handle: AddonTrainer,
    private readonly shape: ParamsShape,
  ) {}

  /** Kernel set the run executes on ("avx512", "avx2" or "generic"). */
  get isa(): string {
    return this.handle.isa;
  }

  /** Threads each step is split over (see `NativeBackendOptions.runThreads`). */
  get threads(): number {
    return this.handle.threads;
  }

  get stepsDone(): number {
    return this.handle.steps;
  }

  async step(k: number): Promise<number> {
    return this.handle.step(k);
  }

  async evaluate(): Promise<Evaluation> {
    return evaluateOutputs(await this.predict(), this.spec.data, this.spec.config.dynamics.loss);
  }

  async predict(): Promise<Float64Array> {
    const out = new Float64Array(this.shape.n * this.shape.n);
    this.handle.predict(out);
    return out;
  }

  async readParams(): Promise<Params> {
    const packed = new Float32Array(packedSize(this.shape));
    this.handle.readParams(packed);
    return unpackParams(packed, this.shape);
  }

  async writeParams(params: Params): Promise<void> {
    checkParams(params, this.shape, '@geneft/backend-native');
    this.handle.writeParams(packParams(params, new Float32Array(packedSize(this.shape))));
  }

  dispose(): void {
    this.handle.dispose();
  }
}
