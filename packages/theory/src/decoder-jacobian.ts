import { decoderOf, type ExperimentConfig, type Layer, type Params } from '@geneft/core';

/** A decoder output and its gradient with respect to both latents. */
export interface DecoderJacobian {
  /** the output (a logit for bce). */
  value: number;
  /** ∂D(u, v)/∂u, length d. */
  du: Float64Array;
  /** ∂D(u, v)/∂v, length d. */
  dv: Float64Array;
}

/**
 * One forward and one backward pass of the kind's own float64 network (core's `Decoder`, what the
 * reference backend trains) at the pair (u, v): D(u, v), its gradient with respect to the
 * concatenated latents and with respect to every layer's weights and biases.
 */
function decoderPass(config: ExperimentConfig, layers: readonly Layer[], u: ArrayLike<number>, v: ArrayLike<number>) {
  const d = config.encoder.dim;
  const { decoder, options } = decoderOf(config.decoder);
  const pair = new Float64Array(2 * d);
  for (let k = 0; k < d; k++) {
    pair[k] = u[k];
    pair[d + k] = v[k];
  }
  const pass = decoder.network(options, d).forward(layers, pair, 1);
  const grads = { weights: layers.map((l) => new Float64Array(l.weight.length)), biases: layers.map((l) => new Float64Array(l.bias.length)) };
  const gradPair = new Float64Array(2 * d);
  pass.backward(Float64Array.of(1), grads, gradPair);
  return { value: pass.outputs[0], gradPair, grads };
}

/**
 * D(u, v) and its gradients for any registered decoder kind, by one forward and one backward
 * pass of the kind's own network, so gradient conventions at kinks are core's: relu'(0) = 0,
 * the ideal-order clamp passes the gradient where its input is ≤ 1.
 */
export function decoderJacobian(config: ExperimentConfig, layers: readonly Layer[], u: ArrayLike<number>, v: ArrayLike<number>): DecoderJacobian {
  const d = config.encoder.dim;
  const { value, gradPair } = decoderPass(config, layers, u, v);
  return { value, du: gradPair.slice(0, d), dv: gradPair.slice(d) };
}

/** Number of decoder parameters, packed layer by layer as weight (out×in, row-major) then bias. */
export function decoderParamCount(layers: readonly Layer[]): number {
  return layers.reduce((s, l) => s + l.weight.length + l.bias.length, 0);
}

/**
 * ∂D(u, v)/∂θ for every decoder parameter θ, packed layer by layer as weight (out×in,
 * row-major, PyTorch's layout) then bias: one forward and one backward pass of the kind's own
 * network, as in `decoderJacobian`.
 */
export function decoderParamGradient(config: ExperimentConfig, layers: readonly Layer[], u: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
  const { grads } = decoderPass(config, layers, u, v);
  const packed = new Float64Array(decoderParamCount(layers));
  let o = 0;
  for (let l = 0; l < layers.length; l++) {
    packed.set(grads.weights[l], o);
    o += grads.weights[l].length;
    packed.set(grads.biases[l], o);
    o += grads.biases[l].length;
  }
  return packed;
}

/**
 * ∂a/∂θ, where a = ∂D(u, v)/∂w_k is one entry of the decoder's Jacobian with respect to one
 * latent w (the first, u, when `argument` is 0; the second, v, when 1) — the spring
 * constant's entry along axis k — for every decoder parameter θ: the central difference of
 * `decoderParamGradient` along w_k (∂²D/∂w_k∂θ is symmetric, so this is the derivative of the
 * Jacobian entry with respect to θ). Step h = 1e-5·max(1, |w_k|): the truncation error h²·∂³
 * is ~1e-10 relative for smooth activations.
 */
export function jacobianParamGradient(config: ExperimentConfig, layers: readonly Layer[], u: ArrayLike<number>, v: ArrayLike<number>, k: number, argument: 0 | 1 = 0): Float64Array {
  const moved = argument === 0 ? u : v;
  const h = 1e-5 * Math.max(1, Math.abs(moved[k]));
  const up = Float64Array.from(moved);
  const down = Float64Array.from(moved);
  up[k] += h;
  down[k] -= h;
  const plus = argument === 0 ? decoderParamGradient(config, layers, up, v) : decoderParamGradient(config, layers, u, up);
  const minus = argument === 0 ? decoderParamGradient(config, layers, down, v) : decoderParamGradient(config, layers, u, down);
  for (let i = 0; i < plus.length; i++) plus[i] = (plus[i] - minus[i]) / (2 * h);
  return plus;
}

/**
 * The decoder linearised around the repons' centroid, as the effective theory's linear map
 * D(x) ≈ A x + b from one repon's latent to its 2n outputs: row q (0 ≤ q < n) is the output
 * for the pair (repon, q) — the repon as first argument, partner q at its current latent —
 * and row n + p the output for the pair (p, repon). A[row] = ∂D/∂(repon's latent) at the
 * centroid x̄ of `params.embeddings`, b[row] = D(x̄) − A[row]·x̄, so A x̄ + b reproduces the
 * decoder exactly at the centroid and to first order around it.
 */
export function linearizeDecoder(config: ExperimentConfig, params: Params): { A: Float64Array; b: Float64Array; center: Float64Array } {
  const { n, dim, embeddings, layers } = params;
  const center = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) center[k] += embeddings[i * dim + k] / n;
  const outputs = 2 * n;
  const A = new Float64Array(outputs * dim);
  const b = new Float64Array(outputs);
  for (let q = 0; q < n; q++) {
    const partner = embeddings.subarray(q * dim, (q + 1) * dim);
    const first = decoderJacobian(config, layers, center, partner);
    const second = decoderJacobian(config, layers, partner, center);
    let dot1 = 0;
    let dot2 = 0;
    for (let k = 0; k < dim; k++) {
      A[q * dim + k] = first.du[k];
      A[(n + q) * dim + k] = second.dv[k];
      dot1 += first.du[k] * center[k];
      dot2 += second.dv[k] * center[k];
    }
    b[q] = first.value - dot1;
    b[n + q] = second.value - dot2;
  }
  return { A, b, center };
}
