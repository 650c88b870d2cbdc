import * as tf from '@tensorflow/tfjs-core';

/**
 * Which symbol(s) of each pair a selector row picks: the first (x), the second (y), both side
 * by side (a 2n-wide row with 1 at x and at n + y), x − y (+1 at x, −1 at y, all zero when
 * x = y) or the gap y − x.
 */
export type SelectorKind = 'first' | 'second' | 'both' | 'difference' | 'gap';

/**
 * The one-hot matrix S (m × n, or m × 2n for "both") with S·E = the chosen latents of m pairs,
 * and optionally Sᵀ. Embedding lookups are matrix products so every tfjs backend runs them:
 * WASM has no kernel for the gradient of `gather` (UnsortedSegmentSum), and Sᵀ·G is that gradient.
 */
export function selector(pairs: Int32Array, n: number, kind: SelectorKind, transposed = false): tf.Tensor2D {
  const m = pairs.length;
  const width = kind === 'both' ? 2 * n : n;
  const values = new Float32Array(m * width);
  const put = (r: number, c: number, v: number) => {
    values[transposed ? c * m + r : r * width + c] = v;
  };
  for (let r = 0; r < m; r++) {
    const x = Math.floor(pairs[r] / n);
    const y = pairs[r] % n;
    if (kind === 'first') put(r, x, 1);
    else if (kind === 'second') put(r, y, 1);
    else if (kind === 'both') {
      put(r, x, 1);
      put(r, n + y, 1);
    } else if (x !== y) {
      const sign = kind === 'difference' ? 1 : -1;
      put(r, x, sign);
      put(r, y, -sign);
    }
  }
  return transposed ? tf.tensor2d(values, [width, m]) : tf.tensor2d(values, [m, width]);
}
