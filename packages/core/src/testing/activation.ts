import type { Backend } from '../backend/types';
import { resolveExperiment } from '../config/experiment';
import type { Activation } from '../config/types';
import type { Params } from '../model/params';
import { makeDataset } from '../tasks/dataset';

/**
 * A backend's hidden activation at chosen points, as its kernels compute it. The model is one
 * hidden unit on the concat of two 1-d embeddings: the unit's weights are (1, 0) with bias 0 and
 * the output weight is 1 with bias 0, so the output of pair (p, q) is act(e_p) exactly — no other
 * arithmetic touches the value (1·x and x + 0 are exact). The points are the embeddings, so a
 * float32 backend evaluates act(fround(x)). Points must be finite (0·∞ would be NaN).
 *
 * @example
 * const tanh = await activationValues(await getBackend('native'), 'tanh', [0.5, 3, 9.5]);
 */
export async function activationValues(backend: Backend, activation: Activation, xs: readonly number[]): Promise<Float64Array> {
  if (xs.some((x) => !Number.isFinite(x))) throw new RangeError('activationValues: every point must be finite');
  const out = new Float64Array(xs.length);
  const chunk = 100; // n symbols per trainer: n² predicted pairs
  for (let start = 0; start < xs.length; start += chunk) {
    const part = xs.slice(start, start + chunk);
    const n = Math.max(2, part.length);
    const config = resolveExperiment({
      task: { relation: 'mod', k: 2, n, trainFraction: 0.5 },
      encoder: { dim: 1 },
      decoder: { kind: 'mlp', combine: 'concat', width: 1, depth: 1, activation },
    });
    const embeddings = new Float64Array(n);
    embeddings.set(part);
    const params: Params = {
      n,
      dim: 1,
      embeddings,
      layers: [
        { in: 2, out: 1, weight: Float64Array.from([1, 0]), bias: Float64Array.from([0]) },
        { in: 1, out: 1, weight: Float64Array.from([1]), bias: Float64Array.from([0]) },
      ],
    };
    const trainer = await backend.createTrainer({ config, data: makeDataset(config.task), params });
    try {
      const z = await trainer.predict();
      part.forEach((_, p) => (out[start + p] = z[p * n]));
    } finally {
      trainer.dispose();
    }
  }
  return out;
}

const bits = new Float32Array(1);
const word = new Int32Array(bits.buffer);

/** The float32 bit pattern of x as an integer on a line where adjacent floats differ by 1 (−0 = +0). */
function orderedBits(x: number): number {
  bits[0] = x;
  return word[0] < 0 ? -(word[0] & 0x7fffffff) : word[0];
}

/** Distance between two float32 values in units in the last place (adjacent floats are 1 apart). */
export function float32UlpDistance(a: number, b: number): number {
  return Math.abs(orderedBits(a) - orderedBits(b));
}

/** How a backend's tanh compares with tanh rounded to float32 (see {@link checkTanh}). */
export interface TanhCheck {
  /** largest distance in float32 ulps, and the point where it occurs. */
  maxUlp: number;
  worstAt: number;
  /** points where |tanh| > 1. */
  aboveOne: number;
  /** points where tanh(−x) ≠ −tanh(x) exactly. */
  notOdd: number;
  /**
   * The largest step back, in ulps, between neighbouring points in increasing order (0 when
   * monotone). An approximation within k ulps may wiggle near 1 by up to about k.
   */
  maxDecreaseUlp: number;
}

/**
 * A backend's tanh at xs and −xs against Math.tanh of the float32 point, rounded to float32:
 * accuracy in ulps, the bound |tanh| ≤ 1, odd symmetry and how far it is from monotone.
 */
export async function checkTanh(backend: Backend, xs: readonly number[]): Promise<TanhCheck> {
  const points = [...new Set([...xs, ...xs.map((x) => -x)].map(Math.fround))].sort((a, b) => a - b);
  const values = await activationValues(backend, 'tanh', points);
  const at = new Map(points.map((x, i) => [x, values[i]]));
  const check: TanhCheck = { maxUlp: 0, worstAt: NaN, aboveOne: 0, notOdd: 0, maxDecreaseUlp: 0 };
  points.forEach((x, i) => {
    const ulps = float32UlpDistance(values[i], Math.fround(Math.tanh(x)));
    if (ulps > check.maxUlp) [check.maxUlp, check.worstAt] = [ulps, x];
    if (Math.abs(values[i]) > 1) check.aboveOne++;
    if (at.get(-x) !== -values[i]) check.notOdd++;
    if (i > 0 && values[i] < values[i - 1]) check.maxDecreaseUlp = Math.max(check.maxDecreaseUlp, float32UlpDistance(values[i], values[i - 1]));
  });
  return check;
}
