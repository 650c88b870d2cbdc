/**
 * The part of the line y = m·x (through the origin) inside the box [x0, x1] × [y0, y1], as its two
 * end points, or null when it misses the box. Straight lines are drawn from these ends rather than
 * clipped by the renderer: no clip-path ids, and labels can sit at the visible end.
 */
export function lineThroughOriginInBox(
  m: number,
  [x0, x1]: readonly [number, number],
  [y0, y1]: readonly [number, number],
): [[number, number], [number, number]] | null {
  let lo = Math.min(x0, x1);
  let hi = Math.max(x0, x1);
  const ylo = Math.min(y0, y1);
  const yhi = Math.max(y0, y1);
  if (m === 0) {
    if (ylo > 0 || yhi < 0) return null;
  } else {
    const a = ylo / m;
    const b = yhi / m;
    lo = Math.max(lo, Math.min(a, b));
    hi = Math.min(hi, Math.max(a, b));
  }
  if (!(lo < hi)) return null;
  return [
    [lo, m * lo],
    [hi, m * hi],
  ];
}
