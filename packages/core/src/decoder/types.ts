import type { JsonSchema } from '../config/jsonSchema';
import type { Layer } from '../model/params';
import type { Prng } from '../random/prng';

/** A resolved `decoder` block: its `kind` and the kind's own options, defaults filled. */
export interface DecoderOptions {
  readonly kind: string;
  readonly [option: string]: unknown;
}

/** Gradients of a decoder's layers, shaped like its `Layer`s. */
export interface LayerGradients {
  readonly weights: Float64Array[];
  readonly biases: Float64Array[];
}

/**
 * One forward pass of a decoder over m pairs, kept for its backward pass. The pair features are
 * the two latents of each pair side by side: row r of `pairs` is [e_x (d) | e_y (d)].
 */
export interface DecoderPass {
  /** one output per pair (a logit for bce). */
  readonly outputs: Float64Array;
  /**
   * Back-propagates ∂L/∂outputs (length m): writes (does not add) ∂L/∂weights and ∂L/∂biases
   * into `grads`, and ∂L/∂pairs (m rows of 2d) into `gradPairs`.
   */
  backward(gradOutputs: Float64Array, grads: LayerGradients, gradPairs: Float64Array): void;
}

/** A decoder's float64 computation, as the reference backend (the oracle) runs it. */
export interface DecoderNetwork {
  forward(layers: readonly Layer[], pairs: Float64Array, m: number): DecoderPass;
}

/**
 * A decoder kind: what maps a pair of latents (e_x, e_y) to one output. Core's `mlp`,
 * `ideal-distance` and `ideal-order` are Decoders; a plugin adds one with `registerDecoder`.
 *
 * Parameters are a list of affine layers (weight out × in in PyTorch layout, bias out), so
 * params.json, the packed layout and every optimizer handle a new kind unchanged; a kind that
 * needs another tensor shape flattens it into a layer (a d×d bilinear form is one 1 × d² layer).
 *
 * `C` is the kind's options type; configs reach the decoder already validated against `options`.
 *
 * @example
 * registerDecoder('bilinear', {
 *   description: 'e_x^T W e_y + b',
 *   options: {},
 *   layers: (_c, dim) => [[dim * dim, 1]],
 *   init: (_c, dim, random) => [...],
 *   network: (_c, dim) => ({ forward(layers, pairs, m) { ... } }),
 * });
 */
export interface Decoder<C extends { readonly kind: string } = DecoderOptions> {
  /** one line, shown in the experiment schema and by `geneft backends`. */
  readonly description: string;
  /** JSON Schema of each option besides `kind`, with its default; unknown options are refused. */
  readonly options: Readonly<Record<string, JsonSchema>>;
  /** [in, out] of each parameter layer for latents of dimension `dim`. */
  layers(config: C, dim: number): [number, number][];
  /**
   * Initial layers (of the shapes `layers` gives). `random(label)` is a stream derived from the
   * run's seed and the label, the same in every process and backend.
   */
  init(config: C, dim: number, random: (label: string) => Prng): Layer[];
  /** The float64 forward and backward pass over pair features. */
  network(config: C, dim: number): DecoderNetwork;
  /** Checks a resolved config beyond the schema; throws a GenEftInputError at a JSON path. */
  check?(config: C, dim: number): void;
}
