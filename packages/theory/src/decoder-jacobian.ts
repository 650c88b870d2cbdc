import { activate, type ExperimentConfig, type Layer, type Params } from '@geneft/core';

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
 * D(u, v) and its gradients for core's decoders (the same feature maps, activations and
 * PyTorch-layout layers as core's reference network), by one forward and one backward pass.
 * Gradient conventions at kinks follow core: relu'(0) = 0, the ideal-order clamp passes the
 * gradient where its input is ≤ 1.
 */
export function decoderJacobian(config: ExperimentConfig, layers: readonly Layer[], u: ArrayLike<number>, v: ArrayLike<number>): DecoderJacobian {
  const d = config.encoder.dim;
  const dec = config.decoder;
  const du = new Float64Array(d);
  const dv = new Float64Array(d);
  if (dec.kind !== 'mlp') {
    const w = layers[0].weight[0];
    const bias = layers[0].bias[0];
    const tau = dec.threshold;
    if (dec.kind === 'ideal-distance') {
      let sq = 0;
      for (let k = 0; k < d; k++) sq += (u[k] - v[k]) ** 2;
      const inside = tau - sq > 0;
      const h = inside ? (tau - sq) / tau : 0;
      if (inside) {
        for (let k = 0; k < d; k++) {
          du[k] = (w * -2 * (u[k] - v[k])) / tau;
          dv[k] = -du[k];
        }
      }
      return { value: w * h + bias, du, dv };
    }
    const gap = v[0] - u[0];
    const h = gap > 0 ? Math.min(gap / tau, 1) : 0;
    if (gap > 0 && gap / tau <= 1) {
      du[0] = -w / tau;
      dv[0] = w / tau;
    }
    return { value: w * h + bias, du, dv };
  }

  const input = new Float64Array(dec.combine === 'concat' ? 2 * d : d);
  for (let k = 0; k < d; k++) {
    if (dec.combine === 'concat') {
      input[k] = u[k];
      input[d + k] = v[k];
    } else {
      const diff = u[k] - v[k];
      input[k] = dec.combine === 'sqdiff' ? diff * diff : diff;
    }
  }
  const activations: Float64Array[] = [input];
  const derivatives: Float64Array[] = [];
  for (let l = 0; l < layers.length; l++) {
    const { out, in: fanIn, weight, bias } = layers[l];
    const x = activations[l];
    const z = new Float64Array(out);
    for (let o = 0; o < out; o++) {
      let s = bias[o];
      for (let i = 0; i < fanIn; i++) s += weight[o * fanIn + i] * x[i];
      z[o] = s;
    }
    if (l < layers.length - 1) {
      const deriv = new Float64Array(out);
      activate(dec.activation, z, deriv);
      derivatives.push(deriv);
    }
    activations.push(z);
  }
  let delta = Float64Array.of(1);
  for (let l = layers.length - 1; l >= 0; l--) {
    const { out, in: fanIn, weight } = layers[l];
    const back = new Float64Array(fanIn);
    for (let o = 0; o < out; o++) for (let i = 0; i < fanIn; i++) back[i] += delta[o] * weight[o * fanIn + i];
    if (l > 0) for (let i = 0; i < fanIn; i++) back[i] *= derivatives[l - 1][i];
    delta = back;
  }
  for (let k = 0; k < d; k++) {
    if (dec.combine === 'concat') {
      du[k] = delta[k];
      dv[k] = delta[d + k];
    } else {
      const local = dec.combine === 'sqdiff' ? 2 * (u[k] - v[k]) : 1;
      du[k] = delta[k] * local;
      dv[k] = -delta[k] * local;
    }
  }
  return { value: activations[layers.length][0], du, dv };
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
