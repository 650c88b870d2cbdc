import type { Activation } from '../config/types';
import { erf } from './erf';

const INV_SQRT2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Applies the activation in place and writes its derivative at the pre-activation into `deriv`. */
export function activate(kind: Activation, z: Float64Array, deriv: Float64Array): void {
  switch (kind) {
    case 'tanh':
      for (let i = 0; i < z.length; i++) {
        const t = Math.tanh(z[i]);
        z[i] = t;
        deriv[i] = 1 - t * t;
      }
      return;
    case 'relu':
      // PyTorch's ReLU gradient at exactly 0 is 0.
      for (let i = 0; i < z.length; i++) {
        const positive = z[i] > 0;
        deriv[i] = positive ? 1 : 0;
        if (!positive) z[i] = 0;
      }
      return;
    case 'gelu':
      // Exact GELU (PyTorch's default approximate='none'): x·Φ(x); derivative Φ(x) + x·φ(x).
      for (let i = 0; i < z.length; i++) {
        const x = z[i];
        const cdf = 0.5 * (1 + erf(x * INV_SQRT2));
        z[i] = x * cdf;
        deriv[i] = cdf + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
      }
      return;
    case 'linear':
      deriv.fill(1);
      return;
  }
}
