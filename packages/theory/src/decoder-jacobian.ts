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
 * D(u, v) and its gradients for any registered decoder kind, by one forward and one backward
 * pass of the kind's own float64 network (core's `Decoder`, what the reference backend trains),
 * so gradient conventions at kinks are core's: relu'(0) = 0, the ideal-order clamp passes the
 * gradient where its input is ≤ 1.
 */
export function decoderJacobian(config: ExperimentConfig, layers: readonly Layer[], u: ArrayLike<number>, v: ArrayLike<number>): DecoderJacobian {
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
  return { value: pass.outputs[0], du: gradPair.slice(0, d), dv: gradPair.slice(d) };
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
