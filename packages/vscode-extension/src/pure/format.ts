/** How numbers read in panels, tooltips and the tree. VS Code-free, DOM-free. */

/** En dash: the value does not exist (an accuracy on an empty split), as opposed to 0. */
export const MISSING = '–';

/** An accuracy to three decimals, or "–" for null / NaN (a split with no pairs). */
export function formatAccuracy(x: number | null | undefined): string {
  return typeof x === 'number' && Number.isFinite(x) ? x.toFixed(3) : MISSING;
}

/** Three significant digits, without trailing zeros; 1e-3 stays "0.001", 3.2e-5 reads "3.2e-5". */
export function formatNumber(x: number | null | undefined): string {
  if (typeof x !== 'number') return MISSING;
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e6)) return x.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return Number(x.toPrecision(3)).toString();
}

const SUPERSCRIPT: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻' };

/**
 * A non-negative integer given in decimal (a BigInt's digits, e.g. |Aut(G)|) in scientific
 * notation with three significant digits: "286708355039232000000" → "2.87 × 10²⁰". Below
 * a million it is written out with thousands separators.
 */
export function formatBigInteger(digits: string): string {
  const clean = digits.replace(/^0+(?=\d)/, '');
  if (!/^\d+$/.test(clean)) return digits || MISSING;
  if (clean.length <= 6) return Number(clean).toLocaleString('en-US');
  // round to three significant digits on the digit string itself (doubles would round the tail)
  let mantissa = Math.round(Number(`${clean.slice(0, 4)}`) / 10);
  let exponent = clean.length - 1;
  if (mantissa >= 1000) {
    mantissa /= 10;
    exponent += 1;
  }
  const m = (mantissa / 100).toFixed(2);
  const power = String(exponent)
    .split('')
    .map((d) => SUPERSCRIPT[d])
    .join('');
  return `${m} × 10${power}`;
}

/** Training speed: "2,340 steps/s", or "–" before there is a measurement. */
export function formatRate(stepsPerSecond: number | null | undefined): string {
  if (typeof stepsPerSecond !== 'number' || !Number.isFinite(stepsPerSecond)) return `${MISSING} steps/s`;
  const rounded = stepsPerSecond >= 100 ? Math.round(stepsPerSecond) : Number(stepsPerSecond.toPrecision(2));
  return `${rounded.toLocaleString('en-US')} steps/s`;
}

/** The last segment of a config path, as a column or axis name: "dynamics.lrEncoder" → "lrEncoder". */
export function leafOf(path: string): string {
  return path.replace(/^.*\./, '');
}

/** The number at a dotted config path, or NaN. */
export function valueAt(config: Record<string, unknown> | undefined, path: string): number {
  let node: unknown = config;
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
  return typeof node === 'number' ? node : NaN;
}
