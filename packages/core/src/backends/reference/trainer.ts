import type { Evaluation, Trainer, TrainerSpec } from '../../backend/types';
import { Optimizer, type ParamSlot } from '../../dynamics/optimizers';
import { cloneParams, type Params } from '../../model/params';
import { evaluateOutputs } from '../../run/evaluation';
import { ReferenceNetwork, zeroGradients, type Gradients } from './network';

/** Full-batch training on the reference network, in float64. */
export class ReferenceTrainer implements Trainer {
  readonly backend = 'reference';
  private params: Params;
  private network: ReferenceNetwork;
  private readonly grads: Gradients;
  private readonly optimizer: Optimizer;
  private readonly allPairs: Int32Array;
  private done = 0;

  constructor(private readonly spec: TrainerSpec) {
    this.params = cloneParams(spec.params);
    this.network = new ReferenceNetwork(spec.config, this.params);
    this.grads = zeroGradients(this.params);
    this.optimizer = new Optimizer(spec.config.dynamics, this.slots());
    this.allPairs = Int32Array.from({ length: spec.data.n * spec.data.n }, (_, i) => i);
  }

  get stepsDone(): number {
    return this.done;
  }

  async step(k: number): Promise<number> {
    let loss = NaN;
    for (let s = 0; s < k; s++) {
      loss = this.network.lossAndGradients(this.spec.data.train, this.spec.data.labels, this.grads);
      this.optimizer.step();
      this.done++;
    }
    return loss;
  }

  async evaluate(): Promise<Evaluation> {
    return evaluateOutputs(this.network.outputs(this.allPairs), this.spec.data, this.spec.config.dynamics.loss);
  }

  async predict(): Promise<Float64Array> {
    return this.network.outputs(this.allPairs);
  }

  async readParams(): Promise<Params> {
    return cloneParams(this.params);
  }

  async writeParams(params: Params): Promise<void> {
    // Copy in place: the optimizer's slots alias these arrays.
    this.params.embeddings.set(params.embeddings);
    params.layers.forEach((l, i) => {
      this.params.layers[i].weight.set(l.weight);
      this.params.layers[i].bias.set(l.bias);
    });
  }

  dispose(): void {}

  /** Gradient of the mean training loss at the current parameters (for finite-difference tests). */
  gradients(): { loss: number; grads: Gradients } {
    const loss = this.network.lossAndGradients(this.spec.data.train, this.spec.data.labels, this.grads);
    return { loss, grads: this.grads };
  }

  private slots(): ParamSlot[] {
    const slots: ParamSlot[] = [{ value: this.params.embeddings, grad: this.grads.embeddings, group: 'encoder' }];
    this.params.layers.forEach((l, i) => {
      slots.push({ value: l.weight, grad: this.grads.weights[i], group: 'decoder' });
      slots.push({ value: l.bias, grad: this.grads.biases[i], group: 'decoder' });
    });
    return slots;
  }
}
