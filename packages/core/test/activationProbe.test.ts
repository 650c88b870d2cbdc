import { referenceBackend } from '../src/backends/reference/backend';
import { activationValues, checkTanh, float32UlpDistance } from '../src/testing';

describe('activation probe (core/testing)', () => {
  it('reads the activation itself: the reference backend gives Math.tanh and relu exactly', async () => {
    const xs = [-7.5, -1, -1e-3, 0, 2e-9, 0.5, 3, 12];
    expect(Array.from(await activationValues(referenceBackend(), 'tanh', xs))).toEqual(xs.map(Math.tanh));
    expect(Array.from(await activationValues(referenceBackend(), 'relu', xs))).toEqual(xs.map((x) => Math.max(0, x)));
  });

  it('works in chunks past 100 points, in order', async () => {
    const xs = Array.from({ length: 250 }, (_, i) => (i - 125) / 10);
    expect(Array.from(await activationValues(referenceBackend(), 'linear', xs))).toEqual(xs);
  });

  it('refuses points that are not finite', async () => {
    await expect(activationValues(referenceBackend(), 'tanh', [1, Infinity])).rejects.toThrow(/finite/);
  });

  it('measures float32 ulps across zero and between binades', () => {
    const one = Math.fround(1);
    const below = new Float32Array(new Int32Array([0x3f7fffff]).buffer)[0]; // largest float32 < 1
    expect(float32UlpDistance(one, below)).toBe(1);
    expect(float32UlpDistance(0, -0)).toBe(0);
    const tiny = new Float32Array(new Int32Array([1]).buffer)[0]; // smallest positive subnormal
    expect(float32UlpDistance(tiny, -tiny)).toBe(2);
    expect(float32UlpDistance(2, 4)).toBe(1 << 23);
  });

  it('checkTanh of the float64 reference: within one float32 rounding, odd, bounded, monotone', async () => {
    const check = await checkTanh(referenceBackend(), Array.from({ length: 300 }, (_, i) => i / 20));
    expect(check).toMatchObject({ aboveOne: 0, notOdd: 0, maxDecreaseUlp: 0 });
    expect(check.maxUlp).toBeLessThanOrEqual(1);
  });
});
