import * as tf from '@tensorflow/tfjs-core';
import type { ParamLayout } from '@geneft/core';

/** Views of θ as the model's tensors (call inside tf.tidy). */
export interface ParamTensors {
  /** n × d */
  readonly embeddings: tf.Tensor2D;
  /** out × in each */
  readonly weights: tf.Tensor2D[];
  /** out each */
  readonly biases: tf.Tensor1D[];
}

/**
 * Views of θ, core's packed layout (`paramLayout`), as tensors. One vector means the optimizer
 * runs a dozen ops per step instead of a dozen per tensor, which matters more than the
 * arithmetic at the paper's sizes (tfjs costs 2–6 µs per op).
 */
export function splitParams(theta: tf.Tensor1D, layout: ParamLayout): ParamTensors {
  const part = (start: number, length: number) => tf.slice(theta, [start], [length]);
  return {
    embeddings: tf.reshape(part(0, layout.encoderSize), [layout.n, layout.dim]),
    weights: layout.layers.map((s) => tf.reshape(part(s.weight, s.out * s.in), [s.out, s.in])),
    biases: layout.layers.map((s) => part(s.bias, s.out) as tf.Tensor1D),
  };
}

/** A non-trainable variable holding `values`, with no tensor left behind. */
export function vectorVariable(values: Float32Array): tf.Variable<tf.Rank.R1> {
  const initial = tf.tensor1d(values);
  const variable = tf.variable(initial, false);
  initial.dispose();
  return variable;
}

/** The gradient tensors, in θ's order, as one flat vector. */
export function joinGradients(embeddings: tf.Tensor, weights: tf.Tensor[], biases: tf.Tensor[]): tf.Tensor1D {
  const parts: tf.Tensor[] = [tf.reshape(embeddings, [-1])];
  weights.forEach((w, i) => parts.push(tf.reshape(w, [-1]), tf.reshape(biases[i], [-1])));
  return tf.concat(parts, 0) as tf.Tensor1D;
}
