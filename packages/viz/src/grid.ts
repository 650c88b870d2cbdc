/** Scale type of a grid axis. */
export type AxisType = 'log' | 'linear';

/** "log" when every value is positive and they span at least a factor 10, else "linear". */
export function autoAxisType(values: readonly number[]): AxisType {
  if (values.length === 0 || values.some((v) => !(v > 0))) return 'linear';
  return Math.max(...values) / Math.min(...values) >= 10 ? 'log' : 'linear';
}

/**
 * The extent of each grid cell along one axis: cells meet halfway between neighbouring grid
 * values (geometric midpoints on a log axis), and the outer cells are as wide as their neighbour,
 * so a regular sweep grid tiles the plane without gaps.
 */
export function cellEdges(values: readonly number[], type: AxisType): Map<number, [number, number]> {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const fwd = type === 'log' ? Math.log : (v: number) => v;
  const inv = type === 'log' ? Math.exp : (v: number) => v;
  const t = sorted.map(fwd);
  const edges = new Map<number, [number, number]>();
  sorted.forEach((v, i) => {
    // a single value gets a cell of one decade (log) or one unit (linear)
    const left = i > 0 ? (t[i] - t[i - 1]) / 2 : i + 1 < t.length ? (t[i + 1] - t[i]) / 2 : type === 'log' ? Math.LN10 / 2 : 0.5;
    const right = i + 1 < t.length ? (t[i + 1] - t[i]) / 2 : left;
    edges.set(v, [inv(t[i] - left), inv(t[i] + right)]);
  });
  return edges;
}
