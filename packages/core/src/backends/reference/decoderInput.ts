import type { DecoderConfig } from '../../config/types';

/**
 * The decoder's input feature for pairs (x, y): the combiner for an MLP, or the ideal decoders'
 * fixed feature h ∈ [0, 1]. `backward` turns ∂L/∂feature into ∂L/∂embeddings.
 */
export interface FeatureMap {
  readonly size: number;
  /** Writes the features of `pairs` (pair indices) into out (rows of `size`). */
  forward(emb: Float64Array, pairs: Int32Array, out: Float64Array): void;
  /** Accumulates ∂L/∂E into gradEmb from ∂L/∂feature (rows of `size`). */
  backward(emb: Float64Array, pairs: Int32Array, gradFeature: Float64Array, gradEmb: Float64Array): void;
}

export function featureMap(decoder: DecoderConfig, n: number, dim: number): FeatureMap {
  switch (decoder.kind) {
    case 'mlp':
      return decoder.combine === 'concat' ? concat(n, dim) : difference(n, dim, decoder.combine === 'sqdiff');
    case 'ideal-distance':
      return idealDistance(n, dim, decoder.threshold);
    case 'ideal-order':
      return idealOrder(n, dim, decoder.threshold);
  }
}

function concat(n: number, dim: number): FeatureMap {
  return {
    size: 2 * dim,
    forward(emb, pairs, out) {
      for (let r = 0; r < pairs.length; r++) {
        const x = Math.floor(pairs[r] / n);
        const y = pairs[r] % n;
        for (let k = 0; k < dim; k++) {
          out[r * 2 * dim + k] = emb[x * dim + k];
          out[r * 2 * dim + dim + k] = emb[y * dim + k];
        }
      }
    },
    backward(_emb, pairs, g, gradEmb) {
      for (let r = 0; r < pairs.length; r++) {
        const x = Math.floor(pairs[r] / n);
        const y = pairs[r] % n;
        for (let k = 0; k < dim; k++) {
          gradEmb[x * dim + k] += g[r * 2 * dim + k];
          gradEmb[y * dim + k] += g[r * 2 * dim + dim + k];
        }
      }
    },
  };
}

/** e1 − e2, or its element-wise square. */
function difference(n: number, dim: number, squared: boolean): FeatureMap {
  return {
    size: dim,
    forward(emb, pairs, out) {
      for (let r = 0; r < pairs.length; r++) {
        const x = Math.floor(pairs[r] / n);
        const y = pairs[r] % n;
        for (let k = 0; k < dim; k++) {
          const d = emb[x * dim + k] - emb[y * dim + k];
          out[r * dim + k] = squared ? d * d : d;
        }
      }
    },
    backward(emb, pairs, g, gradEmb) {
      for (let r = 0; r < pairs.length; r++) {
        const x = Math.floor(pairs[r] / n);
        const y = pairs[r] % n;
        for (let k = 0; k < dim; k++) {
          const local = squared ? 2 * (emb[x * dim + k] - emb[y * dim + k]) : 1;
          const gd = g[r * dim + k] * local;
          gradEmb[x * dim + k] += gd;
          gradEmb[y * dim + k] -= gd;
        }
      }
    },
  };
}

/** h = ReLU(τ − ‖e1 − e2‖²)/τ. */
function idealDistance(n: number, dim: number, tau: number): FeatureMap {
  const sqDist = (emb: Float64Array, x: number, y: number) => {
    let s = 0;
    for (let k = 0; k < dim; k++) {
      const d = emb[x * dim + k] - emb[y * dim + k];
      s += d * d;
    }
    return s;
  };
  return {
    size: 1,
    forward(emb, pairs, out) {
      for (let r = 0; r < pairs.length; r++) {
        const u = tau - sqDist(emb, Math.floor(pairs[r] / n), pairs[r] % n);
        out[r] = u > 0 ? u / tau : 0;
      }
    },
    backward(emb, pairs, g, gradEmb) {
      for (let r = 0; r < pairs.length; r++) {
        const x = Math.floor(pairs[r] / n);
        const y = pairs[r] % n;
        if (tau - sqDist(emb, x, y) <= 0) continue;
        for (let k = 0; k < dim; k++) {
          const gd = (g[r] * -2 * (emb[x * dim + k] - emb[y * dim + k])) / tau;
          gradEmb[x * dim + k] += gd;
          gradEmb[y * dim + k] -= gd;
        }
      }
    },
  };
}

/** h = min(ReLU(e2[0] − e1[0])/τ, 1). */
function idealOrder(n: number, dim: number, tau: number): FeatureMap {
  const gap = (emb: Float64Array, pair: number) => emb[(pair % n) * dim] - emb[Math.floor(pair / n) * dim];
  return {
    size: 1,
    forward(emb, pairs, out) {
      for (let r = 0; r < pairs.length; r++) {
        const d = gap(emb, pairs[r]);
        out[r] = d > 0 ? Math.min(d / tau, 1) : 0;
      }
    },
    backward(emb, pairs, g, gradEmb) {
      for (let r = 0; r < pairs.length; r++) {
        const d = gap(emb, pairs[r]);
        // PyTorch: relu'(0) = 0; clamp(max=1) passes the gradient where the input is ≤ 1.
        if (!(d > 0 && d / tau <= 1)) continue;
        const gd = g[r] / tau;
        gradEmb[(pairs[r] % n) * dim] += gd;
        gradEmb[Math.floor(pairs[r] / n) * dim] -= gd;
      }
    },
  };
}
