import fc from 'fast-check';
import { formatAccuracy, formatBigInteger, formatNumber, formatRate, valueAt } from '../../src/pure/format';

describe('formatting', () => {
  it('writes |Aut(G)| in scientific notation from its exact digits', () => {
    // mod 3 on 30 symbols: 10!³·3! = 286708355039232000000
    expect(formatBigInteger('286708355039232000000')).toBe('2.87 × 10²⁰');
    expect(formatBigInteger('1')).toBe('1');
    expect(formatBigInteger('362880')).toBe('362,880');
    expect(formatBigInteger('9995000')).toBe('1.00 × 10⁷');
    expect(formatBigInteger('')).toBe('–');
  });

  it('agrees with the double value to three significant digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1_000_000n, max: 10n ** 40n }), (n) => {
        const [m, e] = formatBigInteger(n.toString()).split(' × 10');
        const exponent = Number([...e].map((c) => '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)).join(''));
        const value = Number(m) * 10 ** exponent;
        return Math.abs(value - Number(n)) / Number(n) <= 0.0051;
      }),
    );
  });

  it('renders missing accuracies as an en dash, not a crash', () => {
    expect(formatAccuracy(null)).toBe('–');
    expect(formatAccuracy(undefined)).toBe('–');
    expect(formatAccuracy(NaN)).toBe('–');
    expect(formatAccuracy(0.91234)).toBe('0.912');
  });

  it('formats numbers, rates and reads config paths', () => {
    expect(formatNumber(0.0064633040701)).toBe('0.00646');
    expect(formatNumber(3.1623e-5)).toBe('3.16e-5');
    expect(formatNumber(1e-3)).toBe('0.001');
    expect(formatRate(null)).toBe('– steps/s');
    expect(formatRate(1234.4)).toBe('1,234 steps/s');
    expect(formatRate(23.456)).toBe('23 steps/s');
    expect(valueAt({ dynamics: { lrEncoder: 0.1 } }, 'dynamics.lrEncoder')).toBe(0.1);
    expect(valueAt({}, 'dynamics.lrEncoder')).toBeNaN();
  });
});
