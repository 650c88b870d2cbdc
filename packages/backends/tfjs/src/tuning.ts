import * as tf from '@tensorflow/tfjs-core';

/**
 * How to phrase a few ops for the engine at hand; the arithmetic is the same either way.
 * Measured on the canonical model's shapes (675 × 50), Node 20:
 * - WASM multiplies transposed operands with a scalar loop, 7× slower than its XNNPACK path
 *   (2.4 ms vs 0.35 ms); an explicit transpose first costs 0.09 ms.
 * - WASM's tanh is scalar (0.77 ms) while its sigmoid is vectorised (0.06 ms).
 */
export interface OpTuning {
  /** matMul with transposeA/transposeB runs at full speed (true for cpu, webgl). Default true. */
  fastTransposedMatMul: boolean;
  /**
   * tanh computed as 2σ(2x) − 1 (absolute error ≈ 1e-7, float32 resolution). Default false.
   */
  tanhViaSigmoid: boolean;
}

export const DEFAULT_TUNING: OpTuning = { fastTransposedMatMul: true, tanhViaSigmoid: false };

/** The tuning that suits a tfjs backend by name (`overrides` win). */
export function tuningFor(tfBackend: string, overrides: Partial<OpTuning> = {}): OpTuning {
  const base = tfBackend === 'wasm' ? { fastTransposedMatMul: false, tanhViaSigmoid: true } : DEFAULT_TUNING;
  return { ...base, ...overrides };
}

/** a·b with optional transposes, phrased for the engine. */
export function matMul(tuning: OpTuning, a: tf.Tensor2D, b: tf.Tensor2D, transposeA = false, transposeB = false): tf.Tensor2D {
  if (tuning.fastTransposedMatMul) return tf.matMul(a, b, transposeA, transposeB);
  return tf.matMul(transposeA ? transpose(a) : a, transposeB ? transpose(b) : b);
}

/** Transpose; a vector (one row or one column) only needs a reshape. */
export function transpose(x: tf.Tensor2D): tf.Tensor2D {
  const [rows, cols] = x.shape;
  return rows === 1 || cols === 1 ? tf.reshape(x, [cols, rows]) : (tf.transpose(x) as tf.Tensor2D);
}

/** x·Wᵀ + b with W in PyTorch layout (out × in). */
export function affine(tuning: OpTuning, x: tf.Tensor2D, weight: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor2D {
  const product = tuning.fastTransposedMatMul
    ? tf.fused.matMul({ a: x, b: weight, transposeB: true, bias })
    : tf.fused.matMul({ a: x, b: transpose(weight), bias });
  return product as tf.Tensor2D;
}
