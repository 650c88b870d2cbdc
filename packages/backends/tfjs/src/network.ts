import * as tf from '@tensorflow/tfjs-core';
import type { ExperimentConfig, ParamLayout } from '@geneft/core';
import { tfActivation, type TfActivation } from './activations';
import { tfFeatureMap, type PairSelection, type TfFeatureMap } from './features';
import { joinGradients, splitParams } from './layout';
import { lossGradient } from './losses';
import { affine, matMul, type OpTuning } from './tuning';

/** Tensors a network keeps for one set of training pairs. */
export interface TrainingBatch {
  readonly pairs: PairSelection;
  /** 0/1 labels, m × 1. */
  readonly labels: tf.Tensor2D;
  /** ones, 1 × m: bias gradients are 1ᵀ·Δ (a row sum as a fast matMul). */
  readonly ones: tf.Tensor2D;
}

/**
 * The model's forward and backward pass in tf ops, on the flat parameter vector θ:
 * features X → hidden H_1..H_L → one output per pair. Backpropagation is written by hand, like
 * core's reference network, rather than taken from tf.grad: tfjs-core alone registers no
 * gradients, WASM lacks the gather gradient, and the hand-written pass needs fewer ops.
 * `outputs` and `gradient` run inside the caller's tf.tidy.
 */
export class TfjsNetwork {
  readonly features: TfFeatureMap;
  private readonly activation: TfActivation;

  constructor(
    private readonly config: ExperimentConfig,
    private readonly layout: ParamLayout,
    private readonly tuning: OpTuning,
  ) {
    this.features = tfFeatureMap(config.decoder, layout.n, layout.dim, tuning);
    this.activation = tfActivation(config.decoder.kind === 'mlp' ? config.decoder.activation : 'linear', tuning);
  }

  /** Uploads what training on `pairs` needs. */
  batch(pairs: Int32Array, labels: Uint8Array): TrainingBatch {
    const m = pairs.length;
    return {
      pairs: this.features.select(pairs, true),
      labels: tf.tensor2d(Float32Array.from(pairs, (p) => labels[p]), [m, 1]),
      ones: tf.ones([1, m]),
    };
  }

  /** Decoder outputs (m × 1) of the selected pairs. */
  outputs(theta: tf.Tensor1D, pairs: PairSelection): tf.Tensor2D {
    const p = splitParams(theta, this.layout);
    let h = this.features.forward(p.embeddings, pairs).features;
    const last = p.weights.length - 1;
    for (let l = 0; l <= last; l++) {
      const z = affine(this.tuning, h, p.weights[l], p.biases[l]);
      h = l < last ? this.activation.forward(z) : z;
    }
    return h;
  }

  /**
   * The gradient of the mean loss over the batch as one vector in θ's layout, and the outputs
   * z (m × 1) it was computed at.
   */
  gradient(theta: tf.Tensor1D, batch: TrainingBatch): { grad: tf.Tensor1D; outputs: tf.Tensor2D } {
    const p = splitParams(theta, this.layout);
    const { features, saved } = this.features.forward(p.embeddings, batch.pairs);
    const last = p.weights.length - 1;
    const inputs: tf.Tensor2D[] = [features];
    const pre: tf.Tensor2D[] = [];
    let h = features;
    for (let l = 0; l <= last; l++) {
      const z = affine(this.tuning, h, p.weights[l], p.biases[l]);
      pre.push(z);
      h = l < last ? this.activation.forward(z) : z;
      inputs.push(h);
    }
    const outputs = h;

    const gradWeights: tf.Tensor2D[] = new Array(last + 1);
    const gradBiases: tf.Tensor2D[] = new Array(last + 1);
    let delta = lossGradient(this.config.dynamics.loss, outputs, batch.labels, batch.pairs.size);
    for (let l = last; l >= 0; l--) {
      // ∂L/∂W = Δᵀ·H (out × in), ∂L/∂b = 1ᵀ·Δ, ∂L/∂H = Δ·W.
      gradWeights[l] = matMul(this.tuning, delta, inputs[l], true, false);
      gradBiases[l] = tf.matMul(batch.ones, delta);
      const back = matMul(this.tuning, delta, p.weights[l]);
      delta = l > 0 ? this.activation.backward(pre[l - 1], inputs[l], back) : back;
    }
    const gradEmbeddings = this.features.backward(batch.pairs, saved, delta);
    return { grad: joinGradients(gradEmbeddings, gradWeights, gradBiases), outputs };
  }
}
