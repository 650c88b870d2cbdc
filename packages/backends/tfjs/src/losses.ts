import * as tf from '@tensorflow/tfjs-core';
import type { LossName } from '@geneft/core';

/**
 * ∂(mean loss)/∂z for outputs z (m × 1) and 0/1 labels y: (σ(z) − y)/m for BCE-with-logits,
 * 2(z − y)/m for MSE. The loss value itself is computed from z in float64 by core's
 * `lossAndGradient`, only when it is reported.
 */
export function lossGradient(kind: LossName, z: tf.Tensor2D, labels: tf.Tensor2D, m: number): tf.Tensor2D {
  if (kind === 'bce') return tf.div(tf.sub(tf.sigmoid(z), labels), m);
  return tf.div(tf.mul(tf.sub(z, labels), 2), m);
}
