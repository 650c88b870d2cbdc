/** How the spread of repeated measurements (seeds) is shown. */
export type Spread = 'sd' | 'sem' | 'minmax' | 'none';

export interface Summary {
  mean: number;
  /** lower and upper ends of the error bar. */
  lo: number;
  hi: number;
  n: number;
}

/** Mean and spread of the finite values (NaN summary when there are none). */
export function summarize(values: readonly number[], spread: Spread): Summary {
  const xs = values.filter(Number.isFinite);
  const n = xs.length;
  if (n === 0) return { mean: NaN, lo: NaN, hi: NaN, n };
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  if (spread === 'minmax') return { mean, lo: Math.min(...xs), hi: Math.max(...xs), n };
  if (spread === 'none' || n < 2) return { mean, lo: mean, hi: mean, n };
  // sample standard deviation (n − 1), the usual error bar over seeds
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = spread === 'sem' ? sd / Math.sqrt(n) : sd;
  return { mean, lo: mean - half, hi: mean + half, n };
}

/**
 * Groups rows by a key and summarises one value per group, keeping the first row of each group
 * (for its labels) and the groups in order of first appearance.
 */
export function summarizeBy<T>(
  rows: readonly T[],
  key: (row: T) => string,
  value: (row: T) => number,
  spread: Spread,
): (Summary & { first: T })[] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return [...groups.values()].map((group) => ({ ...summarize(group.map(value), spread), first: group[0] }));
}

/**
 * Wilson score interval for k successes in n trials: unlike the normal approximation it stays
 * inside [0, 1] and is not zero-width at k = 0 or k = n, which small seed counts hit often.
 */
export function wilsonInterval(k: number, n: number, z = 1.96): [number, number] {
  if (n <= 0) return [NaN, NaN];
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
