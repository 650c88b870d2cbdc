import type { IdealDistanceDecoderConfig, IdealOrderDecoderConfig } from '../config/types';
import { denseForward } from './dense';
import type { Decoder, DecoderPass } from './types';

/** Initial value of the ideal decoders' readout: w·h + b with h ∈ [0, 1], so far pairs start at logit −5. */
export const IDEAL_READOUT_INIT = { weight: 10, bias: -5 } as const;

/** The fixed feature h of an ideal decoder and its gradient with respect to the pair's latents. */
interface IdealFeature {
  /** h of the pair in row r of `pairs`. */
  value(pairs: Float64Array, r: number): number;
  /** Writes ∂L/∂(pair r) into gradPairs, given ∂L/∂h = g. */
  backward(pairs: Float64Array, r: number, g: number, gradPairs: Float64Array): void;
}

/** An ideal decoder: its feature h, then the trainable 1 → 1 readout w·h + b. */
function idealDecoder<C extends IdealDistanceDecoderConfig | IdealOrderDecoderConfig>(
  description: string,
  thresholdDescription: string,
  feature: (config: C, dim: number) => IdealFeature,
): Decoder<C> {
  return {
    description,
    options: {
      threshold: { type: 'number', exclusiveMinimum: 0, default: 0.1, description: thresholdDescription },
    },
    layers: () => [[1, 1]],
    init: () => [{ out: 1, in: 1, weight: Float64Array.of(IDEAL_READOUT_INIT.weight), bias: Float64Array.of(IDEAL_READOUT_INIT.bias) }],
    network(config, dim) {
      const h = feature(config, dim);
      return {
        forward(layers, pairs, m): DecoderPass {
          const input = new Float64Array(m);
          for (let r = 0; r < m; r++) input[r] = h.value(pairs, r);
          const pass = denseForward(layers, 'linear', input, m);
          return {
            outputs: pass.outputs,
            backward(gradOutputs, grads, gradPairs) {
              const g = pass.backward(gradOutputs, grads);
              gradPairs.fill(0);
              for (let r = 0; r < m; r++) h.backward(pairs, r, g[r], gradPairs);
            },
          };
        },
      };
    },
  };
}

/** The paper's ideal decoder for equivalences: h = ReLU(τ − ‖e1 − e2‖²)/τ. */
export const idealDistanceDecoder = idealDecoder<IdealDistanceDecoderConfig>(
  "The paper's ideal decoder for equivalences: w·ReLU(τ − ‖e1 − e2‖²)/τ + b.",
  'τ: squared distance under which two latents are one class.',
  ({ threshold: tau }, dim) => {
    const sqDist = (pairs: Float64Array, r: number) => {
      let s = 0;
      for (let k = 0; k < dim; k++) {
        const d = pairs[r * 2 * dim + k] - pairs[r * 2 * dim + dim + k];
        s += d * d;
      }
      return s;
    };
    return {
      value(pairs, r) {
        const u = tau - sqDist(pairs, r);
        return u > 0 ? u / tau : 0;
      },
      backward(pairs, r, g, gradPairs) {
        if (tau - sqDist(pairs, r) <= 0) return;
        for (let k = 0; k < dim; k++) {
          const gd = (g * -2 * (pairs[r * 2 * dim + k] - pairs[r * 2 * dim + dim + k])) / tau;
          gradPairs[r * 2 * dim + k] = gd;
          gradPairs[r * 2 * dim + dim + k] = -gd;
        }
      },
    };
  },
);

/** The paper's ideal decoder for orders: h = min(ReLU(e2[0] − e1[0])/τ, 1). */
export const idealOrderDecoder = idealDecoder<IdealOrderDecoderConfig>(
  "The paper's ideal decoder for orders: w·min(ReLU(e2[0] − e1[0])/τ, 1) + b.",
  'τ: the separation at which the feature saturates.',
  ({ threshold: tau }, dim) => {
    const gap = (pairs: Float64Array, r: number) => pairs[r * 2 * dim + dim] - pairs[r * 2 * dim];
    return {
      value(pairs, r) {
        const d = gap(pairs, r);
        return d > 0 ? Math.min(d / tau, 1) : 0;
      },
      backward(pairs, r, g, gradPairs) {
        const d = gap(pairs, r);
        // PyTorch: relu'(0) = 0; clamp(max=1) passes the gradient where the input is ≤ 1.
        if (!(d > 0 && d / tau <= 1)) return;
        gradPairs[r * 2 * dim] = -g / tau;
        gradPairs[r * 2 * dim + dim] = g / tau;
      },
    };
  },
);
