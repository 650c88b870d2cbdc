import * as tf from '@tensorflow/tfjs-core';
import type { Layer, Params, ParamsShape } from '@geneft/core';

/** Where one decoder layer lives in the flat parameter vector. */
export interface LayerSlot {
  readonly in: number;
  readonly out: number;
  /** offset of the out × in weight (PyTorch layout, row-major). */
  readonly weight: number;
  /** offset of the out-long bias. */
  readonly bias: number;
}

/**
 * All parameters of a model in one float32 vector θ = [E (n×d) | W₀ | b₀ | W₁ | b₁ | …].
 * One vector means the optimizer runs a dozen ops per step instead of a dozen per tensor,
 * which matters more than the arithmetic at the paper's sizes (tfjs costs 2–6 µs per op).
 */
export interface FlatLayout {
  readonly n: number;
  readonly dim: number;
  readonly layers: readonly LayerSlot[];
  /** length of the encoder block (n·d); the decoder follows it. */
  readonly encoderSize: number;
  readonly size: number;
}

export function flatLayout(shape: ParamsShape): FlatLayout {
  const encoderSize = shape.n * shape.dim;
  let offset = encoderSize;
  const layers = shape.layers.map(([fanIn, out]) => {
    const slot = { in: fanIn, out, weight: offset, bias: offset + out * fanIn };
    offset = slot.bias + out;
    return slot;
  });
  return { n: shape.n, dim: shape.dim, layers, encoderSize, size: offset };
}

export function layoutShape(layout: FlatLayout): ParamsShape {
  return { n: layout.n, dim: layout.dim, layers: layout.layers.map((s) => [s.in, s.out]) };
}

export function packParams(params: Params, layout: FlatLayout): Float32Array {
  const flat = new Float32Array(layout.size);
  flat.set(params.embeddings, 0);
  params.layers.forEach((l, i) => {
    flat.set(l.weight, layout.layers[i].weight);
    flat.set(l.bias, layout.layers[i].bias);
  });
  return flat;
}

export function unpackParams(flat: ArrayLike<number>, layout: FlatLayout): Params {
  const take = (start: number, length: number) => {
    const out = new Float64Array(length);
    for (let i = 0; i < length; i++) out[i] = flat[start + i];
    return out;
  };
  const layers: Layer[] = layout.layers.map((s) => ({
    in: s.in,
    out: s.out,
    weight: take(s.weight, s.out * s.in),
    bias: take(s.bias, s.out),
  }));
  return { n: layout.n, dim: layout.dim, embeddings: take(0, layout.encoderSize), layers };
}

/** Views of θ as the model's tensors (call inside tf.tidy). */
export interface ParamTensors {
  /** n × d */
  readonly embeddings: tf.Tensor2D;
  /** out × in each */
  readonly weights: tf.Tensor2D[];
  /** out each */
  readonly biases: tf.Tensor1D[];
}

export function splitParams(theta: tf.Tensor1D, layout: FlatLayout): ParamTensors {
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
