/**
 * erf(x) to full double precision, needed because GELU must match PyTorch's exact (erf) form to
 * 1e-9 over a training run. Uses the all-positive series
 *   erf(x) = (2/√π)·e^{−x²}·Σ_{k≥0} 2^k x^{2k+1} / (1·3·…·(2k+1)),
 * which has no cancellation; beyond |x| = 6, erf is ±1 to double precision.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax >= 6) return Math.sign(x);
  const x2 = ax * ax;
  let term = ax;
  let sum = ax;
  for (let k = 1; k < 200; k++) {
    term *= (2 * x2) / (2 * k + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  const value = (2 / Math.sqrt(Math.PI)) * Math.exp(-x2) * sum;
  return x < 0 ? -value : value;
}
