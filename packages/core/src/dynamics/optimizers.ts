import type { DynamicsConfig } from '../config/types';

/** One parameter tensor with its gradient and the group (encoder or decoder) whose rates apply. */
export interface ParamSlot {
  readonly value: Float64Array;
  readonly grad: Float64Array;
  readonly group: 'encoder' | 'decoder';
}

/**
 * PyTorch's torch.optim.{Adam, AdamW, SGD} (single-tensor code path, v1.13–2.x), with one
 * parameter group for the encoder and one for the decoder. The arithmetic follows PyTorch's
 * operation order so float64 trajectories agree to ~1e-12:
 *
 * - adam:  g += wd·p; m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
 *          p −= (lr/(1−β1^t)) · m / (√v/√(1−β2^t) + ε)
 * - adamw: p *= 1 − lr·wd, then adam without the L2 term
 * - sgd:   g += wd·p; buf = g (first step) or μ·buf + g; p −= lr·buf (μ = 0: p −= lr·g)
 */
export class Optimizer {
  private readonly first: Float64Array[];
  private readonly second: Float64Array[];
  private t = 0;

  constructor(
    private readonly config: DynamicsConfig,
    private readonly slots: readonly ParamSlot[],
  ) {
    this.first = slots.map((s) => new Float64Array(s.value.length));
    this.second = config.optimizer === 'sgd' ? [] : slots.map((s) => new Float64Array(s.value.length));
  }

  get steps(): number {
    return this.t;
  }

  /** Applies one update from the gradients currently in the slots. */
  step(): void {
    this.t += 1;
    const c = this.config;
    for (let s = 0; s < this.slots.length; s++) {
      const slot = this.slots[s];
      const lr = slot.group === 'encoder' ? c.lrEncoder : c.lrDecoder;
      const wd = slot.group === 'encoder' ? c.weightDecayEncoder : c.weightDecayDecoder;
      if (c.optimizer === 'sgd') this.sgd(slot, this.first[s], lr, wd);
      else this.adam(slot, this.first[s], this.second[s], lr, wd, c.optimizer === 'adamw');
    }
  }

  private adam(slot: ParamSlot, m: Float64Array, v: Float64Array, lr: number, wd: number, decoupled: boolean): void {
    const { beta1, beta2, eps } = this.config;
    const p = slot.value;
    const grad = slot.grad;
    const stepSize = lr / (1 - beta1 ** this.t);
    const bc2Sqrt = Math.sqrt(1 - beta2 ** this.t);
    const decay = decoupled ? 1 - lr * wd : 1;
    for (let i = 0; i < p.length; i++) {
      let g = grad[i];
      if (decoupled) p[i] *= decay;
      else if (wd !== 0) g = g + p[i] * wd;
      m[i] = m[i] * beta1 + g * (1 - beta1);
      v[i] = v[i] * beta2 + (1 - beta2) * g * g;
      const denom = Math.sqrt(v[i]) / bc2Sqrt + eps;
      p[i] += -stepSize * (m[i] / denom);
    }
  }

  private sgd(slot: ParamSlot, buf: Float64Array, lr: number, wd: number): void {
    const mu = this.config.momentum;
    const p = slot.value;
    const grad = slot.grad;
    for (let i = 0; i < p.length; i++) {
      let g = grad[i];
      if (wd !== 0) g = g + p[i] * wd;
      if (mu !== 0) {
        buf[i] = this.t === 1 ? g : buf[i] * mu + g;
        g = buf[i];
      }
      p[i] += -lr * g;
    }
  }
}
