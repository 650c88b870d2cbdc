import { checkParams, evaluateOutputs, packedSize, packParams, paramsShapeOf, unpackParams, type Evaluation, type Params, type ParamsShape, type Trainer, type TrainerSpec } from '@geneft/core';
import type { WasmRun } from './engine';
import { OWNER } from './spec';

/** One run in a WebAssembly instance on the calling thread. `step(k)` is one call into the module for all k steps. */
export class WasmTrainer implements Trainer {
  readonly backend = 'wasm';
  private readonly shape: ParamsShape;

  constructor(
    private readonly spec: TrainerSpec,
    private readonly run: WasmRun,
    /** Kernel build the run executes on ("relaxed-simd" or "simd128"). */
    readonly isa: string,
  ) {
    this.shape = paramsShapeOf(spec.config);
  }

  get stepsDone(): number {
    return this.run.steps;
  }

  async step(k: number): Promise<number> {
    return this.run.step(k);
  }

  async evaluate(): Promise<Evaluation> {
    return evaluateOutputs(await this.predict(), this.spec.data, this.spec.config.dynamics.loss);
  }

  async predict(): Promise<Float64Array> {
    return this.run.predict();
  }

  async readParams(): Promise<Params> {
    return unpackParams(this.run.readParams(), this.shape);
  }

  async writeParams(params: Params): Promise<void> {
    checkParams(params, this.shape, OWNER);
    this.run.writeParams(packParams(params, new Float32Array(packedSize(this.shape))));
  }

  dispose(): void {
    this.run.dispose();
  }
}
