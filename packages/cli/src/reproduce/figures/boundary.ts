import type { StoredRun } from '@geneft/core/node';
import { generalized } from '../context';

/**
 * The measured boundary of a learning-rate grid between runs that pass `below` (by default:
 * generalized — comprehension or grokking) and the rest, two ways:
 * - `ratio`: the constant η_dec/η_enc that best separates passing runs (below it) from the
 *   others (above), ignoring confusion and divergence; `errors` counts the runs on the wrong side;
 * - `slope`: a least-squares fit of log η_dec* against log η_enc, where η_dec* is the geometric
 *   midpoint between the largest generalizing and the smallest memorizing η_dec of each η_enc
 *   column. The theory predicts slope 1 (a constant ratio).
 */
export function measuredBoundary(
  runs: readonly StoredRun[],
  below: (run: StoredRun) => boolean = generalized,
): { ratio: number | null; errors: number; slope: number | null; columns: number } {
  const labelled = runs
    .filter((r) => r.phase !== 'confusion' && r.phase !== 'diverged')
    .map((r) => ({ enc: r.config.dynamics.lrEncoder, dec: r.config.dynamics.lrDecoder, gen: below(r) }));
  if (labelled.length === 0) return { ratio: null, errors: 0, slope: null, columns: 0 };
  const candidates = [...new Set(labelled.map((r) => r.dec / r.enc))].sort((a, b) => a - b);
  let best = { ratio: null as number | null, errors: Infinity };
  for (let i = 0; i <= candidates.length; i++) {
    const lo = i === 0 ? candidates[0] / 2 : candidates[i - 1];
    const hi = i === candidates.length ? candidates[candidates.length - 1] * 2 : candidates[i];
    const ratio = Math.sqrt(lo * hi);
    const errors = labelled.filter((r) => (r.dec / r.enc < ratio) !== r.gen).length;
    if (errors < best.errors) best = { ratio, errors };
  }
  const columns = new Map<number, typeof labelled>();
  for (const r of labelled) columns.set(r.enc, [...(columns.get(r.enc) ?? []), r]);
  const points: [number, number][] = [];
  for (const [enc, col] of columns) {
    const gen = col.filter((r) => r.gen).map((r) => r.dec);
    const mem = col.filter((r) => !r.gen).map((r) => r.dec);
    if (gen.length === 0 || mem.length === 0) continue;
    const edge = Math.sqrt(Math.max(...gen) * Math.min(...mem));
    points.push([Math.log(enc), Math.log(edge)]);
  }
  let slope: number | null = null;
  if (points.length >= 2) {
    const mx = points.reduce((s, p) => s + p[0], 0) / points.length;
    const my = points.reduce((s, p) => s + p[1], 0) / points.length;
    const sxy = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
    const sxx = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
    slope = sxx > 0 ? sxy / sxx : null;
  }
  return { ratio: best.ratio, errors: best.errors, slope, columns: points.length };
}
