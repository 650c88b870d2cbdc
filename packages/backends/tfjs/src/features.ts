import * as tf from '@tensorflow/tfjs-core';
import type { DecoderConfig } from '@geneft/core';
import { selector, type SelectorKind } from './selectors';
import { matMul, type OpTuning } from './tuning';

/** The selector matrix of one set of pairs (and its transpose, for backward passes on engines that want it). */
export interface PairSelection {
  /** number of pairs m. */
  readonly size: number;
  readonly matrix: tf.Tensor2D;
  readonly transposed?: tf.Tensor2D;
}

export function disposeSelection(selection: PairSelection): void {
  selection.matrix.dispose();
  selection.transposed?.dispose();
}

/**
 * The decoder's input feature of each pair, in tf ops: the combiner of an MLP or the ideal
 * decoders' fixed feature h. Mirrors core's reference `FeatureMap`; `backward` turns
 * ∂L/∂feature into ∂L/∂E. `forward` and `backward` run inside the caller's tf.tidy.
 */
export interface TfFeatureMap {
  /** columns of the feature matrix. */
  readonly size: number;
  /** Uploads the selector this map needs for `pairs` (with Sᵀ too if `forTraining`). */
  select(pairs: Int32Array, forTraining: boolean): PairSelection;
  /** Features (m × size) and whatever `backward` needs again. */
  forward(embeddings: tf.Tensor2D, pairs: PairSelection): { features: tf.Tensor2D; saved: tf.Tensor[] };
  backward(pairs: PairSelection, saved: tf.Tensor[], gradFeatures: tf.Tensor2D): tf.Tensor2D;
}

export function tfFeatureMap(decoder: DecoderConfig, n: number, dim: number, tuning: OpTuning): TfFeatureMap {
  switch (decoder.kind) {
    case 'mlp':
      return decoder.combine === 'concat' ? concat(n, dim, tuning) : difference(n, dim, decoder.combine === 'sqdiff', tuning);
    case 'ideal-distance':
      return idealDistance(n, decoder.threshold, tuning);
    case 'ideal-order':
      return idealOrder(n, dim, decoder.threshold, tuning);
  }
}

function selectWith(n: number, kind: SelectorKind, tuning: OpTuning) {
  return (pairs: Int32Array, forTraining: boolean): PairSelection => ({
    size: pairs.length,
    matrix: selector(pairs, n, kind),
    transposed: forTraining && !tuning.fastTransposedMatMul ? selector(pairs, n, kind, true) : undefined,
  });
}

/** Sᵀ·g: scatters per-pair gradients back onto the symbols. */
function scatter(tuning: OpTuning, pairs: PairSelection, g: tf.Tensor2D): tf.Tensor2D {
  return pairs.transposed ? tf.matMul(pairs.transposed, g) : matMul(tuning, pairs.matrix, g, true, false);
}

/**
 * [e_x, e_y] in one product: S = [S_x | S_y] (m × 2n) times the block-diagonal [[E, 0], [0, E]]
 * (2n × 2d), which avoids a slow column concat of two m-row matrices.
 */
function concat(n: number, dim: number, tuning: OpTuning): TfFeatureMap {
  return {
    size: 2 * dim,
    select: selectWith(n, 'both', tuning),
    forward(embeddings, pairs) {
      // Built with concats: WASM's pad takes 0.1 ms even on 30 × 2.
      const zero = tf.zeros([n, dim]);
      const blocks = tf.concat([tf.concat([embeddings, zero], 1), tf.concat([zero, embeddings], 1)], 0);
      return { features: tf.matMul(pairs.matrix, blocks), saved: [] };
    },
    backward(pairs, _saved, g) {
      const blocks = scatter(tuning, pairs, g);
      return tf.add(tf.slice(blocks, [0, 0], [n, dim]), tf.slice(blocks, [n, dim], [n, dim]));
    },
  };
}

/** e_x − e_y, or its element-wise square. */
function difference(n: number, dim: number, squared: boolean, tuning: OpTuning): TfFeatureMap {
  return {
    size: dim,
    select: selectWith(n, 'difference', tuning),
    forward(embeddings, pairs) {
      const d: tf.Tensor2D = tf.matMul(pairs.matrix, embeddings);
      return squared ? { features: tf.square(d) as tf.Tensor2D, saved: [d] } : { features: d, saved: [] };
    },
    backward(pairs, saved, g) {
      // ∂(d²)/∂d = 2d, and d = (S_x − S_y)·E, so ∂L/∂E = (S_x − S_y)ᵀ·(g ⊙ 2d).
      return scatter(tuning, pairs, squared ? tf.mul(g, tf.mul(saved[0], 2)) : g);
    },
  };
}

/** h = ReLU(τ − ‖e_x − e_y‖²)/τ. */
function idealDistance(n: number, tau: number, tuning: OpTuning): TfFeatureMap {
  return {
    size: 1,
    select: selectWith(n, 'difference', tuning),
    forward(embeddings, pairs) {
      const d: tf.Tensor2D = tf.matMul(pairs.matrix, embeddings);
      const u = tf.sub(tau, tf.sum(tf.square(d), 1, true));
      return { features: tf.div(tf.relu(u), tau), saved: [d, u] };
    },
    backward(pairs, [d, u], g) {
      // ReLU'(0) = 0 as in PyTorch: tf.step gives 1 only where u > 0.
      return scatter(tuning, pairs, tf.mul(d, tf.mul(tf.mul(g, tf.step(u)), -2 / tau)));
    },
  };
}

/** h = min(ReLU(e_y[0] − e_x[0])/τ, 1). */
function idealOrder(n: number, dim: number, tau: number, tuning: OpTuning): TfFeatureMap {
  return {
    size: 1,
    select: selectWith(n, 'gap', tuning),
    forward(embeddings, pairs) {
      const gap = tf.matMul(pairs.matrix, dim === 1 ? embeddings : tf.slice(embeddings, [0, 0], [n, 1]));
      const q = tf.div(gap, tau);
      return { features: tf.minimum(tf.relu(q), 1), saved: [q] };
    },
    backward(pairs, [q], g) {
      // PyTorch: relu'(0) = 0, and clamp(max = 1) passes the gradient where its input is ≤ 1.
      const pass = tf.mul(tf.step(q), tf.cast(tf.lessEqual(q, 1), 'float32'));
      const g0 = scatter(tuning, pairs, tf.div(tf.mul(g, pass), tau));
      return dim === 1 ? g0 : tf.concat([g0, tf.zeros([n, dim - 1])], 1);
    },
  };
}
