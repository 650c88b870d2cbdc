import * as tf from '@tensorflow/tfjs-core';
import type { DynamicsConfig, ParamLayout } from '@geneft/core';
import { vectorVariable } from './layout';

/**
 * PyTorch's torch.optim.{Adam, AdamW, SGD} on the flat parameter vector θ, with the encoder's
 * and the decoder's learning rate and weight decay as per-element vectors. The arithmetic is
 * that of core's `Optimizer` (PyTorch's operation order), in float32:
 *
 * - adam:  g += wd·p; m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
 *          p −= (lr/(1−β1^t)) · m / (√v/√(1−β2^t) + ε)
 * - adamw: p *= 1 − lr·wd, then adam without the L2 term
 * - sgd:   g += wd·p; buf = g (first step) or μ·buf + g; p −= lr·buf
 *
 * tf.train.adam is not used: it puts ε inside the bias correction (ε̂ form), unlike PyTorch.
 */
export class TfOptimizer {
  private t = 0;
  private readonly first: tf.Variable<tf.Rank.R1>;
  private readonly second?: tf.Variable<tf.Rank.R1>;
  private readonly lr: tf.Tensor1D;
  /** L2 coefficients (adam, sgd) or decoupled decay factors 1 − lr·wd (adamw); absent if all wd = 0. */
  private readonly decay?: tf.Tensor1D;
  private readonly constants: tf.Tensor[] = [];

  constructor(
    private readonly config: DynamicsConfig,
    layout: ParamLayout,
  ) {
    const perGroup = (encoder: number, decoder: number) => {
      const values = new Float32Array(layout.size).fill(decoder);
      values.fill(encoder, 0, layout.encoderSize);
      return this.keep(tf.tensor1d(values));
    };
    this.lr = perGroup(config.lrEncoder, config.lrDecoder);
    if (config.weightDecayEncoder !== 0 || config.weightDecayDecoder !== 0) {
      this.decay =
        config.optimizer === 'adamw'
          ? perGroup(1 - config.lrEncoder * config.weightDecayEncoder, 1 - config.lrDecoder * config.weightDecayDecoder)
          : perGroup(config.weightDecayEncoder, config.weightDecayDecoder);
    }
    this.first = vectorVariable(new Float32Array(layout.size));
    if (config.optimizer !== 'sgd') this.second = vectorVariable(new Float32Array(layout.size));
  }

  get steps(): number {
    return this.t;
  }

  /** One update of θ from its gradient (inside the caller's tf.tidy). */
  apply(theta: tf.Variable<tf.Rank.R1>, grad: tf.Tensor1D): void {
    this.t += 1;
    if (this.config.optimizer === 'sgd') this.sgd(theta, grad);
    else this.adam(theta, grad, this.config.optimizer === 'adamw');
  }

  dispose(): void {
    this.first.dispose();
    this.second?.dispose();
    for (const c of this.constants) c.dispose();
  }

  private adam(theta: tf.Variable<tf.Rank.R1>, grad: tf.Tensor1D, decoupled: boolean): void {
    const { beta1, beta2, eps } = this.config;
    let p: tf.Tensor1D = theta;
    let g = grad;
    if (this.decay) {
      if (decoupled) p = tf.mul(p, this.decay);
      else g = tf.add(g, tf.mul(p, this.decay));
    }
    const m: tf.Tensor1D = tf.add(tf.mul(this.first, beta1), tf.mul(g, 1 - beta1));
    const v: tf.Tensor1D = tf.add(tf.mul(this.second!, beta2), tf.mul(tf.square(g), 1 - beta2));
    const stepSize = tf.div(this.lr, 1 - beta1 ** this.t);
    const denom = tf.add(tf.div(tf.sqrt(v), Math.sqrt(1 - beta2 ** this.t)), eps);
    this.first.assign(m);
    this.second!.assign(v);
    theta.assign(tf.sub(p, tf.mul(stepSize, tf.div(m, denom))));
  }

  private sgd(theta: tf.Variable<tf.Rank.R1>, grad: tf.Tensor1D): void {
    let g = grad;
    if (this.decay) g = tf.add(g, tf.mul(theta, this.decay));
    const mu = this.config.momentum;
    if (mu !== 0) {
      g = this.t === 1 ? g : tf.add(tf.mul(this.first, mu), g);
      this.first.assign(g);
    }
    theta.assign(tf.sub(theta, tf.mul(this.lr, g)));
  }

  private keep<T extends tf.Tensor>(t: T): T {
    this.constants.push(t);
    return t;
  }
}
