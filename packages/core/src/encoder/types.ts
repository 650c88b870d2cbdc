import type { EncoderConfig } from '../config/types';
import type { Prng } from '../random/prng';

/**
 * The encoder: maps each of the n symbols to its latent vector (its "repon"), e_x ∈ ℝᵈ. The
 * trainable state is the n × d table of latents (`Params.embeddings`); the encoder says how it
 * starts and how a batch of pairs reads it, and takes the decoder's gradient back.
 */
export interface Encoder {
  /** Initial latents, n × d row-major; `random(label)` is a stream derived from the run's seed. */
  init(n: number, dim: number, config: EncoderConfig, random: (label: string) => Prng): Float64Array;
  /** The pair features of `pairs` (pair p = (⌊p/n⌋, p mod n)): row r is [e_x | e_y], 2d numbers. */
  pairFeatures(latents: Float64Array, n: number, dim: number, pairs: Int32Array): Float64Array;
  /** Writes ∂L/∂latents from ∂L/∂(pair features) (rows of 2d), summing over the pairs in order. */
  backward(gradPairs: Float64Array, n: number, dim: number, pairs: Int32Array, gradLatents: Float64Array): void;
}
