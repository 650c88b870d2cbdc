/** Relative difference with an absolute floor, so values near zero compare sensibly. */
export function relativeError(a: number, b: number, floor = 1e-6): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), floor);
}

export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-6): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, relativeError(a[i], b[i], floor));
  return worst;
}

/** Throws, naming `what` and the first entry out of tolerance, unless a and b agree within it. */
export function assertClose(a: ArrayLike<number>, b: ArrayLike<number>, tolerance: number, what: string, floor = 1e-6): void {
  if (a.length !== b.length) throw new Error(`${what}: ${a.length} values vs ${b.length}`);
  const error = maxRelativeError(a, b, floor);
  if (!(error <= tolerance)) {
    const worst = Array.from(a).findIndex((x, i) => !(relativeError(x, b[i], floor) <= tolerance));
    throw new Error(
      `${what}: max relative error ${error.toExponential(2)} exceeds ${tolerance.toExponential(1)}` +
        (worst >= 0 ? ` (first at index ${worst}: ${a[worst]} vs ${b[worst]})` : ''),
    );
  }
}
