/** Exact integer helpers on BigInt and an overflow-free log₂. */

const factorials: bigint[] = [1n];

/** n! exactly (cached). */
export function factorial(n: number): bigint {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`factorial needs a non-negative integer, got ${n}`);
  for (let k = factorials.length; k <= n; k++) factorials.push(factorials[k - 1] * BigInt(k));
  return factorials[n];
}

/** C(n, k) exactly; 0 outside 0 ≤ k ≤ n. */
export function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  return factorial(n) / (factorial(k) * factorial(n - k));
}

/**
 * log₂ of a positive BigInt without converting it to a double (which overflows past 2¹⁰²⁴):
 * the bit length L gives the exponent, the leading 53 bits the mantissa. Exact to double
 * precision for any size.
 */
export function log2BigInt(x: bigint): number {
  if (x <= 0n) throw new RangeError(`log2 of a non-positive number: ${x}`);
  const bits = x.toString(2).length;
  if (bits <= 53) return Math.log2(Number(x));
  const shift = bits - 53;
  return Math.log2(Number(x >> BigInt(shift))) + shift;
}

/** log₂ n! (via the exact factorial; fine for the n this package handles, n ≤ a few thousand). */
export function log2Factorial(n: number): number {
  return log2BigInt(factorial(n));
}
