import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '@geneft/core';
import type { OpTuning } from './tuning';

const INV_SQRT2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** A hidden activation a = f(z) and the backward product g ⊙ f'(z), in tf ops. */
export interface TfActivation {
  forward(z: tf.Tensor2D): tf.Tensor2D;
  /** g ⊙ f'(z), given the pre-activation z and the activation a = f(z). */
  backward(z: tf.Tensor2D, a: tf.Tensor2D, g: tf.Tensor2D): tf.Tensor2D;
}

export function tfActivation(kind: Activation, tuning: OpTuning): TfActivation {
  switch (kind) {
    case 'tanh':
      return {
        forward: (z) => (tuning.tanhViaSigmoid ? tf.sub(tf.mul(tf.sigmoid(tf.mul(z, 2)), 2), 1) : tf.tanh(z)),
        backward: (_z, a, g) => tf.mul(g, tf.sub(1, tf.square(a))),
      };
    case 'relu':
      // tf.step is 1 only where z > 0: PyTorch's ReLU gradient at exactly 0 is 0.
      return {
        forward: (z) => tf.relu(z),
        backward: (z, _a, g) => tf.mul(g, tf.step(z)),
      };
    case 'gelu':
      // Exact GELU (PyTorch's approximate='none'): x·Φ(x), Φ from tf.erf (|error| < 1.5e-7,
      // below float32 resolution of Φ); the derivative Φ(x) + x·φ(x) is written out because
      // tfjs-core registers no gradients without the union package.
      return {
        forward: (z) => tf.mul(z, cdf(z)),
        backward: (z, _a, g) => {
          const density = tf.mul(tf.exp(tf.mul(tf.square(z), -0.5)), INV_SQRT_2PI);
          return tf.mul(g, tf.add(cdf(z), tf.mul(z, density)));
        },
      };
    case 'linear':
      return { forward: (z) => z, backward: (_z, _a, g) => g };
  }
}

function cdf(z: tf.Tensor2D): tf.Tensor2D {
  return tf.mul(tf.add(tf.erf(tf.mul(z, INV_SQRT2)), 1), 0.5);
}
